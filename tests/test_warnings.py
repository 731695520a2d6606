"""Warnings: each rule triggered and not triggered on workbooks written by the test and loaded by
the real loader; `all_warnings` for the meeting report; the page in AppTest."""

from __future__ import annotations

import pytest

from queries.db import cursor
from queries.warnings import (
    RULES,
    WARNING_COLUMNS,
    all_warnings,
    below_target,
    idle_cells,
    rising_exits,
    training_gaps,
)
from tests.apptest_pages import table, texts
from tests.meeting_workbooks import built_var, copy_into, workbook
from tests.page_support import run_page

IDLE, BELOW, NEAR, EXITS, FLAT_EXITS, TRAINING, OLD_GAP = (
    "21469-2015", "21451-2015", "21442-2015", "21445-2015", "21448-2015", "21457-2015", "21460-2015")
YEARS = (2022, 2023, 2024)


def levers(unit: str, year: int) -> dict:
    """What each unit does differently from meeting every target, year by year."""
    return {
        # cell T02 admits nobody three years running; T03 admits in 2023 only
        IDLE: {"admitted": 7, "more_cells": {"T02": 0, "T03": 1 if year == 2023 else 0}},
        # 2024: T2 85% and T4 3/4, two indicators under target
        BELOW: {"good": 85, "t4": 3} if year == 2024 else {},
        # 2024: T6 0/4 under target; T3 5% is above the band, not under it
        NEAR: {"t6": 0, "admitted": 10} if year == 2024 else {},
        # struck off + resigned: 1 → 2 → 3
        EXITS: {"struck_off": {2022: 1, 2023: 1, 2024: 2}[year], "resigned": {2022: 0, 2023: 1, 2024: 1}[year]},
        # 1 → 3 → 3: not rising twice
        FLAT_EXITS: {"struck_off": {2022: 1, 2023: 3, 2024: 2}[year], "resigned": {2022: 0, 2023: 0, 2024: 1}[year]},
        # T7 3/4 in 2023, complete in 2022 and 2024
        TRAINING: {"t7": 3} if year == 2023 else {},
        # T7 3/4 in 2022 only, before the target applies
        OLD_GAP: {"t7": 3} if year == 2022 else {},
    }[unit]


@pytest.fixture(scope="module")
def warnings_var(tmp_path_factory):
    units = (IDLE, BELOW, NEAR, EXITS, FLAT_EXITS, TRAINING, OLD_GAP)
    return built_var(tmp_path_factory, [workbook(unit, year, **levers(unit, year)) for year in YEARS for unit in units])


@pytest.fixture
def warnings_env(empty_env, warnings_var):
    return copy_into(empty_env, warnings_var)


def test_idle_cells(warnings_env):
    con = cursor()
    found = idle_cells(con, "reported", None, 2024, 3)
    assert list(zip(found["display_id"], found["cell_code"], found["run_years"], found["run_from"], strict=True)) == [
        (IDLE, "T02", 3, 2022)]
    assert found.at[0, "last_admission"] == "chưa kết nạp lần nào trong số liệu"
    assert idle_cells(con, "reported", None, 2024, 4).empty  # only three years loaded
    assert idle_cells(con, "reported", None, 2023, 3).empty  # two years so far
    assert list(idle_cells(con, "reported", None, 2024, 1)["cell_code"]) == ["T02", "T03"]  # T03: 2024 only
    assert idle_cells(con, "reported", [BELOW], 2024, 1).empty


def test_units_below_target_on_two_indicators(warnings_env):
    con = cursor()
    found = below_target(con, "reported", None, 2024)
    assert set(found["display_id"]) == {BELOW}
    assert list(zip(found["indicator"], found["numerator"], found["denominator"], strict=True)) == [
        ("T2_member_rating", 85, 100), ("T4_thpt_and_so_cap_llct", 3, 4)]
    assert set(found["below_count"]) == {2}
    assert found["distance_points"].tolist() == pytest.approx([-5.0, -25.0])
    # NEAR: T6 under target, T3 at 5% above the band: one indicator under target, no warning
    assert set(below_target(con, "reported", None, 2024, min_indicators=1)["display_id"]) == {BELOW, NEAR}
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


