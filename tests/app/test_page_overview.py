"""Tổng quan: each card is its row of `year_figures` and its change reads the right way — the arrow follows
the figure, in a neutral colour (red and green say below and met target only) — the table is the query's
frame, and 2–4 units are compared side by side or summed and said so. The figures and verdicts themselves
(the KPI export's) are checked in tests/database/test_overview_queries.py."""

from __future__ import annotations

from streamlit.proto.Metric_pb2 import Metric

from core.numbers import vi_count
from queries.programme import programme
from queries.rate_text import rate_text
from tests.support.apptest_pages import texts
from tests.support.page_queries import assert_shows, named
from tests.support.page_support import run_page, shown_table

PAGE = "pages/overview.py"
PHO_HOA, PHO_VINH = "21469-2015", "21466-2015"
COLUMNS = 4  # the page puts card i in column i % 4; AppTest lists the elements column by column
ARROW = {"+": Metric.MetricDirection.UP, "−": Metric.MetricDirection.DOWN, "±": Metric.MetricDirection.NONE}


def in_columns(codes: tuple[str, ...]) -> list[str]:
    return [codes[i] for column in range(COLUMNS) for i in range(column, len(codes), COLUMNS)]


def assert_cards_and_table_are_the_query(at, units, year: int) -> dict:
    """Each card (label, value) and the table `Chỉ tiêu` are `year_figures`; the cards by indicator."""
    figures = named("year_figures", "reported", units, year)
    assert_shows(shown_table(at, "Chỉ tiêu"), figures.assign(code=figures["short"]).drop(columns="short"))
    rows = figures.set_index("indicator")
    cards = dict(zip(in_columns(programme().headline), [m.proto for m in at.metric], strict=True))
    for code, card in cards.items():
        row = rows.loc[code]
        assert (card.label, card.body) == (f"{vi_count(row['numerator'], row['denominator'])} — năm {year}",
                                           rate_text(row["rate"])), code
        assert f"[{row['verdict']}" in texts(at), code  # the badge says the query's verdict
    return cards


def test_the_cards_are_the_query_and_a_fall_points_down_and_a_rise_up_in_a_neutral_colour(sample_env):
    """`−1,19 điểm %` once showed a green up arrow: Streamlit reads a fall only from an ASCII '-'. The
    change and the sparkline are grey whatever their direction: a "Đạt" card carried a red line."""
    at = run_page(PAGE, year=2024, units=[PHO_HOA])
    cards = assert_cards_and_table_are_the_query(at, (PHO_HOA,), 2024)
    for code, card in cards.items():
        sign = card.delta[0]
        assert card.direction == ARROW[sign], (code, card.delta)
        assert card.color == Metric.MetricColor.GRAY, (code, card.delta)
        assert len(card.chart_data) > 1, code
    assert {"+", "−"} <= {card.delta[0] for card in cards.values()}  # the sample has a rise and a fall here

    at.multiselect(key="don_vi").set_value([])
    at.selectbox(key="nam").set_value(2025)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    cards = assert_cards_and_table_are_the_query(at, None, 2025)
    rows = named("year_figures", "reported", None, 2025).set_index("indicator")
    shown = texts(at)
    assert "Từ 2025: tính theo chi bộ cơ sở" in shown
    for code in programme().headline:
        gap, beside = rows.at[code, "gap_text"], rows.at[code, "beside_text"]
        assert not isinstance(gap, str) or gap[0].upper() + gap[1:] + "." in shown, code
        assert not beside or beside + "." in shown, code
    assert cards["T1_org_rating"].delta == ""  # no change across a change of what is counted
    assert list(cards["T1_org_rating"].chart_data) == []  # one year counted so: no flat line across the card
    # a level on one line in a card's narrow column (1024 px): `>` then `90%`, `3–` then `4%/năm` on the next
    raw = "\n".join(str(p.value) for p in [*at.caption, *at.markdown])  # texts() reads them as spaces
    assert "mục tiêu **>\u00a090%**" in raw and "mục tiêu **3\u2060–\u20604%/năm**" in raw
    assert "Mục tiêu 2025: >\u00a090% · 2030: >\u00a090%" in raw
    assert cards["T2_member_rating"].delta.endswith("so với 2024")


def test_two_units_are_compared_side_by_side_or_summed_and_said_so(sample_env):
    """Two wards once gave one card `311/353 = 88,10%`: now a column of cards each (the default), or
    the sum under a label that says it is one."""
    at = run_page(PAGE, year=2024, units=[PHO_HOA, PHO_VINH])
    assert at.radio(key="xem").value == "so-sanh"
    grid = next(h.proto.body for h in at.get("html") if "dp-compare" in h.proto.body)
    for unit_id, unit in ((PHO_HOA, "Phường Phổ Hòa"), (PHO_VINH, "Phường Phổ Vinh")):
        assert f'<div class="dp-unit">{unit}</div>' in grid
        t2 = named("year_figures", "reported", (unit_id,), 2024).set_index("indicator").loc["T2_member_rating"]
        assert f"{t2['numerator']}/{t2['denominator']}" in grid  # each unit's own figure
    summed = named("year_figures", "reported", (PHO_HOA, PHO_VINH), 2024).set_index("indicator").loc["T2_member_rating"]
    assert f"{summed['numerator']}/{summed['denominator']}" not in grid and not at.metric
    assert "So sánh 2 đơn vị: Phường Phổ Hòa, Phường Phổ Vinh" in texts(at)
    summed_note = "các biểu đồ, bảng khác là số cộng của 2 đơn vị"
    assert summed_note in texts(at)  # the charts that add the units up say so on every page

    at.radio(key="xem").set_value("cong-gop").run()
    assert not at.exception, [e.value for e in at.exception]
    assert_cards_and_table_are_the_query(at, (PHO_HOA, PHO_VINH), 2024)
    assert "Cộng 2 đơn vị: Phường Phổ Hòa, Phường Phổ Vinh" in texts(at) and summed_note not in texts(at)
