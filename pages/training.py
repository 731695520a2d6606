"""Bồi dưỡng nghiệp vụ (T7): training coverage by unit and year, cell cadres and grassroots committees."""

import streamlit as st

from queries.cadres import TRAINING_CODE as CODE
from queries.method import method_note
from queries.programme import programme
from queries.targets import target_line, target_lines
from rendering.charts import grouped_rate_bars, rate_bars_by_unit, rate_trend
from rendering.tables import INDICATOR_COLUMNS, SUMMARY_COLUMNS, vi_columns, vi_table
from ui import compare
from ui.blocks import chart_block, table_block
from ui.data import query
from ui.filters import current
from ui.layout import stop_if_empty

SPLIT_COLUMNS = vi_columns("unit", "year", "group", "trained", "members", "rate", members="Tổng số")

st.title("Bồi dưỡng nghiệp vụ công tác Đảng")
st.caption(method_note(programme().indicator(CODE)))
filters = current()
scope = (filters.boundary, filters.units)
year = filters.year

summary = query("indicator_trend", *scope, year, year, (CODE,))
stop_if_empty(summary[summary["denominator"] > 0],  # no report, or nobody to train
              f"Chưa có số liệu bồi dưỡng năm {year} cho các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác.")
split = query("training_split", *scope, year)
overall = split[split["is_total"]] if split["is_total"].any() else split
table_block(
    vi_table(summary, SUMMARY_COLUMNS),
    f"Bồi dưỡng nghiệp vụ năm {year}", filters, key="training_summary",
)
table_block(vi_table(overall, SPLIT_COLUMNS), f"Bồi dưỡng nghiệp vụ năm {year} theo đối tượng", filters,
            key="training_split_summary")

st.subheader("Theo đơn vị")
by_unit = query("indicator_units", *scope, year, year, (CODE,))
target, target_text = target_line(CODE, year)
chart_block(
    rate_bars_by_unit(by_unit, f"Tỷ lệ cấp ủy viên được bồi dưỡng — năm {year}", target, target_text,
                      by_unit["role"].tolist()),
    vi_table(by_unit, INDICATOR_COLUMNS), "Bồi dưỡng nghiệp vụ theo đơn vị", filters, key="training_units", drill=True,
)
chart_block(
    grouped_rate_bars(split, "unit", "group", f"Được bồi dưỡng theo đối tượng — năm {year}",
                      target=target, target_label=target_text, numerator="trained", denominator="members"),
    vi_table(split, SPLIT_COLUMNS), "Bồi dưỡng nghiệp vụ theo đối tượng", filters, key="training_groups", drill=True,
)

st.subheader("Diễn biến qua các năm")
trend, series = compare.trend(filters, (CODE,))
chart_block(
    rate_trend(trend, f"Tỷ lệ cấp ủy viên được bồi dưỡng — {compare.scope_words(filters)}", series,
               target_lines(CODE)),
    vi_table(trend, INDICATOR_COLUMNS), "Bồi dưỡng nghiệp vụ qua các năm", filters, key="training_trend",
)
by_unit_years = query("indicator_units", *scope, filters.first_year, year, (CODE,))
table_block(vi_table(by_unit_years, INDICATOR_COLUMNS), "Bồi dưỡng nghiệp vụ theo đơn vị và năm", filters,
            key="training_units_years", expanded=False)
