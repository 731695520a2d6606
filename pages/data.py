"""Dữ liệu: upload the units' workbooks, the load history, templates, and extracts of the tables."""

from datetime import date
from functools import partial

import streamlit as st

from auth.downloads import NO_RERUN, guarded
from auth.session import allowed_units, current_user, load_allowed
from database.units import units_by_id, units_in_year
from queries.extracts import EXTRACTS
from queries.history import history_scope
from rendering.format import slug
from rendering.tables import vi_columns, vi_table
from settings import FIRST_REPORT_YEAR
from ui.blocks import table_block
from ui.data import query, query_later
from ui.exports import EveryYear
from ui.filters import current
from ui.template_download import XLSX_MIME, template_workbook
from ui.upload import ACCEPTED_TYPES, REPORT_KEY, ROUND_KEY, get_ready, show_report, submit, vietnamese_uploader

HISTORY_COLUMNS = vi_columns("load_id", "loaded_at", "loaded_by", "file_name", "unit", "unit_code", "year", "outcome",
                             "cells", "members", "cadres", "warnings", members="Đảng viên cuối năm")
PREVIEW_ROWS = 100  # of an extract on screen; its downloads hold every row

st.title("Dữ liệu")
years = [int(y) for y in query("years_loaded")]
filters = current() if years else None  # app.py sets the filters only once something is loaded
if filters is None:
    st.info("Chưa có số liệu nào. Hãy nạp báo cáo của các đơn vị ở mục dưới đây.")

st.subheader("Nạp báo cáo của đơn vị")
if load_allowed():  # Thường trực sees and exports, but does not load
    get_ready()
    st.markdown("Chọn hoặc kéo thả một hay nhiều tệp báo cáo (**.xlsx, .xlsm, .xls, .ods**), mỗi tệp là báo cáo "
                "của một đơn vị trong một năm. Nạp lại báo cáo cùng đơn vị và năm sẽ **thay thế** báo cáo cũ; "
                "tệp có lỗi bị từ chối toàn bộ và không làm thay đổi số liệu.")
    vietnamese_uploader()
    uploads = st.file_uploader("Tệp báo cáo", type=ACCEPTED_TYPES, accept_multiple_files=True,
                               key=f"tep_bao_cao_{st.session_state.get(ROUND_KEY, 0)}")
    account = current_user()
    loaded_by = account.username if account else st.text_input("Người nạp (không bắt buộc)", key="nguoi_nap",
                                                                 max_chars=80)
    if st.button("Nạp dữ liệu", type="primary", disabled=not uploads, key="nap_du_lieu", icon=":material/upload:"):
        submit([(f.name, f.getvalue()) for f in uploads], loaded_by.strip() or None)
    if st.session_state.get(REPORT_KEY):
        show_report(st.session_state[REPORT_KEY])
        if st.button("Ẩn kết quả nạp", key="an_ket_qua_nap"):
            del st.session_state[REPORT_KEY]
            st.rerun()

def template_section() -> None:
    """Blank or pre-filled templates, only for the units this visitor may see."""
    st.subheader("Tải biểu mẫu báo cáo")
    this_year = date.today().year
    template_year = int(st.number_input(
        "Năm báo cáo", min_value=FIRST_REPORT_YEAR, max_value=this_year,
        value=min(this_year, years[-1] + 1) if years else this_year, step=1, key="mau_nam",
    ))
    allowed = allowed_units()
    choices = {u.unit_id: f"{u.full_name} (mã {u.code})" for u in units_in_year(template_year)
               if allowed is None or u.unit_id in allowed}
    if not choices:
        st.info(f"Tài khoản này không phụ trách đơn vị nào có trong năm {template_year}.")
        return
    unit_id = st.selectbox("Đơn vị", list(choices), format_func=choices.get, key="mau_don_vi")
    prefilled = st.toggle("Điền sẵn chi bộ, cán bộ chi bộ và số đảng viên đầu năm từ báo cáo đã nạp",
                          value=True, key="mau_dien_san")
    if prefilled:
        sources = query("prefill_sources", unit_id, template_year)
        if sources.empty:
            st.caption(f"Chưa có báo cáo nào trước năm {template_year} của đơn vị này: biểu mẫu để trống.")
        else:
            names = units_by_id()
            shown = ", ".join(f"{names[u].full_name} năm {y}"
                              for u, y in zip(sources["unit_id"], sources["year"], strict=True))
            st.caption(f"Điền sẵn từ báo cáo: {shown}. Các số liệu trong năm (kết nạp, xếp loại, bồi dưỡng…) "
                       "đơn vị tự điền.")
    template_name = (f"bieu-mau_{slug(units_by_id()[unit_id].full_name)}_{template_year}"
                     f"{'_dien-san' if prefilled else ''}.xlsx")
    st.download_button(
        "Tải biểu mẫu Excel",
        data=guarded(partial(template_workbook, unit_id, template_year, prefilled, allowed), template_name),
        file_name=template_name, mime=XLSX_MIME, key="mau_tai", icon=":material/download:", on_click=NO_RERUN,
    )


template_section()

st.subheader("Trích xuất số liệu theo bộ lọc")
if filters is None:
    st.info("Chưa có số liệu để trích xuất.")
else:
    st.caption(f"{filters.scope_label}, năm {filters.year}: mỗi bảng tải được dạng CSV hoặc Excel, "
               "tên cột như trong biểu mẫu báo cáo.")
    for table, (title, _sql) in EXTRACTS.items():
        scope = (table, filters.boundary, filters.units, filters.year)
        rows = query("extract_rows", *scope)
        if not rows:
            st.info(f"{title}: không có số liệu năm {filters.year} cho các đơn vị đã chọn.")
        else:  # the first rows on screen; every row (900.000 cadres for the country) only on download
            table_block(query("extract", *scope, PREVIEW_ROWS), title, filters, key=f"extract_{table}",
                        expanded=False, whole=query_later("extract", *scope), rows=rows)

st.subheader("Lịch sử nạp dữ liệu")
history = query("load_history")
if history.empty:
    st.info("Chưa có lượt nạp nào.")
else:
    table_block(vi_table(history, HISTORY_COLUMNS), "Lịch sử nạp dữ liệu",
                EveryYear(history_scope(allowed_units(), years[-1] if years else date.today().year)), key="load_history")
