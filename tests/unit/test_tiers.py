"""The unit tier's own rules (tests/conftest.py): spreadsheets read in this process, no child process,
no database file. A test that needs more belongs to another tier."""

from __future__ import annotations

import subprocess

import duckdb
import pytest

from settings import settings
from tests.support.workbooks import default_spec, parse


def test_spreadsheets_are_read_in_this_process_and_no_process_starts(tmp_path):
    assert settings().decode_in_process
    assert parse(default_spec(), tmp_path).unit_id == "21469-2015"  # read with no decoder process
    with pytest.raises(AssertionError, match="starts no process"):
        subprocess.run(["true"], check=False)


def test_duckdb_in_memory_only(tmp_path):
    assert duckdb.connect().execute("SELECT 42").fetchone() == (42,)
    with pytest.raises(AssertionError, match="opens no database file"):
        duckdb.connect(str(tmp_path / "x.duckdb"))
