"""Tiến độ đến mục tiêu: how fast each indicator moved since the baseline, how fast it must move to
reach each deadline's level, when the current pace would get there, and every verdict."""

import pandas as pd
import streamlit as st

from queries.programme import programme
from queries.progress import (
    SERIES_OBSERVED,
    SERIES_PROJECTED,
    SERIES_TARGET,
    method_text,
    pace_headers,
    projected_codes,
)
from queries.targets import basis_note
from ui.blocks import chart_block, table_block
from ui.data import query
from ui.filters import current
from ui.format import vi_count, vi_percent, vi_points
from ui.layout import stop_if_empty
from ui.meeting_charts import pace_chart
from ui.tables import vi_table

PATH_COLUMNS = {"series": "Đường", "year": "Năm", "numerator": "Tử số", "denominator": "Mẫu số", "rate": "Tỷ lệ",
                "note": "Ghi chú"}


def summary(row: dict) -> str:
    """One plain sentence of the figures of a pace row."""
    text = (f"Năm gốc {row['base_year']}: **{vi_percent(row['base_rate'])}** "
            f"({vi_count(row['base_numerator'], row['base_denominator'])}) → năm {row['latest_year']}: "
            f"**{vi_percent(row['latest_rate'])}** ({vi_count(row['latest_numerator'], row['latest_denominator'])})")
    if pd.notna(row["observed_per_year"]):  # two years or more
        text += f", bình quân **{vi_points(row['observed_per_year'])}/năm**."
    else:
        text += "; mới có một năm số liệu tính cùng một cách, chưa tính được tốc độ."
    for deadline in programme().deadlines:
        needed = row[f"needed_{deadline}"]
        need = f"cần **{vi_points(needed)}/năm**; " if pd.notna(needed) else ""
        text += (f"  \nMục tiêu {deadline} ({row[f'target_{deadline}']}): {need}theo tốc độ hiện nay: "
                 f"**{row[f'reach_{deadline}']}** — {row[f'status_{deadline}'].lower()}.")
    return text


prog = programme()
deadlines = " và ".join(map(str, prog.deadlines))
st.title(f"Tiến độ đến mục tiêu {deadlines}")
filters = current()
scope = (filters.boundary, filters.units)
year = filters.year
headers = pace_headers()
with st.container(border=True):
    st.markdown(method_text())
    st.caption("— trong cột \"cần tăng mỗi năm\": đã đạt mức, đã đến năm mốc, hoặc chỉ tiêu hằng năm (không dự báo).")

town = query("pace_by_indicator", *scope, year)
stop_if_empty(town, f"Chưa có số liệu đến năm {year} cho các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác.")
st.caption("Mỗi đơn vị tính cả số liệu các năm trước của các đơn vị đã sáp nhập vào nó, ở cả hai cách chọn địa giới.")

st.subheader(f"Tiến độ các chỉ tiêu — {filters.scope_label}")
table_block(vi_table(town, headers), "Tiến độ các chỉ tiêu", filters, key="tien_do_tong")

codes = [c for c in projected_codes() if c in set(town["indicator"])]
chosen = st.multiselect("Chỉ tiêu xem biểu đồ", codes, default=[c for c in prog.headline if c in codes],
                        format_func=lambda c: prog.indicator(c).heading, key="tien_do_chi_tieu",
                        select_all=False)
if not chosen:
    st.info("Chọn ít nhất một chỉ tiêu để xem biểu đồ tiến độ.")
for code in chosen:
    indicator = prog.indicator(code)
    st.subheader(indicator.heading)
    row = town[town["indicator"] == code].iloc[0].to_dict()
    st.markdown(summary(row))
    if basis_note(code, year):
        st.caption(basis_note(code, year))
    path = query("pace_path", *scope, year, code)
    chart_block(
        pace_chart(path, f"{indicator.label} — {filters.scope_label}", SERIES_OBSERVED, SERIES_PROJECTED,
                   SERIES_TARGET),
        vi_table(path, PATH_COLUMNS), f"Tiến độ {indicator.label}", filters, key=f"tien_do_{code}",
    )
    by_unit = query("pace_by_unit", *scope, year, (code,))
    if by_unit.empty:
        st.info("Không có số liệu theo đơn vị cho chỉ tiêu này.")
    else:
        table_block(vi_table(by_unit, headers), f"Tiến độ {indicator.label} theo đơn vị", filters,
                    key=f"tien_do_don_vi_{code}", expanded=False)

all_units = query("pace_by_unit", *scope, year)
if not all_units.empty:
    st.subheader("Tiến độ mọi chỉ tiêu theo đơn vị")
    table_block(vi_table(all_units, headers), "Tiến độ theo đơn vị", filters, key="tien_do_moi_don_vi",
                expanded=False)
