"""Routing and the shared filter bar; every page lives in pages/."""

import streamlit as st

from ui.filters import sidebar_filters
from ui.layout import header_line

st.set_page_config(page_title="Đề án TCCSĐ & đảng viên — Thị ủy Đức Phổ", page_icon="🏛️", layout="wide")

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
    "Dữ liệu": [
        st.Page("pages/data.py", title="Dữ liệu", icon="📁", url_path="du-lieu"),
    ],
}

page = st.navigation(PAGES)
filters = sidebar_filters()
if filters is None:
    if page.url_path != "du-lieu":
        st.info("Chưa có số liệu nào. Hãy vào trang **Dữ liệu** để nạp báo cáo của các đơn vị.")
        st.stop()
else:
    header_line(filters)
page.run()
