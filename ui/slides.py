"""The slides of the presentation mode: one chart or one group of cards per screen, in large type.

A slide fills the screen below one navigation row and above one footer line, with no scrolling at
1024×768 and 1280×720, the sizes meeting-room projectors have: the page is a flex column of the
viewport's height and the slide's chart stretches to what is left (`height="stretch"`).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from html import escape

import plotly.graph_objects as go
import streamlit as st

from core.numbers import vi_number
from core.wording import in_sentence
from queries.admissions import ADMISSION_CODE
from queries.cadres import TRAINING_CODE
from queries.coverage import unreported_count
from queries.programme import programme
from queries.ratings import RATED_CODES
from queries.report_data import MeetingData, left_out_text, pace_chart_codes, selection_unreported
from queries.warning_words import COUNTED
from rendering.chart_style import fallback_room, high_contrast, plotly_config, unwrapped_units
from rendering.format import FILE_UNITS, slug
from rendering.limits import CHART_UNITS, first_and_selected
from rendering.meeting_charts import LEGEND_RIGHT
from rendering.tables import vi_columns, vi_table
from report.cards import CARDS_CSS, COMPARE_CSS, cards_html, comparison_html
from report.figures import admission_figure, heading, pace_figure, ratings_figure, scorecard_figure, units_figure
from report.html import table_html
from ui.compare import Comparison
from ui.compare_charts import admission_comparison, pace_of_units, ratings_comparison
from ui.layout import HEADER_KEY

WARNING_COLUMNS = vi_columns("rule", "unit", "subject", "figures")
WARNINGS_SHOWN = 4  # rows that fit under the counts at 720 px; the Cảnh báo page lists every one

SLIDE_FONT = 20  # category labels and ticks: readable from the back of the room (≥ 18 px)
MIN_SLIDE_FONT = 18  # the least a category label gets on a slide, when rows crowd it
CROWDED_ROWS = 14  # more category rows than this on a slide: MIN_SLIDE_FONT
CROWDED_VALUE_FONT = 15  # a bar's value in a crowded slide's row
WARNING_FIGURES = 110  # characters of a warning's figures on the last slide (three lines at 1024 px)
CROWDED_LABEL = 34  # characters of a unit's row label on a crowded slide (one line at 1024 px)
# The ranking's heat map: seven columns, the units' names and the indicators' legend share 976 px at 1024.
RANKING_FONT = MIN_SLIDE_FONT  # its unit names and column headings (`T1` over `> 90%`)
RANKING_CELL_FONT = 16  # `100,00%` in a column at 1024 px
# Units on one ranking slide: each name whole on two lines at RANKING_FONT. More units go on more slides, `(1/2)`,
# `(2/2)`: twenty names' rows at 1280×720 (23 px each) held one line of 18 px, cut (`Đảng bộ Cơ quan Chí…`), and
# two lines would have needed 10 px type; ten rows of 46 px read from the back of the room, cut nowhere.
RANKING_WHOLE_NAMES = 10
RANKING_NAME_LINE = 28  # characters a line of a unit's name on the ranking slide
TITLE_FONT = 28

# The Streamlit chrome, the banners and the header hidden; the page one column of the screen's height.
PRESENTATION_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stMainMenu"], [data-testid="stAppDeployButton"], .st-key-HEADER { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.4rem 1.5rem 0.2rem 1.5rem; max-width: 100%; height: 100vh;
  display: flex; flex-direction: column; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { flex: 1 1 0; min-height: 0; gap: 0.3rem; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"] { flex: 0 0 auto; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"]:has(> .st-key-slide_body) {
  flex: 1 1 0; min-height: 0; }
.st-key-slide_body { height: 100%; overflow: hidden; }
.st-key-slide_body > [data-testid="stLayoutWrapper"] { flex: 1 1 0; min-height: 0; }
.st-key-slide_body > [data-testid="stLayoutWrapper"] > [data-testid="stVerticalBlock"] { height: 100%; }
[data-testid="stMain"] .st-key-slide_body p, [data-testid="stMain"] .st-key-slide_body li { font-size: 1.35rem; }
[data-testid="stMain"] .st-key-slide_body h1 { font-size: 2.1rem; padding: 0; }
.st-key-slide_footer { height: 1.6rem; overflow: hidden; }
.st-key-slide_footer p { font-size: 0.95rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  color: #333; }
.st-key-slide_nav { flex-wrap: nowrap !important; gap: 0.5rem; border-bottom: 1px solid #d9d4c7;
  padding-bottom: 0.25rem; }
.st-key-slide_nav button { min-height: 2.2rem; padding: 0.1rem 0.7rem; }
.st-key-slide_nav [data-testid="stPaginationPage"], .st-key-slide_nav [data-testid="stPaginationPageActive"] {
  min-width: 1.9rem; padding: 0.1rem 0.2rem; }
.st-key-slide_nav [data-testid="stPaginationPrev"], .st-key-slide_nav [data-testid="stPaginationNext"],
.st-key-slide_nav kbd { display: none; }
.st-key-slide_nav [data-testid="stPageLink"] p, .st-key-slide_nav label p { font-size: 1rem; white-space: nowrap; }
.st-key-slide_clicker { display: none; }
.dp-cover { text-align: center; padding: 2vh 3vw 0 3vw; }
.dp-cover .dp-kicker { font-size: clamp(1rem, 2.6vh, 1.5rem); color: #b71c1c; font-weight: 700; letter-spacing: 0.04em; }
.dp-cover .dp-title { font-size: clamp(1.6rem, 5vh, 3rem); font-weight: 800; line-height: 1.2; margin: 1.5vh 0; }
.dp-cover .dp-scope { font-size: clamp(1.3rem, 3.6vh, 2.2rem); margin: 0.5vh 0; }
.dp-cover .dp-date { font-size: clamp(1rem, 2.4vh, 1.4rem); color: #444; margin-top: 1vh; }
.dp-cover ol { display: inline-block; text-align: left; font-size: clamp(0.95rem, 2.3vh, 1.3rem); margin-top: 2vh;
  columns: 2; column-gap: 4vw; }
.dp-cover li { margin: 0; line-height: 1.45; }
/* the cards' type as large as the slide's height and a column's width allow (17–19 px at 1024×768, 1280×720) */
.dp-slide-cards .dp-cards { font-size: clamp(0.95rem, min(2.6vh, 1.75vw), 1.8rem); gap: 1.2vh 12px; }
.dp-slide-cards .dp-card { padding: 0.8vh 12px; line-height: 1.25; }
.dp-slide-cards .dp-card .dp-rate { font-size: 1.9em; margin-top: 0; }
.dp-slide-cards .dp-card .dp-state, .dp-slide-cards .dp-card .dp-target { margin-top: 0.4vh; }
.dp-slide-compare .dp-compare { font-size: clamp(0.8rem, min(2.6vh, 1.6vw), 1.5rem); gap: 0.8vh 12px; }
.dp-slide-compare .dp-card .dp-count { font-size: 1em; }
.dp-slide-compare .dp-card { padding: 0.2vh 10px; display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 0.6em; }
.dp-slide-compare .dp-card .dp-rate { font-size: min(1.5em, 24cqi); }
.dp-slide-compare .dp-card .dp-change { display: none; }
.dp-slide-compare .dp-row-head { padding: 0.2vh 4px; }
.dp-slide-table table { border-collapse: collapse; width: 100%; font-size: 1.05rem; line-height: 1.3;
  table-layout: fixed; }
/* the warnings' columns (rule, unit, party cell or unit, figures) at set widths: left to the browser, one
   ward's short names gave the figures most of the width and the rule five lines a row */
.dp-slide-table th:nth-child(1) { width: 27%; } .dp-slide-table th:nth-child(2) { width: 17%; }
.dp-slide-table th:nth-child(3) { width: 21%; } .dp-slide-table th:nth-child(4) { width: 35%; }
.dp-slide-table th, .dp-slide-table td { border: 1px solid #d9d4c7; padding: 3px 8px; text-align: left; vertical-align: top; }
.dp-slide-table th { background: #f4f1ea; }
.dp-slide-table caption { text-align: left; font-weight: 700; padding: 2px 0; }
/* the warnings' counts: every card of the row as tall as the tallest, its figure at the foot, so that the figures
   stand on one line (a title on four lines at 1024 px made its card taller than its neighbours) */
.st-key-slide_warning_counts [data-testid="stColumn"] > [data-testid="stVerticalBlock"] { height: 100%; }
.st-key-slide_warning_counts [data-testid="stElementContainer"]:has(> [data-testid="stMetric"]) { flex: 1 1 auto; }
.st-key-slide_warning_counts [data-testid="stMetric"] { height: 100%; display: flex; flex-direction: column; }
.st-key-slide_warning_counts [data-testid="stMetric"] > div { flex: 1 1 auto; display: flex; flex-direction: column; }
.st-key-slide_warning_counts [data-testid="stMetricValue"] { margin-top: auto; }
[data-testid="stMetricLabel"] p { font-size: 1.05rem !important; white-space: normal !important; }
[data-testid="stMetricLabel"] div { white-space: normal !important; overflow: visible !important; }
[data-testid="stMetricValue"] { font-size: 2.2rem; }
""".replace("HEADER", HEADER_KEY)

