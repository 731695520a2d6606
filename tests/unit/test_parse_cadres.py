"""`Cán bộ chi bộ`: education, levels, roles and the other columns, with exact places."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.checking import contract as c
from tests.support.workbooks import default_spec, edited, parse, rejected, where

CADRES = c.SHEET_CADRES


def one_cadre(tmp_path, column: str, value: object) -> dict:
    """The second cadre (row 3) after writing `value` into `column`."""
    return parse(edited([("cadres", 1, column, value)]), tmp_path).cadres[1]


@pytest.mark.parametrize(
    ("value", "education", "has_thpt"),
    [
        ("12/12", "12/12", True),
        ("10/10", "10/10", True),
        (" 12 / 12 ", "12 / 12", True),
        ("THPT", "THPT", True),
        ("Tốt nghiệp THPT", "Tốt nghiệp THPT", True),
        ("tot nghiep thpt", "tot nghiep thpt", True),
        ("Trung học phổ thông", "Trung học phổ thông", True),
        ("12/12 (bổ túc)", "12/12 (bổ túc)", True),
        ("9/12", "9/12", False),
        ("11/12", "11/12", False),
        ("7/10", "7/10", False),
        ("THCS", "THCS", False),
        ("Tốt nghiệp THCS", "Tốt nghiệp THCS", False),
        # dates a spreadsheet made of what was typed, read back
        (dt.date(2024, 12, 12), "12/12", True),
        (dt.datetime(2024, 12, 12, 0, 0), "12/12", True),
        (dt.date(2024, 10, 10), "10/10", True),
        (dt.date(2024, 12, 9), "9/12", False),  # 9/12 typed in a d/m locale: 9 December
        (dt.date(2024, 9, 12), "9/12", False),  # 9/12 typed in an m/d locale: 12 September
        (dt.date(2024, 10, 12), "10/12", False),
        (dt.date(2024, 10, 7), "7/10", False),
    ],
)
def test_education(tmp_path, value, education, has_thpt):
    cadre = one_cadre(tmp_path, "Học vấn", value)
    assert (cadre["education"], cadre["has_thpt"]) == (education, has_thpt)


@pytest.mark.parametrize(
    "value",
    ["lớp 9", "13/12", "0/12", "12/11", "12", "Đại học", dt.date(2024, 5, 3), 12.0],
)
def test_education_rejected(tmp_path, value):
    [problem] = rejected(edited([("cadres", 1, "Học vấn", value)]), tmp_path)
    assert where([problem]) == [(CADRES, 3, "Học vấn")]
    assert "12/12" in problem.expected and "THCS" in problem.expected


def test_education_required(tmp_path):
    [problem] = rejected(edited([("cadres", 1, "Học vấn", None)]), tmp_path)
    assert (problem.sheet, problem.row, problem.column, problem.value) == (CADRES, 3, "Học vấn", None)
    assert "bắt buộc" in problem.expected


PROFESSIONAL = [
    (None, "Chưa qua đào tạo", 0), ("Chưa qua đào tạo", "Chưa qua đào tạo", 0), ("Không", "Chưa qua đào tạo", 0),
    ("-", "Chưa qua đào tạo", 0), ("Sơ cấp", "Sơ cấp", 1), ("TC", "Trung cấp", 2),
    ("Trung cấp kế toán", "Trung cấp", 2), ("CAO ĐẲNG SƯ PHẠM", "Cao đẳng", 3), ("Đại học Luật", "Đại học", 4),
    ("ĐH Nông lâm", "Đại học", 4), ("Cử nhân Kinh tế", "Đại học", 4), ("Kỹ sư xây dựng", "Đại học", 4),
    ("Tốt nghiệp đại học", "Đại học", 4), ("dai hoc", "Đại học", 4), ("Thạc sỹ", "Thạc sĩ", 5),
    ("ThS Quản lý", "Thạc sĩ", 5), ("Tiến sĩ", "Tiến sĩ", 6),
]
POLITICAL = [
    (None, "Chưa qua đào tạo", 0), ("Sơ cấp", "Sơ cấp", 1), ("Sơ cấp chính trị", "Sơ cấp", 1),
    ("Trung cấp LLCT", "Trung cấp", 2), ("trung cap ly luan chinh tri", "Trung cấp", 2),
    ("Cao cấp lý luận chính trị", "Cao cấp", 3), ("CC", "Cao cấp", 3), ("Cử nhân chính trị", "Cử nhân", 4),
]


@pytest.mark.parametrize(("value", "name", "rank"), PROFESSIONAL)
def test_professional_level(tmp_path, value, name, rank):
    cadre = one_cadre(tmp_path, "Chuyên môn", value)
    assert (cadre["professional"], cadre["professional_rank"]) == (name, rank)


@pytest.mark.parametrize(("value", "name", "rank"), POLITICAL)
def test_political_level(tmp_path, value, name, rank):
    cadre = one_cadre(tmp_path, "Lý luận chính trị", value)
    assert (cadre["political"], cadre["political_rank"]) == (name, rank)


@pytest.mark.parametrize(
    ("column", "value"),
    [("Chuyên môn", "Bác sĩ"), ("Chuyên môn", "Cao cấp"), ("Lý luận chính trị", "Đại học"),
     ("Lý luận chính trị", "Sơ cấp, Trung cấp")],
)
def test_level_rejected(tmp_path, column, value):
    [problem] = rejected(edited([("cadres", 1, column, value)]), tmp_path)
    assert where([problem]) == [(CADRES, 3, column)]
    assert problem.expected.startswith("phải để trống hoặc là một trong: Chưa qua đào tạo, Sơ cấp")


@pytest.mark.parametrize(
    ("column", "value", "field", "stored"),
    [
        ("Chức vụ", "PBT", "role", "Phó Bí thư"),
        ("Chức vụ", "phó bí thư", "role", "Phó Bí thư"),
        ("Chức vụ", "BÍ THƯ", "role", "Bí thư"),
        ("Chức vụ", "Chi uỷ viên", "role", "Chi ủy viên"),
        ("Chức vụ", "CUV", "role", "Chi ủy viên"),
        ("Giới tính", "nữ", "gender", "Nữ"),
        ("Giới tính", "NAM", "gender", "Nam"),
        ("Giới tính", None, "gender", None),
        ("Năm sinh", " 1975 ", "birth_year", 1975),
        ("Năm sinh", 1975.0, "birth_year", 1975),
        ("Năm sinh", dt.date(1975, 3, 2), "birth_year", 1975),
        ("Năm sinh", None, "birth_year", None),
        ("Bồi dưỡng trong năm", "x", "trained", True),
        ("Bồi dưỡng trong năm", "Có", "trained", True),
        ("Bồi dưỡng trong năm", "không", "trained", False),
        ("Bồi dưỡng trong năm", None, "trained", False),
        ("Họ và tên", "  LÊ   THỊ HOA ", "full_name", "LÊ THỊ HOA"),
    ],
)
def test_accepted_values(tmp_path, column, value, field, stored):
    assert one_cadre(tmp_path, column, value)[field] == stored


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("Họ và tên", None), ("Năm sinh", 1899), ("Năm sinh", 2007), ("Năm sinh", 2025), ("Năm sinh", "bảy lăm"),
        ("Giới tính", "Khác"), ("Mã chi bộ", None), ("Mã chi bộ", "ZZ"), ("Chức vụ", None),
        ("Chức vụ", "Trưởng thôn"), ("Bồi dưỡng trong năm", "chưa"),
    ],
)
def test_cadre_rule(tmp_path, column, value):
    assert where(rejected(edited([("cadres", 1, column, value)]), tmp_path)) == [(CADRES, 3, column)]


def test_birth_year_at_least_eighteen_years_before_the_report_year(tmp_path):
    """A cell cadre is a party member, and a member is at least 18 (Điều lệ Đảng): born by 2006 in 2024."""
    spec = edited([("cadres", 1, "Năm sinh", 2006)])
    assert parse(spec, tmp_path).cadres[1]["birth_year"] == 2006
    spec.cadres[1]["Năm sinh"] = 2007
    [problem] = rejected(spec, tmp_path)
    assert (problem.sheet, problem.row, problem.column, problem.value) == (CADRES, 3, "Năm sinh", "2007")
    assert problem.expected == ("phải là năm sinh, từ 1900 đến 2006 (cán bộ chi bộ là đảng viên, đủ 18 tuổi trở lên: "
                                "năm báo cáo 2024 − 18)")


@pytest.mark.parametrize(
    "headers",
    [
        {"Họ và tên": "Họ tên", "Lý luận chính trị": "LLCT"},
        {"Họ và tên": "Họ, tên", "Lý luận chính trị": "Trình độ LLCT", "Chức vụ": "Chức danh",
         "Học vấn": "Văn hóa", "Bồi dưỡng trong năm": "Được bồi dưỡng", "Năm sinh": "Sinh năm"},
    ],
)
def test_header_variants(tmp_path, headers):
    spec = default_spec()
    spec.headers = headers
    sub = parse(spec, tmp_path)
    assert [(x["full_name"], x["political_rank"], x["trained"]) for x in sub.cadres][:2] == [
        ("Nguyễn Văn Hùng", 2, True), ("Lê Thị Hoa", 1, True),
    ]


def test_partial_rows_inside_and_next_to_the_table_are_data_with_errors(tmp_path):
    spec = default_spec(signature=True)
    spec.cadres.insert(2, {"Họ và tên": "Trương Văn Nam"})  # inside: row 4
    spec.cadres.append({"Mã chi bộ": "CB02", "Chức vụ": "Chi ủy viên"})  # just below the last row: row 9
    assert where(rejected(spec, tmp_path)) == [
        (CADRES, 4, "Mã chi bộ"), (CADRES, 4, "Chức vụ"), (CADRES, 4, "Học vấn"),
        (CADRES, 9, "Họ và tên"), (CADRES, 9, "Học vấn"),
    ]


def test_one_person_written_twice_in_a_cell_is_refused(tmp_path):
    """A row copied twice (Nguyễn Văn Hùng, 1968, CB01) loaded as two cadres: one more in the denominators of
    T4–T6 and T7 and one more secretary."""
    spec = default_spec()
    spec.cadres.append(dict(spec.cadres[0]) | {"Họ và tên": "NGUYỄN VĂN  HÙNG"})  # written again, as typed
    [problem] = rejected(spec, tmp_path)
    row = 1 + len(spec.cadres)
    assert where([problem]) == [(CADRES, row, "Họ và tên")]
    assert problem.expected == ("đã ghi ở dòng 2: cùng người (cùng họ tên, năm sinh 1968) trong chi bộ «CB01»; "
                                "mỗi người ghi một dòng, với chức vụ cao nhất; hai người trùng cả họ tên và năm sinh "
                                "thì ghi thêm chữ phân biệt sau tên, ví dụ «Nguyễn Văn An (A)»")


def test_namesakes_in_a_cell_are_two_people(tmp_path):
    spec = default_spec()
    spec.cadres.append(dict(spec.cadres[0]) | {"Năm sinh": 1990, "Chức vụ": "Chi ủy viên"})
    assert len(parse(spec, tmp_path).cadres) == len(spec.cadres)


def test_namesakes_born_the_same_year_load_with_the_mark_the_message_asks_for(tmp_path):
    spec = default_spec()
    name = spec.cadres[0]["Họ và tên"]
    spec.cadres[0] = spec.cadres[0] | {"Họ và tên": f"{name} (A)"}
    spec.cadres.append(spec.cadres[0] | {"Họ và tên": f"{name} (B)", "Chức vụ": "Chi ủy viên"})
    assert len(parse(spec, tmp_path).cadres) == len(spec.cadres)
