"""The report's outline: sections of cards, notes, charts and tables, drawn alike in HTML and PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import pandas as pd
import plotly.graph_objects as go

from core.numbers import vi_number, year_span
from core.wording import in_sentence
from queries.coverage import partial_years_text, unreported_text
from queries.method import method_notes
from queries.programme import programme
from queries.progress import method_text
from queries.report_data import MeetingData, pace_chart_codes, selection_unreported
from queries.scorecard import rank_definition
from queries.warnings import criteria
from report import figures, tables

SAMPLE_NOTE = "Dữ liệu mẫu — số liệu minh họa, không phải báo cáo thật của các đơn vị."


def title() -> str:
    """`Báo cáo tình hình thực hiện <the programme's name>`."""
    return f"Báo cáo tình hình thực hiện {programme().name}"


@dataclass(frozen=True)
class Cards:
    cards: pd.DataFrame


@dataclass(frozen=True)
class Note:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Chart:
    """A chart: interactive in HTML (`plotly`), a picture in the PDF (`png`; None: HTML only)."""

    name: str
    plotly: Callable[[], go.Figure | None]
    png: Callable[[], bytes | None] | None = None


@dataclass(frozen=True)
class Table:
    """A table of text cells (`tables.as_text`); `widths` are relative column widths for the PDF."""

    name: str
    frame: pd.DataFrame
    widths: tuple[float, ...] | None = None
    details: bool = False  # HTML: folded away under its name


@dataclass(frozen=True)
class Scorecard:
    grid: pd.DataFrame
    columns: list[str]
    targets: dict[str, str]


@dataclass(frozen=True)
class Compared:
    """2–4 units side by side (the filter's «So sánh từng đơn vị»): `year_figures` of each unit alone, its name
    in `unit`, the units in the filter's order; the report adds them to its results, after their sum."""

    units: tuple[str, ...]
    figures: pd.DataFrame


@dataclass(frozen=True)
class ComparedCards:
    """The headline cards of the compared units, a column each (HTML; the PDF has them in the table after)."""

    cards: pd.DataFrame
    units: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    title: str
    blocks: list = field(default_factory=list)


def _compared(data: MeetingData, compared: Compared) -> list:
    """Each compared unit's own figures, as when it alone is chosen: the headline cards, then every indicator."""
    figures = compared.figures
    return [
        Heading(f"So sánh {len(compared.units)} đơn vị: {', '.join(compared.units)}"),
        Note("Mỗi đơn vị với số liệu của riêng đơn vị đó, như khi chỉ chọn đơn vị đó; các thẻ và bảng ở trên là tổng "
             "của các đơn vị này."),
        ComparedCards(figures[figures["headline"]].reset_index(drop=True), compared.units),
        Table(f"Toàn bộ chỉ tiêu của từng đơn vị năm {data.year}", tables.compared_table(figures, compared.units),
              (1.2, 4.4, 2.0, 1.6, 2.6, 3.0)),
    ]


def _results(data: MeetingData, compared: Compared | None = None) -> Section:
    headline = tuple(data.cards["indicator"])
    earlier = partial_years_text({year: words for year, words in data.partial_years.items() if year < data.year})
    return Section(section_titles(data)[0], [
        *([Note(data.coming_in.replace("**", ""))] if data.coming_in else []),
        Note(f"{data.scope_label}, năm {data.year}: {len(headline)} chỉ tiêu chính của Đề án so với mục tiêu của "
             f"các mốc {', '.join(map(str, programme().deadlines))}. Tỷ lệ = tử số / mẫu số, cộng trên "
             f"{'các đơn vị đã chọn' if data.units and len(data.units) > 1 else in_sentence(data.scope_label)}."),
        Cards(data.cards),
        Heading("Cách đánh giá"),
        *[Note(line.replace("**", "")) for line in method_notes()],
        Table(f"Toàn bộ chỉ tiêu năm {data.year}", tables.indicators_table(data), (1.0, 4.6, 4.2, 2.2, 1.6, 2.2, 2.8)),
        Note(f"Mã chỉ tiêu — {programme().legend()}."),
        *(_compared(data, compared) if compared else []),
        *([Note(earlier)] if earlier else []),
        Table(f"Các chỉ tiêu chính qua các năm, {year_span(data.first_year, data.year)}", tables.trend_table(data, headline),
              (5.5, 1, 2, 1.6, 1.8, 1.6)),
    ])


def _scorecard(data: MeetingData) -> Section:
    unranked = unreported_text(data.unreported, data.year, "chưa được xếp hạng")
    blocks: list = [Note(f"Bảng xếp hạng so sánh {in_sentence(data.ranked)}."), Note(rank_definition()),
                    *([Note(unranked)] if unranked else [])]
    if data.units:
        blocks.append(Note(f"Đơn vị đang chọn ({in_sentence(data.scope_label)}) được đánh dấu ►."))
    if data.scorecard.empty:
        return Section(section_titles(data)[1], [Note(unranked or f"Chưa có số liệu năm {data.year} để xếp hạng.")])
    blocks += [
        Chart("Bảng xếp hạng đơn vị", partial(figures.scorecard_figure, data)),
        Scorecard(tables.scorecard_grid(data), tables.scorecard_columns(), tables.scorecard_targets(data.year)),
    ]
    return Section(section_titles(data)[1], blocks)


def _pace(data: MeetingData) -> Section:
    blocks: list = [Note(method_text())]
    for deadline in programme().deadlines:
        blocks.append(Table(f"Tiến độ đến mục tiêu {deadline}", tables.pace_table(data, deadline),
                            (4.8, 3.3, 3.3, 2.3, 1.6, 2.2, 2.1, 2.8)))
    for code in pace_chart_codes():
        name = f"Tiến độ {figures.heading(code)}"
        blocks.append(Chart(name, partial(figures.pace_figure, data, code), partial(_pace_png, data, code)))
        blocks.append(Table(f"Số liệu: {name}", tables.as_text(tables.pace_path_table(data, code)), details=True))
    return Section(section_titles(data)[2], blocks)


def _pace_png(data: MeetingData, code: str) -> bytes | None:
    """The pace chart as the PDF draws it; matplotlib is imported by the first PDF, not by every page showing a section."""
    from report import static

    return static.pace_png(data, code)


def _warnings(data: MeetingData) -> Section:
    rules = criteria(data.year, data.idle_years)
    blocks: list = [Note(f"{tables.warning_count_text(data)} cho {in_sentence(data.scope_label)}, năm {data.year}.")]
    unwarned = unreported_text(selection_unreported(data), data.year, "chưa được xét cảnh báo")
    if unwarned:
        blocks.append(Note(unwarned))
    for code, title, page_label, table in tables.warning_groups(data):
        blocks.append(Heading(f"{title} ({vi_number(len(table))})"))
        blocks.append(Note(f"{rules[code]} Số liệu chi tiết: trang «{page_label}» của hệ thống."))
        blocks.append(Table(title, table, (2.2, 3, 7)) if len(table) else Note("Không có."))
    return Section(section_titles(data)[3], blocks)


def section_titles(data: MeetingData) -> list[str]:
    """The titles of `outline(data)`, without building its sections (a country's grid takes seconds)."""
    deadlines = " và ".join(map(str, programme().deadlines))
    return [f"1. Kết quả thực hiện các chỉ tiêu năm {data.year}", "2. Bảng xếp hạng đơn vị",
            f"3. Tiến độ đến mục tiêu {deadlines}", "4. Cảnh báo"]


def outline(data: MeetingData, compared: Compared | None = None) -> list[Section]:
    """The report's sections in order; each starts a new page in the PDF. `compared`: the units also side by side."""
    return [_results(data, compared), _scorecard(data), _pace(data), _warnings(data)]
