"""What an attacker tries, in Chromium against a real server: lock the administrator out from
elsewhere, reuse a download link, upload at the size limit, read Streamlit's own endpoints."""

from __future__ import annotations

import shutil
import socket
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support import ROOT
from tests.support.auth_fixtures import PASSWORD, add_accounts
from tests.support.browser import exceptions, screenshot, streamlit_server, wait_idle

LINK_SECONDS = 3
STRANGER, OFFICE = "203.0.113.9", "198.51.100.7"
MIB = 2**20


@pytest.fixture(scope="module")
def server(sample_var, tmp_path_factory):
    """The app with accounts, download links that live LINK_SECONDS; behind a proxy of its own machine (the
    browser sends X-Forwarded-For, which uvicorn trusts from 127.0.0.1 only)."""
    var_dir = tmp_path_factory.mktemp("security") / "var"
    shutil.copytree(sample_var, var_dir, symlinks=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DP_VAR_DIR", str(var_dir))
        for name in ("DP_DB", "DP_ARCHIVE", "DP_AUTH_DB"):
            mp.delenv(name, raising=False)
        from settings import settings

        add_accounts(settings())
    with streamlit_server(var_dir, {"DP_DOWNLOAD_LINK_SECONDS": str(LINK_SECONDS)}) as url:
        yield url


def visitor(browser, address: str):
    """A browser of its own (cookies included), coming from `address` through the proxy."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="vi-VN", accept_downloads=True,
                                  extra_http_headers={"X-Forwarded-For": address})
    return context.new_page()


def alerts(page) -> str:
    """The login form's messages (a page's own banners aside)."""
    return " ".join(t for t in page.locator('[data-testid="stAlert"]').all_inner_texts()
                    if "đăng nhập" in t.lower() or t.startswith("Máy này"))


def log_in(page, url: str, username: str, password: str) -> str:
    """Submit the login form; what the page then says (an error, or '' once logged in)."""
    if page.get_by_label("Tên đăng nhập").count() == 0:
        page.goto(url)
    page.get_by_label("Tên đăng nhập").wait_for(timeout=120_000)
    wait_idle(page, 120)
    before = alerts(page)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # the answer to this submission: a new message, or the logged-in page
        if page.locator('[data-testid="stSidebar"]').get_by_text("Đăng xuất").count():
            wait_idle(page, 120)
            return ""
        said = alerts(page)
        if said and said != before:
            return said
        time.sleep(0.2)
    raise TimeoutError(f"no answer to the login of {username}")


def _open_from_the_menu(page, name: str, text: str) -> None:
    page.locator(".st-key-menu").get_by_role("link", name=name, exact=True).click()
    page.locator('[data-testid="stMain"]').get_by_text(text, exact=True).first.wait_for(timeout=120_000)
    wait_idle(page, 60)


@pytest.fixture(scope="module")
def officer(server, browser):
    """Phổ Hòa's officer, logged in from the office once for the tests of this module, at the link of Dữ liệu
    (the login, then the page the link names; a new URL afterwards would be a new session, logged out)."""
    page = visitor(browser, OFFICE)
    assert log_in(page, f"{server}/du-lieu", "phohoa", PASSWORD) == ""
    page.get_by_text("Nạp báo cáo của đơn vị").wait_for(timeout=120_000)
    wait_idle(page, 60)
    yield page
    page.context.close()


@pytest.fixture
def officer_on_data_page(officer):
    """The officer's page on Dữ liệu with an empty uploader (a file an earlier test chose is let go by leaving the
    page from the menu and coming back: its uploader starts empty)."""
    if officer.locator('[data-testid="stFileChip"]').count():
        _open_from_the_menu(officer, "Cảnh báo", "Cảnh báo")
        _open_from_the_menu(officer, "Dữ liệu", "Nạp báo cáo của đơn vị")
    assert "Nạp báo cáo của đơn vị" in officer.locator('[data-testid="stMain"]').inner_text()
    return officer


def test_a_stranger_cannot_lock_the_administrator_out(server, browser):
    stranger = visitor(browser, STRANGER)
    said = [log_in(stranger, server, "quantri", f"doan-mo-{i}-mat-khau") for i in range(6)]
    assert "đăng nhập bị tạm khóa 1 phút" in said[4] and "Đăng nhập đang tạm khóa" in said[5]
    stranger.context.close()
    admin = visitor(browser, OFFICE)
    assert log_in(admin, server, "quantri", PASSWORD) == ""  # from the office, at once
    assert exceptions(admin) == []
    admin.context.close()


def test_a_download_link_stops_working_soon_after_the_file_was_built(officer_on_data_page):
    page = officer_on_data_page
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Tải biểu mẫu Excel").click()
    link = download.value.url
    assert "/media/" in link and Path(download.value.path()).read_bytes()[:2] == b"PK"
    time.sleep(LINK_SECONDS + 2)
    with pytest.raises(urllib.error.HTTPError) as gone:
        urllib.request.urlopen(link, timeout=10)  # no cookie, no session: as anyone holding the link
    assert gone.value.code == 404


def _choose(page, folder: Path, name: str, size: int) -> None:
    """Put a file of `size` bytes (not a spreadsheet) in the uploader, from disk as a person picks it: Chromium
    reads the file itself (a buffer would cross the driver's pipe as base64, a minute of CPU for 45 MiB)."""
    path = folder / name
    path.write_bytes(b"x" * size)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(path)


def _uploaded(page, folder: Path, name: str, size: int) -> str:
    """Upload a file of `size` bytes (not a spreadsheet) and press Nạp; what the page says about it."""
    _choose(page, folder, name, size)
    button = page.get_by_role("button", name="Nạp dữ liệu")
    page.wait_for_function("b => !b.disabled", arg=button.element_handle(), timeout=120_000)
    button.click()
    page.wait_for_function("name => document.querySelector('[data-testid=\"stMain\"]').innerText.includes(name + ':')",
                           arg=name, timeout=120_000)  # this file's result (an earlier one's may still show)
    wait_idle(page, 60)
    return page.locator('[data-testid="stMain"]').inner_text()


def test_the_web_takes_what_the_cli_takes_up_to_20_mib_and_says_why_in_vietnamese(officer_on_data_page, tmp_path):
    page = officer_on_data_page
    said = _uploaded(page, tmp_path, "dung-20-mib.xlsx", 20 * MIB)  # the limit itself: read, then refused for its content
    assert "dung-20-mib.xlsx: bị từ chối" in said and "không phải bảng tính" in said and "vượt giới hạn" not in said
    said = _uploaded(page, tmp_path, "qua-20-mib.xlsx", 20 * MIB + 1)
    assert "qua-20-mib.xlsx: bị từ chối" in said
    assert "Tệp nặng 20 MB, vượt giới hạn 20 MB cho mỗi tệp (DP_MAX_UPLOAD_MB)" in said
    screenshot(page, "upload-size-limit")


def test_the_uploaders_own_refusal_of_a_larger_file_reads_in_vietnamese(officer_on_data_page, tmp_path):
    page = officer_on_data_page
    _choose(page, tmp_path, "rat-lon.xlsx", 25 * MIB)
    wait_idle(page, 30)
    page.locator('[data-testid="stFileChip"]').hover()  # the uploader tells why in a tooltip
    tooltip = page.locator('[data-testid="stTooltipErrorContent"]')
    tooltip.wait_for(timeout=30_000)
    own, drawn = tooltip.evaluate("e => [getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content]")
    assert own == "0px"  # Streamlit's English drawn at size 0
    assert drawn == '"Không nhận tệp này: chỉ nhận tệp XLSX, XLSM, XLS, ODS, tối đa 20 MB mỗi tệp"', drawn
    screenshot(page, "upload-too-large")


def _reachable(address: str, port: int) -> bool:
    try:
        with socket.create_connection((address, port), timeout=3):
            return True
    except OSError:
        return False


def _outside_address() -> str | None:
    """This machine's address on its network (not loopback), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: only the route is chosen
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_streamlits_own_endpoints_answer_on_this_machine_only(sample_var, tmp_path):
    """Streamlit cannot switch `/_stcore/metrics` or `/_stcore/host-config` off: with the shipped config the
    server listens on localhost only, and README's reverse-proxy rule keeps them from the network."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "localhost"
    outside = _outside_address()
    if outside is None:  # a machine with loopback only: nothing outside to ask from (the config is checked above)
        pytest.skip("this machine has no network address to try from")
    var_dir = tmp_path / "var"
    shutil.copytree(sample_var, var_dir, symlinks=True)
    with streamlit_server(var_dir, address=None) as url:  # the address of .streamlit/config.toml
        port = int(url.rsplit(":", 1)[1])
        with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=10) as response:
            assert response.status == 200  # there, on this machine
        assert _reachable("127.0.0.1", port) and not _reachable(outside, port)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "location ^~ /_stcore/metrics" in readme and "deny all;" in readme
