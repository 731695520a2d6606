"""Tổng quan: each card's change reads the right way — arrow and colour follow the figure — and its
verdict is the judgement's (the KPI export's status)."""

from __future__ import annotations

from streamlit.proto.Metric_pb2 import Metric

from queries.db import cursor
from queries.judgement import WORDS, Status
from queries.kpi import kpi_table
from queries.programme import programme
from tests.apptest_pages import texts
from tests.page_support import run_page

PHO_HOA = "21469-2015"
COLUMNS = 4  # the page puts card i in column i % 4; AppTest lists the elements column by column
JUDGED_COLOUR = {"+": Metric.MetricColor.GREEN, "−": Metric.MetricColor.RED, "±": Metric.MetricColor.GRAY}
ARROW = {"+": Metric.MetricDirection.UP, "−": Metric.MetricDirection.DOWN, "±": Metric.MetricDirection.NONE}


def in_columns(codes: tuple[str, ...]) -> list[str]:
    return [codes[i] for column in range(COLUMNS) for i in range(column, len(codes), COLUMNS)]


def test_a_fall_points_down_in_red_and_a_rise_up_in_green(sample_env):
    """`−1,19 điểm %` once showed a green up arrow: Streamlit reads a fall only from an ASCII '-'."""
    at = run_page("pages/overview.py", year=2024, units=[PHO_HOA])
    cards = [m.proto for m in at.metric]
    for code, card in zip(in_columns(programme().headline), cards, strict=True):
        sign = card.delta[0]
        assert card.direction == ARROW[sign], (code, card.delta)
        expected = Metric.MetricColor.GRAY if code == "T3_admission_rate" else JUDGED_COLOUR[sign]
        assert card.color == expected, (code, card.delta)
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
    cards = dict(zip(in_columns(programme().headline), [m.proto for m in at.metric], strict=True))
    assert cards["T1_org_rating"].delta == ""  # 118/134 cells against 14/15 committees: no change across it
    assert cards["T2_member_rating"].delta.endswith("so với 2024")
