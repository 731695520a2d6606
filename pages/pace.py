"""Tiến độ đến mục tiêu: how fast each indicator moved since the baseline, how fast it must move to
reach each deadline's level, when the current pace would get there, and every verdict."""

import pandas as pd
import streamlit as st

from core.numbers import vi_count, vi_points
from queries.judgement import COMING_IN
from queries.pace import ALREADY, UNPACED
from queries.programme import programme
from queries.progress import (
    SERIES_OBSERVED,
    SERIES_PROJECTED,
    SERIES_TARGET,
    method_text,
    projected_codes,
)
from queries.rate_text import rate_text
from queries.targets import basis_note
from rendering.meeting_charts import pace_chart
from rendering.tables import PACE_PATH_COLUMNS, pace_columns, vi_columns, vi_table
from ui import compare
from ui.blocks import chart_block, table_block
from ui.compare_charts import pace_comparison
from ui.data import query
from ui.filters import current
from ui.layout import stop_if_empty


def summary(row: dict) -> str:
    """One plain sentence of the figures of a pace row."""
    latest = (f"{row['latest_year']}: **{rate_text(row['latest_rate'])}** "
              f"({vi_count(row['latest_numerator'], row['latest_denominator'])})")
    if pd.isna(row["base_year"]):  # a year before the baseline year: no pace measured
        text = f"Năm {latest}; trước năm gốc {programme().baseline}, chưa tính tốc độ."
    else:
        text = (f"Năm gốc {row['base_year']}: **{rate_text(row['base_rate'])}** "
                f"({vi_count(row['base_numerator'], row['base_denominator'])}) → năm {latest}")
    if pd.notna(row["observed_per_year"]):  # two years or more
        text += f", bình quân **{vi_points(row['observed_per_year'])}/năm**."
    elif row[COMING_IN]:  # only part of the units in: no pace measured to it
        text += f"; năm {row['latest_year']} đang nhận báo cáo, chưa tính tốc độ."
    elif pd.notna(row["base_year"]):
        text += "; mới có một năm số liệu tính cùng một cách, chưa tính được tốc độ."
    for deadline in programme().deadlines:
        text += f"  \nMục tiêu {deadline} ({row[f'target_{deadline}']}): "
        if row[f"reach_{deadline}"] == ALREADY:  # "đã đạt — đạt (mức 2025)" said it twice
            text += f"**{ALREADY}**."
            continue
        needed = row[f"needed_{deadline}"]
        need = f"cần **{vi_points(needed)}/năm**; " if pd.notna(needed) else ""
        reach = "" if row[f"reach_{deadline}"] == UNPACED else f"theo tốc độ hiện nay: **{row[f'reach_{deadline}']}** — "
        text += f"{need}{reach}{row[f'status_{deadline}'].lower()}."
    return text


prog = programme()
deadlines = " và ".join(map(str, prog.deadlines))
st.title(f"Tiến độ đến mục tiêu {deadlines}")
filters = current()
scope = (filters.boundary, filters.units)
year = filters.year
headers = pace_columns()
with st.container(border=True):
    st.markdown(method_text())
    st.caption("— trong cột \"cần tăng mỗi năm\": đã đạt mức, đã đến năm mốc, chỉ tiêu hằng năm (không dự báo), "
               "hoặc năm đang nhận báo cáo (chưa tính tiến độ).")

town = query("pace_by_indicator", *scope, year)
stop_if_empty(town, f"Chưa có số liệu đến năm {year} cho các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác.")
st.caption("Mỗi đơn vị tính cả số liệu các năm trước của các đơn vị đã sáp nhập vào nó, ở cả hai cách chọn địa giới.")

st.subheader(f"Tiến độ các chỉ tiêu — {filters.scope_label}")
table_block(vi_table(town, headers), "Tiến độ các chỉ tiêu", filters, key="tien_do_tong")

codes = [c for c in projected_codes() if c in set(town["indicator"])]
headings = {c: prog.indicator(c).heading for c in codes}  # its .get, not a function of the page: Streamlit
# keeps a widget's functions for the session, and one of the page would keep the page's figures with it
chosen = st.multiselect("Chỉ tiêu xem biểu đồ", codes, default=[c for c in prog.headline if c in codes],
                        format_func=headings.get, key="tien_do_chi_tieu",
                        select_all=False)
if not chosen:
    st.info("Chọn ít nhất một chỉ tiêu để xem biểu đồ tiến độ.")
units = compare.per_unit(filters, "pace_by_indicator", year) if filters.compared else None
for code in chosen:
    indicator = prog.indicator(code)
    st.subheader(indicator.heading)
    if units is None:
        st.markdown(summary(town[town["indicator"] == code].iloc[0].to_dict()))
    else:
        st.markdown("\n".join(f"- **{row['unit']}**: {summary(row)}".replace("  \n", "  \n  ")
                              for row in units[units["indicator"] == code].to_dict("records")))
    if basis_note(code, year):
        st.caption(basis_note(code, year))
    title = f"{indicator.label} — {compare.scope_words(filters)}"
    if units is None:
        path = query("pace_path", *scope, year, code)
        fig = pace_chart(path, title, SERIES_OBSERVED, SERIES_PROJECTED, SERIES_TARGET)
    else:
        path = compare.per_unit(filters, "pace_path", year, code)
        fig = pace_comparison(path, title, SERIES_OBSERVED, SERIES_PROJECTED, SERIES_TARGET)
    chart_block(fig, vi_table(path, vi_columns("unit") | PACE_PATH_COLUMNS), f"Tiến độ {indicator.label}", filters,
                key=f"tien_do_{code}")
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
