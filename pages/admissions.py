"""Kết nạp đảng viên (T3): admissions and their rate against the programme's band, the groups
admitted, and the cells that have admitted nobody for years."""

import pandas as pd
import streamlit as st

from core.numbers import vi_number, year_span
from queries.admissions import QUOTA_CODE, admission_indicator, admission_target, quota_indicator
from queries.method import method_note
from queries.targets import not_reported_note, target_line, target_lines
from rendering.charts import (
    count_bars,
    count_lines,
    rate_band_by_unit,
    rate_band_trend,
    rate_bars_by_unit,
    rate_trend,
    stacked_counts,
)
from rendering.tables import IDLE_CELL_COLUMNS, INDICATOR_COLUMNS, vi_columns, vi_table
from ui import compare
from ui.blocks import chart_block, table_block
from ui.data import query
from ui.filters import current
from ui.layout import stop_if_empty

GROUP_ORDER = ["Học sinh, sinh viên", "Công nhân", "Chủ doanh nghiệp"]
QUOTA_COLUMNS = vi_columns(*INDICATOR_COLUMNS, "not_reported", numerator="Kết nạp", denominator="Chỉ tiêu được giao",
                           not_reported="Đơn vị chưa báo cáo chỉ tiêu")
NO_DATA = "Không có số liệu kết nạp cho lựa chọn này."


def quota_gap(any_year: bool, in_year: bool, year_rows: pd.DataFrame, year: int) -> str | None:
    """The one note on who has not reported the quota up to `year`: nobody in any year, nobody in `year`, or
    the units that left it out in `year` while others reported it (`year_rows`); None when all did."""
    if not any_year:
        return f"Đến năm {year} chưa có đơn vị nào báo cáo chỉ tiêu kết nạp được giao (mục này có từ biểu mẫu mẫu 2)."
    if not in_year:
        return f"Năm {year} chưa có đơn vị nào báo cáo chỉ tiêu kết nạp được giao."
    note = not_reported_note(year_rows)
    return f"Năm {year}: {note}" if note else None


T3 = admission_indicator()
st.title(f"Kết nạp đảng viên ({T3.group})")
filters = current()
year = filters.year
band, band_label = admission_target(year)

by_year = query("admission_rate_by_year", filters.boundary, filters.units, filters.first_year, year)
stop_if_empty(by_year, "Chưa có số liệu kết nạp đảng viên cho đơn vị và năm đã chọn. "
                       "Hãy chọn năm hoặc đơn vị khác.")
st.caption(f"Tỷ lệ kết nạp = {T3.numerator_label} / {T3.denominator_label}.  \n{method_note(T3)}")

st.subheader("Kết nạp và tỷ lệ kết nạp qua các năm")
YEAR_COLUMNS = vi_columns("unit", "year", "admitted", "start_count", "rate", "verdict", rate="Tỷ lệ kết nạp")
period = year_span(filters.first_year, year)
if filters.compared:  # a line per unit
    by_year = compare.per_unit(filters, "admission_rate_by_year", filters.first_year, year)
    counts = count_lines(by_year, "year", "admitted", compare.UNIT,
                         f"Số đảng viên kết nạp, {period} — {compare.scope_words(filters)}", "Năm",
                         "Số đảng viên kết nạp")
    rates = rate_trend(by_year.rename(columns={"admitted": "numerator", "start_count": "denominator"}),
                       f"Tỷ lệ kết nạp, {period} — {compare.scope_words(filters)}", compare.UNIT, {}, band,
                       band_label)
else:
    counts = count_bars(by_year, "year", "admitted", f"Số đảng viên kết nạp, {period}", "Năm", "Số đảng viên kết nạp")
    rates = rate_band_trend(by_year.rename(columns={"admitted": "numerator", "start_count": "denominator"}),
                            f"Tỷ lệ kết nạp, {period}", band, band_label, list(by_year["role"]))
chart_block(counts, vi_table(by_year, vi_columns("unit", "year", "admitted")),
            "Số kết nạp theo năm", filters, key="adm_count")
chart_block(rates, vi_table(by_year, YEAR_COLUMNS), "Tỷ lệ kết nạp theo năm", filters, key="adm_rate")

st.subheader(f"Tỷ lệ kết nạp theo đơn vị, năm {year}")
by_unit = query("admission_rate_by_unit", filters.boundary, filters.units, year)
if by_unit.empty:
    st.info(f"Không có số liệu kết nạp năm {year} cho các đơn vị đã chọn.")
else:
    chart_block(
        rate_band_by_unit(by_unit.rename(columns={"admitted": "numerator", "start_count": "denominator"}),
                          f"Tỷ lệ kết nạp đảng viên mới năm {year}", band, band_label, list(by_unit["role"])),
        vi_table(by_unit, YEAR_COLUMNS),
        "Tỷ lệ kết nạp theo đơn vị", filters, key="adm_by_unit", drill=True,
    )

