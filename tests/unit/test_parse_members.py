"""`Đảng viên`: whole numbers, the four identities, cell codes, the total row."""

from __future__ import annotations

import openpyxl
import pytest

from etl.checking import contract as c
from etl.checking.model import row_ranges
from tests.support.workbooks import (
    MEMBER_HEADERS,
    default_spec,
    edited,
    parse,
    rejected,
    rejected_bytes,
    where,
    write,
)

MEMBERS = c.SHEET_MEMBERS


@pytest.mark.parametrize(
    ("value", "stored"),
    [(" 46 ", 46), ("46", 46), (46.0, 46), ("46.0", 46), ("46,0", 46), ("\u00a046\u00a0", 46)],
)
def test_whole_numbers_in_any_spelling(tmp_path, value, stored):
    sub = parse(edited([("members", 0, "Cuối năm", value)]), tmp_path)
    assert sub.members[0]["end_count"] == stored


def test_blank_means_zero(tmp_path):
    spec = edited([("members", 2, column, None) for column in ("Kết nạp học sinh", "Chuyển đi", "KHTNV", "Chưa xếp loại")])
    sub = parse(spec, tmp_path)
    third = sub.members[2]
    assert (third["admitted_students"], third["transferred_out"], third["rated_not_fulfilled"], third["unrated"]) == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("column", "value", "needle"),
    [
        ("Kết nạp", 12.5, "thập phân"),
        ("Kết nạp", "1,5", "thập phân"),
        ("Từ trần", -1, "không âm"),
        ("Chuyển đi", "abc", "số nguyên"),
        ("Xóa tên", True, "số nguyên"),
    ],
)
def test_bad_numbers(tmp_path, column, value, needle):
    [problem] = rejected(edited([("members", 1, column, value)]), tmp_path)
    assert where([problem]) == [(MEMBERS, 3, column)]
    assert needle in problem.expected


@pytest.mark.parametrize(
    ("edits", "column", "found", "expected"),
    [
        pytest.param(
            [("members", 0, "Đầu năm", 44)], "Cuối năm", "46",
            "phải bằng 45 = Đầu năm 44 + Kết nạp 2 + Chuyển đến 1 − Chuyển đi 1 − Từ trần 1 − Xóa tên 0"
            " − Khai trừ 0 − Xin ra khỏi Đảng 0",
            id="end = start + in - out",
        ),
        pytest.param(
            [("members", 1, "Kết nạp học sinh", 2)], "Kết nạp", "1",
            "phải lớn hơn hoặc bằng 2 = Kết nạp học sinh 2 + Kết nạp công nhân 0 + Kết nạp chủ doanh nghiệp 0",
            id="admission groups <= admitted",
        ),
        pytest.param(
            [("members", 0, "HTTNV", 29)], None, None,
            "HTXSNV 5 + HTTNV 29 + HTNV 9 + KHTNV 1 + Chưa xếp loại 1 = 45, phải bằng Cuối năm 46",
            id="ratings sum to end",
        ),
        pytest.param([("members", 2, "Miễn sinh hoạt", 22)], "Miễn sinh hoạt", "22", "phải nhỏ hơn hoặc bằng Cuối năm 21",
                     id="exempted <= end"),
        pytest.param([("members", 2, "Đi làm ăn xa", 30)], "Đi làm ăn xa", "30", "phải nhỏ hơn hoặc bằng Cuối năm 21",
                     id="working away <= end"),
    ],
)
def test_identity(tmp_path, edits, column, found, expected):
    [problem] = rejected(edited(edits), tmp_path)
    row = 2 + edits[0][1]
    assert (problem.sheet, problem.row, problem.column, problem.value, problem.expected) == (
        MEMBERS, row, column, found, expected,
    )


def test_wrong_end_count_is_one_problem_not_two(tmp_path):
    """Cuối năm 47 breaks the flow and the ratings total; the ratings add up to the 46 the flow
    gives, so the second is the first's knock-on and is not reported."""
    problems = rejected(edited([("members", 0, "Cuối năm", 47)]), tmp_path)
    assert where(problems) == [(MEMBERS, 2, "Cuối năm")]
    assert problems[0].expected.startswith("phải bằng 46 = Đầu năm 45")


def test_wrong_end_count_and_wrong_ratings_are_two_problems(tmp_path):
    """The ratings agree neither with the written nor with the computed Cuối năm: two mistakes."""
    problems = rejected(edited([("members", 0, "Cuối năm", 47), ("members", 0, "HTTNV", 20)]), tmp_path)
    assert where(problems) == [(MEMBERS, 2, "Cuối năm"), (MEMBERS, 2, None)]


