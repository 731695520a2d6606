"""The slides of the presentation mode: one chart or one group of cards per screen, in large type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from html import escape

import plotly.graph_objects as go
import streamlit as st

from queries.admissions import ADMISSION_CODE
from queries.cadres import TRAINING_CODE
from queries.programme import programme
from queries.ratings import RATED_CODES
from queries.report_data import MeetingData, pace_chart_codes
from queries.warnings import RULES
from report.cards import CARDS_CSS, cards_html
from report.figures import admission_figure, heading, pace_figure, ratings_figure, scorecard_figure, units_figure
from report.html import table_html
from ui.charts import plotly_config
from ui.format import slug, vi_number
from ui.tables import vi_table

WARNING_COLUMNS = {"rule": "Cảnh báo", "unit": "Đơn vị", "subject": "Chi bộ / đơn vị", "figures": "Số liệu"}

SYSTEM_FONT = "Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
SLIDE_HEIGHT = 600  # px, title included: fills a 900-line screen under the banners and the buttons

# The Streamlit chrome hidden, the content full width, type large enough for the back of the room.
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stMainMenu"], [data-testid="stAppDeployButton"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.8rem 2.5rem 0.5rem 2.5rem; max-width: 100%; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.45rem; }
[data-testid="stMain"] h1 { font-size: 2.4rem; padding: 0.1rem 0 0 0; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.1rem; }
.dp-cover { text-align: center; padding: 6vh 4vw 2vh 4vw; }
.dp-cover .dp-kicker { font-size: 1.6rem; color: #b71c1c; font-weight: 700; letter-spacing: 0.04em; }
.dp-cover .dp-title { font-size: 3.2rem; font-weight: 800; line-height: 1.2; margin: 2.2vh 0; }
.dp-cover .dp-scope { font-size: 2.2rem; margin: 1vh 0; }
.dp-cover .dp-date { font-size: 1.4rem; color: #555; margin-top: 3vh; }
.dp-cover ol { display: inline-block; text-align: left; font-size: 1.35rem; margin-top: 3vh; columns: 2; column-gap: 4vw; }
.dp-slide-cards .dp-cards { font-size: 1.3rem; gap: 16px; }
.dp-slide-table { max-height: 52vh; overflow-y: auto; }
.dp-slide-table table { border-collapse: collapse; width: 100%; font-size: 1.1rem; }
.dp-slide-table th, .dp-slide-table td { border: 1px solid #d9d4c7; padding: 4px 8px; text-align: left; vertical-align: top; }
.dp-slide-table th { background: #f4f1ea; position: sticky; top: 0; }
.dp-slide-table caption { text-align: left; font-weight: 700; padding: 4px 0; }
[data-testid="stMain"] [data-testid="stAlert"] > div { padding: 0.25rem 0.8rem; }
[data-testid="stMain"] [data-testid="stAlert"] p { font-size: 1rem; }
.st-key-slide_clicker { display: none; }
.st-key-slide_nav { border-bottom: 1px solid #e0dccf; padding-bottom: 0.3rem; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem !important; white-space: normal !important; }
[data-testid="stMetricLabel"] div { white-space: normal !important; overflow: visible !important; }
[data-testid="stMetricValue"] { font-size: 2.6rem; }
</style>
"""


@dataclass(frozen=True)
class Slide:
    title: str
    draw: Callable[[], None]
    titled: bool = False  # the slide's chart carries the title (so does its PNG download)


def hide_chrome() -> None:
    st.html(PRESENTATION_CSS)


def _figure(build: Callable[[], go.Figure | None], name: str, data: MeetingData, height: int = SLIDE_HEIGHT,
            top: int = 90) -> None:
    fig = build()
    if fig is None:
        st.info("Chưa có số liệu cho lựa chọn này.")
        return
    # A system font, not the app's web font: the PNG download (drawn without web fonts) then has the
    # label widths the margins were computed for, and no label is cut.
    fig.update_layout(height=height, title={"text": name, "font": {"size": 30}}, margin={"t": top},
                      font_family=SYSTEM_FONT, uniformtext={"minsize": 15, "mode": "show"})
    file_name = f"{slug(name)}_{slug(data.scope_label)[:60]}_{data.year}"
    st.plotly_chart(fig, width="stretch", config=plotly_config(file_name), key=f"slide_{slug(name)}")


