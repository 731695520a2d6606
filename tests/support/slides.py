"""The slides of Trình chiếu in Chromium: waiting for one, resizing to a projector, what does not fit."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from tests.support.browser import exceptions, wait_idle
from tests.support.readability import chart_labels, heights

SLIDES = 14  # a deck whose ranking is one slide (up to ten units: 2025, the five new units)
RANKED_IN_TWO = SLIDES + 1  # twenty units (2020–2024): the ranking on two slides, `(1/2)` and `(2/2)`
PROJECTORS = [(1280, 720), (1024, 768)]
SCREEN = (1920, 1080)
MIN_LABEL_PX = 18
MIN_VALUE_PX = 14.5  # a bar's or a point's own figure, a heat map cell's (plotly shrinks one that does not fit)
MIN_GAP_PX = 6  # between two column headings side by side (`> 90%> 90%`), two heat map cells' figures

_SLIDE = """() => {
  const body = document.querySelector('.st-key-slide_body');
  const nav = document.querySelector('.st-key-slide_nav');
  const tops = [...nav.children].filter(e => e.getBoundingClientRect().width > 0)
    .map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2));
  const ticks = [...document.querySelectorAll('.js-plotly-plot .ytick text, .js-plotly-plot .xtick text')]
    .map(t => parseFloat(t.style.fontSize || getComputedStyle(t).fontSize));
  const values = [...document.querySelectorAll(
    '.js-plotly-plot text.bartext, .js-plotly-plot .textpoint text, .js-plotly-plot .heatmap-label text')]
    .map(t => parseFloat(t.style.fontSize || getComputedStyle(t).fontSize) * (t.getCTM() ? t.getCTM().a : 1));
  // the least gap between texts side by side on one line: column headings, a heat map row's figures
  const gap = (texts) => {
    const lines = {};
    for (const t of texts) {
      const b = t.getBoundingClientRect();
      if (b.width) (lines[Math.round(b.top / 4)] ??= []).push(b);
    }
    let least = Infinity;
    for (const line of Object.values(lines)) {
      line.sort((a, c) => a.left - c.left);
      for (let i = 1; i < line.length; i++) least = Math.min(least, line[i].left - line[i - 1].right);
    }
    return least;
  };
  const gaps = [...document.querySelectorAll('.js-plotly-plot')].flatMap(p =>
    [gap(p.querySelectorAll('.xtick text')), gap(p.querySelectorAll('.heatmap-label text'))]);
  // a unit's name on the ranking's heat map cut short (`Đảng bộ Cơ quan Chí… (▼13)`)
  const cutNames = [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('.heatmaplayer g'))
    .flatMap(p => [...p.querySelectorAll('.ytick text')].map(t => t.textContent)).filter(t => t.includes('…'));
  return {clipped: body.scrollHeight - body.clientHeight, cutNames,
          navRows: new Set(tops.map(t => Math.round(t / 12))).size,
          navOverflow: nav.scrollWidth - nav.clientWidth, smallestTick: ticks.length ? Math.min(...ticks) : null,
          smallestValue: values.length ? Math.min(...values) : null, smallestGap: Math.min(...gaps, 1e9)};
}"""


def wait_slide(page: Page, number: int) -> None:
    page.wait_for_selector(f".st-key-slide_{number}", timeout=120_000)
    page.get_by_text(re.compile(rf"trang {number}/\d+")).wait_for(timeout=120_000)
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
    if slide["cutNames"]:
        problems.append(f"{where}: names cut short {slide['cutNames']}")
    if slide["smallestGap"] < MIN_GAP_PX:
        problems.append(f"{where}: texts side by side {slide['smallestGap']:.1f} px apart")
    labels = chart_labels(page)
    if labels["overlaps"] or labels["outside"] or labels["unlined"]:
        problems.append(f"{where}: {labels}")
    return problems


def slide_count(page: Page) -> int:
    """How many slides the deck on screen has (its footer's `trang 3/15`)."""
    footer = page.locator(".st-key-slide_footer").inner_text()
    return int(re.search(r"trang \d+/(\d+)", footer).group(1))


def slide_title(page: Page) -> str:
    return page.locator("[class*='st-key-slide_'] h1, [class*='st-key-slide_'] .gtitle").first.text_content()
