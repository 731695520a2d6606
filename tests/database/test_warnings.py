"""Warnings: each rule triggered and not triggered on workbooks written by the test and loaded by
the real loader; `all_warnings` for the meeting report; the page in AppTest. The rules across the
2025 merger are in tests/test_reorganisation.py."""

from __future__ import annotations

import pandas as pd
import pytest

from database.db import cursor
from queries.warnings import (
    RULES,
    WARNING_COLUMNS,
    all_warnings,
    below_target,
    excellent_share,
    idle_cells,
    rising_exits,
    training_gaps,
    weak_secretaries,
)
from tests.support.apptest_pages import table, texts
from tests.support.meeting_workbooks import built_var, copy_into, workbook
from tests.support.page_support import run_page

IDLE, BELOW, NEAR, EXITS, FLAT_EXITS, TRAINING, OLD_GAP, IMPROVING, WEAK, EXCELLENT = (
    "21469-2015", "21451-2015", "21442-2015", "21445-2015", "21448-2015", "21457-2015", "21460-2015",
    "21454-2015", "21463-2015", "21466-2015")
UNITS = (IDLE, BELOW, NEAR, EXITS, FLAT_EXITS, TRAINING, OLD_GAP, IMPROVING, WEAK, EXCELLENT)
YEARS = (2022, 2023, 2024)


def levers(unit: str, year: int) -> dict:
    """What each unit does differently from meeting every target, year by year."""
    return {
        # village cell T02 admits nobody three years running; T03 admits in 2023 only; the military
        # cell Q01 admits nobody either, but it admits through its own line: listed only on request
        IDLE: {"admitted": 7, "more_cells": {"T02": 0, "T03": 1 if year == 2023 else 0},
               "other_cells": {"Q01": ("Quân sự", 0)}, "org": "HTXSNV" if year == 2024 else "HTTNV"},
        # 2024: T2 85% (95% the year before) and T4 3/4 (4/4 before: behind), under target and worse
        BELOW: {"good": 85, "t4": 3} if year == 2024 else {},
        # 2024: T6 0/4 under target; T3 5% is above the band, not under it
        NEAR: {"t6": 0, "admitted": 10, "org": "HTXSNV"} if year == 2024 else {},
        # struck off + resigned: 1 → 2 → 3
        EXITS: {"struck_off": {2022: 1, 2023: 1, 2024: 2}[year], "resigned": {2022: 0, 2023: 1, 2024: 1}[year]},
        # 1 → 3 → 3: not rising twice
        FLAT_EXITS: {"struck_off": {2022: 1, 2023: 3, 2024: 2}[year], "resigned": {2022: 0, 2023: 0, 2024: 1}[year]},
        # T7 3/4 in 2023, complete in 2022 and 2024
        TRAINING: {"t7": 3} if year == 2023 else {},
        # T7 3/4 in 2022 only, before the target applies
        OLD_GAP: {"t7": 3} if year == 2022 else {},
        # under target on T2 and T4 every year, but better each year: no warning
        IMPROVING: {"good": {2022: 75, 2023: 80, 2024: 85}[year], "t4": {2022: 1, 2023: 2, 2024: 3}[year]},
        # 2024: the deputy secretary has neither THPT nor sơ cấp LLCT (T4 1/4)
        WEAK: {"t4": 1} if year == 2024 else {},
        # 2024: 25 of 95 members rated excellent (26,32% > 20%), and the organisation too
        EXCELLENT: {"excellent": 25, "org": "HTXSNV"} if year == 2024 else {},
    }[unit]


@pytest.fixture(scope="module")
def warnings_var(tmp_path_factory):
    return built_var(tmp_path_factory, [workbook(unit, year, **levers(unit, year)) for year in YEARS for unit in UNITS])


@pytest.fixture
def warnings_env(empty_env, warnings_var):
    return copy_into(empty_env, warnings_var)


def test_idle_cells(warnings_env):
    con = cursor()
    found = idle_cells(con, "reported", None, 2024, 3)
    assert list(zip(found["display_id"], found["cell_code"], found["run_years"], found["run_from"], strict=True)) == [
        (IDLE, "T02", 3, 2022)]
    assert found.at[0, "last_admission"] == "chưa kết nạp lần nào trong số liệu"
    every_kind = idle_cells(con, "reported", None, 2024, 3, every_kind=True)
    assert list(every_kind["cell_code"]) == ["Q01", "T02"]
    assert idle_cells(con, "reported", None, 2024, 4).empty  # only three years loaded
    assert idle_cells(con, "reported", None, 2023, 3).empty  # two years so far
    assert list(idle_cells(con, "reported", None, 2024, 1)["cell_code"]) == ["T02", "T03"]  # T03: 2024 only
    assert idle_cells(con, "reported", [BELOW], 2024, 1).empty


