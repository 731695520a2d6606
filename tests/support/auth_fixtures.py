"""Accounts for the access-control tests, and the real app driven through its login form."""

from __future__ import annotations

import sqlite3

from streamlit.testing.v1 import AppTest

from auth.model import ADMIN, COMMITTEE, UNIT_OFFICER
from auth.session import SESSION_KEY
from auth.users import add_user
from settings import Settings
from tests.support.page_support import app_test
from ui.navigation import ADMIN_SECTIONS, SECTIONS, all_specs

PASSWORD = "mat-khau-du-dai-1"
ACCOUNTS = {
    "quantri": (ADMIN, ()),
    "thuongtruc": (COMMITTEE, ()),
    "phohoa": (UNIT_OFFICER, ("21469-2015", "21439-2025")),
}
# every page the app registers, by url_path (from its one list, so a new page is covered at once)
PAGE_FILES = {spec.url_path: f"pages/{spec.file}" for spec in all_specs(SECTIONS | ADMIN_SECTIONS)}
assert {"tong-quan", "du-lieu", "quan-tri"} <= set(PAGE_FILES), PAGE_FILES
BANNER = "Chưa bật kiểm soát truy cập — chỉ dùng trên máy này (localhost)"
EXPIRED = "Phiên làm việc đã hết hạn sau 60 phút không thao tác. Hãy đăng nhập lại."


def add_accounts(cfg: Settings, *names: str) -> None:
    """Create the named accounts of ACCOUNTS (all of them by default) with PASSWORD."""
    for name in names or ACCOUNTS:
        role, units = ACCOUNTS[name]
        add_user(cfg, name, PASSWORD, role, units, full_name=f"Tài khoản {name}")


def audit_rows(cfg: Settings) -> list[tuple[str, str, str, str]]:
    """(username, action, target, detail) in the order written."""
    with sqlite3.connect(cfg.auth_db) as con:
        return con.execute("SELECT username, action, target, detail FROM audit ORDER BY id").fetchall()


def new_app() -> AppTest:
    at = app_test(180)
    at.run()
    return at


def login(username: str, password: str = PASSWORD) -> AppTest:
    """A fresh session of the real app, logged in through the form as a user would."""
    at = new_app()
    return submit_login(at, username, password)


def submit_login(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="dang_nhap_ten").input(username)
    at.text_input(key="dang_nhap_mat_khau").input(password)
    at.button[0].click().run()
    return at


def infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def logged_out(at: AppTest) -> bool:
    return "dang_nhap_ten" in [t.key for t in at.text_input]


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.exception]


def only_login_form(at: AppTest) -> list[str]:
    """What, besides the login form, a logged-out run shows (empty when nothing)."""
    found = []
    if [t.value for t in at.title] != ["Đăng nhập"]:
        found.append(f"titles {[t.value for t in at.title]}")
    for kind in ("dataframe", "table", "plotly_chart", "metric", "download_button", "file_uploader",
                 "selectbox", "multiselect", "radio", "expander", "tabs"):
        if at.get(kind):
            found.append(f"{len(at.get(kind))} {kind}")
    if at.sidebar.children:
        found.append("sidebar content")
    widgets = sorted(w.key for w in at.text_input)
    if widgets != ["dang_nhap_mat_khau", "dang_nhap_ten"]:
        found.append(f"text inputs {widgets}")
    return found + errors(at)


def log_in_again_on(at: AppTest, page: str, cfg: Settings, username: str) -> AppTest:
    """`page` asked for by a session away longer than session_minutes: nothing but the login form, saying why;
    logged in again, the session lands on the page it asked for."""
    at.switch_page(page)
    at.session_state[SESSION_KEY].last_seen -= cfg.session_minutes * 60 + 1
    at.run()
    assert only_login_form(at) == [], page
    assert infos(at) == [EXPIRED], page
    submit_login(at, username, PASSWORD)
    assert not at.exception, (page, errors(at))
    assert not logged_out(at) and at.session_state["current_filters"], page
    return at
