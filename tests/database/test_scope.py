"""Per-unit scope is applied below the pages: every SQL file and every function that reads unit data.

The test of a restriction is exact: what a reader restricted to some units gets must not depend on
the data of any other unit, so it must equal what the same reader gets from a database that holds
only those units' data (same rows, same values, same files); and a reader with no units must get no
rows at all from any SQL file. Run over every SQL file of
queries/sql (not only the named queries), every named query of queries.catalog, and every other
function that reads unit data, for a user with no units and for the officer of Phổ Hòa, an old
unit merged on 1 July 2025 into Phường Đức Phổ.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from database.db import cursor
from database.facts import refresh_all
from database.store import published_file
from etl.loading.loader import DATA_TABLES as LOADED_TABLES
from queries.catalog import QUERIES
from queries.precomputed import TABLES, attached_frames
from queries.programme import programme
from queries.scope import restricted_to
from queries.sql import SQL_DIR, query_sql, read_sql
from settings import settings
from tests.support import ROOT, parsed, point_at
from tests.support.scope_cases import ARGS, DUC_PHO, NGUYEN_NGHIEM, OFFICER, PHO_HOA, READERS
from tests.support.scope_checks import differences, outcome, shown_to_nobody

NOBODY: tuple[str, ...] = ()
DATA_TABLES = (*LOADED_TABLES, "load_history", "indicator_facts_store")  # every table that holds unit data
DDL_SQL = {"schema", "views"}  # table and view definitions, no query
TEMPLATES = {"precomputed_rows"}  # a query over each frame stored for the pages: run on each below

# Modules that read unit data only to write it (loads, the archive, backups, the stored facts): no reader's scope.
WRITE_SIDE = {"etl/loading/loader.py", "etl/loading/archive.py", "etl/loading/backup.py", "database/facts.py",
              "database/store.py", "etl/loading/batch.py", "queries/precompute.py"}


# ---------------------------------------------------------------------------------------------------------
# The databases: the sample one, and the same holding only the officer's units, or no unit data at all.

def _keep_only(var_dir: Path, units: tuple[str, ...]) -> None:
    """Delete every row of every data table that belongs to another unit than `units`, in place."""
    import os

    os.environ["DP_VAR_DIR"] = str(var_dir)  # restored by the caller's monkeypatch
    path = published_file(settings())
    with duckdb.connect(str(path)) as con:
        for table in DATA_TABLES:
            con.execute(f"DELETE FROM {table} WHERE NOT list_contains(?, unit_id)", [list(units)])
        refresh_all(con)  # a new generation of the facts: the frames stored for the full database do not answer


@pytest.fixture(scope="module")
def var_dirs(sample_var: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """'full': the sample database; 'officer': only OFFICER's data; 'nobody': no unit data."""
    root = tmp_path_factory.mktemp("scope")
    dirs = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("DP_DB", raising=False)
        mp.delenv("DP_ARCHIVE", raising=False)
        for name, kept in (("full", None), ("officer", OFFICER), ("nobody", NOBODY)):
            dirs[name] = root / name
            shutil.copytree(sample_var, dirs[name], symlinks=True)
            if kept is not None:
                mp.setenv("DP_VAR_DIR", str(dirs[name]))
                _keep_only(dirs[name], kept)
    return dirs


