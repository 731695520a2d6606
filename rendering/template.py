"""The submission workbook of docs/DATA_CONTRACT.md, written with openpyxl.

One writer serves the blank or prefilled template a ward fills in and the complete sample
workbooks, so both have the same layout. Output bytes depend only on the content. The template
is format v2 (`Cuối năm`, `Tổng xếp loại`, `Bị kỷ luật` as formulas with their saved values,
etl.checking.formulas); data written for tests and samples is v1 unless `version` says otherwise.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from database.units import Unit
from etl.checking import contract as c
from etl.checking.cadres import FIRST_BIRTH_YEAR, last_birth_year
from etl.checking.formulas import formula, saved_value, with_saved_values
from queries.prefill import Prefill
from rendering.guide import ACCEPTED, GuideRow, cell_types_for, guide_rows
from settings import FIRST_REPORT_YEAR

SAMPLE_AUTHOR = "Dữ liệu mẫu (không phải số liệu thật)"
CREATOR = "Thị ủy Đức Phổ"
FIXED_TIME = datetime(2025, 1, 1)
ZIP_TIME = (2025, 1, 1, 0, 0, 0)
DATA_ROWS = 500  # rows below the header that carry validation
FREEZE = "B2"  # header row and the first column stay in view
TEXT_FIELDS = ("cell_code", "education")  # typed as text, so 12/12 never becomes a date
COUNT_FIELDS = tuple(col.field for col in c.MEMBER_COUNT_COLUMNS) + tuple(
    col.field for col in c.MEMBER_V2_COLUMNS) + ("thematic_meetings", "inspections", "supervisions", "admission_quota")
YEAR_FIELDS = ("founded_year", "rules_revised_year")
FIRST_FOUNDING = 1930
WIDTHS = {"cell_code": 12, "cell_name": 34, "cell_type": 14, "rating": 11, "four_good": 9,
          "full_name": 26, "birth_year": 10, "gender": 9, "role": 13, "education": 11,
          "professional": 17, "political": 17, "trained": 11, "dual_role": 22}
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")


def info_keys(sample: bool, version: int = c.FORMAT_V2) -> tuple[c.Column, ...]:
    """The `Thông tin` keys written: the sample flag only on sample workbooks."""
    return tuple(col for col in c.columns_of(c.INFO_KEYS, version) if sample or col.field != "is_sample")


def write_template(out: Path | BinaryIO, unit: Unit, year: int, prefill: Prefill | None = None) -> None:
    """The workbook a ward fills in for `year`, with last year's cells and cadres when known."""
    prefill = prefill or Prefill([], [], {})
    members = [
        {"cell_code": cell["cell_code"], "start_count": prefill.start_counts.get(cell["cell_code"])}
        for cell in prefill.cells
    ]
    write_workbook(out, unit, year, prefill.info, prefill.cells, members, prefill.cadres, version=c.FORMAT_V2)


def write_workbook(
    out: Path | BinaryIO,
    unit: Unit,
    year: int,
    info: dict,
    cells: list[dict],
    members: list[dict],
    cadres: list[dict],
    sample: bool = False,
    version: int = c.FORMAT_V1,
) -> None:
    """A contract workbook of format `version` with the given content; blank values stay blank
    cells. In v2 the formula columns hold formulas wherever the given figure equals their result."""
    wb = Workbook()
    guide = wb.active
    guide.title = c.SHEET_GUIDE
    keys = info_keys(sample, version)
    _write_guide(guide, guide_rows(unit, year, keys, sample, version))
    values = {**info, "unit": unit.full_name, "year": year}
    if sample:
        values.update(is_sample=c.YES[0], prepared_by=SAMPLE_AUTHOR)
    rules = Rules(year, cell_types_for(unit))
    _write_info(wb.create_sheet(c.SHEET_INFO), keys, values, rules)
    saved = {}
    for sheet, rows in ((c.SHEET_CELLS, cells), (c.SHEET_MEMBERS, members), (c.SHEET_CADRES, cadres)):
        ws = wb.create_sheet(sheet)
        saved[wb.index(ws)] = _write_table(ws, c.columns_of(c.SHEET_COLUMNS[sheet], version), rows, rules,
                                           formulas=version >= c.FORMAT_V2)
    _save(wb, out, saved)


def _shown(value: object) -> object:
    if isinstance(value, bool):
        return c.YES[0] if value else c.NO[0]
    return value


def _list_rule(values: Iterable[str]) -> DataValidation:
    shown = ", ".join(values)
    return DataValidation(
        type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
        errorTitle="Giá trị không hợp lệ", error=f"Chọn một trong: {shown}",
    )


def _whole_rule(low: int, high: int | None = None) -> DataValidation:
    if high is None:
        return DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1=str(low), allow_blank=True,
            errorTitle="Giá trị không hợp lệ", error=f"Nhập số nguyên từ {low} trở lên",
        )
    return DataValidation(
        type="whole", operator="between", formula1=str(low), formula2=str(high), allow_blank=True,
        errorTitle="Giá trị không hợp lệ", error=f"Nhập số nguyên từ {low} đến {high}",
    )