# Black on white, thicker rules, stronger tints: for a washed-out projector.
CONTRAST_CSS = """
.stApp, [data-testid="stMain"] { background: #ffffff !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] h1, .dp-card, .dp-card .dp-count,
.dp-card .dp-change, .dp-card .dp-target, .dp-cover .dp-date { color: #000000 !important; }
.st-key-slide_nav { border-bottom: 2px solid #000; }
.dp-card { border: 2px solid #000 !important; border-left-width: 12px !important; }
.dp-card.dp-met .dp-state { background: #1e7b34; color: #fff; }
.dp-card.dp-notmet .dp-state { background: #b71c1c; color: #fff; }
.dp-slide-table th, .dp-slide-table td { border-color: #000; }
.dp-slide-table th { background: #e6e6e6; }
"""


@dataclass(frozen=True)
class Slide:
    title: str
    draw: Callable[[], None]
    titled: bool = False  # the slide's chart carries the title (so does its PNG download)


def step(key: str, count: int, delta: int) -> None:
    """The callback of a slide navigation button: the slide `delta` away in the widget `key`, within 1..count.

    Written here, not in the page: Streamlit keeps a widget's callback for the rest of the session, and a
    function of the page keeps every variable of the page's run with it (the meeting's figures: 170 MB at
    national scale, per visitor who opened the slides).
    """
    st.session_state[key] = min(count, max(1, int(st.session_state.get(key, 1)) + delta))


