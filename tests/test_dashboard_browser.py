"""The dashboard as a person sees it: every page in headless Chromium and the unit filter."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser import chromium, exceptions, new_page, screenshot, streamlit_server, wait_idle, warm_up

pytestmark = pytest.mark.browser
PAGES = ["", "trinh-do", "ket-nap", "xep-loai", "bien-dong", "boi-duong", "xep-hang", "tien-do", "canh-bao",
         "bao-cao", "du-lieu"]  # trinh-chieu: tests/test_meeting_browser.py steps through it


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def app_url(sample_var: Path, tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[str]:
    var_dir = tmp_path_factory.mktemp("dashboard") / "var"
    shutil.copytree(sample_var, var_dir, symlinks=True)
    with streamlit_server(var_dir) as url:
        warm_up(browser, url)
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_without_exception(browser, app_url, path):
    page = new_page(browser)
    page.goto(f"{app_url}/{path}?nam=2022")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=120_000)
    wait_idle(page, timeout_s=120)
    assert exceptions(page) == []
    assert page.get_by_text("Page not found").count() == 0
    screenshot(page, f"page-{path or 'tong-quan'}")
    page.context.close()


def test_baseline_then_unit_filter_changes_the_figures(browser, app_url):
    page = new_page(browser)
    page.goto(f"{app_url}/trinh-do?nam=2022")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=120_000)
    wait_idle(page, timeout_s=120)
    assert page.get_by_text("67,78%").count() > 0
    page.goto(f"{app_url}/trinh-do?nam=2022&don_vi=" + "Phường Phổ Hòa (2020–2024)")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=120_000)
    wait_idle(page, timeout_s=120)
    assert exceptions(page) == []
    assert "Phường Phổ Hòa" in page.locator('[data-testid="stMain"]').inner_text()
    screenshot(page, "filter-pho-hoa-2022")
    page.context.close()
