"""Unit scorecard: exact ranks and rank changes on a hand-made dataset (workbooks written by the
test, loaded by the real loader) and on the samples, the page in AppTest."""

from __future__ import annotations

from database.db import cursor
from queries.scorecard import ranking_and_scorecard
from tests.support.apptest_pages import table, texts
from tests.support.page_support import run_page
from tests.support.scorecard_data import EXPECTED_2024, NAMES, A, B, C, D, E, F


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
