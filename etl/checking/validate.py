"""A submitted workbook checked against docs/DATA_CONTRACT.md, into a Submission or every problem.

`parse_workbook` is the one entry point: the CLI, the upload page and the tests call it through
`etl.loading.loader.load_workbook`. It never stops at the first problem; a workbook with problems is
rejected whole, so nothing of it is loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from core.safe_text import neutralise_text
from core.wording import in_quotes
from database.units import Unit, UnitNotFound, resolve_unit, units_by_id
from etl.checking import contract as c
from etl.checking.cadres import read_cadres, read_dual_roles
from etl.checking.cell_life import read_cell_life
from etl.checking.members import read_members
from etl.checking.model import Problem, Submission, WorkbookRejected
from etl.checking.plausible import bounded_count, committee_bound_problem
from etl.checking.tables import CellIndex, Findings, RawSheet, Table
from etl.checking.unsaved import explain_unsaved
from etl.checking.vocab import (
    CELL_TYPE_TERMS,
    RATING_TERMS,
    BadValue,
    as_text,
    cell_key,
    is_blank,
    term,
    whole_number,
    year_between,
    yes_no,
    yes_no_or_none,
)
from etl.checking.workbook import read_pairs, read_table, read_workbook
from settings import FIRST_REPORT_YEAR, Settings

RATINGS_SHOWN = [*c.RATINGS, *(words[0] for words in c.RATING_ALIASES.values())]
NO_REPORT = {"format_version": c.FORMAT_V1, "admission_quota": None, "four_good_unit": None}  # a v1 workbook's
V2_NAMES = {sheet: frozenset(col.name for col in columns if col.since == c.FORMAT_V2)
            for sheet, columns in {c.SHEET_INFO: c.INFO_KEYS, **c.SHEET_COLUMNS}.items()}


def parse_workbook(data: bytes, file_name: str, upcoming: bytes | None = None, cfg: Settings | None = None,
                   allowed_units: Collection[str] | None = None) -> Submission:
    """Read and check one workbook; raise WorkbookRejected listing every problem found.

    `upcoming`: the next workbook to be parsed, if known; it is decoded while this one is checked.
    `cfg`: the settings (limits, where to decode), read once a load by the loader; read here without it.
    `allowed_units` (unit ids; None = any): a workbook whose `Thông tin` names another unit is refused for
    that alone, before its other sheets are checked: an officer is not shown another unit's data errors.
    """
    found = Findings(file_name)
    sheets = read_workbook(data, found, upcoming, cfg)
    info, report, unit, year = read_info(sheets.get(c.SHEET_INFO), found)
    if unit is not None and allowed_units is not None and unit.unit_id not in allowed_units:
        raise WorkbookRejected(file_name, [not_your_unit(file_name, unit, allowed_units)])
    tables = {
        name: read_table(sheets[name], name, columns, found)
        for name, columns in c.SHEET_COLUMNS.items()
        if name in sheets
    }
    cells, cell_index = read_cells(tables.get(c.SHEET_CELLS), found, unit)
    members = read_members(tables.get(c.SHEET_MEMBERS), cell_index, found)
    cadres = read_cadres(tables.get(c.SHEET_CADRES), cell_index, year, found)
    if tables.get(c.SHEET_CADRES) and not cadres:
        found.warnings.append(f"Sheet {in_quotes(c.SHEET_CADRES)} chưa có cán bộ nào")
    life = read_cell_life(tables.get(c.SHEET_CELLS), cells, tables.get(c.SHEET_MEMBERS), members, year, found)
    dual_roles = read_dual_roles(tables.get(c.SHEET_CADRES), cadres, cells, found)
    if report["format_version"] == c.FORMAT_V1 and any(_has_v2_columns(t) for t in tables.values() if t):
        report["format_version"] = c.FORMAT_V2
    if found.problems:
        explain_unsaved(found, data, sheets, tables, cfg)
    found.reject()
    assert unit is not None and year is not None  # both are required: missing is a problem
    return Submission(unit.unit_id, year, info, cells, members, cadres, found.warnings, report, life, dual_roles)


def not_your_unit(file_name: str, unit: Unit, allowed_units: Collection[str]) -> Problem:
    """Names the units the account may load: a ward officer who picked another ward's file sees which is theirs."""
    units = units_by_id()
    own = ", ".join(units[u].full_name if u in units else u for u in sorted(allowed_units))
    return Problem(file_name, c.SHEET_INFO, None, "Đơn vị", unit.full_name,
                   f"tài khoản này chỉ được nạp báo cáo của đơn vị mình phụ trách ({own or 'chưa được giao đơn vị nào'})")


def _has_v2_columns(table: Table) -> bool:
    return not V2_NAMES[table.sheet].isdisjoint(table.columns)


def _report_year(value: object) -> int:
    last = dt.date.today().year
    return year_between(value, FIRST_REPORT_YEAR, last, f"phải là năm báo cáo, từ {FIRST_REPORT_YEAR} đến {last}")


def _committee_count(value: object) -> int | None:
    number = whole_number(value, blank=None)
    problem = None if number is None else committee_bound_problem(number)
    if problem:
        raise BadValue(problem)
    return number


def _optional_text(value: object) -> str | None:
    return as_text(value) or None


