"""Every page of the app: its file in pages/, title, Material icon and URL, written once for the
menu, the login gate, the links between pages and the tests.

Pages are registered by absolute path: the app's main script (router/main.py) does not sit beside
pages/ (see app.py), so a path relative to it would not find them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
