"""A new database (the first load, a rebuild) is a copy of an empty one made once per process
(database.store.new_database): the same database `create_schema` makes, never one made for another unit
reference, schema or views, and private to its owner."""

from __future__ import annotations

import stat

import duckdb

from database import store
from database.store import create_schema, new_database
from settings import units_csv

SHAPE = {
    "tables": "SELECT table_name, column_name, data_type, column_default, is_nullable FROM information_schema.columns",
    "views": "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal",
    "macros": "SELECT function_name, macro_definition FROM duckdb_functions() WHERE function_type LIKE '%macro' "
              "AND NOT internal",
    "constraints": "SELECT table_name, constraint_type, constraint_text FROM duckdb_constraints()",
    "meta": "SELECT * FROM meta",
    "units": "SELECT * FROM units",
}


def shape(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in SHAPE.items()}


def made_by_create_schema(path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path)) as con:
        create_schema(con)
        return shape(con)


def test_a_new_database_is_what_create_schema_makes_and_private(empty_env, tmp_path):
    expected = made_by_create_schema(tmp_path / "made.duckdb")
    for name in ("first.duckdb", "second.duckdb"):  # the second from the copy kept by the first
        with new_database(tmp_path / name) as con:
            assert shape(con) == expected
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
    assert len(expected["units"]) > 10 and expected["meta"]


def test_a_changed_unit_reference_or_views_make_another_empty_database(empty_env, tmp_path, monkeypatch):
    with new_database(tmp_path / "before.duckdb") as con:
        assert "Phổ Vinh Mới" not in {name for (name,) in con.execute("SELECT name FROM units").fetchall()}
    csv = tmp_path / "units.csv"
    csv.write_text(units_csv().read_text(encoding="utf-8").replace("Phổ Vinh", "Phổ Vinh Mới", 1), encoding="utf-8")
    monkeypatch.setenv("DP_UNITS_CSV", str(csv))
    with new_database(tmp_path / "units.duckdb") as con:
        assert shape(con) == made_by_create_schema(tmp_path / "units-made.duckdb")
        assert "Phổ Vinh Mới" in {name for (name,) in con.execute("SELECT name FROM units").fetchall()}
    original = store.read_sql
    views = original("views") + "\nCREATE OR REPLACE VIEW added_by_this_test AS SELECT 1 AS one;\n"
    monkeypatch.setattr(store, "read_sql", lambda name: views if name == "views" else original(name))
    with new_database(tmp_path / "views.duckdb") as con:
        assert con.execute("SELECT one FROM added_by_this_test").fetchall() == [(1,)]
        assert shape(con) == made_by_create_schema(tmp_path / "views-made.duckdb")
