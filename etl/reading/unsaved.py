"""Formula cells a zipped workbook holds without their result: saved by a program that does not recalculate.

calamine reads the value saved with a formula and never evaluates one (`etl.reading.spreadsheet`), so such
a cell reads blank. A spreadsheet application always saves the result; openpyxl writes `<f>…</f><v/>`,
odfpy a `table:formula` without a value. The checker asks about them only for a rejected workbook whose
problem sits on a blank cell (`etl.checking.unsaved.explain_unsaved`), to say why the cell is blank.
Run in the decoder process, on a file the guard has passed (`etl.reading.decoder.unsaved_cells`).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Collection
from itertools import islice, product

from core.text import fold
from etl.reading.sheetscan import OFFICE, TABLE, follow_cells, local_name, walk, xlsx_sheets

Cells = dict[str, set[tuple[int, int]]]  # sheet name as written → Excel (row, column) of each cell, 1-based
MAX_CELLS = 100_000  # more than any report has; a row of a million repeated formulas is not listed
_SAVED_ODS = tuple(f"{OFFICE} {name}" for name in ("value", "date-value", "time-value", "boolean-value",
                                                      "string-value"))


def unsaved_formula_cells(data: bytes, sheets: Collection[str]) -> Cells:
    """The formula cells of `sheets` (names as written) whose result the file did not save, by sheet."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "content.xml" in archive.NameToInfo:
            return _ods_cells(archive, set(sheets))
        found: Cells = {}
        for name, part in xlsx_sheets(archive, {fold(sheet) for sheet in sheets}):
            if name in sheets and name not in found:
                found[name] = _xlsx_cells(archive, part)
        return found


def _xlsx_cells(archive: zipfile.ZipFile, part: str) -> set[tuple[int, int]]:
    """A cell with a formula (`f`) and no value (`v` missing, or empty but for a text result, `t="str"`)."""
    cells: set[tuple[int, int]] = set()
    at: dict = {"row": 0, "col": 0, "cell": None, "text": False, "formula": False, "value": None}

    def start(name: str, attrs: dict) -> None:
        local = local_name(name)
        if follow_cells(local, attrs, at):
            if local == "c":
                at.update(text=attrs.get("t") == "str", formula=False, value=None)
        elif local == "f":
            at["formula"] = True
        elif local == "v":
            at["value"] = ""

    def text(data: str) -> None:
        if at["value"] is not None:
            at["value"] += data

    def end(name: str) -> None:
        if local_name(name) != "c" or not at["formula"] or len(cells) >= MAX_CELLS:
            return
        if at["value"] is None or (not at["value"].strip() and not at["text"]):
            cells.add(at["cell"])

    walk(archive, part, start, end, text=text)
    return cells


def _ods_cells(archive: zipfile.ZipFile, sheets: set[str]) -> Cells:
    """A cell with a `table:formula` and no value attribute, unless its result is text (its paragraphs)."""
    found: Cells = {}
    at: dict = {"sheet": None, "row": 0, "rows": 1, "col": 0}

    def start(name: str, attrs: dict) -> None:
        local = local_name(name)
        if local == "table" and name.startswith(TABLE):
            title = attrs.get(f"{TABLE} name", "")
            at.update(sheet=found.setdefault(title, set()) if title in sheets and title not in found else None, row=0)
        elif local == "table-row" and at["sheet"] is not None:
            text = attrs.get(f"{TABLE} number-rows-repeated", "1")
            at.update(rows=int(text) if text.isdigit() else 1, col=0)
        elif local in ("table-cell", "covered-table-cell") and at["sheet"] is not None:
            text = attrs.get(f"{TABLE} number-columns-repeated", "1")
            repeat = int(text) if text.isdigit() else 1
            if (f"{TABLE} formula" in attrs and attrs.get(f"{OFFICE} value-type") != "string"
                    and not any(key in attrs for key in _SAVED_ODS)):
                _add(at["sheet"], range(at["row"] + 1, at["row"] + at["rows"] + 1),
                     range(at["col"] + 1, at["col"] + repeat + 1))
            at["col"] += repeat

    def end(name: str) -> None:
        if local_name(name) == "table-row" and at["sheet"] is not None:
            at["row"] += at["rows"]
            at["rows"] = 1

    walk(archive, "content.xml", start, end)
    return found


def _add(cells: set[tuple[int, int]], rows: range, cols: range) -> None:
    """The cells of `rows` × `cols` (repeated ones), up to MAX_CELLS in all."""
    room = MAX_CELLS - len(cells)
    if room > 0:
        cells.update(islice(product(rows, cols), room))
