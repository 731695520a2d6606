"""Every page of the app: its file in pages/, title, Material icon and URL, written once for the
menu, the login gate, the links between pages and the tests.

The menu is ours (`sidebar_menu`), drawn below the filters: `st.navigation`'s own always stands at the top
of the sidebar, and its 13–15 entries pushed the filters 700 px down at 1024×768 and 1280×720.

Pages are registered by absolute path: the app's main script (router/main.py) does not sit beside
pages/ (see app.py), so a path relative to it would not find them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

import streamlit as st

from settings import ROOT

PAGES_DIR = ROOT / "pages"


@dataclass(frozen=True)
class PageSpec:
    file: str  # in pages/
    title: str
    icon: str  # one of Streamlit's bundled Material icons: no emoji font needed
    url_path: str


SECTIONS: dict[str, tuple[PageSpec, ...]] = {
    "Tổng quan": (
        PageSpec("overview.py", "Tổng quan", ":material/dashboard:", "tong-quan"),
    ),
    "Chỉ tiêu": (
        PageSpec("qualifications.py", "Trình độ cán bộ chi bộ", ":material/school:", "trinh-do"),
        PageSpec("admissions.py", "Kết nạp đảng viên", ":material/person_add:", "ket-nap"),
        PageSpec("ratings.py", "Đánh giá, xếp loại", ":material/star:", "xep-loai"),
        PageSpec("membership.py", "Biến động đảng viên", ":material/sync_alt:", "bien-dong"),
        PageSpec("training.py", "Bồi dưỡng nghiệp vụ", ":material/menu_book:", "boi-duong"),
        PageSpec("cells.py", "Chi bộ và cán bộ", ":material/groups:", "chi-bo-can-bo"),
        PageSpec("cell_life.py", "Sinh hoạt chi bộ, kiểm tra, kỷ luật", ":material/forum:", "sinh-hoat-chi-bo"),
    ),
    "Họp Ban Thường vụ": (
        PageSpec("present.py", "Trình chiếu", ":material/slideshow:", "trinh-chieu"),
        PageSpec("report.py", "Báo cáo họp", ":material/description:", "bao-cao"),
        PageSpec("scorecard.py", "Bảng xếp hạng đơn vị", ":material/leaderboard:", "xep-hang"),
        PageSpec("pace.py", "Tiến độ đến mục tiêu", ":material/trending_up:", "tien-do"),
        PageSpec("warnings.py", "Cảnh báo", ":material/warning:", "canh-bao"),
    ),
    "Dữ liệu": (
        PageSpec("data.py", "Dữ liệu", ":material/folder_open:", "du-lieu"),
    ),
}
ADMIN_SECTIONS: dict[str, tuple[PageSpec, ...]] = {
    "Quản trị": (PageSpec("admin.py", "Quản trị", ":material/admin_panel_settings:", "quan-tri"),),
}
HOME = SECTIONS["Tổng quan"][0]


def page_file(name: str) -> Path:
    """The page's script: `overview.py` or `pages/overview.py` → its absolute path."""
    return PAGES_DIR / Path(name).name


def all_specs(sections: Mapping[str, Sequence[PageSpec]]) -> list[PageSpec]:
    return [spec for specs in sections.values() for spec in specs]


def streamlit_pages(sections: Mapping[str, Sequence[PageSpec]]) -> dict[str, list[st.Page]]:
    """`st.Page`s for `st.navigation`. The home page opens at `/`, where Streamlit puts the default
    page, and at its own URL too (`/tong-quan`, as links and bookmarks have it) through a hidden
    twin registered after it: without the twin that URL would be "not found"."""
    pages = {}
    for section, specs in sections.items():
        pages[section] = []
        for spec in specs:
            options = {"title": spec.title, "icon": spec.icon}
            if spec == HOME:
                pages[section].append(st.Page(page_file(spec.file), default=True, **options))
                options["visibility"] = "hidden"
            pages[section].append(st.Page(page_file(spec.file), url_path=spec.url_path, **options))
    return pages


MENU_KEY = "menu"  # the menu's container: `.st-key-menu` in the browser
MENU_CSS = """<style>
.st-key-menu { gap: 0; }
.st-key-menu .dp-menu-section { font-size: 0.85rem; font-weight: 600; color: #555; margin: 0.45rem 0 0.1rem 0.5rem; }
.st-key-menu .dp-menu-rule { border-top: 1px solid #d9d4c7; margin: 0.45rem 0.5rem 0.25rem 0.5rem; }
/* a chosen unit's whole name on its chip, on two lines where it needs ("Phường Phổ Văn (20…" was cut) */
[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] span { white-space: normal; text-overflow: clip;
  height: auto; }
[data-testid="stSidebar"] :has(> [data-testid="stMultiSelectTagsContainer"]) { max-height: none; height: auto; }
/* The filters and every page of the menu on the first screen of 1024×768 and 1280×720 (and of 1920×1080 with
   units compared): the sidebar's own header (its collapse button, right) beside «Bộ lọc», no room kept below the
   menu, the rows closer. */
[data-testid="stSidebarHeader"] { margin-bottom: -3.2rem; position: relative; z-index: 1; pointer-events: none; }
[data-testid="stSidebarHeader"] > * { pointer-events: auto; }
[data-testid="stSidebarUserContent"] { padding-bottom: 0.75rem; }
[data-testid="stSidebarUserContent"] h3 { padding-top: 0.25rem; padding-bottom: 0.5rem; }
[data-testid="stSidebarUserContent"] > div > [data-testid="stVerticalBlock"] { row-gap: 0.75rem; }
.st-key-menu [data-testid="stPageLink"] a { padding-top: 0; padding-bottom: 0; }
</style>"""


def sidebar_menu(pages: Mapping[str, Sequence[st.Page]]) -> None:
    """Every listed page a link in the sidebar under its section's name, below the filters (drawn after them):
    the filters on the first screen of a projector, every page one click away. A section of one page named as
    the page (Tổng quan, Dữ liệu) has a rule, not a heading that says the link's name again. `st.navigation` runs
    with `position="hidden"`; a link to the page on screen is marked as such by Streamlit."""
    with st.sidebar.container(key=MENU_KEY, gap=None):
        st.html(MENU_CSS)
        for section, entries in pages.items():
            shown = [page for page in entries if page.visibility != "hidden"]
            if [page.title for page in shown] != [section]:
                st.html(f'<p class="dp-menu-section">{escape(section)}</p>')
            else:
                st.html('<div class="dp-menu-rule"></div>')
            for page in shown:
                st.page_link(page, label=page.title, icon=page.icon)
