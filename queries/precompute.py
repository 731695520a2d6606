"""Writing the frames of queries/precomputed.py for the published database version, right after a load.

A load publishes its version first (its figures show at once, computed on request); `level` then
writes the frames of that version's generation of the facts into a file of their own, beside the
database (nothing is published again, no cache is emptied). It starts from the newest file of an
earlier generation under the same stamp and redoes only what the pairs written since change: the
rows of every display unit such a pair counts in (through the merge map, under both boundaries), for
the pair's year and every later one (a pace, a run of years without admission and "two years
running" reach back), one computation per boundary and year for all those units at once. A year
seen for the first time, or every fact anew (database.facts.refresh_all): every frame of that year, or
of every year. Each frame is computed by the function a page would otherwise call on request, so
the one definition of each figure and verdict stays the only one.

A write holds one version of the programme file throughout (queries.programme_held): every frame is
computed under it and the file is named by its stamp, whatever happens to the file meanwhile. The file
edited while frames are written: that write is dropped and begun again under the file as it is then. The
file being written removed under the write (its database's folder deleted): the write ends, nothing reported.

The CLI levels right after a load; the app on a thread of its own (ui/warm.py), at start and as
soon as a load publishes a version (frames of other code or another programme file: anew, then).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb
import pandas as pd

from core.private import private_dir, private_file
from database.connect import connect
from queries.precomputed import (
    STATE_TABLE,
    TABLES,
    frames_dir,
    frames_name,
    generation,
    quoted,
    stamp,
    units_digest,
)
from queries.programme import programme_key
from queries.programme_held import file_key, holding
from queries.scope import BOUNDARIES
from settings import Settings, settings

WHOLE_SHARE = 0.5  # more of a year's display units than this to redo: the whole year, in one pass
EDIT_RETRIES = 3  # writes begun again when the programme file is edited meanwhile
KEEP_FILES = 6  # frames files kept: those of the versions still open for a while, and the newest
LOCK_TIMEOUT_S = 3600.0
OUT = "frames_out"  # the catalog of the file being written
FRAME = "precomputed_frame"

Compute = Callable[[duckdb.DuckDBPyConnection, str, "list[str] | None", int], pd.DataFrame]


def level(cfg: Settings | None = None) -> Path | None:
    """Write the frames of the published version under this process's stamp, unless their file is
    there; the file written, or None."""
    from database.store import published_file, writer_lock

    cfg = cfg or settings()
    with writer_lock(cfg, LOCK_TIMEOUT_S, path=cfg.db_path.with_name(cfg.db_path.name + ".frames.lock")):
        data = published_file(cfg)
        if data is None or not data.exists():
            return None
        con = writer(cfg, data)
        try:
            for _ in range(EDIT_RETRIES):
                try:
                    with holding():
                        return _write(con, data)
                except ProgrammeEdited:
                    continue  # anew, under the file as it is now
                except Removed:
                    return None
            return None
        finally:
            con.close()


def writer(cfg: Settings, data: Path) -> duckdb.DuckDBPyConnection:
    """The frames writer's connection: database version `data` attached read-only, DuckDB's memory within
    the setting (the app's process writes them too), beyond it spilling to the frames' tmp folder."""
    con = connect()
    con.execute("SET memory_limit = ?", [cfg.frames_memory_limit])
    con.execute("SET threads = 1")  # the other core stays the visitors' (the app writes them on a thread)
    con.execute(f"SET temp_directory = '{quoted(private_dir(frames_dir(data) / 'tmp'))}'")
    con.execute(f"ATTACH '{quoted(data)}' AS data (READ_ONLY)")
    con.execute("USE data")
    return con


class ProgrammeEdited(Exception):
    """The programme file changed while frames were computed under the version held: readers ask for the
    file as it is now, so they are dropped and written again under it."""


class Removed(Exception):
    """The file being written went under the write: its database's folder was deleted (a test's, given back
    at its end while the app's thread wrote). Nothing is left to write frames for, and nothing to report."""


def _check(key: str, work: Path) -> None:
    """Between two years' frames: go on only while the file `work` is there and the programme file is the
    one of `key` (the version held)."""
    if not work.exists():
        raise Removed
    if file_key() != key:
        raise ProgrammeEdited


@contextmanager
def _removed_if_gone(work: Path) -> Iterator[None]:
    """An error of the file system or of DuckDB, once the file `work` was made, is Removed when the file has
    gone; any other goes on as it is (and is reported)."""
    try:
        yield
    except (OSError, duckdb.Error) as exc:
        if work.exists():
            raise
        raise Removed from exc


def _write(con: duckdb.DuckDBPyConnection, data: Path) -> Path | None:
    key = programme_key()  # the version held (`level`): its stamp, and every frame computed under it
    found, digest, now = generation(con), units_digest(con), stamp()
    if found is None:
        return None  # a database made before generations were kept: its next write session adds them
    folder = frames_dir(data)
    target = folder / frames_name(found, now, digest)
    if target.exists():
        return None
    private_dir(folder)  # personal data (cadres' names): the owner's only, like the database
    for partial in folder.glob("*.partial*"):  # left by a killed writer
        partial.unlink(missing_ok=True)
    base = _base(folder, target, found)
    changes = None if base is None else _changes(con, _generation_of(base))
    work = target.with_name(target.name + ".partial")
    if changes is not None:
        shutil.copyfile(base, work)
    con.execute(f"ATTACH '{quoted(work)}' AS {OUT}")
    with _removed_if_gone(work):
        private_file(work)
        try:
            _bring_level(con, changes, key, work)
            con.execute(f"CHECKPOINT {OUT}")
        finally:
            con.execute(f"DETACH {OUT}")
        _check(key, work)
        with open(work, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(work, target)
    for old in sorted(folder.glob("g*.duckdb"), reverse=True)[KEEP_FILES:]:
        old.unlink(missing_ok=True)  # a reader that attached it keeps it open
    return target


def _generation_of(path: Path) -> int:
    return int(path.name[1:].split("-", 1)[0])


def _base(folder: Path, target: Path, found: int) -> Path | None:
    """The newest frames file of an earlier generation under the same stamp and unit reference."""
    same = target.name.split("-", 1)[1]
    earlier = [p for p in folder.glob(f"g*-{same}") if _generation_of(p) < found]
    return max(earlier, key=_generation_of, default=None)


def _changes(con: duckdb.DuckDBPyConnection, since: int) -> list[tuple[str, int]] | None:
    """The (unit, year) pairs refreshed after generation `since`; None when every fact was."""
    rows = con.execute("SELECT DISTINCT unit_id, year FROM fact_changes WHERE generation > ?", [since]).fetchall()
    return None if any(unit is None for unit, _ in rows) else rows


def _bring_level(con: duckdb.DuckDBPyConnection, changes: list[tuple[str, int]] | None, key: str,
                 file: Path) -> None:
    """Every frame of every year (`changes` None), or what the pairs of `changes` change, in `OUT` (the file
    `file`); ended between two years as `_check` says."""
    years = [y for (y,) in con.execute("SELECT DISTINCT year FROM submissions ORDER BY year").fetchall()]
    if changes is None:
        stored_years, dtypes = [], {}
    else:
        stored_years, dtypes = con.execute(f"SELECT years, dtypes FROM {OUT}.{STATE_TABLE}").fetchall()[0]
        stored_years, dtypes = list(stored_years), json.loads(dtypes)
        for year in set(stored_years) - set(years):
            for spec in TABLES.values():
                _delete(con, spec.table, None, year, None)
    work = _work(con, years, stored_years, changes or [])
    computers = _computers()
    made = {table for (table,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = ?", [OUT]).fetchall()}
    for (boundary, year), units in sorted(work.items()):
        for name, compute in computers.items():
            frame = compute(con, boundary, None if name == "area_indicators" else units, year)
            _store(con, name, boundary, year, units, frame, dtypes, made)
        _check(key, file)
    con.execute(f"CREATE OR REPLACE TABLE {OUT}.{STATE_TABLE} (stamp VARCHAR, years INTEGER[], dtypes VARCHAR)")
    con.execute(f"INSERT INTO {OUT}.{STATE_TABLE} VALUES (?, ?, ?)", [stamp(), years, json.dumps(dtypes)]).fetchall()


def _work(con: duckdb.DuckDBPyConnection, years: list[int], stored_years: list[int],
          changes: list[tuple[str, int]]) -> dict[tuple[str, int], list[str] | None]:
    """(boundary, year) → the display units to store anew (None: all of that year's)."""
    work: dict[tuple[str, int], list[str] | None] = {(b, y): None for y in years if y not in stored_years
                                                     for b in BOUNDARIES}
    for year in years:
        changed = sorted({unit for unit, since in changes if since <= year})
        if not changed:
            continue
        for boundary in BOUNDARIES:
            if (boundary, year) in work:
                continue
            shown = [d for (d,) in con.execute(
                "SELECT DISTINCT display_id FROM lineage_units(?, NULL, ?) WHERE list_contains(?, unit_id) ORDER BY 1",
                [boundary, year, changed]).fetchall()]
            total = con.execute("SELECT count(DISTINCT display_id) FROM lineage_units(?, NULL, ?)",
                                [boundary, year]).fetchall()[0][0]
            work[boundary, year] = None if len(shown) > WHOLE_SHARE * total else shown
    return work


def _computers() -> dict[str, Compute]:
    """How each stored frame is computed: the functions behind the pages' own queries, with the
    columns that put the rows back in order."""
    from queries import admissions, indicators, progress, scorecard, warnings
    from queries.programme import programme

    headline_of: dict[tuple, pd.DataFrame] = {}  # the headline cells just stored, for the warnings after them

    def headline(con, boundary, units, year):
        cells = scorecard.headline_cells(con, boundary, units, year - 1, year)
        headline_of[boundary, tuple(units or ()), year] = cells
        order = {code: index for index, code in enumerate(programme().headline)}
        return cells.assign(_order=cells["indicator"].map(order))

    def warning_rows(con, boundary, units, year):
        cells = headline_of.pop((boundary, tuple(units or ()), year), None)
        return warnings.unit_warnings(con, boundary, units, year, cells=None if cells is None else cells.copy())

    def pace(con, boundary, units, year):
        rows = progress.pace_unit_rows(con, boundary, units, year)
        return rows.rename(columns={"display_rank": "_rank", "display_code": "_code"})

    keys: dict[str, pd.DataFrame] = {}  # boundary → the units' order, read once per write

    def by_unit(rows):
        def ordered(con, boundary, units, year):
            if boundary not in keys:
                keys[boundary] = unit_order(con, boundary)
            return order_columns(rows(con, boundary, units, year), keys[boundary])
        return ordered

    return {
        "area_indicators": lambda con, boundary, units, year: indicators.indicator_sql_frame(
            con, boundary, None, 0, year, by_unit=False, as_of=year, paced=True),
        "unit_indicators": lambda con, boundary, units, year: indicators.indicator_sql_frame(
            con, boundary, units, year, year, by_unit=True, as_of=year, paced=True),
        "headline_cells": headline,
        "pace_units": pace,
        "idle_cells": by_unit(lambda con, boundary, units, year: admissions.idle_cell_rows(
            con, boundary, units, year, 1, None)),
        "weak_secretaries": by_unit(warnings.weak_secretary_rows),
        "cell_activity": by_unit(warnings.cell_activity_rows),
        "warning_rows": by_unit(warning_rows),
    }


def _store(con: duckdb.DuckDBPyConnection, name: str, boundary: str, year: int, units: list[str] | None,
           frame: pd.DataFrame, dtypes: dict[str, dict[str, str]], made: set[str]) -> None:
    """Replace the stored rows of (name, boundary, year) for `units` (None: all) by `frame`; `made`: the
    tables of `OUT` so far (one more once this one is created)."""
    table = TABLES[name].table
    exists = table in made
    if exists:
        _delete(con, table, boundary, year, None if name == "area_indicators" else units)
    if frame.empty:
        return
    dtypes.setdefault(name, {c: str(t) for c, t in frame.dtypes.items() if not c.startswith("_")})
    con.register(FRAME, frame)
    try:
        select = f"SELECT ?::VARCHAR AS boundary, ?::INTEGER AS as_of, * FROM {FRAME}"
        statement = f"INSERT INTO {OUT}.{table} BY NAME {select}" if exists else f"CREATE TABLE {OUT}.{table} AS {select}"
        con.execute(statement, [boundary, year]).fetchall()
        made.add(table)
    finally:
        con.unregister(FRAME)


def _delete(con: duckdb.DuckDBPyConnection, table: str, boundary: str | None, year: int,
            units: list[str] | None) -> None:
    with suppress(duckdb.CatalogException):  # not made yet: nothing to delete
        con.execute(f"DELETE FROM {OUT}.{table} WHERE (?::VARCHAR IS NULL OR boundary = ?) AND as_of = ? "
                    "AND (?::VARCHAR[] IS NULL OR list_contains(?, display_id))",
                    [boundary, boundary, year, units, units]).fetchall()


def unit_order(con: duckdb.DuckDBPyConnection, boundary: str) -> pd.DataFrame:
    """Each display unit's official rank and code under `boundary` (`_rank`, `_code`)."""
    return con.execute("SELECT DISTINCT display_id, display_rank AS _rank, display_code AS _code FROM unit_scope "
                       "WHERE boundary = ?", [boundary]).df()


def order_columns(frame: pd.DataFrame, keys: pd.DataFrame) -> pd.DataFrame:
    """`frame` (rows of display units) with what puts its rows back in order: the unit's official rank
    and code (`_rank`, `_code`, from `keys`: unit_order) and the row's place among the unit's rows (`_pos`)."""
    ordered = frame.merge(keys, on="display_id", how="left", validate="many_to_one")
    ordered["_pos"] = ordered.groupby("display_id", sort=False).cumcount()
    return ordered
