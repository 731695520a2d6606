"""The benchmarks' data passes the loader's own checks, and the runner runs (no timing asserted)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from benchmarks import loader as loader_benchmark
from benchmarks.fill import fill_database, scale_env, write_workbooks
from benchmarks.loader import UNGUARDED, _load_into_new_database, bench_loader, checks_free, floor, prechecked
from benchmarks.report import END, START
from benchmarks.synthetic import SCALES, generate, submission
from core.text import fold
from database.store import published_file
from etl.checking import workbook
from etl.checking.validate import parse_workbook
from etl.loading.batch import load_files
from etl.loading.loader import DATA_TABLES
from etl.reading import spreadsheet
from etl.reading.decoder import decode
from queries.programme import known_facts
from rendering.template import write_workbook
from settings import settings
from tests.support import ROOT
from tests.support.hostile import xlsx

WORKBOOKS = 3


@pytest.fixture(scope="module")
def town_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The DP_BENCH_OUT of the town database the fill builds and the runner then finds in its cache (its fill step
    is `fill_database`, the function test_a_filled_town_database_has_every_unit_year runs)."""
    return tmp_path_factory.mktemp("bench") / "out"


@pytest.fixture
def scale_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """DP_BENCH_OUT in a temporary folder; `use(scale)` points the environment at that scale."""
    monkeypatch.setenv("DP_BENCH_OUT", str(tmp_path / "out"))

    def use(name: str):
        scale = SCALES[name]
        for key, value in scale_env(scale).items():
            monkeypatch.setenv(key, value)
        if scale.units is None:
            monkeypatch.delenv("DP_UNITS_CSV", raising=False)
        monkeypatch.delenv("DP_DB", raising=False)
        monkeypatch.delenv("DP_ARCHIVE", raising=False)
        return scale

    return use


@pytest.mark.parametrize("name", list(SCALES))
def test_generated_workbooks_load_without_rejection(scale_out, name):
    scale = scale_out(name)
    paths = write_workbooks(scale, WORKBOOKS)
    results = load_files([(p.name, p.read_bytes()) for p in paths], settings())
    assert [r.outcome for r in results] == ["nạp mới"] * WORKBOOKS, [r.problems for r in results]
    assert all(r.cells and r.cadres and r.members for r in results)


@pytest.mark.parametrize("name", list(SCALES))
def test_the_page_benchmark_fill_is_what_the_parser_reads(scale_out, name):
    """The bulk fill skips writing and parsing workbooks: its submissions must equal the parser's."""
    scale = scale_out(name)
    from benchmarks.fill import units_of

    units = units_of(scale)
    wanted = {units[0].unit_id, units[-1].unit_id}
    for unit, year, content in generate(scale, units, only=wanted):
        out = io.BytesIO()
        write_workbook(out, unit, year, sample=True, **content)
        assert parse_workbook(out.getvalue(), "x.xlsx") == submission(unit, year, content), (unit.unit_id, year)


def test_a_filled_town_database_has_every_unit_year(scale_out, town_out, monkeypatch):
    monkeypatch.setenv("DP_BENCH_OUT", str(town_out))
    scale = scale_out("town")
    stats = fill_database(scale)
    with duckdb.connect(str(published_file(settings())), read_only=True) as con:
        submissions = con.execute("SELECT count(*) FROM submissions").fetchall()[0][0]
        facts = con.execute("SELECT count(*) FROM indicator_facts").fetchall()[0][0]
    assert submissions == stats.unit_years == 15 * 5 + 5
    assert facts == len(known_facts()) * submissions


def test_the_runner_at_town_scale(tmp_path, town_out):
    """`python -m benchmarks` end to end at town scale, one repetition, no browser, the frames of the latest year
    compared (tests/system/test_precomputed.py compares every year's on the samples); a smoke test. Its fill step
    finds the town database the test above filled (and fills it itself when run alone)."""
    results = tmp_path / "RESULTS.md"
    env = {**os.environ, "DP_BENCH_OUT": str(town_out)}
    for key in ("DP_VAR_DIR", "DP_DB", "DP_ARCHIVE", "DP_UNITS_CSV"):
        env.pop(key, None)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--scale", "town", "--repeat", "1", "--workbooks", str(WORKBOOKS),
         "--no-browser", "--pages", "tong-quan,du-lieu", "--latest-year", "--results", str(results)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    text = results.read_text(encoding="utf-8")
    assert START in text and END in text
    for heading in ("### Targets", "### Loader", "### Pages"):
        assert heading in text
    assert "Steps that failed" not in text, text


def _stored(folder: Path) -> dict[str, list[tuple]]:
    """Every data table and the load history of the database `_load_into_new_database` made in `folder`, rows
    sorted, the time of the load left out."""
    with duckdb.connect(str(published_file(settings(folder / "bench.duckdb"))), read_only=True) as con:
        tables = {}
        for table in (*DATA_TABLES, "load_history", "indicator_facts"):
            columns = [name for name, *_ in con.execute(f"DESCRIBE {table}").fetchall() if name != "loaded_at"]
            tables[table] = con.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL").fetchall()
    return tables


