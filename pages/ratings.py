"""Đánh giá, xếp loại (T1, T2): members, grassroots organisations and cells; "chi bộ bốn tốt"."""

import streamlit as st

from core.numbers import year_span
from queries.indicators import BOUNDARY_REPORTED
from queries.method import method_note
from queries.programme import programme
from queries.ratings import MEMBER_CODE, ORG_CODE, RATED_CODES, RATING_LEVELS, RATING_NAMES
from queries.targets import basis_breaks, basis_note, target_line, target_lines
from rendering.charts import (
    RATING_COLOURS,
    colour_traces,
    grouped_rate_bars,
    rate_bars_by_unit,
    rate_trend,
    stacked_bars,
    stacked_shares_by_unit,
)
from rendering.tables import INDICATOR_COLUMNS, SUMMARY_COLUMNS, vi_columns, vi_table
from rendering.verdicts import mark_breaks, split_at_breaks
from ui import compare
from ui.blocks import chart_block, table_block
from ui.compare_charts import indicator_panels
from ui.data import query
from ui.filters import current
from ui.layout import stop_if_empty

RATED = RATED_CODES
LEVELS = list(RATING_LEVELS)

st.title("Đánh giá, xếp loại")
st.caption("  \n".join(method_note(programme().indicator(code)) for code in RATED) + "  \n"
           + " · ".join(f"**{code}**: {name}" for code, name in RATING_NAMES.items() if code != name))
filters = current()
scope = (filters.boundary, filters.units)
year, first_year = filters.year, filters.first_year

summary = query("indicator_trend", *scope, year, year, RATED)
stop_if_empty(summary, f"Chưa có số liệu xếp loại năm {year} cho các đơn vị đã chọn. Hãy chọn năm hoặc đơn vị khác.")
table_block(vi_table(summary, SUMMARY_COLUMNS),
            "Chỉ tiêu xếp loại", filters, key="rating_summary")

st.subheader("Xếp loại đảng viên")
members = query("member_ratings_by_year", *scope, first_year, year)
if members.empty:
    st.info(f"Chưa có số liệu xếp loại đảng viên đến năm {year} cho các đơn vị đã chọn.")
else:
    chart_block(
        colour_traces(stacked_bars(members, "year", "members", "rating", f"Cơ cấu xếp loại đảng viên, "
                                   f"{year_span(first_year, year)}", "Năm", "Tỷ lệ đảng viên", percent=True, order=LEVELS),
                      RATING_COLOURS),
        vi_table(members, vi_columns("year", "rating", "members", "share")),
        "Cơ cấu xếp loại đảng viên", filters, key="rating_members",
    )

members_by_unit = query("indicator_units", *scope, year, year, (MEMBER_CODE,))
target, target_text = target_line(MEMBER_CODE, year)
chart_block(
    rate_bars_by_unit(members_by_unit, f"Đảng viên hoàn thành tốt nhiệm vụ trở lên — năm {year}", target,
                      target_text, members_by_unit["role"].tolist()),
    vi_table(members_by_unit, INDICATOR_COLUMNS), "Đảng viên HTTNV trở lên theo đơn vị", filters,
    key="rating_members_units", drill=True,
)

trend, series = compare.trend(filters, RATED)
breaks = basis_breaks(ORG_CODE, first_year, year)  # T1 counts the party cells from then on: no line across
trend_title = f"Tỷ lệ hoàn thành tốt nhiệm vụ trở lên — {compare.scope_words(filters)}"
chart_block(
    mark_breaks(rate_trend(split_at_breaks(trend, ORG_CODE, breaks), trend_title, "label", target_lines(MEMBER_CODE)),
                breaks) if series == "label" else
    indicator_panels(trend, trend_title, ORG_CODE, breaks, target_lines(MEMBER_CODE)),
    vi_table(trend, INDICATOR_COLUMNS), "Tỷ lệ HTTNV trở lên qua các năm", filters, key="rating_trend",
)

st.subheader("Xếp loại tổ chức cơ sở đảng")
if basis_note(ORG_CODE, year):
    st.caption(basis_note(ORG_CODE, year))
organisations = query("org_ratings_by_year", *scope, first_year, year)
chart_block(
    mark_breaks(colour_traces(stacked_bars(organisations, "year", "organisations", "rating",
                                           f"Xếp loại tổ chức cơ sở đảng, {year_span(first_year, year)}", "Năm", "Số TCCSĐ",
                                           order=LEVELS), RATING_COLOURS), breaks),
    vi_table(organisations, vi_columns("year", "rating", "organisations", "share")),
    "Xếp loại tổ chức cơ sở đảng", filters, key="rating_orgs",
)
listed = query("org_ratings_list", *scope, year)
columns = vi_columns("unit", "reporting_unit", "organisation", "year", "rating", rating="Xếp loại TCCSĐ")
if filters.boundary == BOUNDARY_REPORTED:
    columns.pop("reporting_unit")  # the same unit
if listed["organisation"].isna().all():
    columns.pop("organisation")  # the units' own organisations
table_block(vi_table(listed, columns), f"Xếp loại từng TCCSĐ năm {year}", filters, key="rating_org_list",
            expanded=False)

st.subheader("Xếp loại chi bộ")
cells = query("cell_ratings", *scope, year)
if cells.empty:
    st.info(f"Chưa có số liệu chi bộ năm {year}.")
else:
    chart_block(
        stacked_shares_by_unit(cells, "unit", "cells", "rating", f"Xếp loại chi bộ — năm {year}", LEVELS,
                               RATING_COLOURS, x_title="Tỷ lệ chi bộ"),
        vi_table(cells, vi_columns("unit", "year", "rating", "cells", "share")),
        "Xếp loại chi bộ", filters, key="rating_cells", drill=True,
    )

    st.subheader("Chi bộ bốn tốt")
    four_good = query("four_good_cells", *scope, year)
    chart_block(
        grouped_rate_bars(four_good, "unit", None, f"Tỷ lệ chi bộ bốn tốt — năm {year}", "Tỷ lệ chi bộ",
                          numerator="four_good", denominator="cells"),
        vi_table(four_good, vi_columns("unit", "year", "four_good", "cells", "rate", cells="Tổng số chi bộ")),
        "Chi bộ bốn tốt", filters, key="rating_four_good", drill=True,
    )