@contextmanager
def reading(var_dir: Path, allowed: tuple[str, ...] | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on `var_dir`'s database, the environment pointing there, restricted to `allowed`."""
    with pytest.MonkeyPatch.context() as mp:
        point_at(mp, var_dir)
        with restricted_to(allowed):
            yield cursor()


# ---------------------------------------------------------------------------------------------------------
# Every SQL file.

def sql_files() -> list[str]:
    return sorted(p.stem for p in SQL_DIR.glob("*.sql") if p.stem not in DDL_SQL | TEMPLATES)


def bind_values(boundary: str, year: int, unit_id: str) -> dict[str, object]:
    """A value for every parameter any SQL file takes; each file is given those it names."""
    return {
        "boundary": boundary, "units": None, "year": year, "year_from": 2015, "year_to": year, "unit_id": unit_id,
        "ladder": "education", "levels": ["Chưa tốt nghiệp THPT", "Tốt nghiệp THPT"],
        "ratings": ["HTXSNV", "HTTNV", "HTNV", "KHTNV", "Chưa xếp loại"], "unrated": "Chưa xếp loại",
        "codes": list(programme().codes), "baseline": 2020, "min_years": 1,
        "as_of": year, "by_unit": True, "cell_types": None, "cells_from": 2025, "history_from": 0, "latest_only": False,
        "paced": True, "sources": programme().sources(),
        "thematic": "cell_thematic_meetings", "inspection": "cell_inspection",
    }


SQL_CASES = [(boundary, year, unit_id) for boundary in ("reported", "current") for year in (2024, 2025)
             for unit_id in (PHO_HOA, NGUYEN_NGHIEM, DUC_PHO)]


def sql_cases(sql: str) -> dict[tuple, dict[str, object]]:
    """The distinct cases of SQL_CASES as `sql` sees them (the values of the parameters it names), with
    those values: a file that takes no unit is run once a boundary and year, not once a unit too."""
    named = set(re.findall(r"\$([a-z_]+)", sql))
    cases = {}
    for case in SQL_CASES:
        values = {k: v for k, v in bind_values(*case).items() if k in named}
        cases.setdefault(repr(sorted(values.items())), (case, values))
    return dict(cases.values())


def run_sql(sql: str, con: duckdb.DuckDBPyConnection, allowed: tuple[str, ...] | None,
            values: dict[str, object]) -> pd.DataFrame:
    if "$allowed" in sql:
        values = {**values, "allowed": None if allowed is None else list(allowed)}
    return con.execute(sql, values).df()


def sql_leaks(sql: str, var_dirs: dict[str, Path]) -> list[str]:
    """How `sql` lets a reader see more than their units' data, for every case (empty when it does not)."""
    found = []
    for case, values in sql_cases(sql).items():
        with reading(var_dirs["full"], NOBODY) as con:
            nothing = run_sql(sql, con, NOBODY, values)
        if len(nothing):
            found.append(f"{case}: {len(nothing)} rows for a user with no units")
        with reading(var_dirs["full"], OFFICER) as con:
            officer = run_sql(sql, con, OFFICER, values)
        with reading(var_dirs["officer"], OFFICER) as con:
            own = run_sql(sql, con, OFFICER, values)
        found += differences(officer, own, f"{case} officer")
    return found


@pytest.mark.parametrize("name", sql_files())
def test_every_sql_file_shows_a_reader_only_their_units(var_dirs, name):
    assert sql_leaks(query_sql(name), var_dirs) == []


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_frames_stored_for_the_pages_show_a_restricted_reader_nothing(var_dirs, name):
    """They are the whole area's figures: a reader with a restriction computes their own (queries.precomputed)."""
    spec = TABLES[name]
    for allowed in (None, NOBODY, OFFICER):
        rows = 0
        with reading(var_dirs["full"], allowed) as con:
            catalog = attached_frames(con)
            sql = read_sql("precomputed_rows").format(table=f"{catalog}.{spec.table}", having=spec.having,
                                                      order=spec.order)
            for values in sql_cases(sql).values():
                rows += len(run_sql(sql, con, allowed, values))
        assert (rows > 0) if allowed is None else (rows == 0), (name, allowed, rows)


# ---------------------------------------------------------------------------------------------------------
# Every named query and every other function that reads unit data.

def calls() -> list[tuple[str, Callable, tuple]]:
    """(name, function, arguments) of every named query and every other reader, each under the boundary its
    arguments name. The other boundary is the SQL's to keep (the scope is applied in SQL, and every SQL file
    runs under both boundaries above): no named query's Python takes another path under it, and the
    arguments name both boundaries among the queries (test_the_arguments_take_both_boundaries)."""
    found = [(name, QUERIES[name], args) for name, args in ARGS.items()]
    found += [(name, function, args) for name, (function, cases) in READERS.items() for args in cases]
    return found


def test_the_arguments_take_both_boundaries():
    boundaries = {a for args in ARGS.values() for a in args if a in ("reported", "current")}
    assert boundaries == {"reported", "current"}


def function_leaks(function: Callable, args: tuple, var_dirs: dict[str, Path]) -> list[str]:
    """How `function(cursor, *args)` lets a reader see more than their units' data (empty when it does not):
    what it gives a restricted reader differs once other units' data is taken out of the database."""
    found = []
    for allowed, reduced in ((NOBODY, "nobody"), (OFFICER, "officer")):
        found += differences(answer(var_dirs, "full", allowed, function, args),
                             answer(var_dirs, reduced, allowed, function, args), reduced)
    return found


_ANSWERS: dict[tuple, object] = {}


def answer(var_dirs: dict[str, Path], database: str, allowed: tuple[str, ...] | None, function: Callable,
           args: tuple) -> object:
    """The outcome of `function(cursor, *args)` for a reader allowed `allowed` on the database `database`,
    worked out once for the module: the leak check and the no-rows check ask some of the same."""
    key = (str(var_dirs[database]), allowed, function, args)
    if key not in _ANSWERS:
        with reading(var_dirs[database], allowed) as con:
            _ANSWERS[key] = outcome(lambda: function(con, *args))
    return _ANSWERS[key]


@pytest.mark.parametrize(("name", "function", "args"), calls(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_reader_of_unit_data_shows_only_the_readers_units(var_dirs, name, function, args):
    assert function_leaks(function, args, var_dirs) == []


def nobody_sees(name: str, var_dirs: dict[str, Path]) -> list[str]:
    """What the named query `name` gives a reader with no units (see shown_to_nobody)."""
    result = answer(var_dirs, "full", NOBODY, QUERIES[name], ARGS[name])
    no_data = answer(var_dirs, "nobody", None, QUERIES[name], ARGS[name])  # the database holds no unit data
    return shown_to_nobody(name, result, no_data)


@pytest.mark.parametrize("name", sorted(ARGS))
def test_no_units_allowed_gives_no_rows(var_dirs, name):
    assert nobody_sees(name, var_dirs) == [], f"{name} gave a user with no units some data"


def test_every_named_query_is_covered_here():
    assert set(QUERIES) == set(ARGS)


def _reading_functions(path: Path) -> tuple[set[str], dict[str, set[str]]]:
    """Functions of a module that run SQL on the data (call read_sql() or query_sql(), or execute SQL text naming a
    data table), and which of the module's functions each function calls."""
    tables = re.compile(r"\b(" + "|".join(DATA_TABLES + ("indicator_facts",)) + r")\b")
    found, calls = set(), {}
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    for node in ast.walk(parsed(path)):
        if not isinstance(node, ast.FunctionDef):
            continue
        called = calls.setdefault(f"{module}.{node.name}", set())
        for call in [n for n in ast.walk(node) if isinstance(n, ast.Call)]:
            name = getattr(call.func, "attr", getattr(call.func, "id", ""))
            called.add(f"{module}.{name}")
            texts = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name in ("read_sql", "query_sql") or (name in ("execute", "sql") and any(tables.search(t) for t in texts)):
                found.add(f"{module}.{node.name}")
    return found, calls


def test_every_reader_of_unit_data_is_run_here():
    """Every function outside the write side that reads unit data is a named query, listed in READERS,
    or called by one of those in its module (a helper of the pre-fill is run through the pre-fill)."""
    run = {f"{f.__module__}.{f.__name__}" for f in QUERIES.values()} | set(READERS)
    readers, calls = set(), {}
    for folder in ("queries", "database", "etl", "rendering", "ui", "report", "auth", "pages", "cli"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.relative_to(ROOT).as_posix() not in WRITE_SIDE:
                found, called = _reading_functions(path)
                readers |= found
                calls |= called
    while True:  # what the functions run here call, they run too
        more = {callee for caller in run for callee in calls.get(caller, ())} - run
        if not more:
            break
        run |= more
    # the building blocks the named queries are made of are run through them
    through_named = {r for r in readers if r.startswith("queries.")}
    assert readers - through_named - run == set()
    assert set(READERS) <= readers | {"queries.kpi.kpi_table", "queries.report_data.meeting_data_for",
                                      "ui.template_download.template_workbook"}


# ---------------------------------------------------------------------------------------------------------
# The checks above catch a query that leaks.

LEAKING_SQL = "SELECT unit_id, full_name, birth_year FROM cadres WHERE year = $year"
LEAKING_PREFILL = """SELECT s.unit_id, s.year FROM submissions s JOIN units u USING (unit_id)
WHERE u.successor_id = $unit_id AND s.year < $year"""


@pytest.mark.parametrize("sql", [LEAKING_SQL, LEAKING_PREFILL])
def test_the_sql_check_catches_a_query_without_the_scope(var_dirs, sql):
    leaks = sql_leaks(sql, var_dirs)
    assert any("rows for a user with no units" in leak for leak in leaks)
    assert any("officer" in leak for leak in leaks)


def test_the_function_check_catches_a_function_without_the_scope(var_dirs):
    def leaking(con, year):
        return con.execute(LEAKING_SQL, {"year": year}).df()

    assert function_leaks(leaking, (2024,), var_dirs)


LEAKING_NAMED = {
    # the cases: unit names and ratings, and a frame of numbers only
    "org_ratings_list": "SELECT u.full_name, s.org_rating FROM submissions s JOIN units u USING (unit_id) "
                        "WHERE s.year = $year",
    "display_units": "SELECT unit_id AS display_id, full_name AS display_label FROM units",
    "membership_flow": "SELECT sum(admitted) AS admitted, sum(end_count) AS end_count FROM member_figures "
                       "WHERE year = $year",
}


def _ignoring_the_scope(sql: str, year_at: int | None) -> Callable:
    """A named query that reads the tables straight, without scoped_units($boundary, $allowed)."""
    def query(con, *args):
        return con.execute(sql, {"year": args[year_at]} if year_at is not None else {}).df()
    return query


@pytest.mark.parametrize("name", sorted(LEAKING_NAMED))
def test_the_no_rows_check_catches_a_named_query_without_the_scope(var_dirs, monkeypatch, name):
    year_at = next((i for i, a in enumerate(ARGS[name]) if isinstance(a, int)), None)
    monkeypatch.setitem(QUERIES, name, _ignoring_the_scope(LEAKING_NAMED[name], year_at))
    assert nobody_sees(name, var_dirs)


def test_the_no_rows_check_catches_a_figure_in_the_programmes_rows(var_dirs, monkeypatch):
    """A catalogue frame may hold the programme's rows, but not one figure of any unit, numbers included."""
    scoped = QUERIES["year_figures"]

    def leaking(con, boundary, units, year):
        with restricted_to(None):  # the figures of every unit, in the programme's rows
            return scoped(con, boundary, units, year)

    assert nobody_sees("year_figures", var_dirs) == []
    monkeypatch.setitem(QUERIES, "year_figures", leaking)
    assert any("numerator" in found or "denominator" in found for found in nobody_sees("year_figures", var_dirs))
