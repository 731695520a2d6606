"""Trình chiếu on the projectors meeting rooms have: stepped through with the arrow key, every slide fits
1280×720 and 1024×768 with no scrolling, navigation on one line, large category labels, no English, no indicator code, no emoji, no
label on another, no unit's name cut on the ranking; the high-contrast theme is kept in the URL. Screenshots of every slide at 1024×768,
1280×720 and 1920×1080 go to test-output/screenshots/ for review."""

from __future__ import annotations

import pytest

from tests.support.browser import resize, screenshot
from tests.support.readability import codes, emoji, english
from tests.support.slides import (
    PROJECTORS,
    RANKED_IN_TWO,
    SCREEN,
    SLIDES,
    fits,
    slide_count,
    slide_title,
    wait_slide,
)


# 2024: twenty units, the ranking on two slides (one slide cut their names to one line); 2025: the latest, opened by
# default, the first of the merger, ten units
@pytest.mark.parametrize(("year", "count"), [(2024, RANKED_IN_TWO), (2025, SLIDES)])
def test_every_slide_fits_the_projector(app_url, tab, year, count):
    page = tab
    page.set_viewport_size(dict(zip(("width", "height"), PROJECTORS[0], strict=True)))
    page.goto(f"{app_url}/trinh-chieu?nam={year}")
    wait_slide(page, 1)
    assert slide_count(page) == count
    problems, words, pictographs, titles = [], set(), set(), []
    sizes = [*PROJECTORS, SCREEN]
    for number in range(1, count + 1):
        if number > 1:
            page.keyboard.press("ArrowRight")  # the keys at the deck's ends: tests/browser/test_meeting_browser.py
            wait_slide(page, number)
            assert f"trang={number}" in page.url
            titles.append(slide_title(page))  # the first slide, the cards, has no title of a chart
        for width, height in sizes:  # first the size the slide was drawn at (resize waits for its charts to fit)
            resize(page, width, height)
            problems += fits(page, f"slide {number} at {width}×{height}")
            screenshot(page, f"slide-{number:02d}-{width}x{height}" + ("" if year == 2024 else f"-{year}"))
            if (width, height) == PROJECTORS[0]:
                words.update(english(page) + codes(page))
                pictographs.update(emoji(page))
        sizes.reverse()  # the next slide is drawn at the size this one ends at
    assert problems == []
    assert len(set(titles)) == count - 1, titles  # each key press a slide of its own
    assert words == set(), words
    assert pictographs == set(), pictographs


def test_high_contrast_theme_is_kept_in_the_url(app_url, tab):
    page = tab
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


# the heights of the warnings' count cards, by the row they stand on
_COUNT_CARDS = """() => {
  const rows = {};
  for (const card of document.querySelectorAll('.st-key-slide_body [data-testid="stMetric"]')) {
    const box = card.getBoundingClientRect();
    (rows[Math.round(box.top)] ??= []).push(Math.round(box.height));
  }
  return Object.values(rows);
}"""


@pytest.mark.parametrize(("query", "last"), [("nam=2025&don_vi=21439-2025", SLIDES), ("nam=2020", RANKED_IN_TWO)])
def test_the_warnings_slide_fits_for_one_ward_and_for_the_first_year(app_url, tab, query, last):
    """The last slide (the warnings' counts and the first of them) fits both projectors whatever the filters: for one
    ward the table's columns once narrowed to five lines a row and cut the slide by 320 px. The count cards of a row
    are of one height (a title on four lines once made its card taller than its neighbours)."""
    page = tab
    problems = []
    for width, height in PROJECTORS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{app_url}/trinh-chieu?{query}&trang={last}")
        wait_slide(page, last)
        assert slide_title(page).startswith("Cảnh báo năm")
        problems += fits(page, f"slide {last} at {width}×{height}, {query}")
        rows = page.evaluate(_COUNT_CARDS)
        assert rows and all(len(set(row)) == 1 for row in rows), (width, query, rows)
    assert problems == []


MIN_CARD_PX = 16  # the smallest text of a headline card on the slide at 1024×768 (the slide's other text: 18 px)

_CARDS = """() => {
  const texts = [...document.querySelectorAll('.dp-slide-cards .dp-card *')]
    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.nodeValue.trim()));
  const split = [...document.querySelectorAll('.dp-slide-cards .dp-target')]
    .flatMap(e => [...e.childNodes].filter(n => n.nodeType === 3 || n.classList.contains('dp-nowrap')))
    .flatMap(n => { const r = document.createRange(); r.selectNodeContents(n);
                    return [...n.textContent.matchAll(/(?:[<>≤≥]\\s?\\d[\\d,]*%|\\S*–\\S*)/g)].filter(m => {
                      const s = document.createRange(); s.setStart(r.startContainer.nodeType === 3 ? r.startContainer
                        : r.startContainer.firstChild, m.index); s.setEnd(s.startContainer, m.index + m[0].length);
                      return new Set([...s.getClientRects()].map(b => Math.round(b.top))).size > 1; }).map(m => m[0]); });
  return {smallest: Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize))), split};
}"""


@pytest.mark.parametrize("year", [2023, 2025])
def test_the_cards_slide_reads_large_and_keeps_each_level_on_one_line(app_url, tab, year):
    """QA18 m8: at 1024×768 the headline cards' text was 13 px with a third of the slide empty, and
    `3–4%/năm` broke after its dash (`3–` / `4%/năm`)."""
    page = tab
    for width, height in PROJECTORS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{app_url}/trinh-chieu?nam={year}&trang=2")
        wait_slide(page, 2)
        assert fits(page, f"slide 2 at {width}×{height}") == []
        cards = page.evaluate(_CARDS)
        assert cards["smallest"] >= MIN_CARD_PX, (width, cards)
        assert cards["split"] == [], (width, cards)
