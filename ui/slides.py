"""The slides of the presentation mode: one chart or one group of cards per screen, in large type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from html import escape

import plotly.graph_objects as go
import streamlit as st

from queries.report_data import MeetingData
from report.cards import CARDS_CSS, cards_html
from report.figures import admission_figure, heading, pace_figure, ratings_figure, units_figure
from ui.charts import plotly_config
from ui.format import slug

SLIDE_HEIGHT = 640  # px: a chart that fills a 1080-line projector under the slide title and the buttons

# The Streamlit chrome hidden, the content full width, type large enough for the back of the room.
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stMainMenu"], [data-testid="stAppDeployButton"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.8rem 2.5rem 0.5rem 2.5rem; max-width: 100%; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.45rem; }
[data-testid="stMain"] h1 { font-size: 2.6rem; padding-top: 0.2rem; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.1rem; }
.dp-slide-title h1 { font-size: 2.6rem; margin: 0 0 0.4rem 0; }
.dp-cover { text-align: center; padding: 6vh 4vw 2vh 4vw; }
.dp-cover .dp-kicker { font-size: 1.6rem; color: #b71c1c; font-weight: 700; letter-spacing: 0.04em; }
.dp-cover .dp-title { font-size: 3.2rem; font-weight: 800; line-height: 1.2; margin: 2.2vh 0; }
.dp-cover .dp-scope { font-size: 2.2rem; margin: 1vh 0; }
.dp-cover .dp-date { font-size: 1.4rem; color: #555; margin-top: 3vh; }
.dp-cover ol { display: inline-block; text-align: left; font-size: 1.35rem; margin-top: 3vh; columns: 2; column-gap: 4vw; }
.dp-slide-cards .dp-cards { font-size: 1.45rem; gap: 20px; }
.dp-warnings td, .dp-warnings th { font-size: 1.25rem; padding: 6px 10px; }
</style>
"""


@dataclass(frozen=True)
class Slide:
    title: str
    draw: Callable[[], None]


def hide_chrome() -> None:
    st.html(PRESENTATION_CSS)


def _figure(fig: go.Figure | None, name: str, data: MeetingData) -> None:
    if fig is None:
        st.info("Chưa có số liệu cho lựa chọn này.")
        return
    fig.update_layout(height=SLIDE_HEIGHT, title=None)
    file_name = f"{slug(name)}_{slug(data.scope_label)[:60]}_{data.year}"
    st.plotly_chart(fig, width="stretch", config=plotly_config(file_name), key=f"slide_{slug(name)}")


def _cover(data: MeetingData, titles: list[str]) -> None:
    contents = "".join(f"<li>{escape(t)}</li>" for t in titles[1:])
    sample = '<div class="dp-date">🧪 Dữ liệu mẫu — số liệu minh họa</div>' if data.any_sample else ""
    st.html(
        '<div class="dp-cover">'
        '<div class="dp-kicker">ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ — BAN THƯỜNG VỤ THỊ ỦY</div>'
        '<div class="dp-title">Tình hình thực hiện Đề án nâng cao năng lực lãnh đạo của tổ chức cơ sở đảng '
        "và chất lượng đảng viên</div>"
        f'<div class="dp-scope"><b>{escape(data.scope_label)}</b> · năm <b>{data.year}</b></div>'
        f'<div class="dp-date">Ngày {date.today():%d/%m/%Y}</div>{sample}'
        f"<ol>{contents}</ol></div>"
    )


def _cards(data: MeetingData) -> None:
    st.html(f'<style>{CARDS_CSS}</style><div class="dp-slide-cards">{cards_html(data.cards)}</div>')


def slides(data: MeetingData) -> list[Slide]:
    """The slides in the order of the meeting: cover, the seven targets, by unit, the trends, the pace."""
    def chart(title: str, fig: go.Figure | None) -> Slide:
        return Slide(title, partial(_figure, fig, title, data))

    deck = [
        Slide(f"Kết quả 7 chỉ tiêu năm {data.year}", partial(_cards, data)),
        *[chart(f"{heading(code)} theo đơn vị", units_figure(data, code))
          for code in ("T4_thpt_and_so_cap_llct", "T5_trung_cap_chuyen_mon", "T6_trung_cap_llct")],
        chart(f"{heading('T3_admission_rate')} qua các năm", admission_figure(data)),
        chart(f"{heading('T3_admission_rate')} theo đơn vị", units_figure(data, "T3_admission_rate")),
        chart("T1, T2 · Đánh giá, xếp loại qua các năm", ratings_figure(data)),
        chart(f"{heading('T7_training')} theo đơn vị", units_figure(data, "T7_training")),
        *[chart(f"Tiến độ · {heading(code)}", pace_figure(data, code))
          for code in ("T4_thpt_and_so_cap_llct", "T5_trung_cap_chuyen_mon", "T6_trung_cap_llct")],
    ]
    titles = ["Trang bìa", *[s.title for s in deck]]
    return [Slide("Trang bìa", partial(_cover, data, titles)), *deck]
