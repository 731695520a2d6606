"""The 1 July 2025 reorganisation on hand-made workbooks, 2022 to 2026: T1 counts the party cells
from 2025 and nothing is computed across that change; whatever the boundary, a new unit's series
reaches back through the units merged into it (changes, ranks, pace, warnings); old units after
they ended show where they went; the filters live in the URL as stable ids."""

from __future__ import annotations

import math

import pytest

from database.db import cursor
from queries.kpi import kpi_table
from queries.progress import pace_by_unit, pace_path
from queries.scorecard import ranking_and_scorecard
from queries.targets import year_figures
from queries.warnings import all_warnings, idle_cells, rising_exits
from tests.support.merger_data import DUC_PHO, HOA, MINH, NGHIEM, NHON, T1, T2, T5


def figures(unit: str, year: int, boundary: str = "reported"):
    return year_figures(cursor(), boundary, [unit], year).set_index("indicator")


def test_t1_counts_the_party_cells_from_2025_and_nothing_crosses_that(merger_env):
    before, after = figures(DUC_PHO, 2024, "current"), figures(DUC_PHO, 2025)
    assert (before.at[T1, "numerator"], before.at[T1, "denominator"]) == (1, 2)  # two committees
    assert (after.at[T1, "numerator"], after.at[T1, "denominator"]) == (2, 2)  # two cells
    assert after.at[T1, "basis_note"] == "Từ 2025: tính theo chi bộ cơ sở"
    assert math.isnan(after.at[T1, "change"]) and after.at[T1, "trend"] == [1.0]  # no change, no line across
    assert after.at[T2, "change"] == pytest.approx(0.02)  # 97% against the predecessors' 95%
    path = pace_path(cursor(), "reported", [DUC_PHO], 2025, T1)
    assert list(path.loc[path["series"] == "Số liệu các năm", "year"]) == [2025]
    kpi = kpi_table(cursor(), 2025, "Đức Phổ").set_index("indicator")
    assert (kpi.at[T1, "numerator"], kpi.at[T1, "denominator"], kpi.at[T1, "status"]) == (2, 2, "met")


def test_a_level_between_deadlines_is_judged_on_the_pace_through_the_merger(merger_env):
    # 2026, Đức Phổ: 50% has the 2025 level; from 25% in 2022 (its predecessors) at +6,25 points a
    # year it reaches 75% in 2030 exactly. Restarting at the merger (50% in 2025) would be "behind".
    for boundary in ("reported", "current"):
        row = figures(DUC_PHO, 2026, boundary).loc[T5]
        assert (row["status"], row["verdict"], row["goal"]) == ("on_track", "Đúng tiến độ (mức 2030)", 0.75)
    # Nguyễn Nghiêm: 25% is under the level of 2025, a deadline already passed
    row = figures(NGHIEM, 2026).loc[T5]
    assert (row["status"], row["verdict"], row["goal"]) == ("below", "Chưa đạt (mức 2025)", 0.5)
    assert figures(DUC_PHO, 2025).at[T5, "verdict"] == "Đạt (mức 2025)"  # the deadline year itself
    kpi = kpi_table(cursor(), 2026).set_index("indicator")
    assert (kpi.at[T5, "goal"], kpi.at[T5, "status"]) == (0.5, "below")  # the whole area: 3/8 under 50%
    cells = ranking_and_scorecard(cursor(), "reported", None, 2026)[1].set_index(["display_id", "indicator"])
    assert cells.at[(DUC_PHO, T5), "role"] == "good" and cells.at[(NGHIEM, T5), "role"] == "bad"


def test_ranks_and_changes_follow_the_merge_map_whatever_the_boundary(merger_env):
    for boundary in ("reported", "current"):
        ranking = ranking_and_scorecard(cursor(), boundary, None, 2025)[0]
        assert list(ranking["display_id"]) == [DUC_PHO, NGHIEM]
        assert ranking["previous_rank"].notna().all(), boundary  # last year's rank of the units merged into each
        assert list(ranking["rank_change_text"]) == ["▲1", "▼1"], boundary
    old = ranking_and_scorecard(cursor(), "reported", None, 2024)[0]
    assert set(old["display_id"]) == {HOA, MINH, NHON}  # the default boundary follows the year


def test_pace_lists_the_units_of_the_year_only(merger_env):
    rows = pace_by_unit(cursor(), "reported", None, 2025)
    assert set(rows["display_id"]) == {DUC_PHO, NGHIEM}  # the old units ended in 2024: no 2025 or 2030 status
    t5 = rows[(rows["indicator"] == T5)].set_index("display_id")
    assert t5.at[DUC_PHO, "base_year"] == 2022


def test_warnings_follow_the_merge_map_under_the_default_boundary(merger_env):
    con = cursor()
    for boundary in ("reported", "current"):
        idle = idle_cells(con, boundary, None, 2026, 3)
        assert list(zip(idle["display_id"], idle["cell_code"], idle["run_years"], strict=True)) == [
            (DUC_PHO, "T02", 5)], boundary
        exits = rising_exits(con, boundary, None, 2025)
        assert list(zip(exits["display_id"], exits["exits_two_before"], exits["exits_before"], exits["exits"],
                        strict=True)) == [(DUC_PHO, 1, 2, 3)], boundary
    # as the warnings page writes them, in 2025 under the default boundary
    written = [f"**{row.unit}**: {row.detail}" for row in all_warnings(con, "reported", None, 2025, 3).itertuples()]
    assert any("**Phường Đức Phổ**: Chi bộ thôn T02 (Thôn) không kết nạp được đảng viên nào 4 năm liền (2022–2025)"
               in line for line in written)
    assert any("2023: 1 → 2024: 2 → 2025: 3" in line for line in written)