QUOTA = quota_indicator()
if QUOTA is not None:  # the programme in force follows admissions against the quota
    st.subheader("Kết nạp so với chỉ tiêu cấp trên giao")
    st.caption(method_note(QUOTA))
    quota_years = query("indicator_trend", filters.boundary, filters.units, filters.first_year, year, (QUOTA_CODE,))
    quota_reported = quota_years[quota_years["denominator"] > 0]
    quota_units = query("indicator_units", filters.boundary, filters.units, year, year, (QUOTA_CODE,))
    quota_shown = quota_units[quota_units["denominator"] > 0]
    quota_note = quota_gap(not quota_reported.empty, not quota_shown.empty, quota_years[quota_years["year"] == year],
                           year)
    if quota_note:
        st.info(quota_note)
    if not quota_reported.empty:
        chart_block(
            rate_trend(quota_reported, f"{QUOTA.label}, {year_span(quota_reported['year'].iloc[0], year)}", "label",
                       target_lines(QUOTA_CODE)),
            vi_table(quota_years, QUOTA_COLUMNS), "Kết nạp so với chỉ tiêu theo năm", filters, key="adm_quota_years",
        )
    if not quota_shown.empty:
        quota_target, quota_label = target_line(QUOTA_CODE, year)
        chart_block(
            rate_bars_by_unit(quota_shown, f"{QUOTA.label} — năm {year}", quota_target, quota_label,
                              quota_shown["role"].tolist()),
            vi_table(quota_units, QUOTA_COLUMNS), "Kết nạp so với chỉ tiêu theo đơn vị", filters,
            key="adm_quota_units",
        )

st.subheader("Kết nạp học sinh, công nhân, chủ doanh nghiệp")
st.caption("Ba nhóm đối tượng Đề án chú trọng; bảng số liệu ghi cả tổng số kết nạp và tỷ lệ của từng nhóm.")
GROUP_COLUMNS = vi_columns("year", "admission_group", "admitted", "all_admitted", "share",
                           share="Tỷ lệ trên tổng số kết nạp")
groups_by_year = query("admission_groups_by_year", filters.boundary, filters.units, filters.first_year, year)
if groups_by_year.empty:
    st.info(NO_DATA)
else:
    chart_block(
        stacked_counts(groups_by_year, "year", "admitted", "admission_group",
                       f"Kết nạp học sinh, công nhân, chủ doanh nghiệp, {period}", "Năm",
                       "Số đảng viên kết nạp", order=GROUP_ORDER),
        vi_table(groups_by_year, GROUP_COLUMNS),
        "Kết nạp theo đối tượng và năm", filters, key="adm_groups_year",
    )
groups_by_unit = query("admission_groups_by_unit", filters.boundary, filters.units, year)
if groups_by_unit.empty:
    st.info(f"Không có số liệu kết nạp năm {year} cho các đơn vị đã chọn.")
else:
    chart_block(
        stacked_counts(groups_by_unit, "unit", "admitted", "admission_group",
                       f"Kết nạp học sinh, công nhân, chủ doanh nghiệp theo đơn vị, năm {year}",
                       "Số đảng viên kết nạp", None, order=GROUP_ORDER, horizontal=True),
        vi_table(groups_by_unit, vi_columns("unit") | GROUP_COLUMNS),
        "Kết nạp theo đối tượng và đơn vị", filters, key="adm_groups_unit", drill=True,
    )

st.subheader("Chi bộ nhiều năm liền không kết nạp được đảng viên")
min_years = st.number_input("Số năm liền không kết nạp (từ … năm trở lên)", min_value=1, max_value=30,
                            value=3, step=1, key="so_nam_khong_ket_nap")
every_kind = st.toggle("Tính cả chi bộ cơ quan, trường học, doanh nghiệp, quân sự, công an", key="moi_loai_chi_bo",
                       help="Mặc định chỉ chi bộ thôn, tổ dân phố: chi bộ quân sự, công an kết nạp theo hệ thống riêng.")
idle = query("cells_without_admission", filters.boundary, filters.units, year, int(min_years), every_kind)
st.caption(f"Chuỗi năm liên tiếp không kết nạp tính đến năm {year}, trên các năm có số liệu; "
           "một năm chi bộ không báo cáo làm ngắt chuỗi. Chi bộ của đơn vị đã sáp nhập giữ chuỗi của mình trong "
           "đơn vị mới.")
if idle.empty:
    st.success(f"Không có chi bộ nào {int(min_years)} năm liền trở lên không kết nạp đảng viên "
               f"(tính đến năm {year}).")
else:
    st.markdown(f"**{vi_number(len(idle))} chi bộ** không kết nạp được đảng viên nào từ {int(min_years)} năm liền "
                f"trở lên, tính đến năm {year}.")
    table_block(
        vi_table(idle, IDLE_CELL_COLUMNS),
        f"Chi bộ từ {int(min_years)} năm liền không kết nạp", filters, key="adm_idle_cells",
    )
