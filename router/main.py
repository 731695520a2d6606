"""The app's main script: page config, navigation, the shared filter bar; every page lives in pages/.

Served by `streamlit run app.py` (app.py names this script; why it is not app.py itself is said there).
"""

from pathlib import Path

import streamlit as st

from auth.downloads import vietnamese_download_errors
from auth.session import gate
from ui import url_state
from ui.data import programme_or_stop
from ui.filters import sidebar_filters
from ui.incidents import safely
from ui.layout import header, header_line
from ui.navigation import ADMIN_SECTIONS, HOME, SECTIONS, sidebar_menu, streamlit_pages

FAVICON = str(Path(__file__).with_name("favicon.png"))

# The tab's icon is a file (Material Symbols' "account_balance", white on the theme's red): a
# `:material/…:` page icon would be fetched from fonts.gstatic.com, and the app must work offline.
st.set_page_config(page_title=programme_or_stop().tab_title, page_icon=FAVICON, layout="wide")

PAGES = streamlit_pages(SECTIONS)
ADMIN_PAGES = streamlit_pages(ADMIN_SECTIONS)

top = header()  # banners and the header line, folded into one footer line on the slides
with top:
    user = safely(gate, PAGES | ADMIN_PAGES)  # with users configured: only the login form until someone logs in
vietnamese_download_errors()
if user is not None and user.is_admin:
    PAGES |= ADMIN_PAGES
page = st.navigation(PAGES, position="hidden")  # the menu is ours, below the filters (ui/navigation.py)
url_state.take_page(page.url_path, HOME.title)  # an address naming no page opens the home page: said so
filters = safely(sidebar_filters)
sidebar_menu(PAGES)
if filters is None:
    if page.url_path not in ("du-lieu", "quan-tri"):
        st.info("Chưa có số liệu nào. Hãy vào trang **Dữ liệu** để nạp báo cáo của các đơn vị.")
        st.stop()
else:
    with top:
        header_line(filters)
safely(page.run)  # an unexpected error: a Vietnamese message with an id, never a traceback
