"""Tổng quan: one card per target T1–T7 for the filtered units and year."""

import streamlit as st

from queries.indicators import BY_CODE, INDICATORS, card_figures
from ui.blocks import table_block
from ui.data import query
from ui.filters import current
from ui.format import vi_count, vi_percent, vi_points
from ui.layout import stop_if_empty

st.title("Tổng quan thực hiện Đề án")
filters = current()
by_year = query("indicators_by_year", filters.boundary, filters.units, filters.first_year, filters.year)
stop_if_empty(by_year)
cards = card_figures(by_year, filters.year)


def delta_look(change: float | None, judged: bool) -> dict:
    """Arrow and colour of a card's change, from the number: Streamlit reads a fall only from a
    leading ASCII '-', and our text writes it `−1,19 điểm %`. Up is better for every target but T3,
    a band, whose change is not judged (grey)."""
    if change is None or change == 0:
        return {"delta_arrow": "off", "delta_color": "gray"}
    colour = ("green" if change > 0 else "red") if judged else "gray"
    return {"delta_arrow": "up" if change > 0 else "down", "delta_color": colour}


def draw_card(card, trend) -> None:
    with st.container(border=True):
        st.markdown(f"**{card['target']} · {card['label']}**")
        state = {"met": ":green-badge[✔ Đạt mục tiêu]", "not_met": ":red-badge[✘ Chưa đạt]",
                 "no_data": ":gray-badge[Chưa có số liệu]", "not_applicable": ":gray-badge[Chỉ tiêu chưa áp dụng năm này]"}
        st.metric(
            label=f"{vi_count(card['numerator'], card['denominator'])} — năm {card['year']}",
            value=vi_percent(card["rate"]),
            delta=None if card["change"] is None else f"{vi_points(card['change'])} so với {card['year'] - 1}",
            **delta_look(card["change"], judged=card["indicator"] != "T3_admission_rate"),
            chart_data=trend["rate"].dropna().tolist(),
            chart_type="line",
        )
        st.markdown(f"{state[card['state']]}  \nMục tiêu 2025: **{card['target_2025']}** · 2030: **{card['target_2030']}**")


columns = st.columns(4)
for index, card in enumerate(cards.to_dict("records")):
    with columns[index % 4]:
        draw_card(card, by_year[by_year["indicator"] == card["indicator"]])

st.subheader("Toàn bộ chỉ tiêu")
table = by_year[by_year["year"] == filters.year].set_index("indicator").reindex([i.code for i in INDICATORS])
table = table.reset_index()
table_block(
    table.assign(**{
        "Mã": table["indicator"],
        "Chỉ tiêu": [BY_CODE[c].label for c in table["indicator"]],
        "Năm": filters.year,
    }).rename(columns={"numerator": "Tử số", "denominator": "Mẫu số", "rate": "Tỷ lệ"})[
        ["Mã", "Chỉ tiêu", "Năm", "Tử số", "Mẫu số", "Tỷ lệ"]
    ],
    "Chỉ tiêu", filters, key="overview_all",
)
