"""Unit scorecard in AppTest: the ranking and the scorecard as the named query gives them, in the order
chosen, and a click on a unit filtering every page. The exact ranks, rank changes and cells on a hand-made
dataset are checked in tests/database/test_scorecard.py."""

from __future__ import annotations

from core.numbers import vi_number
from database.db import cursor
from queries.scorecard import in_order, ranking_and_scorecard, scorecard_order
from rendering.meeting_charts import HEATMAP_CELL_WORDS, scorecard_heatmap
from tests.support.apptest_pages import table, texts
from tests.support.page_queries import assert_shows, named
from tests.support.page_support import run_page
from tests.support.scorecard_data import C


def test_page_shows_the_ranking_and_the_scorecard_of_the_query_in_the_order_chosen(scorecard_env):
    at = run_page("pages/scorecard.py", year=2024)
    ranking, cells = named("ranking_and_scorecard", "reported", None, 2024)
    figures, shown = table(at, "Thứ hạng đơn vị")
    assert_shows(figures, ranking)
    assert list(shown["Thứ hạng"]) == ["1", "2", "3", "3", "5", "6"]  # as written on screen
    assert shown.at[0, "Khoảng cách trung bình (điểm %)"] == vi_number(ranking.at[0, "mean_distance_points"], 2)
    assert "Cách xếp hạng." in texts(at)
    # the caption says what a cell shows, and a cell shows just that: its rate, no count (it does not fit)
    assert HEATMAP_CELL_WORDS in texts(at)
    heatmap = scorecard_heatmap(cells, scorecard_order(ranking, cells), "")
    assert not [t for row in heatmap.data[0].text for t in row if "/" in t]
    assert_shows(table(at, "Bảng xếp hạng đơn vị")[0], in_order(cells, scorecard_order(ranking, cells)))

    at.selectbox(key="xep_hang_sap_xep").set_value("T5_trung_cap_chuyen_mon").run()
    assert not at.exception, [e.value for e in at.exception]
    assert_shows(table(at, "Bảng xếp hạng đơn vị")[0],
                 in_order(cells, scorecard_order(ranking, cells, "T5_trung_cap_chuyen_mon")))


def test_clicking_a_unit_filters_every_page(scorecard_env):
    at = run_page("pages/scorecard.py", year=2024)
    at.button(key=f"xep_hang_chon_{C}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["don_vi"] == [C]
    assert at.sidebar.multiselect(key="don_vi").value == [C]
    assert "Xã Phổ An" in at.caption[0].value  # the header line of every page
    _, shown = table(at, "Thứ hạng đơn vị")
    assert len(shown) == 6  # the ranking still compares every unit
    assert any("Đang lọc theo **xã Phổ An" in i.value for i in at.info)  # after words: core.wording.in_sentence

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