@pytest.mark.parametrize(("figure", "total"), [(6, 23), (2, 19)], ids=["sum above Cuối năm", "sum below Cuối năm"])
def test_ratings_that_do_not_add_up_blame_no_column(tmp_path, figure, total):
    """A sum cannot tell which of its figures is wrong: the message names the row and quotes every
    figure of the sum, and pins it on no column (QA: it blamed `Chưa xếp loại` for a wrong HTXSNV)."""
    [problem] = rejected(edited([("members", 2, "HTXSNV", figure)]), tmp_path)
    assert str(problem) == (
        f"bao-cao.xlsx, sheet «Đảng viên», dòng 4: HTXSNV {figure} + HTTNV 15 + HTNV 2 + KHTNV 0 + Chưa xếp loại 0"
        f" = {total}, phải bằng Cuối năm 21"
    )


def test_identity_skipped_when_a_figure_is_unreadable(tmp_path):
    """One bad cell is one problem: the identities it takes part in are not guessed."""
    assert where(rejected(edited([("members", 0, "Chuyển đến", "một")]), tmp_path)) == [(MEMBERS, 2, "Chuyển đến")]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(lambda s: s.members[2].update({"Mã chi bộ": "TH02"}),
                     [(MEMBERS, 4, "Mã chi bộ")], id="mistyped code: one problem naming the cell without row"),
        pytest.param(lambda s: (s.members[2].update({"Mã chi bộ": "TH02"}), s.members.append(dict(s.members[2], **{"Mã chi bộ": "TH03"}))),
                     [(MEMBERS, 4, "Mã chi bộ"), (MEMBERS, 5, "Mã chi bộ"), (MEMBERS, None, "Mã chi bộ")],
                     id="two unknown codes, one cell without row: not paired"),
        pytest.param(lambda s: s.members.pop(), [(MEMBERS, None, "Mã chi bộ")], id="cell without row"),
        pytest.param(lambda s: s.members.append(dict(s.members[0])), [(MEMBERS, 5, "Mã chi bộ")], id="two rows for a cell"),
        pytest.param(lambda s: s.members[1].update({"Mã chi bộ": None}),
                     [(MEMBERS, 3, "Mã chi bộ")], id="code required: one problem naming the cell without row"),
    ],
)
def test_one_row_per_cell(tmp_path, change, expected):
    spec = default_spec()
    change(spec)
    assert where(rejected(spec, tmp_path)) == expected


def test_cell_without_row_names_the_cell(tmp_path):
    spec = default_spec()
    spec.members.pop()
    [problem] = rejected(spec, tmp_path)
    assert problem.value == "TH01"
    assert f"sheet «{c.SHEET_CELLS}», dòng 4" in problem.expected


def test_total_row_with_right_sums_is_not_a_cell(tmp_path):
    spec = default_spec(total_row=True)
    _, layout = write(spec, tmp_path)
    assert layout.total_row[MEMBERS] == 5
    sub = parse(spec, tmp_path)
    assert [m["cell_code"] for m in sub.members] == ["CB01", "CB02", "TH01"]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        pytest.param({"Đầu năm": 96}, [(MEMBERS, 5, "Đầu năm", "96", "phải bằng tổng cột: 95")], id="wrong sum"),
        pytest.param({"Cuối năm": "97", "HTNV": 15}, [
            (MEMBERS, 5, "Cuối năm", "97", "phải bằng tổng cột: 98"),
            (MEMBERS, 5, "HTNV", "15", "phải bằng tổng cột: 16"),
        ], id="two wrong sums"),
        pytest.param({"Kết nạp": None, "Chuyển đến": "x"}, [], id="blank or words are not checked"),
        pytest.param({"Đầu năm": " 95 ", "Kết nạp": 4.0}, [], id="numbers as text and floats"),
    ],
)
def test_total_row_numbers_equal_column_sums(tmp_path, overrides, expected):
    spec = default_spec(total_row=True, total_overrides=overrides)
    if expected:
        problems = rejected(spec, tmp_path)
        assert [(p.sheet, p.row, p.column, p.value, p.expected) for p in problems] == expected
    else:
        assert len(parse(spec, tmp_path).members) == 3


def test_total_row_label_variants(tmp_path):
    for label in ("Cộng", "TỔNG CỘNG:", "Tổng số", "tong cong (3 chi bo)"):
        spec = default_spec(total_row=True, total_overrides={"Đầu năm": 96})
        path, layout = write(spec, tmp_path)
        book = openpyxl.load_workbook(path)
        book[MEMBERS].cell(layout.total_row[MEMBERS], 1, label)
        book.save(path)
        assert where(rejected_bytes(path.read_bytes(), path.name)) == [(MEMBERS, 5, "Đầu năm")]


# --- messages for clerks: blank cells, one problem per mistake, many rows grouped ---------------

