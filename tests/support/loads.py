"""Workbooks loaded into a real database for a test, and the database and archive read back."""

from __future__ import annotations

from pathlib import Path

import duckdb

from database.store import published_file
from etl.loading.archive import Archive
from etl.loading.batch import load_files
from tests.support.workbooks import default_spec, write

TABLES = ("submissions", "cells", "member_figures", "cadres", "load_history", "unit_reports", "cell_life",
          "cadre_dual_roles")
UNITS = ("Phổ Vinh", "Phổ Minh", "Phổ An")


def snapshot(cfg) -> dict[str, list[tuple]]:
    """Every row of every data table, sorted: two equal snapshots are the same database."""
    with duckdb.connect(str(published_file(cfg)), read_only=True) as con:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def rows(cfg, sql: str, *params) -> list[tuple]:
    """The rows of `sql` on the published database."""
    with duckdb.connect(str(published_file(cfg)), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def load_specs(cfg, tmp_path: Path, *specs) -> None:
    """Write each spec to its own folder and load them all in one load; every one must pass."""
    files = []
    for number, spec in enumerate(specs):
        folder = tmp_path / f"f{number}"
        folder.mkdir()
        path, _ = write(spec, folder)
        files.append((f"{number}-{path.name}", path.read_bytes()))
    results = load_files(files, cfg)
    assert all(r.ok for r in results), [str(p) for r in results for p in r.problems]


def unit_set(folder: Path, prepared_by: str, units: tuple[str, ...] = UNITS) -> Path:
    """One 2024 workbook per unit; two sets differing in `Người lập` replace each other whole."""
    folder.mkdir(parents=True, exist_ok=True)
    for unit in units:
        spec = default_spec()
        spec.info["Đơn vị"], spec.info["Người lập"] = unit, prepared_by
        path, _ = write(spec, folder, name="bao-cao")
        path.rename(folder / f"{unit}.xlsx")
    return folder


def history(cfg) -> list[tuple[str, str]]:
    with duckdb.connect(str(published_file(cfg)), read_only=True) as con:
        found = con.execute("SELECT file_hash, loaded_at FROM load_history ORDER BY load_id").fetchall()
    return [(sha, at.isoformat()) for sha, at in found]


def manifest(cfg) -> list[tuple[str, str]]:
    return [entry.key for entry in Archive(cfg.archive_dir).entries()]
