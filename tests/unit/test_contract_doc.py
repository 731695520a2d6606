"""docs/DATA_CONTRACT.md and etl/checking/contract.py describe the same workbook: every sheet, column
(or key), whether it is required and the format version that added it; the vocabularies too."""

from __future__ import annotations

import re

import pytest

from database.units import UNIT_KINDS
from etl.checking import contract as c
from tests.support import ROOT

DOC = ROOT / "docs" / "DATA_CONTRACT.md"
SHEET_HEADING = re.compile(r"^### `([^`]+)`\s*$")
ROW = re.compile(r"^\| `([^`]+)` \| (có|không) \| (v\d) \|")
CODE_COLUMNS = {c.SHEET_INFO: c.INFO_KEYS, **c.SHEET_COLUMNS}


def documented() -> dict[str, list[tuple[str, bool, int]]]:
    """Sheet → its table's rows (name, required, version), in the document's order."""
    sheets: dict[str, list[tuple[str, bool, int]]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = SHEET_HEADING.match(line)
        if heading:
            current = sheets.setdefault(heading[1], [])
        elif line.startswith("## "):
            current = None
        elif current is not None and (row := ROW.match(line)):
            current.append((row[1], row[2] == "có", int(row[3][1:])))
    return sheets


def test_the_document_names_the_sheets_of_the_code():
    assert list(documented()) == list(c.SHEETS)


@pytest.mark.parametrize("sheet", c.SHEETS)
def test_every_column_as_the_code_has_it(sheet):
    assert documented()[sheet] == [(col.name, col.required, col.since) for col in CODE_COLUMNS[sheet]]


@pytest.mark.parametrize("words", [c.CELL_TYPES, c.DUAL_ROLES, UNIT_KINDS, c.ROLES, c.RATINGS,
                                   c.PROFESSIONAL_LEVELS, c.POLITICAL_LEVELS])
def test_every_vocabulary_word_is_documented(words):
    text = DOC.read_text(encoding="utf-8")
    assert [w for w in words if f"`{w}`" not in text] == []


def test_the_document_describes_the_v2_tables_of_the_schema():
    from database.sql import read_sql

    schema = read_sql("schema")
    text = DOC.read_text(encoding="utf-8")
    for table in ("unit_reports", "cell_life", "cadre_dual_roles"):
        body = re.search(rf"CREATE TABLE IF NOT EXISTS {table} \((.*?)\);", schema, re.DOTALL)[1]
        columns = [line.split()[0] for line in body.strip().splitlines() if line.strip() and not line.strip().startswith("--")]
        row = next(line for line in text.splitlines() if line.startswith(f"| `{table}` |"))
        assert [col for col in columns if not re.search(rf"\b{col}\b", row)] == [], table
