"""A write session starts from a spare copy of the published version made ahead (database/spare.py)
instead of copying it on the uploader's time: the same database as with a copy, never a spare that is not
a whole copy of the version published now, and nothing a killed or busy spare writer leaves behind is used."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from database import store
from database.spare import SPARE_WORK, spare_lock
from database.store import prepare_spare, published_file, version_dir
from etl.loading.batch import load_files
from settings import settings, units_csv
from tests.support.loads import unit_set

STATE = {"submissions": "SELECT * EXCLUDE (loaded_at) FROM submissions", "cells": "SELECT * FROM cells",
         "member_figures": "SELECT * FROM member_figures", "cadres": "SELECT * FROM cadres",
         "facts": "SELECT * FROM indicator_facts_store"}


def state(cfg) -> dict[str, list[tuple]]:
    with duckdb.connect(str(published_file(cfg)), read_only=True) as con:
        return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in STATE.items()}


def files(folder) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]


def no_copy(*args, **kwargs):
    raise AssertionError("the write session copied the published version")


def test_a_load_starts_from_the_spare_and_lands_as_with_a_copy(empty_env, tmp_path, monkeypatch):
    cfg = empty_env
    first, second = unit_set(tmp_path / "A", "Người lập A"), unit_set(tmp_path / "B", "Người lập B", ("Phổ Hòa",))
    load_files(files(first), cfg)
    spare = prepare_spare(cfg)
    assert spare == published_file(cfg).with_name(published_file(cfg).name + ".spare")
    assert spare.read_bytes() == published_file(cfg).read_bytes()
    assert spare.stat().st_mode & 0o777 == 0o600
    with monkeypatch.context() as patched:
        patched.setattr(store.shutil, "copyfile", no_copy)
        assert all(r.ok for r in load_files(files(second), cfg))
    assert not spare.exists() and not list(version_dir(cfg).glob("*.spare"))
    other = settings(tmp_path / "other" / "ducpho.duckdb")  # the same loads, each session copying
    load_files(files(first), other)
    load_files(files(second), other)
    assert state(cfg) == state(other)


def test_a_load_that_changes_nothing_keeps_the_version_and_its_spare(empty_env, tmp_path, monkeypatch):
    """Every file refused or already in force: no version published, and the spare is still there for the
    next load (the officer's corrected file, often at once)."""
    cfg = empty_env
    first = unit_set(tmp_path / "A", "Người lập A")
    load_files(files(first), cfg)
    version, spare = published_file(cfg), prepare_spare(cfg)
    refused = tmp_path / "refused.xlsx"
    refused.write_bytes(b"just some text, renamed")
    results = load_files([*files(first), (refused.name, refused.read_bytes())], cfg)
    assert [r.ok for r in results] == [True, True, True, False]
    assert published_file(cfg) == version and spare.read_bytes() == version.read_bytes()
    with monkeypatch.context() as patched:
        patched.setattr(store.shutil, "copyfile", no_copy)
        assert all(r.ok for r in load_files(files(unit_set(tmp_path / "B", "Người lập B")), cfg))
    assert published_file(cfg) != version


def test_a_spare_of_an_older_version_is_never_used_and_is_swept(empty_env, tmp_path):
    """A spare made of version A, found after B is published: the next load starts from B."""
    cfg = empty_env
    load_files(files(unit_set(tmp_path / "A", "Người lập A")), cfg)
    spare_of_a = prepare_spare(cfg)
    kept = shutil.copyfile(spare_of_a, tmp_path / "spare-of-a")
    load_files(files(unit_set(tmp_path / "B", "Người lập B")), cfg)  # takes A's spare
    shutil.copyfile(kept, spare_of_a)  # as if a spare writer finished A's copy after B was published
    load_files(files(unit_set(tmp_path / "C", "Người lập C", ("Phổ Hòa",))), cfg)
    other = settings(tmp_path / "other" / "ducpho.duckdb")
    for name in ("A", "B", "C"):
        load_files(files(tmp_path / name), other)
    assert state(cfg) == state(other)  # B's reports kept: not A's
    assert not spare_of_a.exists()


def test_a_spare_that_is_not_a_whole_copy_is_not_used(empty_env, tmp_path):
    cfg = empty_env
    load_files(files(unit_set(tmp_path / "A", "Người lập A")), cfg)
    spare = prepare_spare(cfg)
    with open(spare, "r+b") as fh:  # never expected; a version file is never changed
        fh.truncate(spare.stat().st_size // 2)
    assert all(r.ok for r in load_files(files(unit_set(tmp_path / "B", "Người lập B")), cfg))
    other = settings(tmp_path / "other" / "ducpho.duckdb")
    load_files(files(tmp_path / "A"), other)
    load_files(files(tmp_path / "B"), other)
    assert state(cfg) == state(other)


def test_what_a_killed_spare_writer_leaves_goes_and_a_busy_one_is_left_alone(empty_env, tmp_path):
    cfg = empty_env
    load_files(files(unit_set(tmp_path / "A", "Người lập A")), cfg)
    folder = version_dir(cfg)
    half = folder / SPARE_WORK
    half.write_bytes(b"half a copy")
    with spare_lock(folder) as held:  # another process writing a spare now
        assert held
        assert prepare_spare(cfg) is None
        load_files(files(unit_set(tmp_path / "B", "Người lập B")), cfg)
        assert half.exists()  # not swept under a writer's feet
    load_files(files(unit_set(tmp_path / "C", "Người lập C")), cfg)
    assert not half.exists()  # its writer gone (killed): swept
    half.write_bytes(b"half a copy")
    spare = prepare_spare(cfg)  # written over
    assert spare.read_bytes() == published_file(cfg).read_bytes() and not half.exists()


def test_no_spare_without_a_published_version_file(empty_env, tmp_path):
    assert prepare_spare(empty_env) is None
    plain = tmp_path / "plain" / "ducpho.duckdb"
    plain.parent.mkdir()
    duckdb.connect(str(plain)).close()
    assert prepare_spare(settings(plain)) is None


@pytest.mark.parametrize("changed", [False, True])
def test_the_unit_table_is_rewritten_only_when_the_reference_changed(empty_env, tmp_path, monkeypatch, changed):
    cfg = empty_env
    load_files(files(unit_set(tmp_path / "A", "Người lập A")), cfg)
    if changed:
        csv = tmp_path / "units.csv"
        text = units_csv().read_text(encoding="utf-8")
        csv.write_text(text.replace("Phổ Vinh", "Phổ Vinh Mới", 1), encoding="utf-8")
        monkeypatch.setenv("DP_UNITS_CSV", str(csv))
    statements: list[str] = []

    class Recording:
        def __init__(self, con):
            self.con = con

        def execute(self, sql, *args):
            statements.append(" ".join(sql.split()))
            return self.con.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self.con, name)

    copy = shutil.copyfile(published_file(cfg), tmp_path / "copy.duckdb")
    with duckdb.connect(str(copy)) as con:
        store.store_units(Recording(con))
        stored = sorted(con.execute("SELECT unit_id, name FROM units").fetchall())
    assert ("DELETE FROM units" in statements) is changed
    wanted = sorted((u.unit_id, u.name) for u in store.load_units())
    assert stored == wanted and (("Phổ Vinh Mới" in {name for _, name in stored}) is changed)
