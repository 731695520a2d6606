"""Download buttons whose file is built, and audited, only for a session that still holds.

Streamlit builds a download's file when its button is clicked (`st.download_button(data=callable)`),
on a thread without the script run, so the login check of a page run does not happen then. The
data function made here takes the visitor's session when the button is drawn and checks it again
at the click: expired, logged out, changed (password reset) or removed accounts get nothing, and the
attempt is written to the audit log; an allowed download is audited with its file name. The built
file is then served at a `/media/…` address that Streamlit does not tie to any session (it lives in
the websocket, not a cookie), so it is dropped a minute later (`download_link_seconds`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import streamlit as st

from auth import audit
from auth.session import SESSION_KEY, LoginSession, access_open, allowed_units, session_problem
from auth.users import users_exist
from queries.scope import restricted_to
from settings import Settings, settings

FileData = bytes | str
# `on_click` of every download button: the click does not rerun the page. Each run draws the button with a
# new file function and drops the last run's as it ends, so a rerun that ends before the browser asks for
# the file (a busy server) left the click with nothing (Streamlit: "Deferred file … not found"). A session
# that ended meanwhile gets the message under the button (`vietnamese_download_errors`).
NO_RERUN = "ignore"


class DownloadRefused(Exception):
    """No file is handed out: the session that drew the button no longer holds, or building the file
    failed (logged under an id)."""


def _refusal(cfg: Settings, session: object, was_open: bool) -> str | None:
    if was_open:  # drawn while access control was off: only while it still is
        return "đã bật kiểm soát truy cập, cần đăng nhập" if users_exist(cfg) else None
    if not isinstance(session, LoginSession):
        return "chưa đăng nhập"
    problem = session_problem(cfg, session, time.time())
    if problem is None:
        session.last_seen = time.time()  # a download is activity
    return problem


def guarded(build: Callable[[], FileData], file_name: str) -> Callable[[], FileData]:
    """`data=` of a download button: `build()` run at the click, restricted to the visitor's units,
    only if the session taken now still holds then; audited either way."""
    cfg = settings()
    session = st.session_state.get(SESSION_KEY)
    was_open = access_open()
    allowed = allowed_units()
    username = session.username if isinstance(session, LoginSession) else ""

    def build_checked() -> FileData:
        refusal = _refusal(cfg, session, was_open)
        if refusal is not None:
            audit.record(cfg, username, audit.DOWNLOAD_REFUSED, file_name, refusal)
            raise DownloadRefused(refusal)
        audit.record(cfg, username, audit.DOWNLOAD, file_name)
        try:
            with restricted_to(allowed):
                data = build()
        except Exception as exc:  # logged under an id; the page says the download failed, in Vietnamese
            error_id = audit.incident(exc, f"tải xuống {file_name}", username, cfg)
            raise DownloadRefused(f"mã lỗi {error_id}") from None
        drop_built_files_later(cfg.download_link_seconds)
        return data

    return build_checked


def drop_built_files_later(seconds: float) -> None:
    """Remove, after `seconds`, the built downloads no session refers to (this one among them).

    Streamlit keeps a built file until two script runs have finished after it; on a quiet server
    that is as long as the session lives, and its address works without any cookie.
    """
    from streamlit import runtime

    if not runtime.exists():
        return
    manager = runtime.get_instance().media_file_mgr

    def sweep() -> None:
        manager.remove_orphaned_files()  # marks the unreferenced downloads...
        manager.remove_orphaned_files()  # ...and deletes them

    timer = threading.Timer(seconds, sweep)
    timer.daemon = True
    timer.start()


ERROR_CSS = """<style>
[data-testid="stDownloadButtonError"] { font-size: 0; }
[data-testid="stDownloadButtonError"]::after {
  content: "Không tải được tệp. Nếu phiên làm việc đã hết hạn hoặc tài khoản đã thay đổi, hãy tải lại trang và đăng nhập lại.";
  font-size: 0.875rem; }
</style>"""


def vietnamese_download_errors() -> None:
    """Streamlit says a refused download failed in English, under the button: say it in Vietnamese."""
    st.html(ERROR_CSS)
