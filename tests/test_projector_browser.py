"""Trình chiếu on the projectors meeting rooms have: every slide fits 1280×720 and 1024×768 with no
scrolling, navigation on one line, large category labels, no English, no indicator code, no emoji, no
label on another; the high-contrast theme is kept in the URL. Screenshots of every slide at 1024×768,
1280×720 and 1920×1080 go to test-output/screenshots/ for review."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page

from tests.browser import exceptions, new_page, screenshot, wait_idle
from tests.readability import chart_labels, codes, emoji, english, heights

pytestmark = pytest.mark.browser
SLIDES = 14
PROJECTORS = [(1280, 720), (1024, 768)]
SCREEN = (1920, 1080)
MIN_LABEL_PX = 18
MIN_VALUE_PX = 14.5  # a bar's or a point's own figure (plotly shrinks one that does not fit)

_SLIDE = """() => {
  const body = document.querySelector('.st-key-slide_body');
  const nav = document.querySelector('.st-key-slide_nav');
  const tops = [...nav.children].filter(e => e.getBoundingClientRect().width > 0)
    .map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2));
  const ticks = [...document.querySelectorAll('.js-plotly-plot .ytick text, .js-plotly-plot .xtick text')]
    .map(t => parseFloat(t.style.fontSize || getComputedStyle(t).fontSize));
  const values = [...document.querySelectorAll('.js-plotly-plot text.bartext, .js-plotly-plot .textpoint text')]
    .map(t => parseFloat(t.style.fontSize || getComputedStyle(t).fontSize) * (t.getCTM() ? t.getCTM().a : 1));
  return {clipped: body.scrollHeight - body.clientHeight, navRows: new Set(tops.map(t => Math.round(t / 12))).size,
          navOverflow: nav.scrollWidth - nav.clientWidth, smallestTick: ticks.length ? Math.min(...ticks) : null,
          smallestValue: values.length ? Math.min(...values) : null};
}"""


def wait_slide(page: Page, number: int) -> None:
    page.wait_for_selector(f".st-key-slide_{number}", timeout=120_000)
    page.get_by_text(f"trang {number}/{SLIDES}").wait_for(timeout=120_000)
    wait_idle(page)
    if page.locator(".st-key-slide_body .js-plotly-plot").count():
        page.wait_for_selector(".st-key-slide_body .js-plotly-plot .main-svg", timeout=60_000)
    assert exceptions(page) == [], exceptions(page)


def fits(page: Page, where: str) -> list[str]:
    """What is wrong with the slide on screen at this size, one sentence each."""
    problems = []
    size = heights(page)
    if max(size["document"], size["main"]) > size["viewport"] or size["width"] > size["viewportWidth"]:
        problems.append(f"{where}: scrolls {size}")
    slide = page.evaluate(_SLIDE)
    if slide["clipped"] > 1:
        problems.append(f"{where}: {slide['clipped']} px of the slide cut off")
    if slide["navRows"] != 1 or slide["navOverflow"] > 1:
        problems.append(f"{where}: navigation not on one line {slide}")
    if slide["smallestTick"] is not None and slide["smallestTick"] < MIN_LABEL_PX:
        problems.append(f"{where}: labels of {slide['smallestTick']} px")
    if slide["smallestValue"] is not None and slide["smallestValue"] < MIN_VALUE_PX:
        problems.append(f"{where}: values of {slide['smallestValue']:.1f} px")
    labels = chart_labels(page)
    if labels["overlaps"] or labels["outside"]:
        problems.append(f"{where}: {labels}")
    return problems


def resize(page: Page, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    time.sleep(0.6)  # no new script run: plotly redraws on the resize event


def test_every_slide_fits_the_projector(app_url, browser):
    page = new_page(browser)
    page.set_viewport_size(dict(zip(("width", "height"), PROJECTORS[0], strict=True)))
    page.goto(f"{app_url}/trinh-chieu?nam=2024")
    wait_slide(page, 1)
    problems, words, pictographs = [], set(), set()
    for number in range(1, SLIDES + 1):
        if number > 1:
            page.keyboard.press("ArrowRight")
            wait_slide(page, number)
        for width, height in [*PROJECTORS, SCREEN]:
            resize(page, width, height)
            problems += fits(page, f"slide {number} at {width}×{height}")
            screenshot(page, f"slide-{number:02d}-{width}x{height}")
        resize(page, *PROJECTORS[0])
        words.update(english(page) + codes(page))
        pictographs.update(emoji(page))
    assert problems == []
    assert words == set(), words
    assert pictographs == set(), pictographs
    page.context.close()


def test_high_contrast_theme_is_kept_in_the_url(app_url, browser):
    page = new_page(browser)
    page.set_viewport_size(dict(zip(("width", "height"), PROJECTORS[0], strict=True)))
    page.goto(f"{app_url}/trinh-chieu?nam=2024&trang=3")
    wait_slide(page, 3)
    tick = ".st-key-slide_body .ytick text"
    assert page.locator(tick).first.evaluate("t => t.style.fill") != "rgb(0, 0, 0)"
    page.locator(".st-key-tuong_phan label").click()
    page.wait_for_url("**tuong_phan=true**", timeout=30_000)
    wait_slide(page, 3)
    page.goto(page.url)  # the link, opened again, keeps the theme
    wait_slide(page, 3)
    assert page.locator(".st-key-tuong_phan input").is_checked()
    assert page.locator(tick).first.evaluate("t => t.style.fill") == "rgb(0, 0, 0)"
    assert fits(page, "high contrast") == []
    screenshot(page, "slide-03-1280x720-tuong-phan-cao")
    page.keyboard.press("ArrowRight")  # the theme stays while stepping through the slides
    wait_slide(page, 4)
    assert "tuong_phan=true" in page.url and page.locator(".st-key-tuong_phan input").is_checked()
    page.context.close()
