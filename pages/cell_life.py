"""Sinh hoạt chi bộ, kiểm tra, kỷ luật: the weaknesses the Đề án names, from the format v2 workbooks:
regular and thematic meetings, inspections, working rules, discipline, admission candidates, dual
roles of secretaries, four-good grassroots organisations and private enterprise cells; by unit, by
cell type and over the years. What was not reported is said, never counted as 0."""

import streamlit as st

from core.numbers import year_span
from queries.cell_life import ACTIVITY_CODES, CELL_LIFE_CODES, REGULAR_CODE, in_programme
from queries.method import method_note
from queries.programme import programme
from queries.targets import not_reported_note, target_line
from rendering.charts import grouped_rate_bars, rate_bars_by_unit, rate_trend, stacked_counts
from rendering.tables import INDICATOR_COLUMNS, vi_columns, vi_table
from ui.blocks import chart_block, table_block
from ui.data import query
from ui.filters import current
from ui.layout import stop_if_empty

COLUMNS = vi_columns(*INDICATOR_COLUMNS, "not_reported")
KIND_COLUMNS = vi_columns("cell_type", "label", "numerator", "denominator", "rate", "not_reported")
FORM_COLUMNS = vi_columns("year", "form", "members", "cells_reported", "cells_unreported")
CODES, ACTIVITY = in_programme(CELL_LIFE_CODES), in_programme(ACTIVITY_CODES)
OTHER_ACTIVITY = tuple(code for code in ACTIVITY if code != REGULAR_CODE)

st.title("Sinh hoạt chi bộ, kiểm tra, kỷ luật")
filters = current()
scope = (filters.boundary, filters.units)
year = filters.year
prog = programme()
if not CODES:
    st.info("Chương trình đang theo dõi không có chỉ tiêu nào về sinh hoạt chi bộ, kiểm tra, kỷ luật.")
    st.stop()
st.caption("Số liệu theo biểu mẫu báo cáo mẫu 2 (từ năm 2023). Chi bộ, đơn vị chưa báo cáo một mục (báo cáo mẫu cũ "
           "hoặc để trống ô) không được tính vào tử số lẫn mẫu số của chỉ tiêu đó; số chưa báo cáo được ghi riêng.")
with st.expander("Các chỉ tiêu và câu của Đề án"):
    st.markdown("\n".join(f"- {method_note(prog.indicator(code))}" for code in CODES))

st.subheader(f"Năm {year}")
summary = query("indicator_trend", *scope, year, year, CODES)
stop_if_empty(summary[(summary["denominator"] > 0) | (summary["not_reported"] > 0)],
              f"Chưa có báo cáo năm {year} của các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác.")
note = not_reported_note(summary)
if note:
    st.info(note)
summary_counted = summary[summary["denominator"] > 0]
if summary_counted.empty:  # a year of v1 workbooks: nothing to draw, the table says what was not reported
    table_block(vi_table(summary, COLUMNS), f"Sinh hoạt chi bộ, kiểm tra, kỷ luật năm {year}", filters,
                key="life_summary")
else:
    chart_block(
        grouped_rate_bars(summary_counted, "label", None, f"Sinh hoạt chi bộ, kiểm tra, kỷ luật — {filters.scope_label}, "
                                                  f"năm {year}"),
        vi_table(summary, COLUMNS), f"Sinh hoạt chi bộ, kiểm tra, kỷ luật năm {year}", filters, key="life_summary",
    )

if REGULAR_CODE in CODES:  # the one with a target: monthly meetings (Điều lệ Đảng)
    st.subheader(f"Sinh hoạt thường kỳ theo đơn vị, năm {year}")
    regular = query("indicator_units", *scope, year, year, (REGULAR_CODE,))
    target, target_text = target_line(REGULAR_CODE, year)
    counted = regular[regular["denominator"] > 0]
    if counted.empty:
        st.info(f"Chưa có đơn vị nào báo cáo số buổi sinh hoạt thường kỳ năm {year}.")
    else:
        chart_block(
            rate_bars_by_unit(counted, f"{prog.indicator(REGULAR_CODE).label} — năm {year}", target, target_text,
                              counted["role"].tolist()),
            vi_table(regular, COLUMNS), "Sinh hoạt thường kỳ theo đơn vị", filters, key="life_regular_units",
        )

st.subheader(f"Sinh hoạt chuyên đề, kiểm tra, quy chế làm việc theo đơn vị, năm {year}")
by_unit = query("indicator_units", *scope, year, year, OTHER_ACTIVITY)
shown = by_unit[by_unit["denominator"] > 0]
if shown.empty:
    st.info(f"Chưa có đơn vị nào báo cáo các mục này năm {year}.")
else:
    chart_block(
        grouped_rate_bars(shown, "unit", "label", f"Tỷ lệ chi bộ theo đơn vị — năm {year}",
                          x_title="Tỷ lệ trên số chi bộ có báo cáo"),
        vi_table(by_unit, COLUMNS), "Sinh hoạt chuyên đề, kiểm tra, quy chế theo đơn vị", filters,
        key="life_activity_units",
    )
all_units = query("indicator_units", *scope, year, year, CODES)
table_block(vi_table(all_units, COLUMNS), f"Mọi chỉ tiêu theo đơn vị, năm {year}", filters, key="life_all_units",
            expanded=False)

st.subheader(f"Theo loại chi bộ, năm {year}")
by_kind = query("cell_life_by_kind", *scope, year)
kind_shown = by_kind[(by_kind["denominator"] > 0) & by_kind["indicator"].isin(ACTIVITY)]
if kind_shown.empty:
    st.info(f"Chưa có chi bộ nào báo cáo các mục này năm {year}.")
else:
    chart_block(
        grouped_rate_bars(kind_shown, "cell_type", "label", f"Sinh hoạt, kiểm tra, quy chế theo loại chi bộ — "
                                                             f"năm {year}", x_title="Tỷ lệ trên số chi bộ có báo cáo"),
        vi_table(by_kind, KIND_COLUMNS), "Chỉ tiêu theo loại chi bộ", filters, key="life_by_kind",
    )

st.subheader("Kỷ luật đảng viên theo hình thức qua các năm")
forms = query("discipline_by_form", *scope, filters.first_year, year)
reported = forms[forms["cells_reported"] > 0]
if reported.empty:
    st.info("Chưa có chi bộ nào báo cáo số đảng viên bị kỷ luật theo hình thức.")
else:
    chart_block(
        stacked_counts(reported, "year", "members", "form", f"Đảng viên bị kỷ luật theo hình thức, "
                                                           f"{year_span(filters.first_year, year)}", "Năm", "Số đảng viên"),
        vi_table(forms, FORM_COLUMNS), "Kỷ luật theo hình thức", filters, key="life_discipline",
    )
    st.caption("Năm chưa có chi bộ nào báo cáo ghi «—» (chưa báo cáo), không phải 0.")

st.subheader("Diễn biến qua các năm")
trend = query("indicator_trend", *scope, filters.first_year, year, ACTIVITY)
chart_block(
    rate_trend(trend[trend["denominator"] > 0], f"Sinh hoạt chi bộ, kiểm tra, quy chế — {filters.scope_label}",
               "label", {}),
    vi_table(trend, COLUMNS), "Sinh hoạt chi bộ, kiểm tra, quy chế qua các năm", filters, key="life_trend",
)
