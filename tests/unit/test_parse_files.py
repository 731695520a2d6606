"""The file as a whole: what is no spreadsheet, sheets, where tables start and end, all problems at once."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from etl.checking import contract as c
from etl.checking.model import WorkbookRejected
from etl.checking.validate import parse_workbook
from etl.reading.spreadsheet import UNREADABLE
from tests.support.workbooks import (
    default_spec,
    edited,
    parse,
    rejected,
    rejected_bytes,
    where,
    write,
)

CELLS, MEMBERS, CADRES = c.SHEET_CELLS, c.SHEET_MEMBERS, c.SHEET_CADRES


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _valid_xlsx(tmp_path) -> bytes:
    path, _ = write(default_spec(), tmp_path)
    return path.read_bytes()


NOT_SPREADSHEETS = {
    "text renamed .xlsx": (b"Don vi;Nam bao cao\nPho Hoa;2024\n", "không phải bảng tính"),
    "empty file": (b"", "tệp rỗng"),
    "HTML saved as .xls": (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "HTML"),
    "Word document (zip)": (_zip({"word/document.xml": b"<w:document/>"}), "tệp nén không phải bảng tính"),
    "zip with broken xlsx parts": (_zip({"xl/workbook.xml": b"\x00garbage", "[Content_Types].xml": b"<"}), UNREADABLE),
    "OLE2 header, then nothing": (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(1024), UNREADABLE),
}


@pytest.mark.parametrize(("data", "needle"), NOT_SPREADSHEETS.values(), ids=NOT_SPREADSHEETS.keys())
def test_not_a_spreadsheet_is_one_clear_problem(data, needle):
    [problem] = rejected_bytes(data, "bao-cao.xlsx")
    assert (problem.file, problem.sheet, problem.row, problem.column) == ("bao-cao.xlsx", None, None, None)
    assert needle in problem.expected


def test_truncated_xlsx(tmp_path):
    data = _valid_xlsx(tmp_path)
    [problem] = rejected_bytes(data[: len(data) // 2], "cut.xlsx")
    assert problem.expected.startswith(UNREADABLE)


def test_missing_sheets_each_named(tmp_path):
    spec = default_spec()
    spec.omit_sheets = (MEMBERS, CADRES)
    problems = rejected(spec, tmp_path)
    assert where(problems) == [(MEMBERS, None, None), (CADRES, None, None)]
    assert problems[0].expected == (
        "thiếu sheet này; tệp có 2 sheet: «Thông tin», «Chi bộ». Nếu số liệu của sheet này nằm ở một sheet khác tên, "
        f"hãy đổi tên sheet đó thành «{MEMBERS}»")


def test_a_renamed_sheet_shows_among_the_sheets_listed(tmp_path):
    path, _ = write(default_spec(), tmp_path)
    book = openpyxl.load_workbook(path)
    book[MEMBERS].title = "Sheet1"
    book.save(path)
    [problem] = rejected_bytes(path.read_bytes(), "bao-cao.xlsx")
    assert str(problem) == (
        "bao-cao.xlsx, sheet «Đảng viên»: thiếu sheet này; tệp có 4 sheet: «Thông tin», «Chi bộ», «Sheet1», "
        "«Cán bộ chi bộ». Nếu số liệu của sheet này nằm ở một sheet khác tên, hãy đổi tên sheet đó thành «Đảng viên»")


def test_extra_sheet_is_a_warning_and_the_guide_sheet_is_not(tmp_path):
    sub = parse(default_spec(extra_sheet=True, guide_sheet=True), tmp_path)
    assert sub.warnings == ["Sheet «Ghi chú» không thuộc mẫu báo cáo: bỏ qua"]


def test_sheet_without_a_header_row(tmp_path):
    path, _ = write(default_spec(), tmp_path)
    book = openpyxl.load_workbook(path)
    del book[CELLS]
    book.create_sheet(CELLS).append(["Danh sách chi bộ sẽ gửi sau"])
    book.save(path)
    problems = rejected_bytes(path.read_bytes(), path.name)
    assert where(problems)[0] == (CELLS, None, None)
    assert "không tìm thấy dòng tiêu đề" in problems[0].expected


def test_three_independent_errors_give_three_problems(tmp_path):
    spec = edited([
        ("cells", 1, "Loại chi bộ", "Chợ"),
        ("members", 2, "Từ trần", -1),
        ("cadres", 4, "Chức vụ", "Trưởng thôn"),
    ])
    problems = rejected(spec, tmp_path)
    assert where(problems) == [
        (CELLS, 3, "Loại chi bộ"),
        (MEMBERS, 4, "Từ trần"),
        (CADRES, 6, "Chức vụ"),
    ]


def test_problems_of_every_sheet_at_once(tmp_path):
    spec = edited([("cells", 0, "Xếp loại", "Giỏi"), ("members", 0, "Đầu năm", 44), ("cadres", 0, "Học vấn", "lớp 9")])
    spec.info["Năm báo cáo"] = 2014
    spec.omit_sheets = ()
    problems = rejected(spec, tmp_path)
    assert where(problems) == [
        (c.SHEET_INFO, 2, "Năm báo cáo"), (CELLS, 2, "Xếp loại"), (MEMBERS, 2, "Cuối năm"), (CADRES, 2, "Học vấn"),
    ]


def test_cell_sheet_with_a_header_but_no_rows(tmp_path):
    spec = default_spec()
    spec.cells, spec.members, spec.cadres = [], [], []
    problems = rejected(spec, tmp_path)
    assert where(problems) == [(CELLS, 2, None)]
    assert problems[0].expected == "chưa có chi bộ nào dưới dòng tiêu đề"


def test_problem_reads_in_vietnamese_with_every_place(tmp_path):
    [problem] = rejected(edited([("members", 1, "Từ trần", -1)]), tmp_path)
    assert str(problem) == "bao-cao.xlsx, sheet «Đảng viên», dòng 3, cột «Từ trần»: giá trị «−1»: phải là số nguyên không âm (0, 1, 2, …)"
    with pytest.raises(WorkbookRejected, match="1 lỗi"):
        parse_workbook(write(edited([("members", 1, "Từ trần", -1)]), tmp_path)[0].read_bytes(), "bao-cao.xlsx")


@pytest.mark.parametrize(
    ("sheet", "column", "value", "quoted"),
    [
        ("members", "Đầu năm", 10**15, "1.000.000.000.000.000"),  # grouped, as the limit beside it: 2.000
        ("members", "Đầu năm", 29.5, "29,5"),  # as Excel set to Vietnamese shows it
        ("members", "Kết nạp", -1, "−1"),
        ("members", "Kết nạp", 0.1 + 0.2 - 1, "−0,7"),  # the digits a spreadsheet shows, not the float's
        ("members", "Kết nạp", "-1", "-1"),  # text: as typed
        ("cadres", "Năm sinh", 2030, "2030"),  # a year is never grouped
        ("cadres", "Năm sinh", -1980.5, "−1980,5"),
    ],
)
def test_a_number_is_quoted_in_vietnamese(tmp_path, sheet, column, value, quoted):
    [problem] = rejected(edited([(sheet, 1, column, value)]), tmp_path)
    assert (problem.column, problem.value) == (column, quoted)


def test_signature_block_below_the_table_is_skipped(tmp_path):
    spec = default_spec(signature=True)
    sub = parse(spec, tmp_path)
    assert len(sub.cadres) == 6
    # Chi bộ and Đảng viên end at row 4; their signatures fill rows 6–10, Cán bộ's rows 9–13
    assert sub.warnings == [
        f"Sheet «{sheet}»: bỏ qua dòng {first}–{first + 4} dưới bảng (chữ ký, ghi chú), không phải số liệu"
        for sheet, first in ((CELLS, 6), (MEMBERS, 6), (CADRES, 9))
    ]


def test_data_row_below_the_total_row_is_a_problem(tmp_path):
    path, layout = write(default_spec(total_row=True), tmp_path)
    book = openpyxl.load_workbook(path)
    book[MEMBERS].append(["CB09", 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10])
    book.save(path)
    [problem] = rejected_bytes(path.read_bytes(), path.name)
    assert where([problem]) == [(MEMBERS, layout.total_row[MEMBERS] + 1, None)]
    assert "dưới dòng tổng cộng" in problem.expected


def test_rows_after_a_blank_row_that_hold_data_stay_in_the_table(tmp_path):
    path, _ = write(default_spec(), tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book[CADRES]
    sheet.append([])
    sheet.append(["Ngô Văn Tư", 1970, "Nam", "CB09"])  # row 9: after a blank row, partly filled
    book.save(path)
    assert where(rejected_bytes(path.read_bytes(), path.name)) == [
        (CADRES, 9, "Mã chi bộ"), (CADRES, 9, "Chức vụ"), (CADRES, 9, "Học vấn"),
    ]


def test_blank_rows_and_prefilled_stt_inside_the_table(tmp_path):
    """A template with STT numbers filled down past the data: those rows are empty, not errors."""
    spec = default_spec(stt_column=True, blank_row_inside=True)
    path, layout = write(spec, tmp_path)
    book = openpyxl.load_workbook(path)
    for offset in range(1, 6):
        book[CADRES].cell(layout.rows[CADRES][-1] + offset, 1, 6 + offset)
    book.save(path)
    sub = parse_workbook(path.read_bytes(), path.name)
    assert [x["row_no"] for x in sub.cadres] == [2, 4, 5, 6, 7, 8]
    assert sub.warnings == []


def test_content_far_below_is_refused(tmp_path):
    path, _ = write(default_spec(), tmp_path)
    book = openpyxl.load_workbook(path)
    book[CADRES].cell(10_001, 2, "x")
    book.save(path)
    problems = rejected_bytes(path.read_bytes(), path.name)
    assert where(problems) == [(CADRES, 10_001, None)]


def _with_second_column(tmp_path, sheet: str, header: str, values: list[object]):
    """The default workbook with one more column at the right of `sheet`, headed `header`."""
    path, _ = write(default_spec(), tmp_path)
    book = openpyxl.load_workbook(path)
    rows = book[sheet]
    column = rows.max_column + 1
    rows.cell(1, column, header)
    for row, value in enumerate(values, start=2):
        rows.cell(row, column, value)
    book.save(path)
    return path, column


def test_a_column_named_twice_with_other_figures_is_refused_naming_both(tmp_path):
    """The first column used to win without a word: a second `Xếp loại` typed at the right (a correction,
    a copy) was dropped, whatever it said."""
    path, column = _with_second_column(tmp_path, CELLS, "Xếp loại (sửa)", ["HTTNV", "KHTNV", "HTNV"])
    [problem] = rejected_bytes(path.read_bytes(), path.name)
    assert where([problem]) == [(CELLS, 1, "Xếp loại")]
    assert problem.expected == (
        f"dòng tiêu đề có 2 cột «Xếp loại» (cột D và {openpyxl.utils.get_column_letter(column)}) với số liệu khác "
        "nhau, ví dụ dòng 3: «HTXSNV» và «KHTNV»; hãy giữ một cột «Xếp loại» và xóa hoặc đổi tên cột còn lại")


def test_a_column_named_twice_with_the_same_figures_loads(tmp_path):
    path, _ = _with_second_column(tmp_path, CELLS, "Xếp loại", ["HTTNV", "HTXSNV", "HTNV"])
    sub = parse_workbook(path.read_bytes(), path.name)
    assert [cell["rating"] for cell in sub.cells] == ["HTTNV", "HTXSNV", "HTNV"]
