"""Contract workbooks written from Python data, with the mess of real submissions on request.

The tests and `samples.examples` build their files here, so both go through the same reader the
loader uses. `render` lays a spec out as grids (and says on which Excel row each data row
landed); `write_xlsx`, `write_ods` and `write_xls` write those grids byte-for-byte the same on
every run.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from etl.checking import contract as c

OMIT = object()  # an info value that leaves its key row out
FIXED_TIME = dt.datetime(2025, 1, 15, 8, 0, 0)
HEADER_ALIASES = {
    "Họ và tên": "Họ tên", "Lý luận chính trị": "LLCT", "Mã chi bộ": "Mã CB",
    "Bồi dưỡng trong năm": "Bồi dưỡng", "Đầu năm": "Số đảng viên\nđầu năm",
    "Cuối năm": "Số đảng viên\ncuối năm", "Loại chi bộ": "Loại hình\nchi bộ",
    "Học vấn": "Trình độ\nhọc vấn", "Chuyên môn": "Trình độ chuyên môn",
    "Kết nạp học sinh": "Kết nạp\nhọc sinh", "Bốn tốt": "Chi bộ 4 tốt",
}
_FRACTION = re.compile(r"^(\d{1,2})/(10|12)$")


@dataclass
class Mess:
    """What real submissions do to the template; everything off by default."""

    title_block: bool = False  # unit and report title above each table
    blank_rows_above: int = 0
    blank_cols_left: int = 0
    stt_column: bool = False
    total_row: bool = False  # `Tổng cộng` with the column sums under `Đảng viên`, `Cộng` under `Chi bộ`
    total_overrides: dict[str, object] = field(default_factory=dict)  # member column → value in total row
    signature: bool = False  # blank row, then who prepared and who signs
    blank_row_inside: bool = False  # a blank row between the first and second data rows
    numbering_row: bool = False  # (1) (2) (3) … under the header
    style: str | None = None  # 'nfd', 'upper', 'ascii' or 'nbsp', on every text
    numbers_as_text: bool = False  # ' 12 ' as text, zeros left blank
    education_dates: bool = False  # n/12 and n/10 typed into a cell that made them dates (d/m)
    header_aliases: bool = False  # HEADER_ALIASES instead of canonical names, with line breaks
    guide_sheet: bool = False
    extra_sheet: bool = False


@dataclass
class WorkbookSpec:
    """A workbook as data: info key → value, and one dict per row keyed by canonical column."""

    info: dict[str, object]
    cells: list[dict[str, object]]
    members: list[dict[str, object]]
    cadres: list[dict[str, object]]
    mess: Mess = field(default_factory=Mess)
    headers: dict[str, str] = field(default_factory=dict)  # canonical column → header written
    drop_columns: tuple[str, ...] = ()  # canonical column names left out of every sheet
    omit_sheets: tuple[str, ...] = ()
    sheet_names: dict[str, str] = field(default_factory=dict)  # canonical → name written
    version: int = c.FORMAT_V1  # the contract format whose columns are written


@dataclass
class Layout:
    """Where things landed, as Excel shows rows (1-based)."""

    header_row: dict[str, int] = field(default_factory=dict)
    rows: dict[str, list[int]] = field(default_factory=dict)  # sheet → Excel row of each data row
    total_row: dict[str, int] = field(default_factory=dict)
    info_rows: dict[str, int] = field(default_factory=dict)


def styled(text: str, style: str | None) -> str:
    if style == "nfd":
        return unicodedata.normalize("NFD", text)
    if style == "upper":
        return text.upper()
    if style == "ascii":
        bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        return "".join(ch for ch in bare if not unicodedata.combining(ch))
    if style == "nbsp":
        return "\u00a0" + text.replace(" ", "\u00a0") + "\u00a0"
    return text


def _cell_value(value: object, column: str, mess: Mess) -> object:
    if isinstance(value, str):
        match = _FRACTION.match(value)
        if mess.education_dates and column == "Học vấn" and match:
            return dt.date(2024, int(match[2]), int(match[1]))  # d/m, as a Vietnamese Excel reads it
        return value
    if mess.numbers_as_text and isinstance(value, int) and not isinstance(value, bool):
        return f" {value} " if value else None
    return value


def _title(spec: WorkbookSpec, sheet: str) -> list[list[object]]:
    unit = str(spec.info.get("Đơn vị", ""))
    year = spec.info.get("Năm báo cáo", "")
    return [
        ["ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ", None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
        [f"ĐẢNG ỦY {unit.upper()}", None, None, None, "Đức Phổ, ngày 10 tháng 01 năm 2025"],
        [],
        [f"BÁO CÁO {sheet.upper()} NĂM {year}"],
        [],
    ]


SIGNATURE = [
    [],
    ["NGƯỜI LẬP BIỂU", None, None, "T/M ĐẢNG ỦY"],
    ["(Ký, ghi rõ họ tên)", None, None, "BÍ THƯ"],
    [],
    [],
    ["Trần Thị Lan", None, None, "Nguyễn Văn Hùng"],
]


def _table(spec: WorkbookSpec, sheet: str, rows: list[dict], layout: Layout) -> list[list[object]]:
    mess = spec.mess
    columns = [col.name for col in c.columns_of(c.SHEET_COLUMNS[sheet], spec.version) if col.name not in spec.drop_columns]
    grid: list[list[object]] = [[] for _ in range(mess.blank_rows_above)]
    if mess.title_block:
        grid += _title(spec, sheet)
    lead = ["STT"] if mess.stt_column else []
    header = [spec.headers.get(n) or (HEADER_ALIASES.get(n, n) if mess.header_aliases else n) for n in columns]
    grid.append(lead + header)
    layout.header_row[sheet] = len(grid)
    if mess.numbering_row:
        grid.append([f"({i})" for i in range(1, len(lead + header) + 1)])
    layout.rows[sheet] = []
    for number, row in enumerate(rows, 1):
        if mess.blank_row_inside and number == 2:
            grid.append([])
        values = [_cell_value(row.get(n), n, mess) for n in columns]
        grid.append(([number] if lead else []) + values)
        layout.rows[sheet].append(len(grid))
    if mess.total_row and sheet == c.SHEET_MEMBERS:
        sums = {n: sum(v for r in rows if isinstance(v := r.get(n), int)) for n in columns[1:]}
        sums.update(mess.total_overrides)
        values = [sums.get(n) for n in columns]
        values[0] = "Tổng cộng"
        grid.append(([None] if lead else []) + values)
        layout.total_row[sheet] = len(grid)
    elif mess.total_row and sheet == c.SHEET_CELLS:
        grid.append(([None] if lead else []) + ["Cộng", f"{len(rows)} chi bộ"])
        layout.total_row[sheet] = len(grid)
    if mess.signature:
        grid += [([None] if lead else []) + line for line in SIGNATURE]
    return grid


def _info(spec: WorkbookSpec, layout: Layout) -> list[list[object]]:
    grid: list[list[object]] = [[] for _ in range(spec.mess.blank_rows_above)]
    if spec.mess.title_block:
        grid += [["THÔNG TIN CHUNG VỀ ĐƠN VỊ BÁO CÁO"], []]
    for name, value in spec.info.items():
        if value is OMIT:
            continue
        grid.append([name, _cell_value(value, name, spec.mess)])
        layout.info_rows[name] = len(grid)
    return grid


def render(spec: WorkbookSpec) -> tuple[dict[str, list[list[object]]], Layout]:
    """The sheets of `spec` as grids (sheet name as written → rows), and where rows landed."""
    layout = Layout()
    mess = spec.mess
    sheets: dict[str, list[list[object]]] = {}
    if mess.guide_sheet:
        sheets[c.SHEET_GUIDE] = [["Điền số liệu vào các sheet sau; không đổi tên cột."]]
    parts = {
        c.SHEET_INFO: lambda: _info(spec, layout),
        c.SHEET_CELLS: lambda: _table(spec, c.SHEET_CELLS, spec.cells, layout),
        c.SHEET_MEMBERS: lambda: _table(spec, c.SHEET_MEMBERS, spec.members, layout),
        c.SHEET_CADRES: lambda: _table(spec, c.SHEET_CADRES, spec.cadres, layout),
    }
    for canonical, build in parts.items():
        if canonical in spec.omit_sheets:
            continue
        grid = [[None] * mess.blank_cols_left + line for line in build()]
        name = spec.sheet_names.get(canonical) or styled(canonical, None if mess.style == "nbsp" else mess.style)
        sheets[name] = [[styled(v, mess.style) if isinstance(v, str) else v for v in line] for line in grid]
    if mess.extra_sheet:
        sheets["Ghi chú"] = [["Số liệu đã được chi bộ rà soát."]]
    return sheets, layout


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry dated FIXED_TIME, so the bytes never change."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED if item.filename == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def write_xlsx(spec: WorkbookSpec, path: Path) -> Layout:
    """Write `spec` as .xlsx with openpyxl (`xlsx_bytes`)."""
    sheets, layout = render(spec)
    Path(path).write_bytes(xlsx_bytes(sheets))
    return layout


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """Grids (sheet name → rows, None for an empty cell) as .xlsx with openpyxl, the same bytes on
    every run; dates get a dd/mm/yyyy format as Excel gives them."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    book.remove(book.active)
    for name, grid in sheets.items():
        sheet = book.create_sheet(name)
        for r, line in enumerate(grid, 1):
            for col, value in enumerate(line, 1):
                if value is not None:
                    cell = sheet.cell(r, col, value)
                    if isinstance(value, dt.date):
                        cell.number_format = "dd/mm/yyyy"
        for col in range(1, sheet.max_column + 1):
            sheet.column_dimensions[sheet.cell(1, col).column_letter].width = 16
    book.properties.creator = "Thị ủy Đức Phổ"
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # save_workbook() would stamp `modified` with now
    return _fixed_zip(buffer.getvalue())


