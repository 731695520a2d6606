"""`Thông tin`: unit and year, optional keys, and how the key/value pairs are found."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from etl.checking import contract as c
from etl.checking.validate import parse_workbook
from samples.builder import OMIT
from tests.support.workbooks import default_spec, parse, rejected, rejected_bytes, where, write

INFO = c.SHEET_INFO
THIS_YEAR = dt.date.today().year


@pytest.mark.parametrize(
    ("unit", "year", "unit_id"),
    [
        ("Nguyễn Nghiêm", 2024, "21439-2015"),  # the phường, up to 2024
        ("Nguyễn Nghiêm", 2025, "21457-2025"),  # the new xã, from 2025
        ("Phường Nguyễn Nghiêm", 2024, "21439-2015"),
        ("Xã Nguyễn Nghiêm", 2025, "21457-2025"),
        ("Phường Phổ Hòa", 2024, "21469-2015"),
        ("Phổ Hoà", 2024, "21469-2015"),  # old tone-mark placement
        ("phuong pho hoa", 2024, "21469-2015"),
        ("PHƯỜNG PHỔ HÒA", 2024, "21469-2015"),
        (21469, 2024, "21469-2015"),  # a code in a number cell
        ("21469", 2024, "21469-2015"),
        (21439, 2025, "21439-2025"),  # the code now names Phường Đức Phổ
        ("Đức Phổ", 2025, "21439-2025"),
        ("Phổ Châu", 2015, "21481-2015"),
    ],
)
def test_unit_resolved_for_the_report_year(tmp_path, unit, year, unit_id):
    spec = default_spec()
    spec.info.update({"Đơn vị": unit, "Năm báo cáo": year})
    sub = parse(spec, tmp_path)
    assert (sub.unit_id, sub.year) == (unit_id, year)


def test_merged_unit_in_2025_is_rejected_naming_its_successor(tmp_path):
    spec = default_spec()
    spec.info.update({"Đơn vị": "Phổ Hòa", "Năm báo cáo": 2025})
    [problem] = rejected(spec, tmp_path)
    assert (problem.sheet, problem.row, problem.column, problem.value) == (INFO, 1, "Đơn vị", "Phổ Hòa")
    assert "Phường Đức Phổ" in problem.expected and "21439" in problem.expected


def test_unknown_unit_lists_the_units_of_that_year(tmp_path):
    spec = default_spec()
    spec.info["Đơn vị"] = "Phổ Xuân"
    [problem] = rejected(spec, tmp_path)
    assert where([problem]) == [(INFO, 1, "Đơn vị")]
    assert "Phường Phổ Hòa" in problem.expected


@pytest.mark.parametrize(
    ("key", "value", "row", "needle"),
    [
        ("Đơn vị", OMIT, None, "thiếu dòng «Đơn vị»"),
        ("Đơn vị", None, 1, "chưa ghi giá trị"),
        ("Năm báo cáo", OMIT, None, "thiếu dòng «Năm báo cáo»"),
        ("Năm báo cáo", 2014, 2, "2015"),
        ("Năm báo cáo", THIS_YEAR + 1, 2, str(THIS_YEAR)),
        ("Năm báo cáo", "năm ngoái", 2, f"2015 đến {THIS_YEAR}"),
        ("Năm báo cáo", 2024.5, 2, f"2015 đến {THIS_YEAR}"),
        ("Xếp loại TCCSĐ", "Tốt lắm", 3, "HTXSNV"),
        ("Số cấp ủy viên cơ sở", -3, 4, "không âm"),
        ("Số cấp ủy viên cơ sở", "mười", 4, "số nguyên"),
        ("Cấp ủy viên cơ sở được bồi dưỡng", 14, 5, "phải nhỏ hơn hoặc bằng Số cấp ủy viên cơ sở 13"),
        ("Cấp ủy viên cơ sở được bồi dưỡng", 2.5, 5, "thập phân"),
    ],
)
def test_info_rule(tmp_path, key, value, row, needle):
    spec = default_spec()
    spec.info[key] = value
    [problem] = rejected(spec, tmp_path)
    assert where([problem]) == [(INFO, row, key)]
    assert needle in problem.expected


@pytest.mark.parametrize(
    ("rating", "stored"),
    [("HTXSNV", "HTXSNV"), ("Hoàn thành tốt nhiệm vụ", "HTTNV"), ("hoan thanh nhiem vu", "HTNV"),
     ("khtnv", "KHTNV"), ("Xuất sắc", "HTXSNV"), (None, None)],
)
def test_org_rating_codes_or_full_words(tmp_path, rating, stored):
    spec = default_spec()
    spec.info["Xếp loại TCCSĐ"] = rating
    assert parse(spec, tmp_path).info["org_rating"] == stored


def test_optional_keys_may_be_left_out(tmp_path):
    spec = default_spec()
    for key in ("Xếp loại TCCSĐ", "Số cấp ủy viên cơ sở", "Cấp ủy viên cơ sở được bồi dưỡng", "Người lập", "Ngày lập"):
        spec.info[key] = OMIT
    sub = parse(spec, tmp_path)
    assert sub.info == {
        "org_rating": None, "committee_members": None, "committee_trained": None,
        "prepared_by": None, "prepared_on": None, "is_sample": False,
    }


@pytest.mark.parametrize(
    ("members", "trained", "stored"),
    [(" 13 ", "12", (13, 12)), (13.0, 13.0, (13, 13)), (0, 0, (0, 0)), (None, None, (None, None))],
)
def test_committee_numbers(tmp_path, members, trained, stored):
    spec = default_spec()
    spec.info.update({"Số cấp ủy viên cơ sở": members, "Cấp ủy viên cơ sở được bồi dưỡng": trained})
    sub = parse(spec, tmp_path)
    assert (sub.info["committee_members"], sub.info["committee_trained"]) == stored


@pytest.mark.parametrize(
    ("written", "stored"),
    [(dt.date(2025, 1, 10), "2025-01-10"), (dt.datetime(2025, 1, 10, 0, 0), "2025-01-10"),
     ("10/01/2025", "10/01/2025"), (" ngày 10 tháng 1 ", "ngày 10 tháng 1")],
)
def test_prepared_on_date_cell_becomes_iso_text(tmp_path, written, stored):
    spec = default_spec()
    spec.info["Ngày lập"] = written
    assert parse(spec, tmp_path).info["prepared_on"] == stored


@pytest.mark.parametrize(("written", "stored"), [("Có", True), ("x", True), ("Không", False), (None, False)])
def test_sample_flag(tmp_path, written, stored):
    spec = default_spec()
    spec.info["Dữ liệu mẫu"] = written
    assert parse(spec, tmp_path).info["is_sample"] is stored


def test_sample_flag_rejects_other_words(tmp_path):
    spec = default_spec()
    spec.info["Dữ liệu mẫu"] = "có lẽ"
    assert where(rejected(spec, tmp_path)) == [(INFO, 8, "Dữ liệu mẫu")]


def test_key_aliases_and_sheet_name_variants(tmp_path):
    spec = default_spec()
    spec.info = {"Tên đơn vị": "Phổ Hòa", "Năm": "2024", "Xếp loại đảng bộ": "Hoàn thành tốt nhiệm vụ"}
    spec.sheet_names = {INFO: "THONG TIN", c.SHEET_CELLS: "chi bo", c.SHEET_MEMBERS: " Đảng  Viên "}
    sub = parse(spec, tmp_path)
    assert (sub.unit_id, sub.year, sub.info["org_rating"]) == ("21469-2015", 2024, "HTTNV")


def _info_sheet_book(tmp_path, rows):
    """The default workbook with its `Thông tin` sheet replaced by `rows` (lists from A1)."""
    path, _ = write(default_spec(), tmp_path)
    book = openpyxl.load_workbook(path)
    del book[INFO]
    sheet = book.create_sheet(INFO, 0)
    for line in rows:
        sheet.append(line)
    book.save(path)
    return path


def test_info_pairs_under_a_title_in_later_columns(tmp_path):
    """Keys in column B, values in D (column C merged away or blank), a title above."""
    path = _info_sheet_book(tmp_path, [
        [None, "THÔNG TIN ĐƠN VỊ BÁO CÁO"],
        [],
        [None, "Đơn vị:", None, "Phổ Hòa", "ghi tên hoặc mã"],
        [None, "Năm báo cáo (*)", None, 2024],
        [None, "Người lập", None, None, "không bắt buộc"],
    ])
    sub = parse_workbook(path.read_bytes(), path.name)
    assert (sub.unit_id, sub.year, sub.info["prepared_by"]) == ("21469-2015", 2024, None)


def test_key_and_value_in_one_cell(tmp_path):
    path = _info_sheet_book(tmp_path, [["Đơn vị: Phường Phổ Hòa"], ["Năm báo cáo", 2024]])
    sub = parse_workbook(path.read_bytes(), path.name)
    assert (sub.unit_id, sub.year) == ("21469-2015", 2024)


def test_same_key_twice_with_different_values(tmp_path):
    path = _info_sheet_book(tmp_path, [["Đơn vị", "Phổ Hòa"], ["Năm báo cáo", 2024], ["Năm báo cáo", 2023]])
    [problem] = rejected_bytes(path.read_bytes(), path.name)
    assert where([problem]) == [(INFO, 3, "Năm báo cáo")]
    assert "dòng 2" in problem.expected
