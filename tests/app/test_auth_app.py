"""The login gate on the real app.py under AppTest: real SQLite accounts, the real sample DuckDB."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from auth import audit
from auth.session import LOGIN_KEPT, SESSION_KEY
from auth.users import LoginRefused, authenticate, set_password
from settings import SAMPLES_DIR
from tests.support.auth_fixtures import (
    ACCOUNTS,
    BANNER,
    PAGE_FILES,
    PASSWORD,
    add_accounts,
    audit_rows,
    errors,
    infos,
    logged_out,
    login,
    new_app,
    only_login_form,
    submit_login,
)
from tests.support.page_support import open_tables


@pytest.fixture
def accounts(sample_env):
    add_accounts(sample_env)
    return sample_env


def test_without_users_every_page_works_under_the_banner(every_page_run):
    assert set(every_page_run.drawn) == set(PAGE_FILES.values()) - {PAGE_FILES["quan-tri"]}
    for page, drawn in every_page_run.drawn.items():
        assert not drawn.exception, (page, [e.value for e in drawn.exception])
        assert BANNER in [w.value for w in drawn.warning], page
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        every_page_run.session.switch_page(PAGE_FILES["quan-tri"])  # no administration without accounts
    assert every_page_run.drawn["pages/data.py"].file_uploader, "anyone on this machine may load while access control is off"
    assert not every_page_run.cfg.auth_db.exists()  # browsing creates no account file


def test_logged_out_sessions_reach_only_the_login_form_under_every_url(accounts):
    """What an ended session sees on each page, and where it lands once logged in again, is checked with the
    downloads of that page (test_auth_downloads.py: one visit per page)."""
    at = new_app()
    assert only_login_form(at) == []
    assert BANNER not in [w.value for w in at.warning]
    assert LOGIN_KEPT in [c.value for c in at.caption]  # a reload logs out: the form says so (README)
    for page in PAGE_FILES.values():
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)  # nothing but the login form is registered, under every URL


def test_session_minutes_come_from_the_environment(accounts, monkeypatch):
    monkeypatch.setenv("DP_SESSION_MINUTES", "5")
    at = login("thuongtruc")
    at.session_state[SESSION_KEY].last_seen -= 4 * 60
    at.run()
    assert not logged_out(at)  # each run refreshes the clock
    at.session_state[SESSION_KEY].last_seen -= 5 * 60 + 1
    at.run()
    assert only_login_form(at) == []
    assert infos(at) == ["Phiên làm việc đã hết hạn sau 5 phút không thao tác. Hãy đăng nhập lại."]


@pytest.mark.parametrize("username", list(ACCOUNTS))
def test_each_role_logs_in_to_its_pages(accounts, username):
    role, _units = ACCOUNTS[username]
    at = login(username)
    assert not at.exception, errors(at)
    assert not logged_out(at)
    assert f":material/person: **Tài khoản {username}** · {role}" in [m.value for m in at.sidebar.markdown]
    assert at.sidebar.multiselect(key="don_vi")  # the shared filters are back
    at.switch_page("pages/data.py").run()
    assert not at.exception, errors(at)
    assert "nguoi_nap" not in [t.key for t in at.text_input]  # the loader is the account, not a typed name
    if username == "thuongtruc":
        assert not at.file_uploader and "nap_du_lieu" not in [b.key for b in at.button]
        assert ("Tài khoản Thường trực xem và trích xuất số liệu; việc nạp báo cáo do cán bộ đơn vị và quản trị "
                "viên thực hiện.") in infos(at)
        assert at.download_button  # it still sees and exports
    else:
        assert len(at.file_uploader) == 1
    if username == "quantri":
        at.switch_page("pages/admin.py").run()
        assert not at.exception and at.title[0].value == "Quản trị"
    else:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page("pages/admin.py")


def test_wrong_passwords_are_refused_then_locked_in_the_form(accounts):
    at = new_app()
    submit_login(at, "quantri", "sai-mat-khau-x")
    assert [e.value for e in at.error] == [
        "Tên đăng nhập hoặc mật khẩu không đúng. Còn 4 lần thử trước khi đăng nhập bị tạm khóa."]
    for _ in range(4):
        submit_login(at, "quantri", "sai-mat-khau-x")
    assert at.error[0].value.startswith("Tên đăng nhập hoặc mật khẩu không đúng. Đã nhập sai 5 lần liên tiếp: "
                                        "đăng nhập bị tạm khóa 1 phút, hãy thử lại sau ")
    submit_login(at, "quantri", PASSWORD)
    assert at.error[0].value.startswith("Đăng nhập đang tạm khóa do nhập sai nhiều lần. Hãy thử lại sau ")
    assert only_login_form(at) == []


def test_removing_an_account_or_resetting_its_password_ends_its_open_session(accounts):
    at = login("thuongtruc")
    set_password(accounts, "thuongtruc", "mat-khau-moi-2")
    at.run()
    assert only_login_form(at) == []
    assert infos(at) == ["Tài khoản đã thay đổi hoặc bị xóa. Hãy đăng nhập lại."]


def personal_values(cfg) -> tuple[set[str], set[str]]:
    """Every cadre name and birth year held in the sample database."""
    with duckdb.connect(str(cfg.db_path), read_only=True) as con:
        names = {r[0] for r in con.execute("SELECT DISTINCT full_name FROM cadres").fetchall()}
        years = {str(r[0]) for r in con.execute("SELECT DISTINCT birth_year FROM cadres WHERE birth_year IS NOT NULL")
                 .fetchall()}
    return names, years


def test_login_load_download_and_logout_are_audited_without_personal_values(accounts, fetch):
    at = login("phohoa")
    at.switch_page("pages/data.py").run()
    sample = SAMPLES_DIR / "mau_2024_21469_pho_hoa.xlsx"
    at.file_uploader[0].upload(sample.name, sample.read_bytes()).run()
    at.button(key="nap_du_lieu").click().run()
    assert not at.exception, errors(at)
    assert not at.success
    assert (r"mau\_2024\_21469\_pho\_hoa\.xlsx\: Phường Phổ Hòa năm 2024 đã có đúng tệp này, không thay đổi gì"
            in [i.value for i in at.info])
    downloads = [b for b in open_tables(at).download_button if b.key.startswith("csv_extract_")]
    assert downloads, [b.key for b in at.download_button]
    fetch(downloads[0])  # the browser asks for the file: it is built, and audited, then
    downloads[0].click().run()
    assert not at.exception, errors(at)
    fetch(at.download_button(key="mau_tai"))
    at.download_button(key="mau_tai").click().run()
    assert not at.exception, errors(at)
    assert len(at.file_uploader) == 1  # the page is as before the download
    at.sidebar.button(key="dang_xuat").click().run()
    assert only_login_form(at) == []
    assert infos(at) == ["Đã đăng xuất."]

    rows = [row for row in audit_rows(accounts) if row[1] != audit.USER_ADDED]
    assert [row[:2] for row in rows] == [("phohoa", audit.LOGIN), ("phohoa", audit.LOAD), ("phohoa", audit.DOWNLOAD),
                                         ("phohoa", audit.DOWNLOAD), ("phohoa", audit.LOGOUT)]
    assert rows[1][2:] == (sample.name, "21469-2015, năm 2024: không đổi")
    assert rows[2][2].endswith(".csv") and rows[3][2].startswith("bieu-mau_") and rows[3][2].endswith(".xlsx")
    written = " ".join(" ".join(row) for row in audit_rows(accounts))
    names, birth_years = personal_values(accounts)
    assert names and not [n for n in names if n in written]
    assert not set(written.replace(",", " ").replace("_", " ").split()) & birth_years


def test_the_admin_page_manages_accounts_and_exports_the_audit_log(accounts, fetch):
    at = login("quantri")
    at.switch_page("pages/admin.py").run()
    assert list(at.dataframe[0].value["Tên đăng nhập"]) == ["phohoa", "quantri", "thuongtruc"]

    at.text_input(key="tnd_ten").input("sahuynh")
    at.selectbox(key="tnd_vai_tro").set_value("đơn vị")
    at.multiselect(key="tnd_don_vi").set_value(["21478-2025"])
    at.text_input(key="tnd_mat_khau").input(PASSWORD)
    at.text_input(key="tnd_nhap_lai").input(PASSWORD)
    next(b for b in at.button if b.label == "Thêm người dùng").click().run()
    assert not at.exception, errors(at)
    assert [s.value for s in at.success] == ["Đã thêm người dùng sahuynh (đơn vị)."]
    assert "sahuynh" in list(at.dataframe[0].value["Tên đăng nhập"])
    assert authenticate(accounts, "sahuynh", PASSWORD).allowed_units == ("21478-2025",)

    at.selectbox(key="dlmk_ten").set_value("sahuynh")
    at.text_input(key="dlmk_mat_khau").input("mat-khau-moi-2")
    at.text_input(key="dlmk_nhap_lai").input("mat-khau-moi-3")
    next(b for b in at.button if b.label == "Đặt lại mật khẩu").click().run()
    assert [e.value for e in at.error] == ["Chưa đặt lại được: hai lần nhập mật khẩu không khớp"]
    at.selectbox(key="dlmk_ten").set_value("sahuynh")
    at.text_input(key="dlmk_mat_khau").input("mat-khau-moi-2")
    at.text_input(key="dlmk_nhap_lai").input("mat-khau-moi-2")
    next(b for b in at.button if b.label == "Đặt lại mật khẩu").click().run()
    assert authenticate(accounts, "sahuynh", "mat-khau-moi-2").username == "sahuynh"

    at.selectbox(key="xnd_ten").set_value("sahuynh")
    at.checkbox(key="xnd_xac_nhan").check()
    next(b for b in at.button if b.label == "Xóa người dùng").click().run()
    assert [s.value for s in at.success] == ["Đã xóa người dùng sahuynh."]
    assert list(at.dataframe[0].value["Tên đăng nhập"]) == ["phohoa", "quantri", "thuongtruc"]
    assert "quantri" not in at.selectbox(key="xnd_ten").options  # nobody removes themselves here

    log = next(e for e in at.expander if e.label == "Bảng số liệu: Nhật ký truy cập").dataframe[0].value
    assert list(log.columns) == ["Thời điểm", "Người dùng", "Thao tác", "Đối tượng", "Chi tiết"]
    rows = list(zip(log["Người dùng"], log["Thao tác"], log["Đối tượng"], strict=True))
    assert [row for row in rows if row[0] == "quantri" and row[1] != audit.LOGIN] == [
        ("quantri", audit.USER_REMOVED, "sahuynh"), ("quantri", audit.PASSWORD_SET, "sahuynh"),
        ("quantri", audit.USER_ADDED, "sahuynh")]
    assert fetch(at.download_button(key="csv_nhat_ky")).startswith("\ufeffThời điểm".encode())
    at.download_button(key="csv_nhat_ky").click().run()
    assert not at.exception, errors(at)
    assert audit_rows(accounts)[-1] == ("quantri", audit.DOWNLOAD, "nhat-ky-truy-cap.csv", "")


def test_the_admin_page_shows_a_user_s_name_as_typed(accounts):
    """`an.__ba__.c` is a valid name; as Markdown it would read `an.` + bold `ba` + `.c`. A name refused is named
    as typed too (the upload page's report shows file names by the same rule: tests/browser, the upload test)."""
    at = login("quantri")
    at.switch_page("pages/admin.py").run()
    for _ in range(2):  # added, then refused as already there
        at.text_input(key="tnd_ten").input("an.__ba__.c")
        at.selectbox(key="tnd_vai_tro").set_value("thường trực")
        at.text_input(key="tnd_mat_khau").input(PASSWORD)
        at.text_input(key="tnd_nhap_lai").input(PASSWORD)
        next(b for b in at.button if b.label == "Thêm người dùng").click().run()
    assert not at.exception, errors(at)
    assert [e.value for e in at.error] == [r"Chưa thêm được: đã có người dùng «an\.\_\_ba\_\_\.c»"]
    at.text_input(key="tnd_ten").input("1. *a*_b_[x](y) &amp; :material/home:")  # refused, and named as typed
    next(b for b in at.button if b.label == "Thêm người dùng").click().run()
    assert at.error[0].value.startswith(
        r"Chưa thêm được: tên đăng nhập «1\. \*a\*\_b\_\[x\]\(y\) \&amp; \:material\/home\:» không hợp lệ")
    at.selectbox(key="xnd_ten").set_value("an.__ba__.c")
    at.checkbox(key="xnd_xac_nhan").check()
    next(b for b in at.button if b.label == "Xóa người dùng").click().run()
    assert [s.value for s in at.success] == [r"Đã xóa người dùng an\.\_\_ba\_\_\.c."]


def test_the_admin_page_lifts_a_lock(accounts):
    for _ in range(5):  # someone elsewhere failed five times on this account
        with pytest.raises(LoginRefused):
            authenticate(accounts, "thuongtruc", "sai-mat-khau-x", "203.0.113.9")
    at = login("quantri")
    at.switch_page("pages/admin.py").run()
    states = dict(zip(at.dataframe[0].value["Tên đăng nhập"], at.dataframe[0].value["Trạng thái"], strict=True))
    assert states["thuongtruc"].startswith("tạm khóa đến ") and states["quantri"] == "hoạt động"
    at.selectbox(key="mk_ten").set_value("thuongtruc")
    next(b for b in at.button if b.label == "Mở khóa").click().run()
    assert not at.exception, errors(at)
    assert [s.value for s in at.success] == ["Đã mở khóa đăng nhập cho thuongtruc."]
    states = dict(zip(at.dataframe[0].value["Tên đăng nhập"], at.dataframe[0].value["Trạng thái"], strict=True))
    assert states["thuongtruc"] == "hoạt động"
    assert authenticate(accounts, "thuongtruc", PASSWORD, "203.0.113.9").username == "thuongtruc"
    assert ("quantri", audit.UNLOCKED, "thuongtruc", "") in audit_rows(accounts)


def _scope_probe() -> None:
    import streamlit as st

    from auth.session import allowed_units, current_user, may_load

    st.text(repr((current_user(), allowed_units(), may_load())))


def test_without_the_gate_scope_denies_everything_whatever_the_url_says(accounts):
    at = AppTest.from_function(_scope_probe, default_timeout=60)
    at.query_params.update({"_auth_open": "True", "_auth_session": "quantri", "don_vi": "21469-2015"})
    at.run()
    assert at.text[0].value == "(None, (), False)"


def test_outside_a_script_run_there_is_no_session_so_nothing_unless_access_control_is_off(sample_env):
    from auth.session import allowed_units, may_load

    assert (allowed_units(), may_load()) == (None, True)  # a deferred download on the local demo
    add_accounts(sample_env, "quantri")
    assert (allowed_units(), may_load()) == ((), False)
