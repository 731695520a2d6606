"""Format v2 of the workbook (docs/DATA_CONTRACT.md): fields read exactly, blank is "chưa báo
cáo", and one test per rule, accepted and refused, on workbooks written to disk."""

from __future__ import annotations

import pytest

from etl.checking import contract as c
from tests.support.workbooks import V2_DUAL_ROLES, default_spec, parse, rejected, v2_spec, where

INFO, CELLS, MEMBERS, CADRES = c.SHEET_INFO, c.SHEET_CELLS, c.SHEET_MEMBERS, c.SHEET_CADRES
LIFE_FIELDS = ("founded_year", "founded_month", "regular_meetings", "thematic_meetings", "inspections",
               "supervisions", "has_working_rules", "rules_revised_year")
EXTRA_FIELDS = ("reprimanded", "warned", "removed_from_post", "expelled_by_discipline", "disciplined",
                "candidates_trained")


def v2_edited(edits: list[tuple[str, int, str, object]]) -> object:
    spec = v2_spec()
    for part, index, column, value in edits:
        if part == "info":
            spec.info[column] = value
        else:
            getattr(spec, part)[index][column] = value
    return spec


def test_v2_fields_read_exactly(tmp_path):
    sub = parse(v2_spec(), tmp_path)
    assert sub.report == {"format_version": 2, "admission_quota": 5, "four_good_unit": True}
    assert [tuple(life[f] for f in LIFE_FIELDS) for life in sub.cell_life] == [
        (1985, None, 12, 3, 1, 2, True, 2021),
        (1990, None, 11, 0, 0, 1, True, 2019),
        (2024, 3, 10, 1, 0, 0, False, None),
    ]
    assert [tuple(life[f] for f in EXTRA_FIELDS) for life in sub.cell_life] == [
        (1, 0, 0, 0, 1, 4),  # the block filled in part: blanks read 0
        (None, None, None, None, None, 2),  # all blank: not reported
        (0, 0, 0, 0, 0, None),
    ]
    assert [life["cell_code"] for life in sub.cell_life] == ["CB01", "CB02", "TH01"]
    assert [(x["row_no"], x["dual_role"]) for x in sub.dual_roles] == list(zip(range(2, 8), V2_DUAL_ROLES, strict=True))
    assert sub.warnings == [
        "Sheet «Đảng viên», cột «Bị kỷ luật»: 1 dòng để trống (dòng 3), ghi nhận là chưa báo cáo; nếu không có, hãy ghi 0",
        "Sheet «Đảng viên», cột «Đối tượng được bồi dưỡng»: 1 dòng để trống (dòng 4), ghi nhận là chưa báo cáo; "
        "nếu không có, hãy ghi 0",
    ]


@pytest.mark.parametrize("kind", ["ods", "xls"])
def test_v2_reads_the_same_in_other_formats(tmp_path, kind):
    if kind == "xls":
        pytest.importorskip("xlwt")
    (tmp_path / "x").mkdir()
    assert parse(v2_spec(), tmp_path, kind).cell_life == parse(v2_spec(), tmp_path / "x").cell_life


def test_v1_workbook_gives_not_reported_everywhere(tmp_path):
    sub = parse(default_spec(), tmp_path)
    assert sub.report == {"format_version": 1, "admission_quota": None, "four_good_unit": None}
    assert all(life[f] is None for life in sub.cell_life for f in (*LIFE_FIELDS, *EXTRA_FIELDS))
    assert [x["dual_role"] for x in sub.dual_roles] == [None] * 6
    assert sub.warnings == []


def test_one_v2_column_makes_a_v2_workbook_and_the_rest_not_reported(tmp_path):
    spec = default_spec()
    spec.version = c.FORMAT_V2
    spec.drop_columns = tuple(col.name for cols in c.SHEET_COLUMNS.values() for col in cols
                              if col.since == c.FORMAT_V2 and col.name != "Sinh hoạt thường kỳ")
    for cell in spec.cells:
        cell["Sinh hoạt thường kỳ"] = 12
    sub = parse(spec, tmp_path)
    assert sub.report["format_version"] == 2
    assert [(x["regular_meetings"], x["thematic_meetings"]) for x in sub.cell_life] == [(12, None)] * 3
    assert sub.warnings == []