def write_ods(spec: WorkbookSpec, path: Path) -> Layout:
    """Write `spec` as OpenDocument (.ods) with odfpy; dates as date cells."""
    from odf.element import Element
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    sheets, layout = render(spec)
    # odfpy declares every namespace any element ever used in this process (a class-level
    # dict); start it empty so that the bytes depend on this document only
    Element.namespaces.clear()
    doc = OpenDocumentSpreadsheet()
    for name, grid in sheets.items():
        table = Table(name=name)
        for line in grid:
            row = TableRow()
            for value in line:
                if value is None or value == "":
                    cell = TableCell()
                elif isinstance(value, bool):
                    cell = TableCell(valuetype="boolean", booleanvalue=str(value).lower())
                elif isinstance(value, (int, float)):
                    cell = TableCell(valuetype="float", value=value)
                elif isinstance(value, dt.date):
                    cell = TableCell(valuetype="date", datevalue=value.isoformat())
                else:
                    cell = TableCell(valuetype="string")
                if value is not None and value != "":
                    cell.addElement(P(text=value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)))
                row.addElement(cell)
            table.addElement(row)
        doc.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    doc.write(buffer)
    Path(path).write_bytes(_fixed_zip(buffer.getvalue()))
    return layout


def write_xls(spec: WorkbookSpec, path: Path) -> Layout:
    """Write `spec` as Excel 97–2003 (.xls) with xlwt, an optional test dependency."""
    import xlwt

    sheets, layout = render(spec)
    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for name, grid in sheets.items():
        sheet = book.add_sheet(name)
        for r, line in enumerate(grid):
            for col, value in enumerate(line):
                if isinstance(value, dt.date):
                    sheet.write(r, col, value, date_style)
                elif value is not None:
                    sheet.write(r, col, value)
    book.save(str(path))
    return layout
