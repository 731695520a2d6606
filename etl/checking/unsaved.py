"""Formulas a rejected workbook holds without their result: said so, with how to fix the file.

The loader reads the value saved with a formula and never evaluates one (README, "Hostile files"). A
file saved by a program that does not recalculate (openpyxl, a script) holds formulas without one,
which read blank: "ô để trống" would then puzzle a user who sees a number in Excel. The question
reads the sheets again (`etl.reading.unsaved`, in the decoder), so it is asked only for a rejected
workbook, and only when one of its problems sits on a blank cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from etl.checking import contract as c
from etl.checking.tables import Findings, RawSheet, Table
from etl.checking.vocab import is_blank
from etl.reading.spreadsheet import unsaved_formulas
from settings import Settings

RESAVE = ("hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại để công thức được tính, sau đó nạp lại (tệp được "
          "lưu bằng một chương trình không tự tính công thức)")


def explain_unsaved(found: Findings, data: bytes, sheets: Mapping[str, RawSheet], tables: Mapping[str, Table | None],
                    cfg: Settings | None = None) -> None:
    """Each problem on a blank cell that holds a formula without its result says so (`Problem.unsaved`).

    A problem of `Thông tin` names its key, not the column of its value: a formula cell of its row counts."""
    blank: dict[int, tuple[str, int, int | None]] = {}  # problem's index → (sheet, Excel row, column or None)
    for index, problem in enumerate(found.problems):
        sheet, table = sheets.get(problem.sheet or ""), tables.get(problem.sheet or "")
        if sheet is None or problem.row is None:
            continue
        if table is not None and problem.column in table.columns:
            column = table.columns[problem.column]
            if is_blank(sheet.cell(problem.row - 1, column)):
                blank[index] = (problem.sheet, problem.row, column + 1)
        elif problem.sheet == c.SHEET_INFO and problem.blank:
            blank[index] = (problem.sheet, problem.row, None)
    if not blank:
        return
    unsaved = unsaved_formulas(data, {sheets[name].name for name, _, _ in blank.values()}, cfg)
    for index, (name, row, column) in blank.items():
        cells = unsaved.get(sheets[name].name, ())
        if (row, column) in cells or (column is None and any(r == row for r, _ in cells)):
            found.problems[index] = replace(found.problems[index], value=None, blank=False, unsaved=True,
                                            expected=RESAVE)