def test_whole_v2_columns_left_blank_are_one_warning(tmp_path):
    spec = default_spec()
    spec.version = c.FORMAT_V2
    sub = parse(spec, tmp_path)
    assert all(life[f] is None for life in sub.cell_life for f in (*LIFE_FIELDS, *EXTRA_FIELDS))
    assert sub.warnings == [
        "Sheet «Chi bộ»: chưa điền các cột «Sinh hoạt thường kỳ», «Sinh hoạt chuyên đề», «Cuộc kiểm tra», "
        "«Cuộc giám sát», «Quy chế làm việc»; ghi nhận là chưa báo cáo",
        "Sheet «Đảng viên»: chưa điền các cột «Bị kỷ luật», «Đối tượng được bồi dưỡng»; ghi nhận là chưa báo cáo",
        "Sheet «Cán bộ chi bộ», cột «Kiêm nhiệm»: 3 bí thư để trống (dòng 2, 5, 7), ghi nhận là chưa báo cáo; "
        "nếu không kiêm nhiệm, hãy ghi Không",
    ]


# --- one test per rule: accepted, then refused with the exact message -------------------------

ACCEPTED = [
    pytest.param([("cells", 0, "Sinh hoạt thường kỳ", " 12 ")], id="regular meetings: 12 written as text"),
    pytest.param([("cells", 0, "Sinh hoạt thường kỳ", 0)], id="regular meetings: 0"),
    pytest.param([("cells", 2, "Tháng thành lập", None), ("cells", 2, "Sinh hoạt thường kỳ", 12)],
                 id="founded this year, month unknown: up to 12"),
    pytest.param([("cells", 2, "Tháng thành lập", 1), ("cells", 2, "Sinh hoạt thường kỳ", 12)],
                 id="founded in January: 12"),
    pytest.param([("cells", 0, "Năm thành lập", 2024), ("cells", 0, "Năm sửa đổi quy chế", 2024)],
                 id="founded in the report year"),
    pytest.param([("cells", 0, "Năm sửa đổi quy chế", 2024)], id="rules revised in the report year"),
    pytest.param([("cells", 0, "Năm sửa đổi quy chế", 1985)], id="rules revised in the founding year"),
    pytest.param([("cells", 1, "Quy chế làm việc", "x"), ("cells", 1, "Năm sửa đổi quy chế", None)],
                 id="has rules: x, year unknown"),
    pytest.param([("cells", 0, "Sinh hoạt chuyên đề", 24), ("cells", 0, "Cuộc kiểm tra", 5)], id="counts above 12"),
    pytest.param([("members", 1, "Kỷ luật khai trừ", 0), ("members", 1, "Bị kỷ luật", 0)],
                 id="discipline: khai trừ equals Khai trừ 0"),
    pytest.param([("members", 0, "Tổng xếp loại", None)], id="ratings total blank: not checked"),
    pytest.param([("members", 0, "Khiển trách", 45), ("members", 0, "Bị kỷ luật", 45)],
                 id="disciplined up to members during the year"),
    pytest.param([("info", 0, "Chỉ tiêu kết nạp được giao", 0)], id="quota 0"),
    pytest.param([("info", 0, "Đảng bộ cơ sở bốn tốt", "Không")], id="four-good unit: Không"),
    pytest.param([("cadres", 0, "Kiêm nhiệm", "Trưởng ban CTMT")], id="dual role: alias"),
    pytest.param([("cadres", 3, "Kiêm nhiệm", "Trưởng thôn")], id="dual role: village head of a Thôn cell"),
    pytest.param([("cells", 2, "Loại chi bộ", "DN tư nhân")], id="cell type: private enterprise alias"),
    pytest.param([("cells", 2, "Loại chi bộ", "Doanh nghiệp")], id="cell type: v1 enterprise"),
]


@pytest.mark.parametrize("edits", ACCEPTED)
def test_rule_accepts(tmp_path, edits):
    parse(v2_edited(edits), tmp_path)


