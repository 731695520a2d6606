"""`Chi bộ`: one rule per test case, with the exact place of the problem."""

from __future__ import annotations

import pytest

from etl.checking import contract as c
from tests.support.workbooks import default_spec, edited, parse, rejected, where

CELLS, MEMBERS, CADRES = c.SHEET_CELLS, c.SHEET_MEMBERS, c.SHEET_CADRES


@pytest.mark.parametrize(
    ("column", "value", "stored_as"),
    [
        ("Loại chi bộ", "TDP", ("cell_type", "Tổ dân phố")),
        ("Loại chi bộ", "to dan pho", ("cell_type", "Tổ dân phố")),
        ("Loại chi bộ", "XÓM", ("cell_type", "Thôn")),
        ("Loại chi bộ", "Doanh nghiệp", ("cell_type", "Doanh nghiệp")),
        ("Xếp loại", "Hoàn thành xuất sắc nhiệm vụ", ("rating", "HTXSNV")),
        ("Xếp loại", "httnv", ("rating", "HTTNV")),
        ("Xếp loại", None, ("rating", None)),
        ("Bốn tốt", "x", ("four_good", True)),
        ("Bốn tốt", "X", ("four_good", True)),
        ("Bốn tốt", "có", ("four_good", True)),
        ("Bốn tốt", 1, ("four_good", True)),
        ("Bốn tốt", True, ("four_good", True)),
        ("Bốn tốt", "Không", ("four_good", False)),
        ("Bốn tốt", None, ("four_good", False)),
        ("Tên chi bộ", "  Chi bộ\u00a0thôn  Vĩnh Xuân ", ("cell_name", "Chi bộ thôn Vĩnh Xuân")),
    ],
)
def test_accepted_values_stored_canonical(tmp_path, column, value, stored_as):
    sub = parse(edited([("cells", 1, column, value)]), tmp_path)
    field, stored = stored_as
    assert sub.cells[1][field] == stored


def test_cell_codes_match_across_sheets_ignoring_case(tmp_path):
    spec = edited([("members", 0, "Mã chi bộ", "cb01"), ("cadres", 0, "Mã chi bộ", " Cb01 ")])
    sub = parse(spec, tmp_path)
    assert sub.members[0]["cell_code"] == sub.cadres[0]["cell_code"] == "CB01"


def test_numeric_cell_codes_read_as_written(tmp_path):
    spec = edited([("cells", 0, "Mã chi bộ", 1), ("members", 0, "Mã chi bộ", "1"), ("cadres", 0, "Mã chi bộ", 1.0)])
    spec.cadres[1]["Mã chi bộ"] = spec.cadres[2]["Mã chi bộ"] = 1
    sub = parse(spec, tmp_path)
    assert sub.cells[0]["cell_code"] == sub.members[0]["cell_code"] == sub.cadres[0]["cell_code"] == "1"


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param([("cells", 1, "Tên chi bộ", None)], [(CELLS, 3, "Tên chi bộ")], id="name required"),
        pytest.param([("cells", 1, "Loại chi bộ", None)], [(CELLS, 3, "Loại chi bộ")], id="type required"),
        pytest.param([("cells", 1, "Loại chi bộ", "Chợ")], [(CELLS, 3, "Loại chi bộ")], id="type unknown"),
        pytest.param([("cells", 2, "Xếp loại", "Giỏi")], [(CELLS, 4, "Xếp loại")], id="rating unknown"),
        pytest.param([("cells", 0, "Bốn tốt", "Chưa")], [(CELLS, 2, "Bốn tốt")], id="four good not yes/no"),
        pytest.param(
            [("cells", 1, "Mã chi bộ", None)],
            [(CELLS, 3, "Mã chi bộ"), (MEMBERS, 3, "Mã chi bộ"), (CADRES, 5, "Mã chi bộ"), (CADRES, 6, "Mã chi bộ")],
            id="code required; rows of other sheets then name an unknown cell",
        ),
    ],
)
def test_cell_rule(tmp_path, edits, expected):
    assert where(rejected(edited(edits), tmp_path)) == expected


def test_duplicate_code_names_both_rows(tmp_path):
    spec = default_spec()
    spec.cells.append({**spec.cells[0], "Mã chi bộ": "cb01 ", "Tên chi bộ": "Chi bộ trùng"})
    [problem] = rejected(spec, tmp_path)
    assert where([problem]) == [(CELLS, 5, "Mã chi bộ")]
    assert problem.value == "cb01"
    assert "dòng 2" in problem.expected


def test_type_problem_lists_the_vocabulary(tmp_path):
    [problem] = rejected(edited([("cells", 1, "Loại chi bộ", "Chợ")]), tmp_path)
    assert problem.value == "Chợ"
    assert problem.expected == "phải là một trong: " + ", ".join(c.CELL_TYPES)


def test_missing_required_column_is_named_at_the_header_row(tmp_path):
    spec = default_spec(title_block=True)
    spec.drop_columns = ("Loại chi bộ",)
    [problem] = rejected(spec, tmp_path)
    assert where([problem]) == [(CELLS, 6, "Loại chi bộ")]
    assert "thiếu cột bắt buộc «Loại chi bộ»" in problem.expected


def test_optional_columns_may_be_left_out(tmp_path):
    spec = default_spec()
    spec.drop_columns = ("Xếp loại", "Bốn tốt")
    sub = parse(spec, tmp_path)
    assert [(x["rating"], x["four_good"]) for x in sub.cells] == [(None, False)] * 3


@pytest.mark.parametrize(
    "headers",
    [
        {"Mã chi bộ": "Mã số chi bộ", "Loại chi bộ": "Loại", "Bốn tốt": "4 tốt"},
        {"Mã chi bộ": "MÃ CHI BỘ (*)", "Tên chi bộ": "Tên chi bộ:", "Xếp loại": "Kết quả\nxếp loại"},
    ],
)
def test_header_variants(tmp_path, headers):
    spec = default_spec()
    spec.headers = headers
    sub = parse(spec, tmp_path)
    assert [(x["cell_code"], x["cell_type"], x["four_good"]) for x in sub.cells] == [
        ("CB01", "Tổ dân phố", True), ("CB02", "Thôn", False), ("TH01", "Trường học", False),
    ]
