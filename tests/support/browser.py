"""The browser tests' side of the real app in Chromium: the driver (benchmarks/browser.py, shared with the
benchmarks), screenshots, a warm server, a page opened until its run is over."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Browser, Page

from benchmarks.browser import ROOT, chromium, exceptions, new_page, streamlit_server, wait_idle
from tests.support.readability import heights

__all__ = ["chromium", "exceptions", "new_page", "open_page", "screenshot", "streamlit_server", "wait_idle",
           "warm_up", "whole_page_screenshot"]

SCREENSHOTS = ROOT / "test-output" / "screenshots"


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def warm_up(browser: Browser, url: str) -> None:
    """Open the app once and let the first run finish (database opened, caches filled), so the
    timed steps of a test do not pay for the server's start."""
    page = new_page(browser)
    try:
        page.goto(url)
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=120_000)
        wait_idle(page)
    finally:
        page.context.close()


def open_page(page, url: str) -> None:
    """Open `url` and wait until its script run is over."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=120_000)
    wait_idle(page, timeout_s=120)


def whole_page_screenshot(page, name: str, width: int, height: int) -> None:
    """The page from top to bottom at this width (the main column scrolls, not the document)."""
    page.set_viewport_size({"width": width, "height": height})
    time.sleep(0.6)
    page.set_viewport_size({"width": width, "height": min(12_000, max(height, heights(page)["main"]))})
    time.sleep(0.8)
    screenshot(page, f"{name}-{width}x{height}")
    page.set_viewport_size({"width": width, "height": height})