def test_units_under_target_and_no_better_on_two_indicators(warnings_env):
    con = cursor()
    found = below_target(con, "reported", None, 2024)
    assert set(found["display_id"]) == {BELOW}
    assert list(zip(found["indicator"], found["numerator"], found["denominator"], found["verdict"], strict=True)) == [
        ("T2_member_rating", 85, 100, "Chưa đạt"), ("T4_thpt_and_so_cap_llct", 3, 4, "Chậm tiến độ (mức 2025)")]
    assert found["previous_rate"].tolist() == pytest.approx([0.95, 1.0])
    assert set(found["below_count"]) == {2}
    assert found["distance_points"].tolist() == pytest.approx([-5.0, -25.0])
    assert list(found["gap"])[1] == "còn 1 người chưa có THPT và sơ cấp LLCT"
    # IMPROVING is under target on T2 and T4 but better than the year before on both: no warning;
    # NEAR: T6 under target, T3 at 5% above the band: one indicator, no warning; WEAK: T4 only
    one = below_target(con, "reported", None, 2024, min_indicators=1)
    assert set(one["display_id"]) == {BELOW, NEAR, WEAK}
    assert below_target(con, "reported", None, 2023).empty


def test_struck_off_and_resigned_rising_two_years(warnings_env):
    con = cursor()
    found = rising_exits(con, "reported", None, 2024)
    assert found.to_dict("records") == [{
        "display_id": EXITS, "unit": "Xã Phổ Phong", "year": 2024,
        "struck_off_two_before": 1, "resigned_two_before": 0, "exits_two_before": 1,
        "struck_off_before": 1, "resigned_before": 1, "exits_before": 2,
        "struck_off": 2, "resigned": 1, "exits": 3,
    }]
    assert rising_exits(con, "reported", None, 2023).empty  # 2021 not loaded: one rise only
    assert rising_exits(con, "reported", [FLAT_EXITS], 2024).empty


def test_training_under_target_in_the_year_only(warnings_env):
    con = cursor()
    assert training_gaps(con, "reported", None, 2024).empty  # 2023's gap is not this year's
    found = training_gaps(con, "reported", None, 2023)
    assert list(zip(found["display_id"], found["year"], found["numerator"], found["denominator"],
                    found["shortfall"], found["target_text"], strict=True)) == [(TRAINING, 2023, 3, 4, 1, "100%")]
    assert found.at[0, "rate"] == pytest.approx(0.75)
    assert training_gaps(con, "reported", None, 2022).empty  # the target applies from 2023


def test_secretaries_without_thpt_and_so_cap_llct(warnings_env):
    con = cursor()
    found = weak_secretaries(con, "reported", None, 2024)
    assert found[["display_id", "cell_code", "role", "full_name", "lacking"]].to_dict("records") == [
        {"display_id": WEAK, "cell_code": "T01", "role": "Phó Bí thư", "full_name": "Cán bộ 2",
         "lacking": "THPT, sơ cấp LLCT"}]
    assert weak_secretaries(con, "reported", None, 2023).empty
    assert weak_secretaries(con, "reported", [BELOW], 2024).empty  # BELOW's cadre without THPT is no secretary


def test_excellent_ratings_above_the_cap(warnings_env):
    con = cursor()
    found = excellent_share(con, "reported", None, 2024)
    # organisations: to 2024 T1 counts the units' own organisations, rated by the town: 3 of the 10
    # rated HTTNV or better are HTXSNV (30% > 20%); members: EXCELLENT's 25 of 95
    assert found[["display_id", "unit", "group", "excellent", "good_or_better"]].to_dict("records") == [
        {"display_id": None, "unit": "Toàn thị xã", "group": "đảng bộ phường, xã", "excellent": 3,
         "good_or_better": 10},
        {"display_id": EXCELLENT, "unit": "Phường Phổ Vinh", "group": "đảng viên", "excellent": 25,
         "good_or_better": 95}]
    assert excellent_share(con, "reported", [NEAR, EXCELLENT, IDLE], 2024)["group"].tolist() == [
        "đảng bộ phường, xã", "đảng viên"]  # 3 of 3 organisations
    assert excellent_share(con, "reported", [NEAR, BELOW, TRAINING, OLD_GAP, WEAK], 2024).empty  # 1 of 5
    assert excellent_share(con, "reported", None, 2023).empty


