"""What a person reads on a page, measured in the browser: English words, indicator codes, emoji,
chart labels that run into each other or off the chart, and whether the screen scrolls.

Each check returns what it found (empty when all is well), so a failing test names the text.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page

# Words Streamlit and Plotly put on screen or in aria-labels and tooltips, in English.
ENGLISH = re.compile(
    r"\b(Select all|None|Page not found|Running|Upload|Browse files|Drag and drop|Limit|per file|Download|"
    r"Fullscreen|Search|Clear|Close|Open|Collapse|Expand|Sidebar|Previous|Next|Page \d+|Pagination|Shortcut|"
    r"Help for|Show|Hide|Choose|Increment|Decrement|Zoom|Pan|Autoscale|Reset|Skip to|Link to|App pages|"
    r"Main menu|Deploy|Rerun|Stop|Delete|Remove|No results|Press Enter|Loading|Copy|Toggle|Snapshot|Produced)\b")
# An indicator's machine code (`T4_thpt_bi_thu_pho_bi_thu`): the KPI export's, never a person's to read.
CODE = re.compile(r"\bT\d+_[A-Za-z0-9_]+")
# A unit's or a party cell's code (`21451-2025`, `21466-01`): the key a workbook gives it, never a person's to read.
UNIT_CODE = re.compile(r"\b\d{5}-(?:\d{4}|\d{2})\b")
# Emoji code points (pictographs, dingbats, arrows and shapes drawn as emoji, the variation selector).
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\uFE0F\u200D\u25AA\u25AB"
                   "\u25B6\u25C0\u25FB-\u25FE\u2194-\u2199\u21A9\u21AA\u2934\u2935\u3030\u303D\u3297\u3299]")

# Every string a person sees or a screen reader reads: visible text nodes and the labels of
# elements that are rendered (not display:none, not aria-hidden).
_READ = """() => {
  const out = [];
  const skip = (e) => e.closest('[aria-hidden="true"]') !== null || !e.checkVisibility();
  for (const e of document.querySelectorAll('body *')) {
    if (['SCRIPT', 'STYLE'].includes(e.tagName) || skip(e)) continue;
    for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'data-title']) {
      if (e.hasAttribute(a)) out.push(e.getAttribute(a));
    }
    for (const n of e.childNodes) if (n.nodeType === 3 && n.nodeValue.trim()) out.push(n.nodeValue.trim());
  }
  return out;
}"""

# Text boxes of every chart label (ticks, bar and point labels, annotations, legend, titles,
# heat-map cells, colour scale), pairs whose boxes overlap or that a target line crosses, labels reaching
# outside the chart, and targets named in the legend whose line is not drawn.
_LABELS = """(shrink) => {
  const overlaps = [], outside = [], unlined = [];
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const frame = plot.getBoundingClientRect();
    if (frame.width === 0) continue;
    const boxes = [];
    for (const t of plot.querySelectorAll('.main-svg text, .main-svg .annotation-text')) {
      if (t.closest('.hoverlayer') || !t.textContent.trim() || !t.checkVisibility()) continue;
      const b = t.getBoundingClientRect();
      if (b.width === 0 || b.height === 0) continue;
      boxes.push({text: t.textContent.trim(), b});
      if (b.left < frame.left - 1 || b.right > frame.right + 1 || b.top < frame.top - 1 || b.bottom > frame.bottom + 1) {
        outside.push(t.textContent.trim());
      }
    }
    // Target and break lines (shapes a few px thin) drawn through a label; a line drawn under the bars
    // is hidden where a bar covers it, so a label on its bar is not crossed.
    const bars = [...plot.querySelectorAll('.barlayer .point path')].map(p => p.getBoundingClientRect());
    let lines = 0;
    for (const p of plot.querySelectorAll('.shapelayer path')) {
      const l = p.getBoundingClientRect(), under = p.closest('.layer-below') !== null;
      const upright = l.width <= 6 && l.height > 6, flat = l.height <= 6 && l.width > 6;
      if (!upright && !flat) continue;
      lines++;
      const x = (l.left + l.right) / 2, y = (l.top + l.bottom) / 2;
      for (const {text, b} of boxes) {
        const cx = upright ? x : (b.left + b.right) / 2, cy = upright ? (b.top + b.bottom) / 2 : y;
        const crosses = upright
          ? b.left + shrink < x && x < b.right - shrink && l.top < b.bottom && l.bottom > b.top
          : b.top + shrink < y && y < b.bottom - shrink && l.left < b.right && l.right > b.left;
        const covered = under && bars.some(r => r.left <= cx && cx <= r.right && r.top <= cy && cy <= r.bottom);
        if (crosses && !covered) overlaps.push(text + ' ⟷ đường kẻ');
      }
    }
    // a target named in the legend with a line sample must be drawn across the plot
    for (const t of plot.querySelectorAll('.legend .traces')) {
      if (lines === 0 && t.querySelector('.legendlines path') && t.textContent.trim().startsWith('Mục tiêu')) {
        unlined.push(t.textContent.trim());
      }
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].b, c = boxes[j].b;
      if (a.left + shrink < c.right - shrink && c.left + shrink < a.right - shrink &&
          a.top + shrink < c.bottom - shrink && c.top + shrink < a.bottom - shrink) {
        overlaps.push(boxes[i].text + ' ⟷ ' + boxes[j].text);
      }
    }
  }
  return {overlaps, outside, unlined};
}"""

# Lines on one spot (compared units at 100 %): a point's marker inside the marker of a line drawn after it, and a
# target line drawn under a line of points that runs along it (two points in a row on it), each hidden by the other.
_HIDDEN = """() => {
  const hidden = [];
  const centre = b => ({x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2});
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const traces = [...plot.querySelectorAll('.scatterlayer .trace')].map(t => [...t.querySelectorAll('path.point')]
      .filter(p => parseFloat(getComputedStyle(p).opacity) > 0).map(p => p.getBoundingClientRect())
      .filter(b => b.width > 0));
    const title = plot.querySelector('.gtitle')?.textContent || '';
    const name = i => `${title}: ${getComputedStyle(plot.querySelectorAll('.scatterlayer .trace')[i]
      .querySelector('path.point, path.js-line')).stroke}`;
    traces.forEach((points, i) => points.forEach(b => {
      const over = traces.slice(i + 1).some(later => later.some(c =>
        c.left <= b.left + 0.5 && c.right >= b.right - 0.5 && c.top <= b.top + 0.5 && c.bottom >= b.bottom - 0.5));
      if (over) hidden.push(`${name(i)}: điểm dưới điểm khác`);
    }));
    for (const line of plot.querySelectorAll('.shapelayer path')) {
      const l = line.getBoundingClientRect();
      if (line.closest('.layer-above') || l.height > 6 || l.width <= 6) continue;
      const y = (l.top + l.bottom) / 2;
      traces.forEach((points, i) => {
        const on = points.map(b => Math.abs(centre(b).y - y) <= 2);
        if (on.some((o, k) => o && on[k + 1])) hidden.push(`${name(i)}: đường mục tiêu dưới đường số liệu`);
      });
    }
  }
  return [...new Set(hidden)];
}"""

_HEIGHTS = """() => ({document: document.documentElement.scrollHeight,
  main: document.querySelector('[data-testid="stMain"]').scrollHeight, viewport: innerHeight,
  width: document.documentElement.scrollWidth, viewportWidth: innerWidth})"""


# Text of the page that the browser cuts short with an ellipsis (`88,…`, `Chậm tiến…`), or that runs out of its
# column or card: a card's figure, label, change or verdict badge (Streamlit's metrics and the report's own cards),
# a widget's label, a button.
_CUT_TEXTS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return [];
  const found = [];
  for (const e of main.querySelectorAll('*')) {
    if (!e.textContent) continue;
    const ellipsis = getComputedStyle(e).textOverflow === 'ellipsis';
    if ((ellipsis || e.closest('.dp-card')) && e.scrollWidth > e.clientWidth + 1) {  // our own cards' HTML too
      found.push(e.textContent);
      continue;
    }
    if (e.children.length || !e.closest('.stMarkdownEllipsis, .stMarkdownBadge')) continue;
    const box = e.closest('[data-testid="stColumn"], [data-testid="stVerticalBlock"]');
    const range = document.createRange();
    range.selectNodeContents(e);
    if (box && range.getBoundingClientRect().right > box.getBoundingClientRect().right + 1) found.push(e.textContent);
  }
  return found;
}"""


