"""Frames stored for the pages so that no visitor waits for them (how they are made: queries/precompute.py).

What does not change between loads is computed once, right after the load, by the very functions
that would compute it on request (the one definition of every indicator, verdict, pace and
warning), and kept per boundary and year in a file beside the database (`frames_dir`):

- `area_indicators`: indicators.sql for the whole area, every year up to the year (the KPI export,
  the cards, the trends, the pace toward each deadline);
- `unit_indicators`: indicators.sql per display unit in the year (every page's chart by unit);
- `headline_cells`: the judged headline cells of the year and the year before (ranking, heat map,
  the warnings "below target" and "training");
- `pace_units`: the pace of every unit toward each deadline (Tiến độ);
- `idle_cells`, `weak_secretaries`, `cell_activity`: the rows of those warnings' SQL;
- `warning_rows`: every warning in words but the excellent share's (which may be the selection's).

One file holds the frames of one generation of the stored facts (database.facts: each load is one) under
one stamp: the programme file's content, this package's code and SQL (views.sql included) and the
unit reference. A reader of a database version finds the file of that version's generation and of
its own stamp, or none: then everything is computed on request, as without them (right after a load,
until its file is written; under another programme file; after a change of the code). A stored
frame answers only a reader who sees every unit: a restricted reader's figures are its own units'
part of a display unit. Read back, a frame is what the function computes on request, row for row and
type for type (tests/test_precomputed.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from queries.programme import ProgrammeError, programme, programme_key
from queries.scope import allowed_param
from queries.sql import SQL_DIR, arrow_frame, read_sql

STATE_TABLE = "precomputed_state"


@dataclass(frozen=True)
class Table:
    """One stored frame: its rows' order as computed (`order`, an ORDER BY over its columns and the
    `_`-columns kept for it, never returned), what a reader may ask of it beyond the units (`having`:
    a condition on its columns with named parameters), and whether it holds an SQL file's rows as
    DuckDB gives them (`sql`) or a frame pandas computed."""

    name: str
    order: str
    having: str = "TRUE"
    sql: bool = True

    @property
    def table(self) -> str:
        return f"precomputed_{self.name}"


UNIT_FIRST = "_rank, _code, display_id, _pos"  # a unit's rows together, units in their official order
CODES = "($codes IS NULL OR list_contains($codes, indicator))"
TABLES = {t.name: t for t in (
    Table("area_indicators", "year, indicator", f"year BETWEEN $year_from AND $year_to AND {CODES}"),
    Table("unit_indicators", "display_rank, display_code, display_id, year, indicator", CODES),
    Table("headline_cells", "year, display_rank, display_code, _order, display_id", "year >= $year_from", sql=False),
    Table("pace_units", "_order, _rank, _code, display_id", CODES, sql=False),
    Table("idle_cells", "run_years DESC, _rank, unit, cell_code",
          "run_years >= $min_years AND ($cell_types IS NULL OR list_contains($cell_types, cell_type))"),
    Table("weak_secretaries", UNIT_FIRST),
    Table("cell_activity", UNIT_FIRST),
    Table("warning_rows", "_rule, _run, _rank, _label, _code, display_id, _pos", sql=False),
)}


@cache
def _code_digest() -> str:
    """This package's code and SQL (the writer of the frames included) and the database's views: what
    makes the frames besides the data."""
    from database import sql as database_sql

    here = Path(__file__).resolve().parent
    files = {*here.glob("*.py"), *SQL_DIR.glob("*.sql"), *Path(database_sql.__file__).resolve().parent.glob("*.sql")}
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def _stamp(programme_text: str) -> str:
    return hashlib.sha256(_code_digest().encode() + b"\0" + programme_text.encode()).hexdigest()


def stamp() -> str:
    """The text of the programme in force (the version held: queries.programme_held) and this package's
    code: frames stored under another stamp are never read."""
    try:
        return _stamp(programme().source)
    except ProgrammeError:  # a file that cannot be used: no frames of it (the pages say what is wrong)
        return _stamp(programme_key())


def generation(con: duckdb.DuckDBPyConnection) -> int | None:
    """The generation of the stored facts of this database (database.facts); None for a database made
    before generations were kept."""
    try:
        return con.execute("SELECT coalesce(max(generation), 0) FROM fact_changes").fetchall()[0][0]
    except duckdb.CatalogException:
        return None


def units_digest(con: duckdb.DuckDBPyConnection) -> str:
    """A fingerprint of the unit reference stored in the database (names, merges, kinds)."""
    return con.execute(
        "SELECT coalesce(md5(string_agg(concat_ws('|', unit_id, code, name, kind, valid_from, valid_to, successor_id,"
        " full_name, kind_rank, territorial, parent_id), ';' ORDER BY unit_id)), '') FROM units").fetchall()[0][0]


def frames_dir(data_file: Path) -> Path:
    """Where the frames of a database's versions are kept: `var/ducpho.duckdb.frames/` beside the
    versions of `var/ducpho.duckdb`, or `NAME.frames/` beside a database that is a plain file."""
    folder = data_file.parent
    if folder.name.endswith(".versions"):
        return folder.with_name(folder.name.removesuffix(".versions") + ".frames")
    return data_file.with_name(data_file.name + ".frames")


def frames_name(generation_: int, stamp_: str, units: str) -> str:
    """The file of one generation's frames under one stamp and unit reference."""
    return f"g{generation_:010d}-{hashlib.sha256(f'{stamp_}/{units}'.encode()).hexdigest()[:16]}.duckdb"