def presentation_style(contrast: bool) -> None:
    st.html(f"<style>{PRESENTATION_CSS}{CONTRAST_CSS if contrast else ''}</style>")


def slide_look(fig: go.Figure, title: str, contrast: bool) -> go.Figure:
    """A page's figure made for the projector: large type, as tall as the screen allows."""
    fig.update_layout(height=None, title={"text": title, "font": {"size": TITLE_FONT}},
                      margin={"t": max(64, fig.layout.margin.t or 0)}, legend_font_size=SLIDE_FONT - 2,
                      hoverlabel_font_size=SLIDE_FONT)
    fig.update_xaxes(tickfont_size=SLIDE_FONT, title_font_size=SLIDE_FONT - 2)
    rows = len({v for trace in unwrapped_units(fig).data if trace.y is not None for v in trace.y if isinstance(v, str)})
    size = SLIDE_FONT if rows <= CROWDED_ROWS else MIN_SLIDE_FONT  # 20 units of a year in 720 px
    fig.update_yaxes(tickfont_size=size, title_font_size=SLIDE_FONT - 2)
    if any(trace.type == "heatmap" for trace in fig.data):
        size = RANKING_FONT
        ranking_look(fig)
    else:
        short_rows(fig)
    if rows > CROWDED_ROWS:
        crowded(fig)
    fallback_room(fig, size)
    return high_contrast(fig) if contrast else fig


def ranking_look(fig: go.Figure) -> go.Figure:
    """The ranking's heat map on a slide (`ranking_parts`: at most RANKING_WHOLE_NAMES units): column headings
    and unit names at RANKING_FONT, which leaves the columns the width of `100,00%` at RANKING_CELL_FONT; each
    unit's name whole on two lines."""
    fig.update_xaxes(tickfont_size=RANKING_FONT)
    fig.update_yaxes(tickfont_size=RANKING_FONT)
    fig.update_traces(textfont_size=RANKING_CELL_FONT, selector={"type": "heatmap"})
    for trace in fig.data:  # the heat map's rows and their click markers alike
        if trace.y is not None:
            trace.y = [two_lines(v) if isinstance(v, str) else v for v in trace.y]
    return fig


