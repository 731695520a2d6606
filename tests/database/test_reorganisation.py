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
from queries.warnings import idle_cells, rising_exits
from tests.support.apptest_pages import table, texts
from tests.support.meeting_workbooks import built_var, copy_into, workbook
from tests.support.page_support import run_page

HOA, MINH, NHON = "21469-2015", "21463-2015", "21457-2015"  # Phổ Hòa, Phổ Minh → Đức Phổ; Phổ Nhơn → Nguyễn Nghiêm
DUC_PHO, NGHIEM = "21439-2025", "21457-2025"
T1, T2, T5 = "T1_org_rating", "T2_member_rating", "T5_trung_cap_chuyen_mon"
LEVERS = {
    # T5: Phổ Hòa and Phổ Minh 1 of 4 each in 2022 and 2023 (25%), 2 of 4 in 2024; Đức Phổ 2 of 4 (50%)
    # T1: Phổ Minh's committee HTNV (Đức Phổ's predecessors 1 of 2 in 2024); Đức Phổ's two cells HTTNV
    # exits (struck off): 2023 1, 2024 2 (the predecessors summed), 2025 3: rising under any boundary
    # cell T02 of Phổ Hòa, then of Đức Phổ, admits nobody from 2022 to 2026
    (HOA, 2022): {"t5": 1, "more_cells": {"T02": 0}},
    (HOA, 2023): {"t5": 1, "more_cells": {"T02": 0}, "struck_off": 1},
    (HOA, 2024): {"t5": 2, "more_cells": {"T02": 0}, "struck_off": 1},
    (MINH, 2022): {"t5": 1, "org": "HTNV"},
    (MINH, 2023): {"t5": 1, "org": "HTNV"},
    (MINH, 2024): {"t5": 2, "org": "HTNV", "struck_off": 1},
    (DUC_PHO, 2025): {"t5": 2, "more_cells": {"T02": 0}, "struck_off": 3, "good": 97},
    (DUC_PHO, 2026): {"t5": 2, "more_cells": {"T02": 0}},
    **{(NHON, year): {"t5": 1} for year in (2022, 2023, 2024)},
    **{(NGHIEM, year): {"t5": 1} for year in (2025, 2026)},
}


@pytest.fixture(scope="module")
def merger_var(tmp_path_factory):
    return built_var(tmp_path_factory, [workbook(unit, year, **levers) for (unit, year), levers in LEVERS.items()])


@pytest.fixture
def merger_env(empty_env, merger_var):
    return copy_into(empty_env, merger_var)


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


def test_the_warnings_page_in_2025_under_the_default_boundary(merger_env):
    at = run_page("pages/warnings.py", year=2025)
    assert at.radio(key="ranh_gioi").value == "reported"
    shown = texts(at)
    assert "**Phường Đức Phổ**: Chi bộ thôn T02 (Thôn) không kết nạp được đảng viên nào 4 năm liền (2022–2025)" in shown
    assert "2023: 1 → 2024: 2 → 2025: 3" in shown


def test_an_old_unit_after_it_ended_says_where_it_went(merger_env):
    at = run_page("pages/pace.py", year=2025, units=[HOA])
    notes = [w.value for w in at.sidebar.warning]
    assert notes == ["Phường Phổ Hòa đã sáp nhập vào Phường Đức Phổ: năm 2025 xem số liệu của đơn vị mới."]
    assert not at.exception and not at.get("table")
    assert not any("Chậm tiến độ" in t or "Đúng tiến độ" in t for t in texts(at).splitlines())


def test_the_whole_area_is_named_per_period(merger_env):
    at = run_page("pages/overview.py", year=2024)
    assert at.caption[0].value.startswith("**Toàn thị xã**")
    at.selectbox(key="nam").set_value(2025).run()
    assert at.caption[0].value.startswith("**Toàn địa bàn thị xã Đức Phổ (cũ)**")
    _, shown = table(at, "Chỉ tiêu")
    assert shown.set_index("Mã").at["T1", "Ghi chú"] == "Từ 2025: tính theo chi bộ cơ sở"


# ---- the filters in the URL ----------------------------------------------------------------

def opened(query: dict[str, str | list[str]]):
    from streamlit.testing.v1 import AppTest

    from tests.support.page_support import APP, TIMEOUT

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_link_holds_stable_ids_and_opens_the_same_view(merger_env):
    at = opened({"nam": "2024", "ranh_gioi": "moi", "don_vi": DUC_PHO})
    assert (at.selectbox(key="nam").value, at.radio(key="ranh_gioi").value) == (2024, "current")
    assert at.multiselect(key="don_vi").value == [DUC_PHO]
    assert at.caption[0].value.startswith("**Phường Đức Phổ**")
    at.multiselect(key="don_vi").set_value([DUC_PHO, NGHIEM]).run()
    assert at.query_params["don_vi"] == [DUC_PHO, NGHIEM]  # ids, not the labels shown
    assert at.query_params["ranh_gioi"] == "moi" and at.query_params["nam"] == "2024"
    assert not [w.value for w in at.warning if "đường dẫn" in w.value]


def test_a_url_value_that_cannot_be_applied_is_named(merger_env):
    at = opened({"nam": "2031", "ranh_gioi": "cu", "don_vi": ["99999-2025", HOA]})
    shown = [w.value for w in at.warning]
    assert "Năm «2031» trong đường dẫn chưa có số liệu (các năm có: 2022, 2023, 2024, 2025, 2026); " \
           "đang hiện năm đã chọn." in shown
    assert "Địa giới «cu» trong đường dẫn không hợp lệ (dùng theo-nam hoặc moi); đang dùng địa giới đã chọn." in shown
    assert "Đơn vị «99999-2025» trong đường dẫn không có trong danh sách đơn vị của địa giới đang chọn; " \
           "đã bỏ qua." in shown
    assert at.multiselect(key="don_vi").value == [HOA]  # what could be applied was