def quoted(path: Path) -> str:
    """A path inside an SQL string literal (ATTACH takes no parameter)."""
    return str(path).replace("'", "''")


def data_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()
    return Path(path[0][0]) if path and path[0][0] else None


_UNITS: dict[tuple[str, int], str] = {}  # (database file, generation) → units_digest: a version never changes


def frames_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file holding the frames of this database as it is, under this stamp (it may not exist)."""
    path, found = data_file(con), generation(con)
    if path is None or found is None:
        return None
    key = (str(path), found)
    if key not in _UNITS:
        if len(_UNITS) > 64:
            _UNITS.clear()
        _UNITS[key] = units_digest(con)
    return frames_dir(path) / frames_name(found, stamp(), _UNITS[key])


def attached_frames(con: duckdb.DuckDBPyConnection) -> str | None:
    """The catalog of this database's frames, attached now if their file is there; None without."""
    path = frames_file(con)
    if path is None:
        return None
    alias = "frames_" + path.stem.replace("-", "_")
    if con.execute("SELECT count(*) FROM duckdb_databases() WHERE database_name = ?", [alias]).fetchall()[0][0]:
        return alias
    if not path.exists():
        return None
    try:
        con.execute(f"ATTACH '{quoted(path)}' AS {alias} (READ_ONLY)")
    except duckdb.BinderException:  # another thread attached it meanwhile
        pass
    except duckdb.IOException:  # removed meanwhile (an old generation swept)
        return None
    return alias


def state(con: duckdb.DuckDBPyConnection, catalog: str) -> dict:
    """The years stored in a frames file and each frame's column types as computed."""
    years, dtypes = con.execute(f"SELECT years, dtypes FROM {catalog}.{STATE_TABLE}").fetchall()[0]
    return {"years": list(years), "dtypes": json.loads(dtypes)}


def stored(con: duckdb.DuckDBPyConnection, name: str, boundary: str, year: int, units: Sequence[str] | None,
           **having: object) -> pd.DataFrame | None:
    """The frame `name` of `year` (rows of the display ids `units`, None: all) as stored, or None when
    no stored frame answers (a restricted reader, no file for this version and stamp, a year not
    stored). `having` binds the parameters of the table's condition (None for a list: no restriction)."""
    if allowed_param() is not None:
        return None
    catalog = attached_frames(con)
    if catalog is None:
        return None
    found = state(con, catalog)
    if year not in found["years"]:
        return None
    spec = TABLES[name]
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = ? AND table_name = ?",
                       [catalog, spec.table]).fetchall()[0][0]:
        return None  # no row of this frame in any year: never made
    sql = read_sql("precomputed_rows").format(table=f"{catalog}.{spec.table}", having=spec.having, order=spec.order)
    params = {"boundary": boundary, "year": year, "units": list(units) if units else None, "allowed": allowed_param(),
              **{key: list(value) if isinstance(value, tuple) else value for key, value in having.items()}}
    frame = arrow_frame(con, sql, params)
    frame = frame.drop(columns=[c for c in frame.columns if c.startswith("_")])
    if spec.sql:
        return frame
    # no rows: computing costs nothing, and gives the column types pandas gives an empty frame
    return None if frame.empty else _typed(frame, found["dtypes"].get(name, {}))


def _typed(frame: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    """The columns in the types the computed frame had (`dtypes`, as queries.precompute recorded them).
    Texts held as Python objects share one object per distinct value, as computed ones do (a verdict
    per cell of the country would otherwise be 600,000 strings)."""
    for column, dtype in dtypes.items():
        if column not in frame.columns or str(frame[column].dtype) == dtype:
            continue
        if dtype == "object":
            codes, distinct = pd.factorize(frame[column])
            shared = np.append(np.asarray(distinct, dtype=object), None)  # code -1: missing
            frame[column] = pd.Series(shared[codes], index=frame.index, dtype=object)
        else:
            frame[column] = frame[column].astype(dtype)
    return frame
