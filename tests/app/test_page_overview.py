"""Tổng quan: each card's change reads the right way — the arrow follows the figure, in a neutral colour
(red and green say below and met target only) — its verdict is the judgement's (the KPI export's
status), and 2–4 units are compared side by side or summed and said so."""

from __future__ import annotations

from streamlit.proto.Metric_pb2 import Metric

from core.numbers import vi_count, vi_percent
from database.db import cursor
from queries.judgement import WORDS, Status
from queries.kpi import kpi_table
from queries.programme import programme
from tests.support.apptest_pages import texts
from tests.support.page_support import run_page

PHO_HOA = "21469-2015"
COLUMNS = 4  # the page puts card i in column i % 4; AppTest lists the elements column by column
ARROW = {"+": Metric.MetricDirection.UP, "−": Metric.MetricDirection.DOWN, "±": Metric.MetricDirection.NONE}


def in_columns(codes: tuple[str, ...]) -> list[str]:
    return [codes[i] for column in range(COLUMNS) for i in range(column, len(codes), COLUMNS)]


def test_a_fall_points_down_and_a_rise_up_in_a_neutral_colour(sample_env):
    """`−1,19 điểm %` once showed a green up arrow: Streamlit reads a fall only from an ASCII '-'. The
    change and the sparkline are grey whatever their direction: a "Đạt" card carried a red line."""
    at = run_page("pages/overview.py", year=2024, units=[PHO_HOA])
    cards = [m.proto for m in at.metric]
    for code, card in zip(in_columns(programme().headline), cards, strict=True):
        sign = card.delta[0]
        assert card.direction == ARROW[sign], (code, card.delta)
        assert card.color == Metric.MetricColor.GRAY, (code, card.delta)
        assert len(card.chart_data) > 1, code
    assert {"+", "−"} <= {card.delta[0] for card in cards}  # the sample has a rise and a fall here


def test_the_first_year_has_no_change(sample_env):
    at = run_page("pages/overview.py", year=2020)
    assert [m.proto.delta for m in at.metric] == [""] * len(programme().headline)


def test_cards_say_the_kpi_exports_verdict_and_mark_t1s_new_basis(sample_env):
    at = run_page("pages/overview.py", year=2025)
    shown = texts(at)
    kpi = kpi_table(cursor(), year=2025).set_index("indicator")
    for code in programme().headline:
        assert f"[{WORDS[Status(kpi.at[code, 'status'])]}" in shown, code
    assert "Từ 2025: tính theo chi bộ cơ sở" in shown
    assert "Còn 74 người chưa có THPT và sơ cấp LLCT." in shown
    quota = kpi.loc["T3_admission_quota"]  # beside T3's card: admissions against the quota given
    assert (f"Kết nạp so với chỉ tiêu giao: {vi_percent(quota['rate'])} "
            f"({vi_count(quota['numerator'], quota['denominator'])}) — {WORDS[Status(quota['status'])].lower()}.") in shown
    cards = dict(zip(in_columns(programme().headline), [m.proto for m in at.metric], strict=True))
    assert cards["T1_org_rating"].delta == ""  # 118/134 cells against 14/15 committees: no change across it
    assert cards["T2_member_rating"].delta.endswith("so với 2024")


PHO_VINH = "21466-2015"


def test_two_units_are_compared_side_by_side_or_summed_and_said_so(sample_env):
    """Two wards once gave one card `311/353 = 88,10%`: now a column of cards each (the default), or
    the sum under a label that says it is one."""
    at = run_page("pages/overview.py", year=2024, units=[PHO_HOA, PHO_VINH])
    assert at.radio(key="xem").value == "so-sanh"
    grid = next(h.proto.body for h in at.get("html") if "dp-compare" in h.proto.body)
    for unit, kpi_unit in (("Phường Phổ Hòa", "21469"), ("Phường Phổ Vinh", "21466")):
        assert f'<div class="dp-unit">{unit}</div>' in grid
        t2 = kpi_table(cursor(), year=2024, unit=kpi_unit).set_index("indicator").loc["T2_member_rating"]
        assert f"{t2['numerator']}/{t2['denominator']}" in grid  # each unit's own figure, as the KPI export
    assert "311/353" not in grid and not at.metric
    assert "So sánh 2 đơn vị: Phường Phổ Hòa, Phường Phổ Vinh" in texts(at)

    at.radio(key="xem").set_value("cong-gop").run()
    assert not at.exception
    t2 = next(m.proto for m in at.metric if m.proto.body == "88,10%")
    assert t2.label == "311/353 — năm 2024"
    assert "Cộng 2 đơn vị: Phường Phổ Hòa, Phường Phổ Vinh" in texts(at)
