"""The format v2 template: formulas with saved values, v2 prefill, and a template filled in and
saved loading through the real loader."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from database.units import units_by_id
from etl.checking import contract as c
from etl.checking.model import WorkbookRejected
from etl.checking.unsaved import RESAVE
from etl.checking.validate import parse_workbook
from queries.prefill import Prefill
from rendering.template import write_template

UNITS = units_by_id()
PHO_HOA = UNITS["21469-2015"]
PREFILL = Prefill(
    cells=[{"cell_code": "01", "cell_name": "Chi bộ thôn An Thạch", "cell_type": "Thôn", "rating": None,
            "four_good": None, "founded_year": 1988, "founded_month": None, "has_working_rules": True,
            "rules_revised_year": 2020},
           {"cell_code": "02", "cell_name": "Chi bộ Trường THCS Phổ Hòa", "cell_type": "Trường học",
            "rating": None, "four_good": None}],
    cadres=[{"full_name": "Nguyễn Văn An", "birth_year": 1970, "gender": "Nam", "cell_code": "01", "role": "Bí thư",
             "education": "12/12", "professional": "Trung cấp", "political": "Sơ cấp", "trained": None,
             "dual_role": "Trưởng thôn"}],
    start_counts={"01": 31, "02": 12},
    info={"committee_members": 15},
)
# what a clerk types into the prefilled template, by sheet and column (row 2 = cell 01, row 3 = cell 02)
TYPED = {
    c.SHEET_INFO: {"Xếp loại TCCSĐ": "HTTNV", "Cấp ủy viên cơ sở được bồi dưỡng": 15,
                   "Chỉ tiêu kết nạp được giao": 3, "Đảng bộ cơ sở bốn tốt": "Không"},
    c.SHEET_CELLS: {"Xếp loại": ("HTTNV", "HTXSNV"), "Sinh hoạt thường kỳ": (12, 11), "Sinh hoạt chuyên đề": (2, 0),
                    "Cuộc kiểm tra": (1, 0), "Cuộc giám sát": (1, 1), "Quy chế làm việc": (None, "Không")},
    c.SHEET_MEMBERS: {"Kết nạp": (2, 1), "Chuyển đi": (1, 0), "Từ trần": (1, 0), "HTXSNV": (4, 2),
                      "HTTNV": (24, 10), "HTNV": (2, 1), "Chưa xếp loại": (1, 0), "Khiển trách": (1, None),
                      "Đối tượng được bồi dưỡng": (3, 1)},
    c.SHEET_CADRES: {"Bồi dưỡng trong năm": ("Có",)},
}


def _template(prefill: Prefill | None = PREFILL, unit=PHO_HOA, year: int = 2024) -> bytes:
    out = io.BytesIO()
    write_template(out, unit, year, prefill)
    return out.getvalue()


def _column(book: openpyxl.Workbook, sheet: str, name: str) -> int:
    return [cell.value for cell in book[sheet][1]].index(name) + 1


def _fill_in(data: bytes) -> openpyxl.Workbook:
    """The template as a clerk fills it in: TYPED into its cells, formulas left as they are."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    info = book[c.SHEET_INFO]
    rows = {info.cell(r, 1).value: r for r in range(1, info.max_row + 1)}
    for key, value in TYPED[c.SHEET_INFO].items():
        info.cell(rows[key], 2, value)
    for sheet in (c.SHEET_CELLS, c.SHEET_MEMBERS, c.SHEET_CADRES):
        for name, values in TYPED[sheet].items():
            for row, value in enumerate(values, start=2):
                book[sheet].cell(row, _column(book, sheet, name), value)
    return book


_TERM = re.compile(r"([+-]?)([A-Z]+[0-9]+)")


