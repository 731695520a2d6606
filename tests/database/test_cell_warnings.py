"""The warnings of the Đề án's named weaknesses on hand-made workbooks, each triggered and not: cells
without a thematic meeting or an inspection in the year, shares of members exempted or away rising
two years running."""

from __future__ import annotations

from database.db import cursor
from queries.warnings import all_warnings, cell_activity, rising_away
from tests.support.loads import load_specs as _load
from tests.support.workbooks import default_spec, v2_spec

PHO_HOA = "21469-2015"


def _in_year(spec, year: int):
    spec.info["Năm báo cáo"] = year
    return spec


def _exempted(year: int, cb01: int):
    """Phường Phổ Hòa's v1 workbook of `year`, `cb01` members of its first cell exempted (default 6 of 46)."""
    spec = _in_year(default_spec(), year)
    spec.members[0]["Miễn sinh hoạt"] = cb01
    return spec


def test_cells_without_a_thematic_meeting_or_an_inspection(empty_env, tmp_path):
    _load(empty_env, tmp_path, v2_spec())  # CB02: neither; TH01: no inspection; CB01: both
    found = cell_activity(cursor(), "reported", None, 2024)
    assert found[["unit", "cell_code", "cell_type", "lacking"]].values.tolist() == [
        ["Phường Phổ Hòa", "CB02", "Thôn", "sinh hoạt chuyên đề, kiểm tra"],
        ["Phường Phổ Hòa", "TH01", "Trường học", "kiểm tra"]]
    [warning] = all_warnings(cursor(), "reported", None, 2024).query("rule_code == 'cell_activity'").to_dict("records")
    assert warning["display_id"] == PHO_HOA and warning["page_label"] == "Sinh hoạt chi bộ, kiểm tra, kỷ luật"
    assert warning["detail"] == (
        "Năm 2024 có 2 chi bộ không sinh hoạt chuyên đề hoặc không tiến hành kiểm tra: Chi bộ thôn Vĩnh Xuân (Thôn): "
        "không sinh hoạt chuyên đề, kiểm tra; Chi bộ Trường THCS Phổ Hòa (Trường học): không kiểm tra.")  # no code


def test_no_warning_for_cells_that_held_both_or_did_not_report(empty_env, tmp_path):
    held = _in_year(v2_spec(), 2023)
    held.cells[2]["Năm thành lập"] = 2023  # founded in March of the report year, as in 2024
    for cell in held.cells:
        cell["Sinh hoạt chuyên đề"], cell["Cuộc kiểm tra"] = 1, 2
    blank = _in_year(v2_spec(), 2022)  # thematic meetings and inspections left blank: not reported
    blank.cells[2]["Năm thành lập"] = 2022
    for cell in blank.cells:
        cell["Sinh hoạt chuyên đề"] = cell["Cuộc kiểm tra"] = None
    _load(empty_env, tmp_path, blank, held, default_spec())  # and a v1 workbook for 2024: not reported either
    for year in (2022, 2023, 2024):
        assert cell_activity(cursor(), "reported", None, year).empty, year
        assert "cell_activity" not in set(all_warnings(cursor(), "reported", None, year)["rule_code"])


def test_a_share_of_exempted_members_rising_two_years_running(empty_env, tmp_path):
    _load(empty_env, tmp_path, _exempted(2022, 2), _exempted(2023, 4), _exempted(2024, 6))
    found = rising_away(cursor(), "reported", None, 2024)
    assert found[["unit", "member_group", "members_two_before", "members_before", "members", "end_count"]] \
        .values.tolist() == [["Phường Phổ Hòa", "miễn sinh hoạt", 6, 8, 10, 98]]  # away stays at 8 of 98
    [warning] = all_warnings(cursor(), "reported", None, 2024).query("rule_code == 'rising_away'").to_dict("records")
    assert warning["detail"] == ("Tỷ lệ đảng viên miễn sinh hoạt tăng hai năm liền: 2022: 6,12% → 2023: 8,16% → "
                                 "2024: 10,20% (năm 2024: 10/98 đảng viên cuối năm).")
    assert warning["page_label"] == "Biến động đảng viên"


def test_no_rising_warning_when_a_year_is_flat_or_missing(empty_env, tmp_path):
    _load(empty_env, tmp_path, _exempted(2021, 2), _exempted(2022, 4), _exempted(2023, 4), _exempted(2024, 6))
    assert rising_away(cursor(), "reported", None, 2023).empty  # 6 → 8 → 8: not rising twice
    assert rising_away(cursor(), "reported", None, 2024).empty  # 8 → 8 → 10
    assert len(rising_away(cursor(), "reported", None, 2022)) == 0  # 2020 missing: nothing known of it
    assert "rising_away" not in set(all_warnings(cursor(), "reported", None, 2024)["rule_code"])