def ranking_parts(data: MeetingData) -> list[tuple[str, list[str]]]:
    """The ranking's slides: each one's title suffix (`""`, or `" (1/2)"`, `" (2/2)"`) and its units' display
    ids in rank order, at most RANKING_WHOLE_NAMES a slide and as even as can be (13 units: 7 and 6); for a
    province or the country the CHART_UNITS best ranked and any selected, as the chart by unit."""
    order = list(data.scorecard_order)
    shown = first_and_selected(order, data.units) if len(order) > CHART_UNITS else order
    count = max(1, -(-len(shown) // RANKING_WHOLE_NAMES))
    size = max(1, -(-len(shown) // count))
    parts = [shown[start:start + size] for start in range(0, len(shown), size)] or [shown]
    return [("" if count == 1 else f" ({number}/{count})", part) for number, part in enumerate(parts, start=1)]


def two_lines(label: str, width: int = RANKING_NAME_LINE) -> str:
    """`7. Đảng bộ Công ty TNHH Chế<br>biến Lâm sản Phổ Thạnh (▲2)`: a row label on at most two lines of about
    `width` characters, whole where it fits, else `shortened` (its rank and change kept)."""
    bold = label.startswith("<b>") and label.endswith("</b>")
    text = label.removeprefix("<b>").removesuffix("</b>") if bold else label
    limit = len(text)
    while len(lines := textwrap.wrap(shortened(text, limit), width, break_long_words=False)) > 2:
        limit -= 1
    joined = "<br>".join(lines)
    return f"<b>{joined}</b>" if bold else joined


def shortened(label: str, limit: int = CROWDED_LABEL) -> str:
    """`19. Đảng bộ Công ty TNHH Chế biến… (▼2)`: a unit's row label cut to `limit` characters, its
    rank and change kept (the whole name is on hover and in the ranking's table); a selected unit's
    bold stays whole."""
    if label.startswith("<b>") and label.endswith("</b>"):
        return f"<b>{shortened(label[3:-4], limit)}</b>"
    if len(label) <= limit:
        return label
    match = re.fullmatch(r"(►? ?\d+\. )?(.*?)( \([^()]*\))?", label)
    rank, name, change = match.group(1) or "", match.group(2), match.group(3) or ""
    room = max(8, limit - len(rank) - len(change) - 1)
    return f"{rank}{name[:room].rstrip()}…{change}"


def clipped(text: str, limit: int = WARNING_FIGURES) -> str:
    """`text` cut after its last whole word within `limit` characters, and `…` (the Cảnh báo page has it whole)."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"


def short_rows(fig: go.Figure) -> go.Figure:
    """Each unit's row label of a chart by unit `shortened` to one line of CROWDED_LABEL characters, however few
    the rows."""
    for trace in fig.data:
        if trace.y is not None:
            trace.y = [shortened(v) if isinstance(v, str) else v for v in trace.y]
    return fig


def crowded(fig: go.Figure) -> go.Figure:
    """A row for every unit of a crowded chart: the value axis's title and the legend leave the foot of
    the plot for the top right, and the bars' values shrink to fit their row."""
    fig.update_xaxes(title_text=None)
    fig.update_traces(textfont_size=CROWDED_VALUE_FONT, selector={"type": "bar"})
    return fig.update_layout(legend={"orientation": "h", "yref": "container", "y": 1, "yanchor": "top",
                                     "x": 1, "xanchor": "right"}, margin_b=10)


def _figure(build: Callable[[], go.Figure | None], name: str, data: MeetingData, contrast: bool) -> None:
    fig = build()
    if fig is None:
        st.info("Chưa có số liệu cho lựa chọn này.")
        return
    file_name = f"{slug(name)}_{slug(data.scope_label, FILE_UNITS)}_{data.year}"
    st.plotly_chart(slide_look(fig, name, contrast), width="stretch", height="stretch", theme=None,
                    config=plotly_config(file_name), key=f"slide_{slug(name)}")


def _cover(data: MeetingData, titles: list[str], scope: str) -> None:
    """`scope`: what the deck shows, as its footer says (`So sánh 3 đơn vị: …` for units side by side)."""
    contents = "".join(f"<li>{escape(t)}</li>" for t in titles[1:])
    sample = '<div class="dp-date"><b>Dữ liệu mẫu</b> — số liệu minh họa</div>' if data.any_sample else ""
    gone = left_out_text(data)  # chosen units merged away, as the pages say under their title
    left_out = f'<div class="dp-date">{escape(gone)}</div>' if gone else ""
    prog = programme()
    st.html(
        '<div class="dp-cover">'
        f'<div class="dp-kicker">{escape(prog.owner)}</div>'
        f'<div class="dp-title">Tình hình thực hiện {escape(prog.name)}</div>'
        f'<div class="dp-scope"><b>{escape(scope)}</b> · năm <b>{data.year}</b></div>{left_out}'
        f'<div class="dp-date">Ngày {date.today():%d/%m/%Y}</div>{sample}'
        f"<ol>{contents}</ol></div>"
    )


def _cards(data: MeetingData) -> None:
    st.html(f'<style>{CARDS_CSS}</style><div class="dp-slide-cards">{cards_html(data.cards)}</div>')


def _scorecard_figure(data: MeetingData, units: list[str]) -> go.Figure | None:
    """The scorecard's rows of `units` with the indicators' names right of the grid: a slide is wide and short."""
    return scorecard_figure(data, legend=LEGEND_RIGHT, units=units)


def _warnings(data: MeetingData) -> None:
    counts = data.warnings["rule_code"].value_counts()
    with st.container(key="slide_warning_counts"):
        for column, (code, title) in zip(st.columns(len(COUNTED)), COUNTED.items(), strict=True):
            column.metric(title, vi_number(int(counts.get(code, 0))), border=True)
    missing = selection_unreported(data)  # not warned about: counted here, named on the page Cảnh báo
    unwarned = f"chưa xét {unreported_count(missing, data.year)}" if len(missing) else ""
    if data.warnings.empty:
        st.success(f"Không có cảnh báo nào cho {in_sentence(data.scope_label)} năm {data.year}"
                   + (f"; {unwarned}." if unwarned else "."))
        return
    shown = data.warnings.head(WARNINGS_SHOWN)
    shown = shown.assign(figures=shown["figures"].map(clipped))  # one rule lists every secretary of a ward
    caption = f"{vi_number(len(data.warnings))} cảnh báo"
    if len(data.warnings) > len(shown):
        caption += f" — {vi_number(len(shown))} cảnh báo đầu; trang Cảnh báo ghi đủ"
    if unwarned:
        caption += f" · {unwarned}"
    st.html(f'<div class="dp-slide-table">{table_html(caption, vi_table(shown, WARNING_COLUMNS))}</div>')


def _compared_cards(compared: Comparison) -> None:
    st.html(f'<style>{CARDS_CSS}{COMPARE_CSS}</style><div class="dp-slide-compare">'
            f"{comparison_html(compared.cards, compared.units)}</div>")


def slides(data: MeetingData, contrast: bool = False, compared: Comparison | None = None) -> list[Slide]:
    """The slides in the order of the meeting: cover, the headline targets, by unit, the trends, the pace.
    `compared`: 2–4 units side by side (their cards in columns, a line each in the trends); the same slides."""
    def chart(title: str, build: Callable[[], go.Figure | None]) -> Slide:
        return Slide(title, partial(_figure, build, title, data, contrast), titled=True)

    def trend(title: str, summed: Callable[..., go.Figure | None], side_by_side: Callable[..., go.Figure | None],
              *args: object) -> Slide:
        return chart(title, partial(summed, data, *args) if compared is None else partial(side_by_side, compared, *args))

    levels = pace_chart_codes()
    rated = ", ".join(programme().indicator(code).group for code in RATED_CODES)
    cards = partial(_cards, data) if compared is None else partial(_compared_cards, compared)
    deck = [
        Slide(f"Kết quả {len(data.cards)} chỉ tiêu năm {data.year}", cards),
        *[chart(f"{heading(code)} theo đơn vị", partial(units_figure, data, code)) for code in levels],
        trend(f"{heading(ADMISSION_CODE)} qua các năm", admission_figure, admission_comparison),
        chart(f"{heading(ADMISSION_CODE)} theo đơn vị", partial(units_figure, data, ADMISSION_CODE)),
        trend(f"{rated} · Đánh giá, xếp loại qua các năm", ratings_figure, ratings_comparison),
        chart(f"{heading(TRAINING_CODE)} theo đơn vị", partial(units_figure, data, TRAINING_CODE)),
        *[chart(f"Bảng xếp hạng đơn vị năm {data.year}{part}", partial(_scorecard_figure, data, units))
          for part, units in ranking_parts(data)],
        *[trend(f"Tiến độ · {heading(code)}", pace_figure, pace_of_units, code) for code in levels],
        Slide(f"Cảnh báo năm {data.year}", partial(_warnings, data)),
    ]
    titles = ["Trang bìa", *[s.title for s in deck]]
    scope = data.scope_label if compared is None else compared.filters.compared_label
    return [Slide("Trang bìa", partial(_cover, data, titles, scope)), *deck]
