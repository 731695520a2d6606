"""The app's side of access control: the login page, session expiry, the account box, the gate.

The logged-in account lives in `st.session_state` on the server, as a `LoginSession` object that
only the login form creates (no widget value or URL can produce one), and is re-read from the
user table on every run: a removed account or a reset password ends its open sessions.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from auth import audit
from auth.login import LOCAL_CLIENT, LoginRefused, authenticate
from auth.model import User
from auth.users import active_user, users_exist
from core.wording import as_typed
from settings import Settings, settings

SESSION_KEY = "_auth_session"
NOTICE_KEY = "_auth_notice"
OPEN_KEY = "_auth_open"  # set by gate() each run: True only while no account exists
OPEN_BANNER = "Chưa bật kiểm soát truy cập — chỉ dùng trên máy này (localhost)"
LOOPBACK = ("localhost", "127.0.0.1", "::1")
LOGIN_KEPT = ("Đăng nhập chỉ giữ trong thẻ trình duyệt này: tải lại trang (F5), mở thẻ mới hoặc một đường dẫn đã lưu "
              "thì cần đăng nhập lại. Trong cuộc họp, hãy chuyển trang bằng thanh bên.")  # the login is session state


@dataclass
class LoginSession:
    username: str
    credential: str  # digest of the password hash at login: a password reset ends the session
    last_seen: float
    user: User | None = None  # as read from the user table at this run's start
    ended: bool = False  # logged out or expired: a download drawn before must not outlive it


# why a session no longer holds (`session_problem`)
ENDED, EXPIRED, CHANGED = "đã đăng xuất", "phiên đã hết hạn", "tài khoản đã thay đổi hoặc bị xóa"


def _credential(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()


def session_problem(cfg: Settings, session: LoginSession, now: float, *, recheck: bool = True) -> str | None:
    """Why `session` no longer holds (ENDED, EXPIRED, CHANGED), or None; `session.user` is then
    the account as read now (re-read when `recheck` or not read yet)."""
    if session.ended:
        return ENDED
    if now - session.last_seen > cfg.session_minutes * 60:
        return EXPIRED
    if recheck or session.user is None:
        found = active_user(cfg, session.username)
        if found is None or _credential(found[1]) != session.credential:
            return CHANGED
        session.user = found[0]
    return None


def _end(notice: str | None = None) -> None:
    session = st.session_state.get(SESSION_KEY)
    if isinstance(session, LoginSession):
        session.ended = True  # downloads drawn for it, built later on another thread, see it
    st.session_state.clear()  # filters, upload reports: nothing stays for the next person
    if notice:
        st.session_state[NOTICE_KEY] = notice


def current_user(*, recheck: bool = False) -> User | None:
    """The logged-in user, or None; expires after `session_minutes` without a run.

    `recheck` re-reads the account (gate() does, once per run), so a removed account or a reset
    password ends the session at the next run; other calls in the run reuse that reading.
    """
    session = st.session_state.get(SESSION_KEY)
    if not isinstance(session, LoginSession):
        return None
    cfg = settings()
    now = time.time()
    problem = session_problem(cfg, session, now, recheck=recheck)
    if problem == EXPIRED:
        audit.record(cfg, session.username, audit.SESSION_EXPIRED)
        _end(f"Phiên làm việc đã hết hạn sau {cfg.session_minutes} phút không thao tác. Hãy đăng nhập lại.")
        return None
    if problem is not None:
        _end("Tài khoản đã thay đổi hoặc bị xóa. Hãy đăng nhập lại.")
        return None
    session.last_seen = now
    return session.user


def account_name() -> str:
    """The logged-in account for the audit log, without touching the session's clock."""
    session = st.session_state.get(SESSION_KEY)
    return session.username if isinstance(session, LoginSession) else ""


