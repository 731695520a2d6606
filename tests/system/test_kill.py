"""The loader killed with SIGKILL: the database opens and holds either the state before the load or
the state after it, the manifest never names a load the database lacks, the next load works, and
`python -m etl rebuild` gives back exactly the published database."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import duckdb

from database.db import cursor
from database.store import published_file, version_dir
from etl.loading.archive import Archive, history_entries, history_tail
from etl.loading.batch import ACCEPTED_SUFFIXES, load_files
from tests.support import ROOT
from tests.support.cli import etl
from tests.support.loads import UNITS, history, manifest, snapshot, unit_set

ITERATIONS = 10  # random moments; the narrow windows around publishing are hit on purpose below
SEED = 20250708


def data_state(cfg) -> dict[str, list[tuple]]:
    """The data tables, load times left out: what a load of one set makes of them."""
    queries = {"submissions": "SELECT * EXCLUDE (loaded_at) FROM submissions", "cells": "SELECT * FROM cells",
               "member_figures": "SELECT * FROM member_figures", "cadres": "SELECT * FROM cadres"}
    with duckdb.connect(str(published_file(cfg)), read_only=True) as con:
        return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in queries.items()}


def assert_rebuild_reproduces(cfg) -> None:
    published = snapshot(cfg)
    rebuilt = etl("rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr[-2000:]
    assert snapshot(cfg) == published
    assert manifest(cfg) == history(cfg)


def test_sigkill_at_random_points_leaves_before_or_after(empty_env, tmp_path):
    cfg = empty_env
    load_files([(p.name, p.read_bytes()) for p in unit_set(tmp_path / "base", "Gốc", ("Phổ Hòa", "Phổ Châu")).iterdir()],
               cfg)
    sets = {"A": unit_set(tmp_path / "A", "Người lập A"), "B": unit_set(tmp_path / "B", "Người lập B")}
    started = time.monotonic()  # a reference run, never killed: the state after it and how long it takes
    assert etl("load", str(sets["A"]), "--quiet").returncode == 0
    run = time.monotonic() - started
    states = {"A": data_state(cfg)}
    load_files([(p.name, p.read_bytes()) for p in sets["B"].iterdir()], cfg)
    states["B"] = data_state(cfg)
    assert states["A"] != states["B"]
    chance, current, landed = random.Random(SEED), "B", 0
    for iteration in range(ITERATIONS):
        target = "A" if current == "B" else "B"
        loads_before = len(history(cfg))
        process = subprocess.Popen([sys.executable, "-m", "etl", "load", str(sets[target]), "--quiet"], cwd=ROOT,
                                   env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.05, run))  # from start-up to exit
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        assert cursor(cfg).execute("SELECT count(*) FROM submissions").fetchone()[0] == 2 + len(UNITS)
        state = data_state(cfg)
        assert state in (states[current], states[target]), f"iteration {iteration}: half a load"
        if state == states[target]:
            current, landed = target, landed + 1
            assert len(history(cfg)) == loads_before + len(UNITS)
        else:
            assert len(history(cfg)) == loads_before
        written = manifest(cfg)
        assert written == history(cfg)[: len(written)], "the manifest names a load the database lacks"
    print(f"{ITERATIONS} kills: {landed} after the load had published, {ITERATIONS - landed} before; "
          f"a full run takes {run:.1f} s")
    again = "A" if current == "B" else "B"
    assert etl("load", str(sets[again]), "--quiet").returncode == 0  # the lock and stale copies are no obstacle
    assert data_state(cfg) == states[again]
    assert list(version_dir(cfg).glob("*.partial*")) == []
    assert manifest(cfg) == history(cfg)
    assert_rebuild_reproduces(cfg)  # after all the kills, the archive alone gives back this database


DIE_AT = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from database import store
    from etl.loading import archive
    from etl.loading.batch import load_files
    from settings import settings

    def die(*args):
        os.kill(os.getpid(), signal.SIGKILL)

    if sys.argv[1] == "before_publish":
        store._publish = die
    else:
        archive.Archive.commit = die  # the database is published, the manifest lines not yet written
    paths = sorted(Path(sys.argv[2]).iterdir())
    load_files([(p.name, p.read_bytes()) for p in paths], settings())
""")


def test_kill_just_before_and_just_after_publishing_and_a_torn_manifest(empty_env, tmp_path):
    """The narrow windows random kills rarely hit, hit on purpose: the process dies right before the
    new version is published, then right after it (manifest lines not yet written)."""
    cfg = empty_env
    load_files([(p.name, p.read_bytes()) for p in unit_set(tmp_path / "A", "Người lập A").iterdir()], cfg)
    before, loads = data_state(cfg), history(cfg)
    replacement = unit_set(tmp_path / "B", "Người lập B")
    for moment in ("before_publish", "after_publish"):
        died = subprocess.run([sys.executable, "-c", DIE_AT, moment, str(replacement)], cwd=ROOT,
                              env=dict(os.environ), capture_output=True, timeout=240)
        assert died.returncode == -signal.SIGKILL
        if moment == "before_publish":
            assert (data_state(cfg), history(cfg), manifest(cfg)) == (before, loads, loads)
    assert data_state(cfg) != before and len(history(cfg)) == 2 * len(UNITS)
    assert manifest(cfg) == loads  # behind the database, never ahead of it
    with open(Archive(cfg.archive_dir).manifest, "ab") as fh:
        fh.write(b'{"sha256": "0f1e')  # a kill in the middle of appending a line
    assert_rebuild_reproduces(cfg)  # brings the manifest level first, then replays it
    load_files([(p.name, p.read_bytes()) for p in unit_set(tmp_path / "C", "Người lập C").iterdir()], cfg)
    assert manifest(cfg) == history(cfg)


def test_manifest_level_with_the_database_is_told_from_its_end(empty_env, tmp_path):
    """A write session starts by bringing the manifest level with the database; when it already is
    (every load but one crashed right after publishing), only its end is read, and a manifest
    behind the database still gets the missing loads."""
    cfg = empty_env
    load_files([(p.name, p.read_bytes()) for p in unit_set(tmp_path / "A", "Người lập A").iterdir()], cfg)
    archive = Archive(cfg.archive_dir)
    with duckdb.connect(str(cfg.db_path), read_only=True) as con:
        count, last = history_tail(con, ACCEPTED_SUFFIXES)
        entries = history_entries(con, ACCEPTED_SUFFIXES)
    assert (count, last) == (len(entries), entries[-1])
    assert archive.is_level(count, last)
    lines = archive.manifest.read_bytes().splitlines(keepends=True)
    archive.manifest.write_bytes(b"".join(lines[:-1]))  # the last load's line never written
    assert not archive.is_level(count, last)
    load_files([(p.name, p.read_bytes()) for p in unit_set(tmp_path / "B", "Người lập B").iterdir()], cfg)
    assert manifest(cfg) == history(cfg)
