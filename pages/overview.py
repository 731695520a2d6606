"""Tổng quan: one card per headline target for the filtered units and year, and every indicator;
2–4 units compared: their cards side by side, a column per unit."""

import streamlit as st

from core.numbers import vi_count, vi_points
from queries.method import method_notes
from queries.programme import programme
from queries.rate_text import rate_text
from rendering.tables import vi_columns, vi_table
from rendering.verdicts import SPARKLINE, badge
from report.cards import CARDS_CSS, COMPARE_CSS, change_notes, comparison_html, unbroken_markdown
from ui.blocks import table_block
from ui.compare import comparison
from ui.data import query
from ui.drill import cells_link
from ui.filters import current
from ui.layout import stop_without_figures

CARDS_KEY = "overview_cards"
# Four cards a row beside the sidebar leave a 1024-px projector ~120 px a card: the figure's own size (2.25rem)
# cut it to `88,…`. It shrinks with the window, down to what still reads across a meeting room (labels, changes
# and badges wrap: ui.layout.HEADER_CSS; a change on two lines or more is a box, not a pill).
CARD_FIGURE_CSS = f"""<style>
.st-key-{CARDS_KEY} [data-testid="stMetricValue"] {{ font-size: clamp(1.5rem, 2.5vw, 2.25rem); }}
.st-key-{CARDS_KEY} [data-testid="stMetricDelta"] {{ border-radius: 0.5rem; }}
</style>"""

FIGURE_COLUMNS = vi_columns("code", "label", "year", "numerator", "denominator", "rate", "target_text", "verdict",
                            "basis_note")

st.title("Tổng quan thực hiện Đề án")
filters = current()
compared = comparison(filters)
figures = query("year_figures", filters.boundary, filters.units, filters.year) if compared is None \
    else compared.figures
stop_without_figures(figures)
cards = figures[figures["headline"]]


def delta_look(change: float | None) -> dict:
    """Arrow of a card's change, from the number (Streamlit reads a fall only from a leading ASCII '-',
    and our text writes it `−1,19 điểm %`), in a neutral colour: red and green say below and met
    target only (rendering/verdicts.py), and a fall from last year may still be on target. The sparkline
    takes the same colour."""
    if change is None or change != change or change == 0:
        return {"delta_arrow": "off", "delta_color": SPARKLINE}
    return {"delta_arrow": "up" if change > 0 else "down", "delta_color": SPARKLINE}


def draw_card(card: dict) -> None:
    with st.container(border=True):
        st.markdown(f"**{card['heading']}**")
        changed = card["change"] == card["change"]  # NaN: no year before counted alike
        st.metric(
            label=f"{vi_count(card['numerator'], card['denominator'])} — năm {card['year']}",
            value=rate_text(card["rate"]),
            delta=f"{vi_points(card['change'])} so với {card['year'] - 1}" if changed else None,
            **delta_look(card["change"] if changed else None),
            chart_data=card["trend"] if len(card["trend"]) > 1 else None,  # one year drew a flat line: no trend
            chart_type="line",
        )
        lines = [f"{badge(card['role'], card['verdict'])} · mục tiêu **{unbroken_markdown(card['target_text'])}**",
                 unbroken_markdown(card["targets"])]  # `> 90%`, `3–4%/năm` broke after the sign or dash at 1024 px
        if card["basis_note"]:
            lines.append(f"*{card['basis_note']}*")
        if isinstance(card["gap_text"], str):
            lines.append(card["gap_text"][0].upper() + card["gap_text"][1:] + ".")
        if card["beside_text"]:
            lines.append(card["beside_text"] + ".")
        st.markdown("  \n".join(lines))


if compared is None:
    st.html(CARD_FIGURE_CSS)
    columns = st.container(key=CARDS_KEY).columns(4)
    for index, card in enumerate(cards.to_dict("records")):
        with columns[index % 4]:
            draw_card(card)
    for note in change_notes(cards):
        st.caption(f"{note}.")
else:
    st.caption(f"So sánh {len(compared.units)} đơn vị năm {filters.year}: mỗi cột một đơn vị, mỗi dòng một chỉ tiêu "
               "chính. Muốn xem tổng của các đơn vị này, chọn «Cộng gộp» ở thanh bên.")
    st.html(f"<style>{CARDS_CSS}{COMPARE_CSS}</style>{comparison_html(cards, compared.units)}")

cells_link(filters)
with st.expander("Cách đánh giá từng chỉ tiêu (theo Đề án)"):
    st.markdown("\n".join(f"- {line}" for line in method_notes()))

st.subheader("Toàn bộ chỉ tiêu")
columns = FIGURE_COLUMNS if compared is None else vi_columns("unit") | FIGURE_COLUMNS
table_block(vi_table(figures.assign(code=figures["short"]), columns), "Chỉ tiêu", filters, key="overview_all")
st.caption(f"Mã chỉ tiêu — {programme().legend()}.")