def _evaluate(formula: str, sheet) -> int | str:
    """What a spreadsheet computes for the template's formulas: sums and differences of cells of
    the row, and IF(COUNTA(…)=0,"",…). Read from the formula text, so a wrong column shows."""
    body = formula[1:]
    guarded = re.fullmatch(r'IF\(COUNTA\(([A-Z0-9,]+)\)=0,"",(.+)\)', body)
    if guarded:
        if all(sheet[ref].value in (None, "") for ref in guarded[1].split(",")):
            return ""
        body = guarded[2]
    assert _TERM.sub("", body) == "", formula
    return sum((-1 if sign == "-" else 1) * (sheet[ref].value or 0) for sign, ref in _TERM.findall(body))


def _saved_by_a_spreadsheet(book: openpyxl.Workbook, path: Path) -> Path:
    """`book` saved as a spreadsheet application saves it: every formula with its computed value."""
    out = xlsxwriter.Workbook(str(path))
    text = out.add_format({"num_format": "@"})
    for sheet in book.worksheets:
        target = out.add_worksheet(sheet.title)
        for line in sheet.iter_rows():
            for cell in line:
                value, row, col = cell.value, cell.row - 1, cell.column - 1
                if cell.data_type == "f":
                    target.write_formula(row, col, value, None, _evaluate(value, sheet))
                elif isinstance(value, str):
                    target.write_string(row, col, value, text)
                elif value is not None:
                    target.write(row, col, value)
    out.close()
    return path


def test_formulas_are_written_with_the_values_a_spreadsheet_saves():
    book = CalamineWorkbook.from_filelike(io.BytesIO(_template()))
    header, *rows = book.get_sheet_by_name(c.SHEET_MEMBERS).to_python()
    values = [dict(zip(header, row, strict=True)) for row in rows]
    assert [(v["Đầu năm"], v["Cuối năm"], v["Tổng xếp loại"], v["Bị kỷ luật"]) for v in values] == [
        (31.0, 31.0, 0.0, ""), (12.0, 12.0, 0.0, "")]


def test_template_filled_in_and_saved_loads(tmp_path):
    path = _saved_by_a_spreadsheet(_fill_in(_template()), tmp_path / "pho-hoa-2024.xlsx")
    sub = parse_workbook(path.read_bytes(), path.name)
    assert [(m["start_count"], m["end_count"], m["admitted"]) for m in sub.members] == [(31, 31, 2), (12, 13, 1)]
    assert sub.report == {"format_version": 2, "admission_quota": 3, "four_good_unit": False}
    assert [(x["founded_year"], x["has_working_rules"], x["rules_revised_year"], x["regular_meetings"],
             x["disciplined"], x["candidates_trained"]) for x in sub.cell_life] == [
        (1988, True, 2020, 12, 1, 3), (None, False, None, 11, None, 1)]
    assert [x["dual_role"] for x in sub.dual_roles] == ["Trưởng thôn"]
    assert sub.warnings == [
        "Sheet «Đảng viên», cột «Bị kỷ luật»: 1 dòng để trống (dòng 3), ghi nhận là chưa báo cáo; "
        "nếu không có, hãy ghi 0",
    ]


def test_template_filled_in_without_recalculating_is_refused_clearly(tmp_path):
    """A program that saves without recalculating (openpyxl here) leaves the formulas without a
    value: the loader never evaluates them, so Cuối năm reads blank; the problem says the cell holds a
    formula whose result was not saved, and to save the file again in a spreadsheet application."""
    path = tmp_path / "khong-tinh-lai.xlsx"
    _fill_in(_template()).save(path)
    with pytest.raises(WorkbookRejected) as caught:
        parse_workbook(path.read_bytes(), path.name)
    assert [(p.row, p.column, p.unsaved, p.expected) for p in caught.value.problems] == [
        (2, "Cuối năm", True, RESAVE), (3, "Cuối năm", True, RESAVE), (2, "Bị kỷ luật", True, RESAVE),
    ]
    assert str(caught.value.problems[0]) == (
        "khong-tinh-lai.xlsx, sheet «Đảng viên», dòng 2, cột «Cuối năm»: ô có công thức nhưng tệp không lưu kết quả"
        f" của công thức; {RESAVE}")


