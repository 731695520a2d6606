"""Biến động đảng viên: from 1 January to 31 December, members leaving by striking off or
resignation over the years, and members exempted from activity or working away."""

import streamlit as st

from core.numbers import year_span
from rendering.charts import count_lines, grouped_rate_bars, rate_trend, waterfall
from rendering.tables import vi_columns, vi_table
from ui.blocks import chart_block
from ui.data import query
from ui.filters import current
from ui.layout import stop_if_empty

st.title("Biến động đảng viên")
filters = current()
year = filters.year

st.subheader(f"Từ đầu năm đến cuối năm {year}")
flow = query("membership_flow", filters.boundary, filters.units, year)
stop_if_empty(flow, f"Chưa có số liệu đảng viên năm {year} cho các đơn vị đã chọn. "
                    "Hãy chọn năm hoặc đơn vị khác.")
chart_block(
    waterfall(flow, "axis_label", "members", "measure", f"Biến động đảng viên năm {year}", "Số đảng viên"),
    vi_table(flow, vi_columns("year", "label", "members", label="Khoản mục")),
    "Biến động đảng viên", filters, key="mem_flow",
)
st.caption("Số giảm ghi số âm. Cuối năm = Đầu năm + Kết nạp + Chuyển đến − Chuyển đi − Từ trần "
           "− Xóa tên − Khai trừ − Xin ra khỏi Đảng.")

st.subheader("Xóa tên và xin ra khỏi Đảng qua các năm")
exits = query("membership_exits_by_year", filters.boundary, filters.units, filters.first_year, year)
if exits.empty:
    st.info("Không có số liệu cho lựa chọn này.")
else:
    chart_block(
        count_lines(exits, "year", "members", "exit_kind",
                    f"Đảng viên bị xóa tên, xin ra khỏi Đảng, {year_span(filters.first_year, year)}", "Năm",
                    "Số đảng viên"),
        vi_table(exits, vi_columns("year", "exit_kind", "members")),
        "Xóa tên và xin ra khỏi Đảng", filters, key="mem_exits",
    )

AWAY_COLUMNS = vi_columns("year", "member_group", "numerator", "denominator", "rate", numerator="Số đảng viên",
                          denominator="Đảng viên cuối năm", rate="Tỷ lệ trên đảng viên cuối năm")
st.subheader("Đảng viên miễn sinh hoạt, đi làm ăn xa qua các năm")
away_years = query("membership_away_by_year", filters.boundary, filters.units, filters.first_year, year)
if away_years.empty:
    st.info("Không có số liệu cho lựa chọn này.")
else:
    chart_block(
        rate_trend(away_years, f"Tỷ lệ đảng viên miễn sinh hoạt, đi làm ăn xa, {year_span(filters.first_year, year)}",
                   "member_group", {}),
        vi_table(away_years, AWAY_COLUMNS),
        "Miễn sinh hoạt, đi làm ăn xa qua các năm", filters, key="mem_away_years",
    )
    st.caption("Tỷ lệ trên số đảng viên cuối năm. Trang Cảnh báo nêu đơn vị có tỷ lệ miễn sinh hoạt hoặc đi làm ăn xa "
               "tăng hai năm liền.")

st.subheader(f"Đảng viên miễn sinh hoạt, đi làm ăn xa theo đơn vị, năm {year}")
away = query("membership_away_by_unit", filters.boundary, filters.units, year)
if away.empty:
    st.info(f"Không có số liệu năm {year} cho các đơn vị đã chọn.")
else:
    chart_block(
        grouped_rate_bars(away, "unit", "member_group",
                          f"Tỷ lệ đảng viên miễn sinh hoạt, đi làm ăn xa năm {year}",
                          x_title="Tỷ lệ trên số đảng viên cuối năm", zoom=True),  # small shares
        vi_table(away, vi_columns("unit") | AWAY_COLUMNS),
        "Miễn sinh hoạt, đi làm ăn xa", filters, key="mem_away", drill=True,
    )
