"""CSV / formula injection: names typed as formulas are kept as typed, flagged on load, and defused
in every file we hand out (CSV and XLSX downloads, extracts, the KPI CLI, the template, the report)."""

from __future__ import annotations

import csv
import io

import openpyxl

from etl.checking import contract
from tests.support.cli import etl
from tests.support.hostile_text import HOSTILE_CELLS, UNIT, dangerous


def test_kpi_cli_and_template_are_defused(loaded, tmp_path):
    kpi = etl("kpi", "--year", "2024", "--unit", UNIT)
    assert kpi.returncode == 0, kpi.stderr
    rows = list(csv.reader(io.StringIO(kpi.stdout)))
    assert len(rows) > 5 and [v for row in rows for v in row if dangerous(v)] == []
    out = tmp_path / "mau.xlsx"
    made = etl("template", "--unit", "Đức Phổ", "--year", "2025", "-o", str(out))
    assert made.returncode == 0, made.stderr
    book = openpyxl.load_workbook(out)
    cells = [c for sheet in book.worksheets for line in sheet.iter_rows() for c in line]
    # names kept as text, never turned into formulas; the only formulas are the template's own sums
    computed = {col.name for col in contract.MEMBER_COLUMNS if col.field in contract.FORMULA_FIELDS}
    assert {(x.parent.title, x.parent.cell(1, x.column).value) for x in cells if x.data_type == "f"} == {
        (contract.SHEET_MEMBERS, name) for name in computed}
    assert {"'" + h for h in HOSTILE_CELLS} <= {c.value for c in cells}  # as stored: defused
