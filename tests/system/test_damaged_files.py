"""The file as a whole: what is no spreadsheet, sheets, where tables start and end, all problems at once."""

from __future__ import annotations

import random

import pytest

from etl.checking.model import WorkbookRejected
from etl.checking.validate import parse_workbook
from etl.reading.spreadsheet import UNREADABLE
from tests.support import FIXTURES
from tests.support.workbooks import (
    default_spec,
    rejected_bytes,
    write,
)


@pytest.mark.parametrize("kind", ["xlsx", "ods", "xls"])
def test_damaged_files_never_raise_anything_but_rejection(tmp_path, kind):
    """Bytes flipped at random (fixed seed): either read or rejected, never a crash or a panic."""
    if kind == "xls":
        pytest.importorskip("xlwt")
    path, _ = write(default_spec(), tmp_path, name="ok", kind=kind)
    original = path.read_bytes()
    chance = random.Random(20250101)
    for _ in range(40):
        data = bytearray(original)
        for _ in range(chance.randint(1, 12)):
            data[chance.randrange(len(data))] = chance.randrange(256)
        try:
            parse_workbook(bytes(data), path.name)
        except WorkbookRejected as rejection:
            assert rejection.problems


def test_file_that_aborts_calamine_is_rejected_and_we_survive():
    """This damaged .xls makes calamine 0.9.1 ask for a 190 GB allocation, and Rust abort the
    process; reading in a child process turns that into a problem."""
    data = (FIXTURES / "damaged-aborts-calamine.xls").read_bytes()
    [problem] = rejected_bytes(data, "hong.xls")
    assert problem.expected == UNREADABLE