# The sidebar's menu (ui.navigation.sidebar_menu): each page's link whose row ends below the window, the sidebar
# not scrolled.
_MENU_BELOW = """() => {
  const sidebar = document.querySelector('[data-testid="stSidebarContent"]');
  if (!sidebar || sidebar.scrollTop > 0) return sidebar ? ['(sidebar scrolled)'] : [];
  return [...document.querySelectorAll('.st-key-menu [data-testid="stPageLink"] a')]
    .filter(a => a.getBoundingClientRect().bottom > innerHeight).map(a => a.querySelector('p').textContent.trim());
}"""


def menu_below_screen(page: Page) -> list[str]:
    """The pages of the sidebar's menu that a person reaches only by scrolling the sidebar."""
    return page.evaluate(_MENU_BELOW)


def cut_texts(page: Page) -> list[str]:
    """The texts of the page's main area that the browser cuts short or that run out of their column."""
    return page.evaluate(_CUT_TEXTS)


def read_texts(page: Page) -> list[str]:
    return page.evaluate(_READ)


def english(page: Page) -> list[str]:
    return sorted({t for t in read_texts(page) if ENGLISH.search(t)})


def codes(page: Page) -> list[str]:
    return sorted({t for t in read_texts(page) if CODE.search(t)})


def raw_codes(text: str) -> list[str]:
    """The indicator, unit and cell codes in `text` (a page's or a report's), sorted: none is for a reader."""
    return sorted({m.group(0) for pattern in (CODE, UNIT_CODE) for m in pattern.finditer(text)})


def emoji(page: Page) -> list[str]:
    return sorted({t for t in read_texts(page) if EMOJI.search(t)})


def chart_labels(page: Page, shrink: float = 1.5) -> dict[str, list[str]]:
    """{"overlaps": ["a ⟷ b", …], "outside": [label, …], "unlined": [legend entry, …]} over every chart
    on the page ("unlined": a target in the legend whose line is not drawn)."""
    return page.evaluate(_LABELS, shrink)


def hidden_lines(page: Page) -> list[str]:
    """Lines of a chart that others hide: a point's marker under a later line's, a target line under the data's."""
    return page.evaluate(_HIDDEN)


def heights(page: Page) -> dict[str, int]:
    return page.evaluate(_HEIGHTS)
