"""Tổng quan: each card's change reads the right way — arrow and colour follow the figure."""

from __future__ import annotations

from streamlit.proto.Metric_pb2 import Metric

from queries.indicators import HEADLINE
from tests.page_support import run_page

PHO_HOA = "21469-2015"
COLUMNS = 4  # the page puts card i in column i % 4; AppTest lists the elements column by column
JUDGED_COLOUR = {"+": Metric.MetricColor.GREEN, "−": Metric.MetricColor.RED, "±": Metric.MetricColor.GRAY}
ARROW = {"+": Metric.MetricDirection.UP, "−": Metric.MetricDirection.DOWN, "±": Metric.MetricDirection.NONE}


def test_a_fall_points_down_in_red_and_a_rise_up_in_green(sample_env):
    """`−1,19 điểm %` once showed a green up arrow: Streamlit reads a fall only from an ASCII '-'."""
    at = run_page("pages/overview.py", year=2024, units=[PHO_HOA])
    cards = [m.proto for m in at.metric]
    in_columns = [HEADLINE[i] for column in range(COLUMNS) for i in range(column, len(HEADLINE), COLUMNS)]
    for code, card in zip(in_columns, cards, strict=True):
        sign = card.delta[0]
        assert card.direction == ARROW[sign], (code, card.delta)
        expected = Metric.MetricColor.GRAY if code == "T3_admission_rate" else JUDGED_COLOUR[sign]
        assert card.color == expected, (code, card.delta)
    assert {"+", "−"} <= {card.delta[0] for card in cards}  # the sample has a rise and a fall here


def test_the_first_year_has_no_change(sample_env):
    at = run_page("pages/overview.py", year=2020)
    assert [m.proto.delta for m in at.metric] == [""] * len(HEADLINE)
