"""Formulas saved without their result (a program that does not recalculate): the problem says so.

QA: a file whose `Cuối năm` cells hold `=…` written by openpyxl was refused with "18 dòng chưa điền
Cuối năm", though the user sees the formulas. calamine reads no value for them; the message must say
that the cells hold formulas whose results were not saved, and to open and save the file again.
"""

from __future__ import annotations

import pytest

from etl.checking import contract as c
from tests.support.hostile import rewritten, valid_xlsx
from tests.support.workbooks import default_spec, rejected_bytes, write

RESAVE = ("hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại để công thức được tính, sau đó nạp lại (tệp được "
          "lưu bằng một chương trình không tự tính công thức)")
FORMULA = "=B2+C2"  # openpyxl writes a text starting with `=` as a formula, without a saved value
ODS_TEXT = f'<table:table-cell office:value-type="string"><text:p>{FORMULA}</text:p></table:table-cell>'
ODS_FORMULA = '<table:table-cell table:formula="of:=[.B2]+[.C2]"/>'  # as odfpy writes one: no value


def _workbook(spec, tmp_path, kind: str) -> tuple[str, bytes]:
    if kind == "xlsx":
        return "bao-cao.xlsx", valid_xlsx(tmp_path, spec, "bao-cao")
    path, _ = write(spec, tmp_path, kind="ods")
    data = rewritten(path.read_bytes(), ODS_TEXT, ODS_FORMULA)
    assert data != path.read_bytes()
    return "bao-cao.ods", data


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_formulas_without_saved_results_say_to_save_the_file_again(tmp_path, kind):
    spec = default_spec()
    for row in spec.members:
        row["Cuối năm"] = FORMULA
    name, data = _workbook(spec, tmp_path, kind)
    assert [str(p) for p in rejected_bytes(data, name)] == [
        f"{name}, sheet «Đảng viên»: 3 ô cột «Cuối năm» có công thức nhưng tệp không lưu kết quả của công thức: "
        f"dòng 2–4; {RESAVE}",
    ]


def test_only_a_formula_without_result_is_said_to_be_one(tmp_path):
    """Beside it, a blank cell, and a formula whose empty text result Excel saved (`t="str"`, an empty
    value): both blank cells, as they are."""
    spec = default_spec()
    spec.members[0]["Cuối năm"] = spec.members[1]["Cuối năm"] = FORMULA
    spec.cells[2]["Tên chi bộ"] = None
    data = rewritten(valid_xlsx(tmp_path, spec, "bao-cao"), f'<c r="M2"><f>{FORMULA[1:]}</f><v /></c>',
                     f'<c r="M2" t="str"><f>{FORMULA[1:]}</f><v></v></c>')
    problems = rejected_bytes(data, "bao-cao.xlsx")
    assert [p.located() for p in problems] == [
        "sheet «Chi bộ», dòng 4, cột «Tên chi bộ»: ô để trống; bắt buộc phải điền",
        "sheet «Đảng viên», dòng 2, cột «Cuối năm»: ô để trống; phải bằng 46 = Đầu năm 45 + Kết nạp 2 + Chuyển đến 1"
        " − Chuyển đi 1 − Từ trần 1 − Xóa tên 0 − Khai trừ 0 − Xin ra khỏi Đảng 0",
        f"sheet «Đảng viên», dòng 3, cột «Cuối năm»: ô có công thức nhưng tệp không lưu kết quả của công thức; {RESAVE}",
    ]
    assert [(p.blank, p.unsaved) for p in problems] == [(True, False), (True, False), (False, True)]


def test_a_key_of_the_info_sheet_given_by_a_formula(tmp_path):
    spec = default_spec()
    spec.info["Năm báo cáo"] = "=2024"
    [problem] = rejected_bytes(valid_xlsx(tmp_path, spec, "bao-cao"), "bao-cao.xlsx")
    assert (problem.sheet, problem.column, problem.unsaved, problem.expected) == (
        c.SHEET_INFO, "Năm báo cáo", True, RESAVE)