def test_training_below_100_percent_since_2023(warnings_env):
    con = cursor()
    found = training_gaps(con, "reported", None, 2024)
    assert list(zip(found["display_id"], found["year"], found["numerator"], found["denominator"],
                    found["shortfall"], strict=True)) == [(TRAINING, 2023, 3, 4, 1)]
    assert found.at[0, "rate"] == pytest.approx(0.75)
    assert training_gaps(con, "reported", None, 2022).empty  # the target applies from 2023
    assert training_gaps(con, "reported", [OLD_GAP], 2024).empty


def test_all_warnings_for_the_report(warnings_env):
    found = all_warnings(cursor(), "reported", None, 2024, 3)
    assert list(found.columns) == WARNING_COLUMNS
    assert list(zip(found["rule_code"], found["display_id"], strict=True)) == [
        ("idle_cells", IDLE), ("below_target", BELOW), ("rising_exits", EXITS), ("training_gaps", TRAINING)]
    assert list(found["page"]) == [RULES[code][1] for code in found["rule_code"]]
    detail = dict(zip(found["rule_code"], found["detail"], strict=True))
    assert detail["idle_cells"] == ("Chi bộ thôn T02 (Thôn) không kết nạp được đảng viên nào 3 năm liền "
                                    "(2022–2024); chưa kết nạp lần nào trong số liệu.")
    assert detail["below_target"] == (
        "Năm 2024 dưới mục tiêu 2 chỉ tiêu: T2 · Đảng viên HTTNV trở lên: 85,00% (85/100), mục tiêu > 90%; "
        "T4 · THPT và sơ cấp LLCT: 75,00% (3/4), mục tiêu 100%.")
    assert "2022: 1 → 2023: 2 → 2024: 3 (năm 2024: 2 xóa tên, 1 xin ra khỏi Đảng)" in detail["rising_exits"]
    assert "2023: 75,00% (3/4, 1 người chưa được bồi dưỡng)" in detail["training_gaps"]
    assert all_warnings(cursor(), "reported", [NEAR, FLAT_EXITS, OLD_GAP], 2024, 3).empty


def test_page_lists_each_warning_with_its_figures_and_page(warnings_env):
    at = run_page("pages/warnings.py", year=2024)
    assert [m.value for m in at.metric] == ["1", "1", "1", "1"]
    _, shown = table(at, "Danh sách cảnh báo")
    assert list(shown["Đơn vị"]) == ["Phường Phổ Hòa", "Phường Phổ Văn", "Xã Phổ Phong", "Xã Phổ Nhơn"]
    assert list(shown["Xem tại trang"]) == [page_label for _, _, page_label in RULES.values()]
    assert "85,00% (85/100)" in texts(at)
    links = [link.proto.page for link in at.get("page_link")]  # the url paths app.py gives those pages
    assert links == ["ket-nap", "xep-hang", "bien-dong", "boi-duong"]
    _, exits = table(at, RULES["rising_exits"][0])
    assert tuple(exits.loc[0, ["Cộng 2022", "Cộng 2023", "Cộng 2024"]]) == ("1", "2", "3")

    at.number_input(key="canh_bao_so_nam").set_value(4).run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["0", "1", "1", "1"]


def test_page_on_the_sample_data_and_an_empty_selection(sample_env):
    at = run_page("pages/warnings.py", year=2025, boundary="current")
    expected = all_warnings(cursor(), "current", None, 2025, 3)
    assert not expected.empty
    figures, _ = table(at, "Danh sách cảnh báo")
    assert list(figures["Nội dung"]) == list(expected["detail"])
    at = run_page("pages/warnings.py", year=2022)
    assert not at.exception
    assert any("Không có." in s.value for s in at.success)  # no training rule before 2023
