"""Unit scorecard: exact ranks and rank changes on a hand-made dataset (workbooks written by the
test, loaded by the real loader), the page in AppTest, and a click on the heat map in Chromium."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from database.db import cursor
from queries.scorecard import (
    ranking_and_scorecard,
    scorecard_order,
)
from tests.support.apptest_pages import table, texts
from tests.support.meeting_workbooks import built_var, copy_into, workbook
from tests.support.page_support import run_page

A, B, C, D, E, F = "21469-2015", "21451-2015", "21442-2015", "21445-2015", "21448-2015", "21457-2015"
NAMES = {A: "Phường Phổ Hòa", B: "Phường Phổ Văn", C: "Xã Phổ An", D: "Xã Phổ Phong", E: "Xã Phổ Thuận",
         F: "Xã Phổ Nhơn"}
# 2023 and 2024 come before the 2025 deadline: T4–T6 are met at the 2025 level, else on or behind
# pace from the unit's first year (2023) to 2024; with one year of figures there is no pace (not judged).
# Distances to target (points): T1 +10, T2 +5, T3 0, T4 0, T5 +25, T6 +25, T7 0 → 7 on target, mean 65/7.
ALL_MET = {"good": 95, "admitted": 6, "t4": 4, "t5": 3, "t6": 2, "t7": 4}
# T2 85% (−5); T4 3/4: 75%, −25 (2024: behind, from 100% in 2023); T1 +10, the rest on target.
FIVE_B = {"good": 85, "admitted": 6, "t4": 3, "t5": 2, "t6": 1, "t7": 4}
# T3 10/200 = 5%: above the band, which counts as on target (distance 0); T5 1/4 (−25, no progress: behind).
FIVE_C = {"good": 95, "admitted": 10, "t4": 4, "t5": 1, "t6": 1, "t7": 4}
# Every target missed: −90, −5, −1 (T3 2%), T4–T6 −25 (75%, 25%, 0%; no progress: behind), T7 −25.
NONE_MET = {"org": "HTNV", "good": 85, "admitted": 4, "t4": 3, "t5": 1, "t6": 0, "t7": 3}
DATASET = {
    2023: {A: FIVE_B, B: ALL_MET, C: {**FIVE_C, "org": "HTNV"}, D: {**ALL_MET, "t7": 3}, F: NONE_MET},
    2024: {A: ALL_MET, B: FIVE_B, C: FIVE_C, D: FIVE_B, E: NONE_MET, F: NONE_MET},
}
# 2023 (T4–T6 below their level not judged: no pace yet): B 7 on target, D 6 (T7 −25), A 5 (mean 5/6 over the
# 6 judged), C 5 (T1 −90: mean −85/6), F 0 → ranks 1, 2, 3, 4, 5.
# 2024: A 7; C 6 (T5 behind); B and D 5 each (T2 below, T4 behind), tied at −20/7; F 0 at −196/7; E 0 but
# reported first in 2024, so its T4–T6 have no pace and its mean is over 4: −121/4, below F.
EXPECTED_2024 = [  # unit, targets on target, mean distance (points), rank, last year's rank, change
    (A, 7, 65 / 7, 1, 3, "▲2"),
    (C, 6, -10 / 7, 2, 4, "▲2"),
    (B, 5, -20 / 7, 3, 1, "▼2"),
    (D, 5, -20 / 7, 3, 2, "▼1"),
    (F, 0, -196 / 7, 5, 5, "–"),
    (E, 0, -121 / 4, 6, None, "—"),
]


@pytest.fixture(scope="module")
def scorecard_var(tmp_path_factory):
    return built_var(tmp_path_factory, [workbook(unit, year, **levers) for year, units in DATASET.items()
                                        for unit, levers in units.items()])


@pytest.fixture
def scorecard_env(empty_env, scorecard_var):
    return copy_into(empty_env, scorecard_var)


def test_ranks_and_rank_changes_are_exact(scorecard_env):
    ranking = ranking_and_scorecard(cursor(), "reported", None, 2024)[0]
    got = list(zip(ranking["display_id"], ranking["targets_met"], ranking["mean_distance_points"],
                   ranking["rank"], ranking["previous_rank"], ranking["rank_change_text"], strict=True))
    assert [(u, met, rank, change) for u, met, _, rank, _, change in got] == [
        (u, met, rank, change) for u, met, _, rank, _, change in EXPECTED_2024]
    for (_, _, mean, _, previous, _), (_, _, expected_mean, _, expected_previous, _) in zip(
            got, EXPECTED_2024, strict=True):
        assert mean == pytest.approx(expected_mean)
        assert (None if pd.isna(previous) else int(previous)) == expected_previous
    assert list(ranking["unit"]) == [NAMES[u] for u, *_ in EXPECTED_2024]

    first_year = ranking_and_scorecard(cursor(), "reported", None, 2023)[0]
    assert list(zip(first_year["display_id"], first_year["rank"], strict=True)) == [
        (B, 1), (D, 2), (A, 3), (C, 4), (F, 5)]
    assert set(first_year["rank_change_text"]) == {"—"}  # nothing loaded for 2022


def test_ranking_among_selected_units_and_cells(scorecard_env):
    ranking = ranking_and_scorecard(cursor(), "reported", [B, C], 2024)[0]
    assert list(zip(ranking["display_id"], ranking["rank"], ranking["previous_rank"], ranking["rank_change_text"],
                    strict=True)) == [(C, 1, 2, "▲1"), (B, 2, 1, "▼1")]
    cells = ranking_and_scorecard(cursor(), "reported", None, 2024)[1].set_index(["display_id", "indicator"])
    cell = cells.loc[(C, "T3_admission_rate")]
    assert (cell["numerator"], cell["denominator"], cell["status"], cell["role"]) == (10, 200, "exceeded", "neutral")
    assert cell["distance_points"] == 0  # above the band: no penalty
    assert cells.loc[(C, "T5_trung_cap_chuyen_mon"), "verdict"] == "Chậm tiến độ (mức 2025)"
    assert cells.loc[(E, "T5_trung_cap_chuyen_mon"), "status"] == "no_data"  # one year: no pace yet
    assert cells.loc[(A, "T5_trung_cap_chuyen_mon"), "distance_points"] == pytest.approx(25.0)
    assert cells.loc[(E, "T1_org_rating"), "rank"] == 6


def test_sorting_by_an_indicator(scorecard_env):
    ranking, cells = ranking_and_scorecard(cursor(), "reported", None, 2024)
    assert scorecard_order(ranking, cells) == [A, C, B, D, F, E]
    # T5: A +25; B and D on target (ties by rank); C, F, E −25 (ties by rank)
    assert scorecard_order(ranking, cells, "T5_trung_cap_chuyen_mon") == [A, B, D, C, F, E]
    # T3: everyone in or above the band (0; C's 5% the highest rate) but E, F (2%, −1)
    assert scorecard_order(ranking, cells, "T3_admission_rate") == [C, A, B, D, F, E]
    with pytest.raises(ValueError):
        scorecard_order(ranking, cells, "T9")


def test_page_shows_the_ranking(scorecard_env):
    at = run_page("pages/scorecard.py", year=2024)
    _, shown = table(at, "Thứ hạng đơn vị")
    assert list(shown["Đơn vị"]) == [NAMES[u] for u, *_ in EXPECTED_2024]
    assert list(shown["Thứ hạng"]) == ["1", "2", "3", "3", "5", "6"]
    assert list(shown["Thay đổi thứ hạng"]) == [change for *_, change in EXPECTED_2024]
    assert list(shown["Số chỉ tiêu đạt"]) == ["7", "6", "5", "5", "0", "0"]
    assert shown.at[0, "Khoảng cách trung bình (điểm %)"] == "9,29"
    assert "Cách xếp hạng." in texts(at)

    cells, cells_shown = table(at, "Bảng xếp hạng đơn vị")
    assert len(cells) == 6 * 7
    row = cells_shown[(cells_shown["Đơn vị"] == NAMES[C]) & (cells_shown["Chỉ tiêu"] == "T3 · Tỷ lệ kết nạp")].iloc[0]
    assert (row["Tử số"], row["Mẫu số"], row["Tỷ lệ"], row["Đánh giá"]) == ("10", "200", "5,00%", "Vượt khung")

    at.selectbox(key="xep_hang_sap_xep").set_value("T5_trung_cap_chuyen_mon").run()
    assert not at.exception
    cells, _ = table(at, "Bảng xếp hạng đơn vị")
    assert list(dict.fromkeys(cells["Đơn vị"])) == [NAMES[u] for u in (A, B, D, C, F, E)]


def test_clicking_a_unit_filters_every_page(scorecard_env):
    at = run_page("pages/scorecard.py", year=2024)
    at.button(key=f"xep_hang_chon_{C}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["don_vi"] == [C]
    assert at.sidebar.multiselect(key="don_vi").value == [C]
    assert "Xã Phổ An" in at.caption[0].value  # the header line of every page
    _, shown = table(at, "Thứ hạng đơn vị")
    assert len(shown) == 6  # the ranking still compares every unit
    assert any("Đang lọc theo **Xã Phổ An" in i.value for i in at.info)

    at.switch_page("pages/admissions.py").run()
    assert not at.exception
    assert "Xã Phổ An" in at.caption[0].value
    _, by_unit = table(at, "Tỷ lệ kết nạp theo đơn vị")
    assert list(by_unit["Đơn vị"]) == ["Xã Phổ An"]

    at.switch_page("pages/scorecard.py").run()
    at.button(key="xep_hang_bo_loc").click().run()
    assert at.session_state["don_vi"] == []
    assert "Toàn thị xã" in at.caption[0].value


def test_page_on_the_sample_data(sample_env):
    at = run_page("pages/scorecard.py", year=2024, boundary="current")
    figures, shown = table(at, "Thứ hạng đơn vị")
    ranking = ranking_and_scorecard(cursor(), "current", None, 2024)[0]
    assert list(figures["Đơn vị"]) == list(ranking["unit"])
    assert len(figures) == 5
    assert set(shown["Thay đổi thứ hạng"]) <= {"–", "—"} | {f"{s}{n}" for s in "▲▼" for n in range(1, 5)}


@pytest.mark.browser
def test_clicking_a_heat_map_cell_in_chromium(scorecard_env):
    from tests.support.browser import (
        chromium,
        exceptions,
        new_page,
        streamlit_server,
        wait_idle,
    )

    with streamlit_server(scorecard_env.db_path.parent) as url, chromium() as browser:
        page = new_page(browser)
        page.goto(f"{url}/?nam=2024")
        wait_idle(page, 90)
        page.get_by_role("link", name="Bảng xếp hạng đơn vị").click()
        page.get_by_role("heading", name="Bảng xếp hạng đơn vị").wait_for(timeout=60_000)
        wait_idle(page, 60)
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        chart.scroll_into_view_if_needed()
        cells = chart.locator(".scatterlayer .trace .points path")  # one transparent marker per cell
        assert cells.count() == 6 * 7
        cells.nth(1 * 7 + 3).click(force=True)  # second row (Xã Phổ An), column T4
        deadline = time.monotonic() + 30
        while "don_vi=" not in page.url and time.monotonic() < deadline:
            time.sleep(0.2)
        wait_idle(page, 60)
        assert "don_vi=" in page.url
        assert "Xã Phổ An" in page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').inner_text()
        page.get_by_role("link", name="Kết nạp đảng viên").click()
        page.get_by_role("heading", name="Kết nạp đảng viên (T3)").wait_for(timeout=60_000)
        wait_idle(page, 60)
        assert "Xã Phổ An" in page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
        assert exceptions(page) == []