FLOW_CB01 = ("Đầu năm 45 + Kết nạp 2 + Chuyển đến 1 − Chuyển đi 1 − Từ trần 1 − Xóa tên 0 − Khai trừ 0"
             " − Xin ra khỏi Đảng 0")


def test_blank_cell_is_said_blank_with_what_it_must_equal(tmp_path):
    [problem] = rejected(edited([("members", 0, "Cuối năm", None)]), tmp_path)
    assert str(problem) == f"bao-cao.xlsx, sheet «Đảng viên», dòng 2, cột «Cuối năm»: ô để trống; phải bằng 46 = {FLOW_CB01}"


def test_all_ratings_blank_is_one_problem_saying_so(tmp_path):
    spec = edited([("members", 0, column, None) for column in ("HTXSNV", "HTTNV", "HTNV", "KHTNV", "Chưa xếp loại")])
    [problem] = rejected(spec, tmp_path)
    assert (problem.column, problem.blank, problem.expected) == (
        "HTXSNV", True, "chưa điền xếp loại đảng viên; HTXSNV + HTTNV + HTNV + KHTNV + Chưa xếp loại phải bằng Cuối năm 46")


def test_total_row_equal_to_the_corrected_sum_is_no_second_problem(tmp_path):
    spec = edited([("members", 0, "Cuối năm", 47)], total_row=True, total_overrides={"Cuối năm": 98})
    assert where(rejected(spec, tmp_path)) == [(MEMBERS, 2, "Cuối năm")]


def _cells(count: int, end: object = None, start: int = 10) -> object:
    """`count` village cells, each with `start` members all rated HTTNV and `end` as Cuối năm."""
    spec = default_spec()
    spec.cells = [{"Mã chi bộ": f"T{i:02d}", "Tên chi bộ": f"Chi bộ thôn {i}", "Loại chi bộ": "Thôn"}
                  for i in range(1, count + 1)]
    blank = dict.fromkeys(MEMBER_HEADERS[1:], 0)
    spec.members = [{**blank, "Mã chi bộ": cell["Mã chi bộ"], "Đầu năm": start + i, "Cuối năm": end,
                     "HTTNV": start + i} for i, cell in enumerate(spec.cells)]
    spec.cadres = [dict(spec.cadres[0], **{"Mã chi bộ": "T01"})]
    return spec


def test_many_rows_with_the_same_problem_are_one_problem(tmp_path):
    [problem] = rejected(_cells(47), tmp_path)
    assert problem.rows == tuple(range(2, 49))
    assert str(problem) == (
        "bao-cao.xlsx, sheet «Đảng viên»: 47 dòng chưa điền cột «Cuối năm»: dòng 2–48; ví dụ dòng 2: phải bằng 10 = "
        "Đầu năm 10 + Kết nạp 0 + Chuyển đến 0 − Chuyển đi 0 − Từ trần 0 − Xóa tên 0 − Khai trừ 0 − Xin ra khỏi Đảng 0"
    )


def test_two_rows_with_the_same_problem_stay_two(tmp_path):
    assert where(rejected(_cells(2), tmp_path)) == [(MEMBERS, 2, "Cuối năm"), (MEMBERS, 3, "Cuối năm")]


def test_the_same_bad_value_in_many_rows_is_one_problem(tmp_path):
    spec = _cells(4)
    for row in spec.members:
        row["Cuối năm"] = row["Đầu năm"]
    for row in spec.members[:3]:
        row["Kết nạp"] = "abc"
    spec.members[3]["Cuối năm"] = 12
    [grouped, single] = rejected(spec, tmp_path)
    assert grouped.located() == ("sheet «Đảng viên»: 3 dòng có giá trị «abc» ở cột «Kết nạp»: dòng 2–4; "
                                 "phải là số nguyên không âm (0, 1, 2, …)")
    assert where([single]) == [(MEMBERS, 5, "Cuối năm")]


@pytest.mark.parametrize(("rows", "shown"), [((2,), "2"), ((2, 3, 4, 7, 9, 10), "2–4, 7, 9–10"), ((5, 3, 4), "3–5")])
def test_row_ranges(rows, shown):
    assert row_ranges(rows) == shown


@pytest.mark.parametrize("grouping", [".", " "])
def test_thousands_grouped_in_text_as_vietnamese_write_them(tmp_path, grouping):
    """`1.045` typed in a text cell is one thousand and forty-five: not rejected as a decimal, and `1.000` not 1."""
    spec = edited([("members", 0, column, value.replace(".", grouping)) for column, value in
                   (("Đầu năm", "1.045"), ("Cuối năm", "1.046"), ("HTTNV", "1.030"), ("Miễn sinh hoạt", "1.000"))])
    first = parse(spec, tmp_path).members[0]
    assert (first["start_count"], first["end_count"], first["rated_good"], first["exempted"]) == (1045, 1046, 1030, 1000)
