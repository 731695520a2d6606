"""A column's Vietnamese name is written once: in the dictionary of column names (`COLUMN_NAMES`).

Pages, slides and the report ask `vi_columns` for the names of a table's columns; a table that names a
column otherwise says so there (`vi_columns(..., numerator="Kết nạp")`). A dict literal mapping a query's
column to a Vietnamese name anywhere else is the copy this forbids (the same names were written 72 times).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import rendering.tables as tables
from rendering.tables import COLUMN_NAMES
from tests.support import ROOT, parsed

RENDERING = ("pages", "ui", "report", "router", "rendering")  # whatever draws tables, where it lives
WORKBOOK = {"rendering/guide.py", "rendering/template.py"}  # the ward's workbook: the contract's words and guide texts


def copied_names(root: Path, columns: set[str]) -> list[str]:
    """`file:line column → name` for every dict literal outside the dictionary's own module that maps a
    column of `columns` to a Vietnamese text."""
    own = Path(tables.__file__).resolve()
    found = []
    for folder in RENDERING:
        for path in sorted((root / folder).rglob("*.py")):
            if path.resolve() == own or path.relative_to(root).as_posix() in WORKBOOK:
                continue
            for node in ast.walk(parsed(path)):
                if not isinstance(node, ast.Dict):
                    continue
                for key, value in zip(node.keys, node.values, strict=True):
                    if (isinstance(key, ast.Constant) and key.value in columns and isinstance(value, ast.Constant)
                            and isinstance(value.value, str) and not value.value.isascii()):
                        found.append(f"{path.relative_to(root)}:{node.lineno} {key.value} → {value.value}")
    return found


def test_no_table_writes_a_column_name_of_its_own():
    assert copied_names(ROOT, set(COLUMN_NAMES)) == []


def test_a_table_names_its_columns_in_its_order_and_says_which_it_names_otherwise():
    assert tables.vi_columns("unit", "year", "numerator", numerator="Kết nạp") == {
        "unit": "Đơn vị", "year": "Năm", "numerator": "Kết nạp"}
    assert list(tables.vi_columns("rate", "unit")) == ["rate", "unit"]
    with pytest.raises(ValueError, match="rate"):  # a name for a column the table does not have
        tables.vi_columns("unit", rate="Tỷ lệ kết nạp")