def test_untouched_template_is_refused_naming_what_to_fill_in():
    with pytest.raises(WorkbookRejected) as caught:
        parse_workbook(_template(), "mau.xlsx")
    assert [(p.sheet, p.row, p.column, p.expected) for p in caught.value.problems] == [
        (c.SHEET_MEMBERS, row, "HTXSNV",
         f"chưa điền xếp loại đảng viên; HTXSNV + HTTNV + HTNV + KHTNV + Chưa xếp loại phải bằng Cuối năm {end}")
        for row, end in ((2, 31), (3, 12))
    ]


@pytest.mark.parametrize(("sheet", "column", "rule"), [
    (c.SHEET_CELLS, "Năm thành lập", ("whole", "between", "1930", "2024")),
    (c.SHEET_CELLS, "Tháng thành lập", ("whole", "between", "1", "12")),
    (c.SHEET_CELLS, "Sinh hoạt thường kỳ", ("whole", "between", "0", "12")),
    (c.SHEET_CELLS, "Sinh hoạt chuyên đề", ("whole", "greaterThanOrEqual", "0", None)),
    (c.SHEET_CELLS, "Cuộc kiểm tra", ("whole", "greaterThanOrEqual", "0", None)),
    (c.SHEET_CELLS, "Cuộc giám sát", ("whole", "greaterThanOrEqual", "0", None)),
    (c.SHEET_CELLS, "Năm sửa đổi quy chế", ("whole", "between", "1930", "2024")),
    (c.SHEET_CELLS, "Quy chế làm việc", ("list", None, '"Có,Không"', None)),
])
def test_v2_cell_columns_have_their_ranges_and_dropdowns(sheet, column, rule):
    book = openpyxl.load_workbook(io.BytesIO(_template()))
    letter = openpyxl.utils.get_column_letter(_column(book, sheet, column))
    found = [(dv.type, dv.operator, dv.formula1, dv.formula2) for dv in book[sheet].data_validations.dataValidation
             if f"{letter}2" in dv.sqref]
    assert found == [rule]


def test_v2_info_keys_have_their_rules():
    book = openpyxl.load_workbook(io.BytesIO(_template()))
    info = book[c.SHEET_INFO]
    rows = {info.cell(r, 1).value: r for r in range(1, info.max_row + 1)}
    rules = {key: [(dv.type, dv.formula1) for dv in info.data_validations.dataValidation if f"B{rows[key]}" in dv.sqref]
             for key in ("Chỉ tiêu kết nạp được giao", "Đảng bộ cơ sở bốn tốt")}
    assert rules == {"Chỉ tiêu kết nạp được giao": [("whole", "0")], "Đảng bộ cơ sở bốn tốt": [("list", '"Có,Không"')]}


def test_guide_sheet_explains_the_v2_rules_and_a_v1_workbook_keeps_the_v1_guide(tmp_path):
    def guide_text(data: bytes) -> str:
        rows = openpyxl.load_workbook(io.BytesIO(data))[c.SHEET_GUIDE].iter_rows(values_only=True)
        return " ".join(str(value) for row in rows for value in row if value)

    text = guide_text(_template())
    for rule in ("Bị kỷ luật = Khiển trách + Cảnh cáo + Cách chức + Kỷ luật khai trừ", "Kỷ luật khai trừ = Khai trừ",
                 "Sinh hoạt thường kỳ ≤ 12", "ô để trống là chưa báo cáo", *c.DUAL_ROLES):
        assert rule in text, rule
    from rendering.template import write_workbook

    out = io.BytesIO()
    write_workbook(out, PHO_HOA, 2022, {}, [], [], [])  # format v1, as the samples of 2020–2022
    old = guide_text(out.getvalue())
    assert "Cuối năm = Đầu năm + Kết nạp + Chuyển đến" in old
    assert "Kiêm nhiệm" not in old and "Bị kỷ luật" not in old