def _loaded_then_recorded(scale_out, tmp_path: Path, monkeypatch, seen):
    """Province workbooks loaded for real into `tmp_path / "loader"`, their submissions as the checks make them,
    and a list that `seen(data)` of each file `read_sheets` reads from then on is added to."""
    files = [(p.name, p.read_bytes()) for p in write_workbooks(scale_out("province"), WORKBOOKS)]
    assert _load_into_new_database(files, tmp_path / "loader") == 0
    ready = prechecked(files)
    decoded = []
    real_read_sheets = workbook.read_sheets

    def read_sheets(data, *args):
        decoded.append(seen(data))
        return real_read_sheets(data, *args)

    monkeypatch.setattr(workbook, "read_sheets", read_sheets)
    return files, ready, decoded


def test_the_check_free_load_writes_what_the_loader_writes(scale_out, tmp_path, monkeypatch):
    """The benchmark's reference "checks free" (benchmarks.loader.checks_free) is the loader with nothing left
    out but the checks: every file decoded as the loader decodes it, the same database, the same archive."""
    files, ready, decoded = _loaded_then_recorded(scale_out, tmp_path, monkeypatch, lambda data: data)
    with checks_free(ready):
        assert _load_into_new_database(files, tmp_path / "free") == 0
    assert decoded == [data for _, data in files]
    loaded, free = _stored(tmp_path / "loader"), _stored(tmp_path / "free")
    assert all(loaded[table] for table in ("submissions", "cells", "member_figures", "cadres", "load_history"))
    assert free == loaded
    assert _blobs(tmp_path / "free") == _blobs(tmp_path / "loader") and len(_blobs(tmp_path / "loader")) == WORKBOOKS


def _blobs(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.rglob("*") if path.parent.parent.name == "blobs")


def test_the_floor_load_writes_what_the_loader_writes_with_no_guard_and_no_blob(scale_out, tmp_path, monkeypatch):
    """The benchmark's floor (benchmarks.loader.floor) leaves out the checks, the container guard and the archive's
    blobs, and nothing else: every file decoded by the unguarded decoder, the same database, no blob written."""
    files, ready, decoded = _loaded_then_recorded(scale_out, tmp_path, monkeypatch,
                                                  lambda data: (data, spreadsheet.DECODER))
    with floor(ready):
        assert _load_into_new_database(files, tmp_path / "floor") == 0
    assert decoded == [(data, UNGUARDED) for _, data in files]
    assert _stored(tmp_path / "floor") == _stored(tmp_path / "loader")
    assert _blobs(tmp_path / "floor") == [] and len(_blobs(tmp_path / "loader")) == WORKBOOKS


def test_the_floors_decoder_passes_what_the_guard_refuses(scale_out):
    """`UNGUARDED` is the decoder process without its container guard: a workbook whose unread theme part holds a
    DOCTYPE is refused by the product's decoder and read by the floor's, with the grids the guard would have let by."""
    scale_out("town")
    cfg = settings()
    wanted = (fold("Chi bộ"),)
    plain = xlsx()
    declared = xlsx(parts={"xl/theme/theme1.xml": "<?xml version='1.0'?><!doctype t><t/>"})
    status, reason = decode(declared, wanted, cfg)
    assert status == "unreadable" and "DOCTYPE" in reason
    assert UNGUARDED.ask((declared, wanted, cfg), 60) == decode(plain, wanted, cfg)
    assert UNGUARDED.ask((plain, wanted, cfg), 60)[0] == "ok"


def test_the_loader_benchmark_loads_into_new_folders_of_the_scale_data_folder(scale_out, monkeypatch):
    """Each load it times makes its database and archive on the file system of var/, as the product's loads do, not
    in the system's temporary folder (on the benchmark machine a file created under /tmp cost ten times the CPU),
    and in a folder of its own, nothing deleted before the next load: a file made just after thousands were
    deleted on ext4 without a journal costs ten times the kernel CPU (`recently_deleted`)."""
    scale = scale_out("town")
    folders, gone = [], []

    def load(files, folder):
        folders.append(folder)
        gone.append([path for path in folders[:-1] if not path.exists()])  # the earlier loads' folders deleted
        return real_load(files, folder)

    real_load = loader_benchmark._load_into_new_database
    monkeypatch.setattr(loader_benchmark, "_load_into_new_database", load)
    figures = bench_loader(scale, WORKBOOKS, 2)
    assert figures.rejected == 0 and figures.rows > 0
    assert 0 <= figures.decoder_cpu <= figures.loader.cpu and 0 <= figures.loader.kernel <= figures.loader.cpu
    data_folder = settings().db_path.parent.parent
    assert len(folders) == 7  # the loader, the check-free load and the floor twice, the load counted
    assert all(folder.is_relative_to(data_folder) for folder in folders), (folders, data_folder)
    assert len(set(folders)) == len(folders) and not any(folder.exists() for folder in folders)  # gone at the end
    assert gone == [[]] * len(folders), gone  # but none while the loads were made