def access_open() -> bool:
    """Access control is off: as gate() found this run, or (outside a script run, e.g. a deferred
    download on another thread, where there is no session) as the account file says now."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return not users_exist(settings())
    return st.session_state.get(OPEN_KEY) is True


def allowed_units() -> tuple[str, ...] | None:
    """Unit ids the visitor may see: None = all (administrator, Thường trực, or access control
    off); () = nothing. Derived on the server from the session, never from a widget; outside
    a script run there is no session, so nothing unless access control is off."""
    user = current_user() if get_script_run_ctx(suppress_warning=True) else None
    if user is not None:
        return user.allowed_units
    return None if access_open() else ()


def may_load() -> bool:
    """Whether this visitor may load workbooks (anyone while access control is off)."""
    user = current_user() if get_script_run_ctx(suppress_warning=True) else None
    return user.can_load if user is not None else access_open()


def load_allowed() -> bool:
    """`may_load()`, saying politely why not when not."""
    if may_load():
        return True
    st.info("Tài khoản Thường trực xem và trích xuất số liệu; việc nạp báo cáo do cán bộ đơn vị "
            "và quản trị viên thực hiện.")
    return False


def require_admin() -> User:
    """The logged-in administrator; anyone else is stopped politely."""
    user = current_user()
    if user is None or not user.is_admin:
        st.info("Trang này chỉ dành cho quản trị viên.")
        st.stop()
    return user


def _logout() -> None:
    audit.record(settings(), account_name(), audit.LOGOUT)
    _end("Đã đăng xuất.")


def client_address() -> str:
    """The visitor's address as the server sees it (this machine when Streamlit reports none: it
    does so for loopback). uvicorn takes it from X-Forwarded-For only when the connection comes from
    a trusted proxy (`FORWARDED_ALLOW_IPS`, by default 127.0.0.1: a proxy on this machine)."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else LOCAL_CLIENT


def login_page() -> None:
    """The only page a visitor sees while not logged in."""
    st.title("Đăng nhập")
    st.caption("Theo dõi Đề án nâng cao năng lực TCCSĐ và chất lượng đảng viên — Thị ủy Đức Phổ")
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(notice)
    with st.form("dang_nhap", clear_on_submit=True):
        username = st.text_input("Tên đăng nhập", key="dang_nhap_ten", max_chars=64, autocomplete="username")
        password = st.text_input("Mật khẩu", type="password", key="dang_nhap_mat_khau", max_chars=1024,
                                 autocomplete="current-password")
        submitted = st.form_submit_button("Đăng nhập", type="primary")
    st.caption(LOGIN_KEPT)
    if not submitted:
        return
    cfg = settings()
    try:
        user = authenticate(cfg, username, password, client_address())
    except LoginRefused as refused:
        st.error(refused.message)
        return
    found = active_user(cfg, user.username)
    if found is None:  # removed between the check and now
        st.error("Tài khoản không còn hoạt động.")
        return
    _end()
    st.session_state[SESSION_KEY] = LoginSession(user.username, _credential(found[1]), time.time())
    st.rerun()


def account_line(user: User) -> str:
    """The sidebar's line of who is logged in, the name shown as typed (no Markdown: emphasis, a link, an image)."""
    return f":material/person: **{as_typed(user.full_name or user.username)}** · {user.role}"


def account_box(user: User) -> None:
    with st.sidebar:
        st.markdown(account_line(user))
        st.button("Đăng xuất", key="dang_xuat", on_click=_logout, icon=":material/logout:")


def _exposed() -> bool:
    address = st.get_option("server.address")
    return address is not None and address not in LOOPBACK


def _login_pages(pages: Mapping[str, Sequence[st.Page]]) -> list[st.Page]:
    """The login form under every page's URL: a bookmark opens the login, then its own page."""
    # `Page.url_path` is "" for the default page only; a page's hash comes from its URL, so after
    # the login the page of the same URL opens
    return [st.Page(login_page, title="Đăng nhập", icon=":material/login:", default=not page.url_path,
                    url_path=page.url_path or None)
            for section in pages.values() for page in section]


def gate(pages: Mapping[str, Sequence[st.Page]]) -> User | None:
    """Call in the main script before `st.navigation(pages)`. With no users: a banner, returns None. With
    users: the logged-in user (and the account box), or only the login form, then the run stops."""
    st.session_state[OPEN_KEY] = not users_exist(settings())
    if st.session_state[OPEN_KEY]:
        st.warning(OPEN_BANNER, icon=":material/lock_open:")
        if _exposed():
            st.error("Máy chủ đang mở ra mạng mà chưa có người dùng nào. Hãy tạo quản trị viên: "
                     "`python -m etl users add admin --role quan-tri`.")
        return None
    user = current_user(recheck=True)
    if user is None:
        st.navigation(_login_pages(pages), position="hidden").run()
        st.stop()
    account_box(user)
    return user