REFUSED = [
    pytest.param([("cells", 0, "Sinh hoạt thường kỳ", -1)], (CELLS, 2, "Sinh hoạt thường kỳ", "−1",
                 "phải là số nguyên không âm (0, 1, 2, …)"), id="regular meetings: negative"),
    pytest.param([("cells", 0, "Sinh hoạt thường kỳ", 13)], (CELLS, 2, "Sinh hoạt thường kỳ", "13",
                 "phải là số nguyên từ 0 đến 12 (mỗi tháng một lần sinh hoạt thường kỳ)"), id="regular meetings: 13"),
    pytest.param([("cells", 2, "Sinh hoạt thường kỳ", 11)], (CELLS, 4, "Sinh hoạt thường kỳ", "11",
                 "phải nhỏ hơn hoặc bằng 10: chi bộ thành lập tháng 3/2024, đến cuối năm có 10 tháng"),
                 id="founded mid-year: meetings above the months since"),
    pytest.param([("cells", 0, "Sinh hoạt chuyên đề", 1.5)], (CELLS, 2, "Sinh hoạt chuyên đề", "1,5",
                 "phải là số nguyên không âm, không có phần thập phân"), id="thematic meetings: decimal"),
    pytest.param([("cells", 0, "Cuộc kiểm tra", "một")], (CELLS, 2, "Cuộc kiểm tra", "một",
                 "phải là số nguyên không âm (0, 1, 2, …)"), id="inspections: a word"),
    pytest.param([("cells", 0, "Cuộc giám sát", -2)], (CELLS, 2, "Cuộc giám sát", "−2",
                 "phải là số nguyên không âm (0, 1, 2, …)"), id="supervisions: negative"),
    pytest.param([("cells", 0, "Năm thành lập", 2025)], (CELLS, 2, "Năm thành lập", "2025",
                 "phải là năm, từ 1930 đến năm báo cáo 2024"), id="founded after the report year"),
    pytest.param([("cells", 0, "Năm thành lập", 1929)], (CELLS, 2, "Năm thành lập", "1929",
                 "phải là năm, từ 1930 đến năm báo cáo 2024"), id="founded before 1930"),
    pytest.param([("cells", 0, "Tháng thành lập", 13)], (CELLS, 2, "Tháng thành lập", "13",
                 "phải là tháng, từ 1 đến 12"), id="founding month 13"),
    pytest.param([("cells", 2, "Năm thành lập", None), ("cells", 2, "Sinh hoạt thường kỳ", 12)],
                 (CELLS, 4, "Tháng thành lập", "3", "chỉ ghi khi có Năm thành lập; hãy ghi năm thành lập"),
                 id="founding month without year"),
    pytest.param([("cells", 0, "Quy chế làm việc", "chưa rõ")], (CELLS, 2, "Quy chế làm việc", "chưa rõ",
                 "phải là Có hoặc Không (đánh x là Có, để trống là Không)"), id="working rules: not yes or no"),
    pytest.param([("cells", 0, "Năm sửa đổi quy chế", 2025)], (CELLS, 2, "Năm sửa đổi quy chế", "2025",
                 "phải là năm, từ 1930 đến năm báo cáo 2024"), id="rules revised after the report year"),
    pytest.param([("cells", 0, "Năm sửa đổi quy chế", 1984)], (CELLS, 2, "Năm sửa đổi quy chế", "1984",
                 "phải từ năm thành lập chi bộ 1985 trở đi"), id="rules revised before founding"),
    pytest.param([("cells", 2, "Năm sửa đổi quy chế", 2024)], (CELLS, 4, "Năm sửa đổi quy chế", "2024",
                 "phải để trống: cột «Quy chế làm việc» ghi Không"), id="rules year without rules"),
    pytest.param([("cells", 0, "Quy chế làm việc", None)], (CELLS, 2, "Quy chế làm việc", None,
                 "phải là Có: chi bộ đã ghi Năm sửa đổi quy chế 2021"), id="rules year, rules blank"),
    pytest.param([("members", 0, "Bị kỷ luật", 2)], (MEMBERS, 2, "Bị kỷ luật", "2",
                 "phải bằng 1 = Khiển trách 1 + Cảnh cáo 0 + Cách chức 0 + Kỷ luật khai trừ 0"),
                 id="discipline: forms do not add up to the total"),
    pytest.param([("members", 0, "Bị kỷ luật", None)], (MEMBERS, 2, "Bị kỷ luật", None,
                 "phải bằng 1 = Khiển trách 1 + Cảnh cáo 0 + Cách chức 0 + Kỷ luật khai trừ 0"),
                 id="discipline: total blank, a form filled"),
    pytest.param([("members", 2, "Kỷ luật khai trừ", 1), ("members", 2, "Bị kỷ luật", 1)],
                 (MEMBERS, 4, "Kỷ luật khai trừ", "1", "phải bằng Khai trừ 0: đảng viên bị kỷ luật khai trừ là "
                  "đảng viên bị khai trừ trong năm"), id="discipline: khai trừ unlike Khai trừ"),
    pytest.param([("members", 0, "Khiển trách", 49), ("members", 0, "Bị kỷ luật", 49)],
                 (MEMBERS, 2, "Bị kỷ luật", "49", "phải nhỏ hơn hoặc bằng 48 = Đầu năm 45 + Kết nạp 2 + Chuyển đến 1"),
                 id="discipline: more than the members of the year"),
    pytest.param([("members", 0, "Cảnh cáo", "hai")], (MEMBERS, 2, "Cảnh cáo", "hai",
                 "phải là số nguyên không âm (0, 1, 2, …)"), id="discipline form: a word"),
    pytest.param([("members", 0, "Đối tượng được bồi dưỡng", -4)], (MEMBERS, 2, "Đối tượng được bồi dưỡng", "−4",
                 "phải là số nguyên không âm (0, 1, 2, …)"), id="candidates: negative"),
    pytest.param([("members", 0, "Tổng xếp loại", 45)], (MEMBERS, 2, "Tổng xếp loại", "45",
                 "phải bằng 46 = HTXSNV 5 + HTTNV 30 + HTNV 9 + KHTNV 1 + Chưa xếp loại 1 (cột tính bằng công thức, "
                 "đừng ghi đè)"), id="ratings total typed over"),
    pytest.param([("info", 0, "Chỉ tiêu kết nạp được giao", -2)], (INFO, 8, "Chỉ tiêu kết nạp được giao", "−2",
                 "phải là số nguyên không âm (0, 1, 2, …)"), id="quota: negative"),
    pytest.param([("info", 0, "Đảng bộ cơ sở bốn tốt", "đạt 3 tốt")], (INFO, 9, "Đảng bộ cơ sở bốn tốt", "đạt 3 tốt",
                 "phải là Có hoặc Không (đánh x là Có, để trống là Không)"), id="four-good unit: not yes or no"),
    pytest.param([("cadres", 1, "Kiêm nhiệm", "Chủ tịch UBND")], (CADRES, 3, "Kiêm nhiệm", "Chủ tịch UBND",
                 "phải là một trong: " + ", ".join(c.DUAL_ROLES)), id="dual role: unknown"),
    pytest.param([("cadres", 0, "Kiêm nhiệm", "Trưởng thôn")], (CADRES, 2, "Kiêm nhiệm", "Trưởng thôn",
                 "phải là một trong: Không, Tổ trưởng tổ dân phố, Trưởng ban công tác Mặt trận (chi bộ «CB01» là chi bộ "
                 "Tổ dân phố)"), id="dual role: village head in a residential-group cell"),
    pytest.param([("cadres", 3, "Kiêm nhiệm", "Thủ trưởng cơ quan")], (CADRES, 5, "Kiêm nhiệm", "Thủ trưởng cơ quan",
                 "phải là một trong: Không, Trưởng thôn, Trưởng ban công tác Mặt trận (chi bộ «CB02» là chi bộ Thôn)"),
                 id="dual role: head of agency in a village cell"),
]


