"""A download's file is built at the click only for a session that still holds, and every download
is audited; every page asks an ended session to log in again. The real app under AppTest, its download
buttons' data functions called as Streamlit's server calls them (`MediaFileManager.execute_deferred`)
when the browser asks for the file."""

from __future__ import annotations

import pytest
from streamlit.runtime.media_file_storage import MediaFileStorageError

from auth import audit
from auth.session import SESSION_KEY
from auth.users import remove_user, set_password
from tests.support.auth_fixtures import PAGE_FILES, add_accounts, audit_rows, errors, log_in_again_on, login
from tests.support.page_support import open_tables


@pytest.fixture
def accounts(sample_env):
    add_accounts(sample_env)
    return sample_env


def actions(cfg) -> list[tuple[str, str, str]]:
    return [row[:3] for row in audit_rows(cfg) if row[1] in (audit.DOWNLOAD, audit.DOWNLOAD_REFUSED)]


def template_page(username: str):
    at = login(username)
    at.switch_page("pages/data.py").run()
    assert not at.exception, errors(at)
    return at


def test_a_download_is_built_and_audited_while_the_session_holds(accounts, fetch):
    at = template_page("phohoa")
    button = at.download_button(key="mau_tai")
    assert fetch(button)[:2] == b"PK"
    assert actions(accounts) == [("phohoa", audit.DOWNLOAD, fetch.file_name(button))]


def _expire(at, cfg) -> None:
    at.session_state[SESSION_KEY].last_seen -= cfg.session_minutes * 60 + 1


def _reset_password(at, cfg) -> None:
    set_password(cfg, "phohoa", "mat-khau-moi-khac-2")


def _remove(at, cfg) -> None:
    remove_user(cfg, "phohoa")


def _log_out(at, cfg) -> None:
    at.sidebar.button(key="dang_xuat").click().run()


@pytest.mark.parametrize("end", [_expire, _reset_password, _remove, _log_out], ids=lambda f: f.__name__[1:])
def test_a_session_that_ended_gets_no_file_and_the_attempt_is_audited(accounts, fetch, end):
    at = template_page("phohoa")
    button = at.download_button(key="mau_tai")
    end(at, accounts)
    with pytest.raises(MediaFileStorageError, match="Callable execution failed"):
        fetch(button)
    [(username, action, target)] = actions(accounts)
    assert (username, action, target) == ("phohoa", audit.DOWNLOAD_REFUSED, fetch.file_name(button))


def test_every_page_asks_an_ended_session_to_log_in_and_refuses_its_downloads(accounts, fetch):
    """One visit per page as the administrator, who sees every page and button: an hour away, the page asks
    for nothing but the login form (audited as an ended session) and shows itself once logged in again; then
    each of its download buttons, the report's HTML and PDF included, builds its file, audited by name, while
    the session holds, and refuses it, audited, once the session ended. No button's click reruns the page
    (auth.downloads.NO_RERUN)."""
    at = login("quantri")
    seen = 0
    for url_path, page in PAGE_FILES.items():
        log_in_again_on(at, page, accounts, "quantri")
        open_tables(at)
        assert not at.exception, (url_path, errors(at))
        buttons = [(button, fetch.file_name(button)) for button in at.download_button]
        for button, name in buttons:
            # no rerun at the click: a run ending before the browser asks for the file would drop its function
            assert button.proto.ignore_rerun, (url_path, name)
            assert fetch(button), (url_path, name)
            assert actions(accounts)[-1] == ("quantri", audit.DOWNLOAD, name), (url_path, name)
        _expire(at, accounts)
        for button, name in buttons:
            with pytest.raises(MediaFileStorageError):
                fetch(button)
            assert actions(accounts)[-1] == ("quantri", audit.DOWNLOAD_REFUSED, name), (url_path, name)
        seen += len(buttons)
    assert [row[1] for row in audit_rows(accounts)].count(audit.SESSION_EXPIRED) == len(PAGE_FILES)
    names = {name for _, _, name in actions(accounts)}
    for kind in ("bao-cao-hop_", "bieu-mau_", "nhat-ky-truy-cap."):  # report, template, audit log
        assert any(name.startswith(kind) for name in names), (kind, names)
    assert seen >= 10
