"""Trình độ cán bộ chi bộ (T4–T6): the Đề án's figures, rates by unit and by role, levels, trend."""

import streamlit as st

from core.numbers import year_span
from core.wording import in_sentence
from queries.cadres import (
    BASELINE_CODES,
    LADDER_TITLES,
    LADDERS,
    QUALIFICATION_CODES,
    ROLE_CODES,
    THPT_CODE,
)
from queries.programme import programme
from queries.targets import target_line, target_lines
from rendering.charts import (
    grouped_rate_bars,
    ladder_colours,
    rate_bars_by_unit,
    rate_trend,
    stacked_shares_by_unit,
)
from rendering.tables import INDICATOR_COLUMNS, SUMMARY_COLUMNS, vi_columns, vi_table
from ui import compare
from ui.blocks import chart_block, table_block
from ui.data import query
from ui.filters import current
from ui.layout import stop_if_empty

st.title("Trình độ cán bộ chi bộ thôn, tổ dân phố")
st.caption("Chỉ tiêu T4, T5, T6 của Đề án: bí thư, phó bí thư và chi ủy viên của các chi bộ thôn, tổ dân phố "
           "(không tính chi bộ cơ quan, trường học, doanh nghiệp, lực lượng vũ trang).")
filters = current()
scope = (filters.boundary, filters.units)
year = filters.year

summary = query("indicator_trend", *scope, year, year, BASELINE_CODES)
stop_if_empty(summary[summary["denominator"] > 0],  # no report, or reports without cell cadres
              f"Chưa có số liệu cán bộ chi bộ năm {year} cho các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác.")

st.subheader(f"Trình độ cán bộ chi bộ năm {year}")
if year == programme().baseline and not filters.units:
    st.caption(f"Năm {year}, {in_sentence(filters.scope_label)}: đây là số liệu nền của Đề án (chú thích 1).")
table_block(
    vi_table(summary, SUMMARY_COLUMNS),
    "Trình độ cán bộ chi bộ", filters, key="qual_summary",
)

st.subheader("Theo đơn vị")
headings = {c: programme().indicator(c).heading for c in QUALIFICATION_CODES}  # .get: see pages/pace.py
code = st.radio("Chỉ tiêu", QUALIFICATION_CODES, key="trinh_do_chi_tieu", horizontal=True, format_func=headings.get)
label = programme().indicator(code).label
by_unit = query("indicator_units", *scope, year, year, (code,))
target, target_text = target_line(code, year)
chart_block(
    rate_bars_by_unit(by_unit, f"{label} — năm {year}", target, target_text, by_unit["role"].tolist()),
    vi_table(by_unit, INDICATOR_COLUMNS), f"{label} theo đơn vị", filters, key="qual_units", drill=True,
)

st.subheader("Tốt nghiệp THPT theo chức vụ")
roles = query("indicator_units", *scope, year, year, tuple(ROLE_CODES))
roles = roles.assign(role=roles["indicator"].map(ROLE_CODES))
target, target_text = target_line(THPT_CODE, year)
chart_block(
    grouped_rate_bars(roles, "unit", "role", f"Tốt nghiệp THPT theo chức vụ — năm {year}",
                      target=target, target_label=target_text),
    vi_table(roles, vi_columns("unit", "year", "role", "numerator", "denominator", "rate", "verdict",
                               numerator="Tốt nghiệp THPT", denominator="Tổng số")),
    "Tốt nghiệp THPT theo chức vụ", filters, key="qual_roles", drill=True,
)

st.subheader("Cơ cấu trình độ")
for tab, ladder in zip(st.tabs([LADDER_TITLES[name] for name in LADDERS]), LADDERS, strict=True):
    with tab:
        levels = query("cadre_levels", *scope, year, ladder)
        title = LADDER_TITLES[ladder]
        if levels.empty:
            st.info(f"Chưa có số liệu {title.lower()} năm {year}.")
            continue
        chart_block(
            stacked_shares_by_unit(levels, "unit", "cadres", "level", f"{title} của cán bộ chi bộ — năm {year}",
                                   list(LADDERS[ladder]), ladder_colours(len(LADDERS[ladder])),
                                   x_title="Tỷ lệ cán bộ"),
            vi_table(levels, vi_columns("unit", "year", "level", "cadres", "share", cadres="Số cán bộ")),
            f"{title} của cán bộ chi bộ", filters, key=f"qual_levels_{ladder}", drill=True,
        )

st.subheader("Diễn biến qua các năm")
trend, series = compare.trend(filters, (code,))
chart_block(
    rate_trend(trend, f"{label} — {compare.scope_words(filters)}, {year_span(filters.first_year, year)}", series,
               target_lines(code)),
    vi_table(trend, INDICATOR_COLUMNS), f"{label} qua các năm", filters, key="qual_trend",
)
