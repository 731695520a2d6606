"""Routing and the shared filter bar; every page lives in pages/."""

import streamlit as st

from auth.downloads import vietnamese_download_errors
from auth.session import gate
from ui.data import programme_or_stop
from ui.filters import sidebar_filters
from ui.incidents import safely
from ui.layout import header_line

st.set_page_config(page_title=programme_or_stop().tab_title, page_icon="🏛️", layout="wide")

PAGES = {
    "Tổng quan": [
        st.Page("pages/overview.py", title="Tổng quan", icon="📊", default=True, url_path="tong-quan"),
    ],
    "Chỉ tiêu": [
        st.Page("pages/qualifications.py", title="Trình độ cán bộ chi bộ", icon="🎓", url_path="trinh-do"),
        st.Page("pages/admissions.py", title="Kết nạp đảng viên", icon="➕", url_path="ket-nap"),
        st.Page("pages/ratings.py", title="Đánh giá, xếp loại", icon="⭐", url_path="xep-loai"),
        st.Page("pages/membership.py", title="Biến động đảng viên", icon="🔄", url_path="bien-dong"),
        st.Page("pages/training.py", title="Bồi dưỡng nghiệp vụ", icon="📚", url_path="boi-duong"),
    ],
    "Họp Ban Thường vụ": [
        st.Page("pages/present.py", title="Trình chiếu", icon="🖥️", url_path="trinh-chieu"),
        st.Page("pages/report.py", title="Báo cáo họp", icon="📄", url_path="bao-cao"),
        st.Page("pages/scorecard.py", title="Bảng xếp hạng đơn vị", icon="🏆", url_path="xep-hang"),
        st.Page("pages/pace.py", title="Tiến độ đến mục tiêu", icon="📈", url_path="tien-do"),
        st.Page("pages/warnings.py", title="Cảnh báo", icon="⚠️", url_path="canh-bao"),
    ],
    "Dữ liệu": [
        st.Page("pages/data.py", title="Dữ liệu", icon="📁", url_path="du-lieu"),
    ],
}

ADMIN_PAGES = {"Quản trị": [st.Page("pages/admin.py", title="Quản trị", icon="🔑", url_path="quan-tri")]}

user = safely(gate, PAGES | ADMIN_PAGES)  # with users configured: only the login form until someone logs in
vietnamese_download_errors()
if user is not None and user.is_admin:
    PAGES |= ADMIN_PAGES
page = st.navigation(PAGES)
filters = safely(sidebar_filters)
if filters is None:
    if page.url_path not in ("du-lieu", "quan-tri"):
        st.info("Chưa có số liệu nào. Hãy vào trang **Dữ liệu** để nạp báo cáo của các đơn vị.")
        st.stop()
else:
    header_line(filters)
safely(page.run)  # an unexpected error: a Vietnamese message with an id, never a traceback
