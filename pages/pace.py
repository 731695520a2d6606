"""Tiến độ đến mục tiêu: how fast each indicator moved since the 2022 baseline, how fast it must move
to reach the 2025 and 2030 targets, and when the current pace would get there."""

import pandas as pd
import streamlit as st

from queries.indicators import BY_CODE
from queries.progress import (
    METHOD_VI,
    PACE_CODES,
    SERIES_OBSERVED,
    SERIES_PROJECTED,
    SERIES_TARGET,
)
from ui.blocks import chart_block, table_block
from ui.data import query
from ui.filters import current
from ui.format import vi_count, vi_percent, vi_points
from ui.layout import stop_if_empty
from ui.meeting_charts import pace_chart
from ui.tables import vi_table

DEFAULT_CODES = ["T4_thpt_and_so_cap_llct", "T5_trung_cap_chuyen_mon", "T6_trung_cap_llct"]
PACE_COLUMNS = {
    "unit": "Đơn vị",
    "label": "Chỉ tiêu",
    "base_year": "Năm gốc",
    "base_numerator": "Tử số năm gốc",
    "base_denominator": "Mẫu số năm gốc",
    "base_rate": "Tỷ lệ năm gốc",
    "latest_year": "Năm gần nhất",
    "latest_numerator": "Tử số năm gần nhất",
    "latest_denominator": "Mẫu số năm gần nhất",
    "latest_rate": "Tỷ lệ năm gần nhất",
    "observed_points": "Tốc độ đã đạt (điểm %/năm)",
    "target_2025": "Mục tiêu 2025",
    "needed_2025_points": "Cần tăng mỗi năm để đạt mục tiêu 2025 (điểm %/năm)",
    "reach_2025": "Năm đạt mục tiêu 2025 theo tốc độ hiện nay",
    "status_2025": "Đánh giá 2025",
    "target_2030": "Mục tiêu 2030",
    "needed_2030_points": "Cần tăng mỗi năm để đạt mục tiêu 2030 (điểm %/năm)",
    "reach_2030": "Năm đạt mục tiêu 2030 theo tốc độ hiện nay",
    "status_2030": "Đánh giá 2030",
}
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
        text += "; mới có một năm số liệu, chưa tính được tốc độ."
    for deadline in (2025, 2030):
        needed = row[f"needed_{deadline}"]
        need = f"cần **{vi_points(needed)}/năm**; " if pd.notna(needed) else ""
        text += (f"  \nMục tiêu {deadline} ({row[f'target_{deadline}']}): {need}theo tốc độ hiện nay: "
                 f"**{row[f'reach_{deadline}']}** — {row[f'status_{deadline}'].lower()}.")
    return text


st.title("Tiến độ đến mục tiêu 2025 và 2030")
filters = current()
scope = (filters.boundary, filters.units)
year = filters.year
with st.container(border=True):
    st.markdown(METHOD_VI)
    st.caption("— trong cột \"cần tăng mỗi năm\": đã đạt mục tiêu, hoặc đã đến năm hạn.")

town = query("pace_by_indicator", *scope, year)
stop_if_empty(town, f"Chưa có số liệu đến năm {year} cho các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác.")
if filters.boundary == "reported" and year >= 2025:
    st.caption("Theo địa giới khi báo cáo, các đơn vị cũ chỉ có số liệu đến 2024 và 5 đơn vị mới bắt đầu từ "
               "2025; chọn địa giới \"5 đơn vị mới\" để xem tiến độ liền mạch qua năm 2025.")

st.subheader(f"Tiến độ các chỉ tiêu — {filters.scope_label}")
table_block(vi_table(town, PACE_COLUMNS), "Tiến độ các chỉ tiêu", filters, key="tien_do_tong")

codes = [c for c in PACE_CODES if c in set(town["indicator"])]
chosen = st.multiselect("Chỉ tiêu xem biểu đồ", codes, default=[c for c in DEFAULT_CODES if c in codes],
                        format_func=lambda c: f"{BY_CODE[c].target} · {BY_CODE[c].label}", key="tien_do_chi_tieu")
if not chosen:
    st.info("Chọn ít nhất một chỉ tiêu để xem biểu đồ tiến độ.")
for code in chosen:
    indicator = BY_CODE[code]
    st.subheader(f"{indicator.target} · {indicator.label}")
    row = town[town["indicator"] == code].iloc[0].to_dict()
    st.markdown(summary(row))
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
        table_block(vi_table(by_unit, PACE_COLUMNS), f"Tiến độ {indicator.label} theo đơn vị", filters,
                    key=f"tien_do_don_vi_{code}", expanded=False)

all_units = query("pace_by_unit", *scope, year)
if not all_units.empty:
    st.subheader("Tiến độ mọi chỉ tiêu theo đơn vị")
    table_block(vi_table(all_units, PACE_COLUMNS), "Tiến độ theo đơn vị", filters, key="tien_do_moi_don_vi",
                expanded=False)
