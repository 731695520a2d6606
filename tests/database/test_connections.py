"""Every DuckDB connection the product opens carries the settings of database.connect: the pages' readers, a
load's write session, a new database, the frames writer; and no product module opens one another way."""

from __future__ import annotations

import ast
from pathlib import Path

import duckdb

from database.connect import DISABLED_OPTIMIZERS
from database.db import cursor
from database.store import published_file, write_session
from queries.precompute import writer
from tests.support import ROOT, parsed, product_files


def disabled(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("SELECT current_setting('disabled_optimizers')").fetchone()[0]


def test_readers_writers_and_the_frames_writer_carry_the_settings(sample_env, empty_env):
    assert disabled(cursor(sample_env)) == DISABLED_OPTIMIZERS
    with write_session(sample_env) as con:  # a copy of the published version
        assert disabled(con) == DISABLED_OPTIMIZERS
    with write_session(empty_env) as con:  # a new database
        assert disabled(con) == DISABLED_OPTIMIZERS
    frames = writer(sample_env, published_file(sample_env))
    try:
        assert disabled(frames) == DISABLED_OPTIMIZERS
    finally:
        frames.close()


def direct_connects(root: Path) -> list[str]:
    """Calls of `duckdb.connect` in the product outside database/connect.py."""
    found = []
    for path in product_files(root):
        where = path.relative_to(root).as_posix()
        if where == "database/connect.py":
            continue
        for node in ast.walk(parsed(path)):
            if (isinstance(node, ast.Attribute) and node.attr == "connect" and isinstance(node.value, ast.Name)
                    and node.value.id == "duckdb"):
                found.append(f"{where}:{node.lineno}")
    return found


def test_the_product_opens_duckdb_only_through_database_connect():
    assert direct_connects(ROOT) == []


def test_the_check_finds_a_direct_connect(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "reader.py").write_text("import duckdb\ncon = duckdb.connect('x.duckdb')\n")
    assert direct_connects(tmp_path) == ["pkg/reader.py:2"]