@dataclass(frozen=True)
class Rules:
    """The validation of each column for one unit and year: dropdowns and number ranges."""

    year: int
    cell_types: tuple[str, ...]  # the unit's kinds of cell (no village cells in an organisation)

    def for_field(self, name: str) -> DataValidation | None:
        if name == "cell_type":
            return _list_rule(self.cell_types)
        if name == "education":
            return _list_rule(c.EDUCATION_OFFERED)  # the common forms; others are accepted too
        if name in ACCEPTED:
            return _list_rule(ACCEPTED[name])
        if name == "regular_meetings":
            return _whole_rule(0, 12)
        if name == "founded_month":
            return _whole_rule(1, 12)
        if name in YEAR_FIELDS:
            return _whole_rule(FIRST_FOUNDING, self.year)
        if name in COUNT_FIELDS or name in ("committee_members", "committee_trained"):
            return _whole_rule(0)
        if name == "birth_year":
            return _whole_rule(FIRST_BIRTH_YEAR, last_birth_year(self.year))
        if name == "year":
            return _whole_rule(FIRST_REPORT_YEAR)
        return None


def _write_guide(ws: Worksheet, rows: list[GuideRow]) -> None:
    for style, *texts in rows:
        ws.append(texts)
        for cell in ws[ws.max_row]:
            cell.alignment = WRAP
            if style:
                cell.font = TITLE_FONT if style == "title" else HEADER_FONT
            if style == "header":
                cell.fill = HEADER_FILL
    for letter, width in zip("ABC", (34, 10, 100), strict=True):
        ws.column_dimensions[letter].width = width


def _as_typed(cell: Cell) -> Cell:
    """Text stays text: openpyxl would turn a name typed as `=HYPERLINK(…)` into a live formula."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def _write_info(ws: Worksheet, keys: tuple[c.Column, ...], values: dict, rules: Rules) -> None:
    for line, col in enumerate(keys, start=1):
        ws.cell(line, 1, col.name).font = HEADER_FONT
        value = _shown(values.get(col.field))
        if value is not None:
            _as_typed(ws.cell(line, 2, value))
        if col.field == "prepared_on":
            ws.cell(line, 2).number_format = "@"
        rule = rules.for_field(col.field)
        if rule is not None:
            ws.add_data_validation(rule)
            rule.add(f"B{line}")
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 40


def _write_table(ws: Worksheet, columns: tuple[c.Column, ...], rows: list[dict], checks: Rules,
                 formulas: bool) -> dict[str, int]:
    """The table with its validation; returns the saved value of each formula cell written."""
    rules: dict[tuple, DataValidation] = {}
    for index, col in enumerate(columns, start=1):
        header = ws.cell(1, index, col.name)
        header.font = HEADER_FONT
        header.fill = HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        letter = get_column_letter(index)
        dimension = ws.column_dimensions[letter]
        dimension.width = WIDTHS.get(col.field, 11)
        if col.field in TEXT_FIELDS:
            dimension.number_format = "@"  # rows typed in later are text too
        rule = checks.for_field(col.field)
        if rule is not None:
            # columns with the same rule share one validation
            key = (rule.type, rule.formula1, rule.formula2)
            rule = rules.setdefault(key, rule)
            rule.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
    letters = {col.field: get_column_letter(index) for index, col in enumerate(columns, start=1)}
    computed = [col.field for col in columns if formulas and col.field in c.FORMULA_FIELDS]
    saved: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        for index, col in enumerate(columns, start=1):
            value = _shown(row.get(col.field))
            cell = ws.cell(line, index) if value is None else _as_typed(ws.cell(line, index, value))
            if col.field in TEXT_FIELDS:
                cell.number_format = "@"
        for name in computed:
            result = saved_value(name, row)
            if row.get(name) is None or row.get(name) == result:  # a formula never hides a figure
                ws[f"{letters[name]}{line}"] = formula(name, letters, line)
                if result != "":
                    saved[f"{letters[name]}{line}"] = result
    for rule in rules.values():
        ws.add_data_validation(rule)
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = FREEZE
    return saved


def _save(wb: Workbook, out: Path | BinaryIO, saved: dict[int, dict[str, int]] | None = None) -> None:
    """Save with fixed properties and zip entries, so equal content gives equal bytes.

    `saved`: sheet index → the values of its formula cells, written as a spreadsheet saves them."""
    props = wb.properties
    props.creator = props.lastModifiedBy = CREATOR
    props.created = props.modified = FIXED_TIME
    raw = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook stamps the current time as `modified`.
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    edits = {f"xl/worksheets/sheet{index + 1}.xml": values for index, values in (saved or {}).items() if values}
    data = normalize_zip(raw.getvalue(), edits)
    if isinstance(out, (str, Path)):
        Path(out).write_bytes(data)
    else:
        out.write(data)


def normalize_zip(data: bytes, saved: dict[str, dict[str, int]] | None = None) -> bytes:
    """The same archive with sorted entries, a fixed date and fixed attributes on each; the
    sheets named in `saved` get those values for their formula cells."""
    saved = saved or {}
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = [(name, with_saved_values(src.read(name), saved[name]) if name in saved else src.read(name))
                   for name in src.namelist()]
    entries.sort(key=lambda entry: (entry[0] != "[Content_Types].xml", entry[0]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, content)
    return out.getvalue()