@pytest.mark.parametrize(("edits", "expected"), REFUSED)
def test_rule_refuses(tmp_path, edits, expected):
    [problem] = rejected(v2_edited(edits), tmp_path)
    assert (problem.sheet, problem.row, problem.column, problem.value, problem.expected) == expected


def test_blank_cell_in_a_rule_is_said_blank(tmp_path):
    [problem] = rejected(v2_edited([("members", 0, "Bị kỷ luật", None)]), tmp_path)
    assert problem.blank
    assert "ô để trống; phải bằng 1" in str(problem) and "giá trị" not in str(problem)


def test_khai_tru_knock_on_of_a_wrong_flow_is_not_reported(tmp_path):
    """Khai trừ typed 1 by mistake breaks the flow; its mismatch with Kỷ luật khai trừ is the same mistake."""
    problems = rejected(v2_edited([("members", 2, "Khai trừ", 1)]), tmp_path)
    assert where(problems) == [(MEMBERS, 4, "Cuối năm")]


def test_v2_total_row_is_checked_too(tmp_path):
    spec = v2_spec(total_row=True, total_overrides={"Bị kỷ luật": 2, "Tổng xếp loại": None})
    spec.members[1]["Bị kỷ luật"] = 0  # every row reports discipline: the column can be added up
    [problem] = rejected(spec, tmp_path)
    assert (problem.sheet, problem.column, problem.value, problem.expected) == (
        MEMBERS, "Bị kỷ luật", "2", "phải bằng tổng cột: 1")


def test_v2_total_row_skips_a_column_not_fully_reported(tmp_path):
    spec = v2_spec(total_row=True, total_overrides={"Đối tượng được bồi dưỡng": 99, "Tổng xếp loại": None})
    assert parse(spec, tmp_path).cell_life[2]["candidates_trained"] is None


def test_a_missing_report_year_is_one_problem_not_one_per_year_column(tmp_path):
    spec = v2_spec()
    spec.info["Năm báo cáo"] = None
    assert where(rejected(spec, tmp_path)) == [(INFO, 2, "Năm báo cáo")]