def test_all_warnings_for_the_report(warnings_env):
    found = all_warnings(cursor(), "reported", None, 2024, 3)
    assert list(found.columns) == WARNING_COLUMNS
    ids = [None if pd.isna(unit) else unit for unit in found["display_id"]]  # None: the whole selection
    assert list(zip(found["rule_code"], ids, strict=True)) == [
        ("idle_cells", IDLE), ("below_target", BELOW), ("rising_exits", EXITS), ("weak_secretaries", WEAK),
        ("excellent_share", None), ("excellent_share", EXCELLENT)]
    assert list(found["page_label"]) == [RULES[code][1] for code in found["rule_code"]]
    detail = dict(zip(found["rule_code"], found["detail"], strict=True))
    assert detail["idle_cells"] == ("Chi bộ thôn T02 (Thôn) không kết nạp được đảng viên nào 3 năm liền "
                                    "(2022–2024); chưa kết nạp lần nào trong số liệu.")
    assert detail["below_target"] == (
        "Năm 2024 dưới mục tiêu và không cao hơn năm trước ở 2 chỉ tiêu: T2 · Đảng viên HTTNV trở lên: 85,00% "
        "(85/100, năm trước 95,00%), mục tiêu > 90% — chưa đạt; T4 · THPT và sơ cấp LLCT: 75,00% (3/4, năm trước "
        "100,00%), mục tiêu 100% (mức 2025) — chậm tiến độ (mức 2025), còn 1 người chưa có THPT và sơ cấp LLCT.")
    assert "2022: 1 → 2023: 2 → 2024: 3 (năm 2024: 2 xóa tên, 1 xin ra khỏi Đảng)" in detail["rising_exits"]
    assert "phó bí thư Cán bộ 2 chưa có THPT, sơ cấp LLCT" in detail["weak_secretaries"]
    assert detail["excellent_share"].endswith("25 đảng viên hoàn thành xuất sắc nhiệm vụ trên 95 hoàn thành tốt "
                                              "nhiệm vụ trở lên (26,32%), vượt mức 20%.")
    assert all_warnings(cursor(), "reported", [FLAT_EXITS, OLD_GAP, IMPROVING], 2024, 3).empty
    training = all_warnings(cursor(), "reported", None, 2023, 3)
    assert "Năm 2023 tỷ lệ cấp ủy viên được bồi dưỡng nghiệp vụ là 75,00% (3/4), mục tiêu 100%: 1 người chưa " \
           "được bồi dưỡng." in training["detail"].tolist()


def test_page_lists_each_warning_with_its_figures_and_page(warnings_env):
    at = run_page("pages/warnings.py", year=2024)
    assert [m.value for m in at.metric] == ["1", "1", "1", "0", "1", "2", "0", "0"]  # v1 workbooks: no cell life
    _, shown = table(at, "Danh sách cảnh báo")
    assert list(shown["Đơn vị"]) == ["Phường Phổ Hòa", "Phường Phổ Văn", "Xã Phổ Phong", "Phường Phổ Minh",
                                     "Toàn thị xã", "Phường Phổ Vinh"]
    assert "85,00% (85/100" in texts(at)
    links = [link.proto.page for link in at.get("page_link")]  # the url paths app.py gives those pages
    assert links == ["ket-nap", "xep-hang", "bien-dong", "boi-duong", "trinh-do", "xep-loai", "sinh-hoat-chi-bo",
                     "bien-dong"]
    _, exits = table(at, RULES["rising_exits"][0])
    assert tuple(exits.loc[0, ["Cộng 2022", "Cộng 2023", "Cộng 2024"]]) == ("1", "2", "3")

    at.number_input(key="canh_bao_so_nam").set_value(4).run()
    assert not at.exception
    assert [m.value for m in at.metric][:2] == ["0", "1"]
    at.number_input(key="canh_bao_so_nam").set_value(3).run()
    at.toggle(key="canh_bao_moi_loai_chi_bo").set_value(True).run()
    assert [m.value for m in at.metric][0] == "2"
    _, idle = table(at, RULES["idle_cells"][0])
    assert list(idle["Loại chi bộ"]) == ["Quân sự", "Thôn"]


def test_page_on_the_sample_data_and_an_empty_selection(sample_env):
    at = run_page("pages/warnings.py", year=2025, boundary="current")
    expected = all_warnings(cursor(), "current", None, 2025, 3)
    assert not expected.empty
    figures, _ = table(at, "Danh sách cảnh báo")
    assert list(figures["Nội dung"]) == list(expected["detail"])
    at = run_page("pages/warnings.py", year=2022)
    assert not at.exception
    assert any("Không có." in s.value for s in at.success)  # no training rule before 2023