def read_info(sheet: RawSheet | None, found: Findings) -> tuple[dict, dict, Unit | None, int | None]:
    """`Thông tin`: the info and report dicts of Submission, the unit and the report year."""
    info: dict = {
        "org_rating": None, "committee_members": None, "committee_trained": None,
        "prepared_by": None, "prepared_on": None, "is_sample": False,
    }
    report: dict = dict(NO_REPORT)
    if sheet is None:
        return info, report, None, None
    pairs: dict[str, tuple[int, object]] = {}
    for name, row, value in read_pairs(sheet, c.INFO_KEYS):
        if name in pairs and as_text(pairs[name][1]) != as_text(value):
            found.problem(c.SHEET_INFO, row, name, value, f"{in_quotes(name)} đã ghi ở dòng {pairs[name][0]} với giá trị khác")
        pairs.setdefault(name, (row, value))

    def read(name: str, reader, *, required: bool = False):
        row, value = pairs.get(name, (None, None))
        if is_blank(value) and required:
            if row is None:
                found.problem(c.SHEET_INFO, None, name, None, f"thiếu dòng {in_quotes(name)} (bắt buộc)")
            else:
                found.problem(c.SHEET_INFO, row, name, None, f"chưa ghi giá trị cho {in_quotes(name)} (bắt buộc)", blank=True)
            return None
        if not found.fits(c.SHEET_INFO, row, name, value):
            return None
        try:
            result = reader(value)
        except BadValue as bad:
            found.problem(c.SHEET_INFO, row, name, value, bad.expected)
            return None
        found.flag_formula(c.SHEET_INFO, row, name, result)
        return neutralise_text(result)  # stored defused, as the load report says

    year = read("Năm báo cáo", _report_year, required=True)
    unit_text = read("Đơn vị", as_text, required=True)
    unit = None
    if unit_text and year:
        try:
            unit = resolve_unit(unit_text, year)
        except UnitNotFound as missing:
            found.problem(c.SHEET_INFO, pairs["Đơn vị"][0], "Đơn vị", unit_text, missing.message)
    info["org_rating"] = read("Xếp loại TCCSĐ", _rating)
    members = read("Số cấp ủy viên cơ sở", _committee_count)
    trained = read("Cấp ủy viên cơ sở được bồi dưỡng", _committee_count)
    if members is not None and trained is not None and trained > members:
        name = "Cấp ủy viên cơ sở được bồi dưỡng"
        found.problem(c.SHEET_INFO, pairs[name][0], name, trained, f"phải nhỏ hơn hoặc bằng Số cấp ủy viên cơ sở {members}")
    info["committee_members"], info["committee_trained"] = members, trained
    info["prepared_by"] = read("Người lập", _optional_text)
    info["prepared_on"] = read("Ngày lập", _optional_text)
    info["is_sample"] = bool(read("Dữ liệu mẫu", yes_no))
    report["admission_quota"] = read("Chỉ tiêu kết nạp được giao", bounded_count)
    report["four_good_unit"] = read("Đảng bộ cơ sở bốn tốt", yes_no_or_none)
    if not V2_NAMES[c.SHEET_INFO].isdisjoint(pairs):
        report["format_version"] = c.FORMAT_V2
    return info, report, unit, year


def _cell_type(value: object) -> str | None:
    return term(value, CELL_TYPE_TERMS, c.CELL_TYPES)


def _rating(value: object) -> str | None:
    return term(value, RATING_TERMS, RATINGS_SHOWN)


# What each row of `Chi bộ` reads (field → column, reader, required): before its type is judged, and after.
CELL_READS = {
    "cell_code": ("Mã chi bộ", _optional_text, True),
    "cell_name": ("Tên chi bộ", _optional_text, True),
    "cell_type": ("Loại chi bộ", _cell_type, True),
}
CELL_LATER_READS = {"rating": ("Xếp loại", _rating, False), "four_good": ("Bốn tốt", yes_no, False)}


def read_cells(table: Table | None, found: Findings, unit: Unit | None = None) -> tuple[list[dict], CellIndex | None]:
    """`Chi bộ`: cell rows and the index of their codes (None when the sheet is unusable).

    An organisation (`unit` not a ward or commune) has no village or residential-group cells."""
    if table is None:
        return [], None
    cells: list[dict] = []
    index: CellIndex = {}
    organisation = unit is not None and not unit.territorial
    for row, read in zip(table.rows, found.read_rows(table, {**CELL_READS, **CELL_LATER_READS}), strict=True):
        first = read or found.read_row(table, row, CELL_READS)
        code, name, cell_type = first["cell_code"], first["cell_name"], first["cell_type"]
        if organisation and cell_type in c.VILLAGE_CELL_TYPES:
            others = ", ".join(t for t in c.CELL_TYPES_OFFERED if t not in c.VILLAGE_CELL_TYPES)
            found.problem(table.sheet, row.number, "Loại chi bộ", cell_type,
                          f"phải là một trong: {others} ({unit.full_name} không phải xã, phường nên không có chi bộ "
                          "thôn, tổ dân phố)")
            cell_type = None  # refused: no rule of another sheet judges by it (one mistake, one problem)
        then = read or found.read_row(table, row, CELL_LATER_READS)
        cells.append({
            "cell_code": code,
            "cell_name": name,
            "cell_type": cell_type,
            "rating": then["rating"],
            "four_good": bool(then["four_good"]),
        })
        if code is None:
            continue
        first = index.get(cell_key(code))
        if first:
            found.problem(
                table.sheet, row.number, "Mã chi bộ", code,
                f"phải khác các mã khác trong đơn vị; {in_quotes(first[0])} đã có ở dòng {first[1]}",
            )
        else:
            index[cell_key(code)] = (code, row.number)
    if not table.rows:
        found.problem(table.sheet, table.header_row + 1, None, None, "chưa có chi bộ nào dưới dòng tiêu đề")
    if "Mã chi bộ" not in table.columns:
        return cells, None
    return cells, index