def _cover(data: MeetingData, titles: list[str]) -> None:
    contents = "".join(f"<li>{escape(t)}</li>" for t in titles[1:])
    sample = '<div class="dp-date">Dữ liệu mẫu — số liệu minh họa</div>' if data.any_sample else ""
    prog = programme()
    st.html(
        '<div class="dp-cover">'
        f'<div class="dp-kicker">{escape(prog.owner)}</div>'
        f'<div class="dp-title">Tình hình thực hiện {escape(prog.name)}</div>'
        f'<div class="dp-scope"><b>{escape(data.scope_label)}</b> · năm <b>{data.year}</b></div>'
        f'<div class="dp-date">Ngày {date.today():%d/%m/%Y}</div>{sample}'
        f"<ol>{contents}</ol></div>"
    )


def _cards(data: MeetingData) -> None:
    st.html(f'<style>{CARDS_CSS}</style><div class="dp-slide-cards">{cards_html(data.cards)}</div>')


def _scorecard_figure(data: MeetingData) -> go.Figure | None:
    """The scorecard with the rate alone in each cell (the counts are in the hover and on its page)."""
    fig = scorecard_figure(data)
    if fig is None:
        return None
    for trace in fig.select_traces(selector={"type": "heatmap"}):
        trace.text = [[str(cell).split("<br>")[0] for cell in row] for row in trace.text]
    return fig


def _warnings(data: MeetingData) -> None:
    counts = data.warnings["rule_code"].value_counts()
    for column, (code, (title, _, _)) in zip(st.columns(len(RULES)), RULES.items(), strict=True):
        column.metric(title, vi_number(int(counts.get(code, 0))), border=True)
    if data.warnings.empty:
        st.success(f"Không có cảnh báo nào cho {data.scope_label} năm {data.year}.")
        return
    table = table_html(f"{vi_number(len(data.warnings))} cảnh báo", vi_table(data.warnings, WARNING_COLUMNS))
    st.html(f'<div class="dp-slide-table">{table}</div>')


def slides(data: MeetingData) -> list[Slide]:
    """The slides in the order of the meeting: cover, the headline targets, by unit, the trends, the pace."""
    def chart(title: str, build: Callable[..., go.Figure | None], *args: object, height: int = SLIDE_HEIGHT,
              top: int = 90) -> Slide:
        return Slide(title, partial(_figure, partial(build, data, *args), title, data, height, top), titled=True)

    levels = pace_chart_codes()
    rated = ", ".join(programme().indicator(code).group for code in RATED_CODES)
    deck = [
        Slide(f"Kết quả {len(data.cards)} chỉ tiêu năm {data.year}", partial(_cards, data)),
        *[chart(f"{heading(code)} theo đơn vị", units_figure, code) for code in levels],
        chart(f"{heading(ADMISSION_CODE)} qua các năm", admission_figure),
        chart(f"{heading(ADMISSION_CODE)} theo đơn vị", units_figure, ADMISSION_CODE),
        chart(f"{rated} · Đánh giá, xếp loại qua các năm", ratings_figure),
        chart(f"{heading(TRAINING_CODE)} theo đơn vị", units_figure, TRAINING_CODE),
        chart(f"Bảng xếp hạng đơn vị năm {data.year}", _scorecard_figure,
              height=max(400, 190 + 34 * len(data.scorecard_order)), top=170),
        *[chart(f"Tiến độ · {heading(code)}", pace_figure, code) for code in levels],
        Slide(f"Cảnh báo năm {data.year}", partial(_warnings, data)),
    ]
    titles = ["Trang bìa", *[s.title for s in deck]]
    return [Slide("Trang bìa", partial(_cover, data, titles)), *deck]
