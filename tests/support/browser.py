"""The browser tests' side of the real app in Chromium: the driver (benchmarks/browser.py, shared with the
benchmarks), screenshots, a warm server, a page opened until its run is over."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from benchmarks.browser import ROOT, TWO_FRAMES, VIEWPORT, chromium, exceptions, new_page, streamlit_server, wait_idle
from tests.support.readability import heights

__all__ = ["VIEWPORT", "chromium", "exceptions", "new_page", "open_page", "resize", "screenshot", "streamlit_server",
           "wait_idle", "warm_up", "whole_page_screenshot"]

SCREENSHOTS = ROOT / "test-output" / "screenshots"


def screenshots_wanted() -> bool:
    """Screenshots are for a person to review (`make screenshots`); they check nothing, so a plain run of the
    suite does not spend Chromium's time encoding them."""
    return os.environ.get("DP_SCREENSHOTS") == "1"


def screenshot(page: Page, name: str) -> Path | None:
    if not screenshots_wanted():
        return None
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


# Every chart stretches to its block (ui.blocks, ui.slides): once Plotly has redrawn after a resize, each
# chart's drawing is as wide and as high as the block that holds it.
_CHARTS_FIT = """() => [...document.querySelectorAll('.js-plotly-plot')].every(plot => {
  const svg = plot.querySelector('svg.main-svg');
  if (!svg) return false;
  const drawn = svg.getBoundingClientRect(), block = plot.getBoundingClientRect();
  return Math.abs(drawn.width - block.width) <= 2 && Math.abs(drawn.height - block.height) <= 2;
})"""


def resize(page: Page, width: int, height: int) -> None:
    """The viewport at this size, once every chart is redrawn to it and painted (Plotly redraws on the
    resize event). A chart that never fits its block is left to the checks that follow after 5 s."""
    page.set_viewport_size({"width": width, "height": height})
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(_CHARTS_FIT, timeout=5_000)
    page.evaluate(TWO_FRAMES)


def whole_page_screenshot(page, name: str, width: int, height: int) -> None:
    """The page from top to bottom at this width (the main column scrolls, not the document)."""
    if not screenshots_wanted():
        return
    resize(page, width, height)
    resize(page, width, min(12_000, max(height, heights(page)["main"])))
    screenshot(page, f"{name}-{width}x{height}")
    page.set_viewport_size({"width": width, "height": height})
