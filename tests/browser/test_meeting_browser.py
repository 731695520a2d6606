"""The meeting room in a real browser: the HTML report offline, presentation mode, PNG downloads."""

from __future__ import annotations

import struct
import time

from playwright.sync_api import Browser, Page, expect

from database.db import cursor
from queries.report_data import meeting_data_for
from report.html import report_html
from tests.support.browser import exceptions, screenshot, wait_idle
from tests.support.slides import SLIDES, slide_title, wait_slide

PRESENT = "trinh-chieu"


def offline_page(browser: Browser, allowed: str) -> tuple[Page, list[str], list[str]]:
    """A page whose every request outside `allowed` (a URL prefix) is refused; the refused
    URLs and the console errors and page errors it had."""
    context = browser.new_context(viewport={"width": 1600, "height": 900}, locale="vi-VN", accept_downloads=True)
    refused: list[str] = []
    errors: list[str] = []

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith((allowed, "data:", "blob:")):
            request_route.continue_()
        else:
            refused.append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, refused, errors


def test_html_report_opens_offline_with_interactive_charts(sample_env, tmp_path, browser):
    data = meeting_data_for(cursor(), 2022)
    html = report_html(data)
    path = tmp_path / "bao-cao-2022.html"
    path.write_text(html, encoding="utf-8")
    charts = html.count('class="plotly-graph-div"')
    page, refused, errors = offline_page(browser, "file://")
    page.goto(path.as_uri())
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
                           timeout=60_000)
    assert page.locator(".js-plotly-plot").count() == charts
    expect(page.locator(".dp-card")).to_have_count(7, timeout=120_000)  # under load the cards come late
    assert "223/329" in page.inner_text("body") and "67,78%" in page.inner_text("body")
    page.locator("#chart-2").hover()  # interactive: plotly's own toolbar is there
    assert page.locator("#chart-2 .modebar-btn").count() > 0
    screenshot(page, "report-html-2022")
    assert refused == [] and errors == []
    page.context.close()


def open_app(page: Page, url: str) -> None:
    """Open a page of the app by its URL (a deep link, as a shared link opens it)."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"]', timeout=120_000)
    wait_idle(page, 120)
    path = url.split("/")[3].split("?")[0]
    assert f"/{path}" in page.url, f"{url} opened {page.url}"


def test_presentation_opens_at_the_slide_and_year_of_its_url(app_url, tab):
    page = tab
    open_app(page, f"{app_url}/{PRESENT}?trang=3&nam=2022")
    wait_slide(page, 3)
    assert "năm 2022" in page.inner_text(".st-key-slide_footer")
    assert "T4 · THPT và sơ cấp LLCT trở lên theo đơn vị" in slide_title(page)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()  # hidden, with the chrome
    assert not page.locator('[data-testid="stHeader"]').is_visible()


def test_the_keys_and_the_buttons_move_between_slides_and_stop_at_the_last(app_url, tab):
    """Every slide in turn with the arrow key: tests/browser/test_projector_browser.py; every slide under
    either boundary: tests/app/test_meeting_pages.py."""
    page = tab
    page.set_viewport_size({"width": 1600, "height": 900})
    open_app(page, f"{app_url}/{PRESENT}?nam=2024&ranh_gioi=moi&trang={SLIDES - 1}")  # the boundary by its stable id
    wait_slide(page, SLIDES - 1)
    assert "năm 2024 · 5 đơn vị mới" in page.inner_text("body")  # the filter carries over
    before = slide_title(page)
    page.keyboard.press("ArrowRight")
    wait_slide(page, SLIDES)
    assert f"trang={SLIDES}" in page.url and slide_title(page) != before
    page.keyboard.press("ArrowRight")  # past the last slide: stays there
    time.sleep(1)
    wait_slide(page, SLIDES)
    page.keyboard.press("ArrowLeft")
    wait_slide(page, SLIDES - 1)
    page.locator(".st-key-slide_previous button").click()
    wait_slide(page, SLIDES - 2)
    page.locator(".st-key-slide_next button").click()
    wait_slide(page, SLIDES - 1)
    page.keyboard.press("PageUp")  # a presenter's remote
    wait_slide(page, SLIDES - 2)
    page.keyboard.press("PageDown")
    wait_slide(page, SLIDES - 1)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_camera_downloads_a_slide_sized_png_offline(app_url, browser, tmp_path):
    """On a slide and on a page, one offline browser visiting both."""
    page, refused, _ = offline_page(browser, app_url)
    for path in (f"{PRESENT}?trang=3&nam=2022", "trinh-do?nam=2022"):
        open_app(page, f"{app_url}/{path}")
        chart = page.locator(".js-plotly-plot").first
        chart.wait_for(timeout=120_000)
        wait_idle(page)
        chart.hover()
        with page.expect_download(timeout=30_000) as download:
            page.locator('.modebar-btn[data-title="Tải ảnh PNG"]').first.click()  # plotly's own words, in Vietnamese
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.suffix == ".png" and "2022" in saved.name, path
        assert png_size(saved.read_bytes()) == (1600, 900), path
        assert refused == [], path
    page.context.close()


def test_report_page_downloads_the_pdf_and_the_html_in_one_click(app_url, tab, tmp_path):
    page = tab
    open_app(page, f"{app_url}/bao-cao?nam=2022")
    assert exceptions(page) == []
    expect(page.locator(".dp-card")).to_have_count(7, timeout=120_000)  # under load the cards come late
    screenshot(page, "report-page-2022")
    files = {}
    for kind in ("PDF", "HTML"):
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name=f"Tải báo cáo {kind}").click()
        files[kind] = tmp_path / download.value.suggested_filename
        download.value.save_as(files[kind])
    assert files["PDF"].name.endswith("_2022_don-vi-bao-cao.pdf") and files["PDF"].read_bytes()[:5] == b"%PDF-"
    assert "223/329" in files["HTML"].read_text(encoding="utf-8")
    assert exceptions(page) == []
