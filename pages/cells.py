"""Chi bộ và cán bộ của đơn vị: from one unit (a click on its bar or heat-map cell, or its name), its
party cells with their figures and the cell cadres who do not yet meet the standards of T4–T6.

Personal data: the queries read units through `scoped_units` like every other, so an officer sees
the cells and cadres of their own units only; downloads go through ui/exports (formula-safe)."""

import streamlit as st

from core.numbers import vi_number
from queries.admissions import ADMISSION_CODE
from queries.cells import STANDARDS, standard_name, totals
from queries.programme import programme
from rendering.tables import vi_columns, vi_table
from ui.blocks import table_block
from ui.data import query
from ui.drill import choose_unit
from ui.filters import current
from ui.layout import stop_if_empty


def cell_columns() -> dict[str, str]:
    """The cells table's headers; the standards by their target's short name (legend under the table)."""
    columns = vi_columns("cell_code", "cell_name", "cell_type", "year", "rating", "four_good", "start_count", "admitted",
                         "end_count", "admission_rate", "cadres",
                         admission_rate=f"Tỷ lệ kết nạp ({programme().indicator(ADMISSION_CODE).short})")
    for column, code in STANDARDS.items():
        ind = programme().indicator(code)
        columns |= {column: f"Đạt chuẩn {ind.short}", f"{column}_rate": f"Tỷ lệ đạt chuẩn {ind.short}"}
    return columns


CADRE_COLUMNS = vi_columns("cell_code", "cell_name", "year", "full_name", "birth_year", "role", "education",
                           "professional", "political", "lacking", lacking="Chưa đạt chuẩn")

st.title("Chi bộ và cán bộ của đơn vị")
filters = current()
year = filters.year
if not filters.units or len(filters.units) > 1:
    st.info("Chọn một đơn vị: nhấn vào cột hoặc ô của đơn vị trên một biểu đồ theo đơn vị, hoặc chọn đơn vị "
            "dưới đây. Mọi trang sẽ được lọc theo đơn vị đó.", icon=":material/touch_app:")
    units = query("display_units", filters.boundary, year)
    if filters.units:
        units = units[units["display_id"].isin(filters.units)]
    choose_unit(units, key="chi_bo_chon")
    st.stop()

name = filters.short_names[0]
cells = query("unit_cells", filters.boundary, filters.units, year)
stop_if_empty(cells, f"{name} chưa có số liệu chi bộ năm {year}. Hãy chọn năm hoặc đơn vị khác.")
short = query("cadres_short", filters.boundary, filters.units, year)
legend = " · ".join(f"**{standard_name(code)}** ({programme().indicator(code).standard})" for code in STANDARDS.values())

st.markdown(" · ".join(f"**{vi_number(count)}** {label}" for label, count in totals(cells, short).items()))

st.subheader(f"Chi bộ của {name} năm {year}")
st.caption("Số liệu từng chi bộ như trong báo cáo của đơn vị. Chuẩn của cán bộ chi bộ (bí thư, phó bí thư, chi ủy "
           f"viên) chỉ tính cho chi bộ thôn, tổ dân phố, như các chỉ tiêu T4–T6: {legend}.")
table_block(vi_table(cells, cell_columns()), f"Chi bộ năm {year}", filters, key="chi_bo_danh_sach")

st.subheader("Cán bộ chi bộ chưa đạt chuẩn T4–T6")
if short.empty:
    st.success(f"Mọi cán bộ chi bộ thôn, tổ dân phố của {name} năm {year} đều đạt chuẩn T4, T5 và T6.")
else:
    st.caption(f"{vi_number(len(short))} cán bộ chi bộ thôn, tổ dân phố chưa đạt ít nhất một chuẩn: {legend}. "
               "T4 là mức mọi cán bộ phải đạt; T5, T6 là tỷ lệ cán bộ cần có (xem trang Trình độ cán bộ chi bộ).")
    table_block(vi_table(short, CADRE_COLUMNS), f"Cán bộ chi bộ chưa đạt chuẩn năm {year}", filters,
                key="chi_bo_can_bo")
