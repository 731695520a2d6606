"""The interactive (Plotly) figures of the report and the presentation, from one MeetingData."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from core.numbers import year_span
from queries.admissions import ADMISSION_CODE, admission_target
from queries.programme import programme
from queries.progress import SERIES_OBSERVED, SERIES_PROJECTED, SERIES_TARGET
from queries.ratings import MEMBER_CODE, ORG_CODE, RATED_CODES
from queries.report_data import MeetingData
from queries.scorecard import heatmap_note
from queries.targets import basis_breaks, target_line, target_lines
from rendering.charts import rate_band_by_unit, rate_band_trend, rate_bars_by_unit, rate_trend
from rendering.meeting_charts import LEGEND_BELOW, pace_chart, scorecard_heatmap
from rendering.verdicts import mark_breaks, split_at_breaks


def heading(code: str) -> str:
    """`T5 · Trung cấp chuyên môn trở lên`."""
    return programme().indicator(code).heading


def units_figure(data: MeetingData, code: str) -> go.Figure | None:
    """The indicator per unit in the year, against its target; None without figures."""
    frame = data.by_unit[data.by_unit["indicator"] == code]
    if frame.empty:
        return None
    title = f"{heading(code)} — năm {data.year}"
    if code == ADMISSION_CODE:
        band, label = admission_target(data.year)
        return rate_band_by_unit(frame, title, band, label, frame["role"].tolist())
    target, label = target_line(code, data.year)
    fig = rate_bars_by_unit(frame, title, target, label, frame["role"].tolist())
    return fig.update_annotations(xanchor="right", yshift=6)  # left of its line: not cut off at 100%


def admission_figure(data: MeetingData) -> go.Figure | None:
    """T3 per year against its band."""
    frame = data.trend[data.trend["indicator"] == ADMISSION_CODE]
    if frame.empty:
        return None
    band, label = admission_target(data.year)
    return rate_band_trend(frame, f"{heading(ADMISSION_CODE)}, {year_span(data.first_year, data.year)}", band, label,
                           frame["role"].tolist())


def ratings_figure(data: MeetingData) -> go.Figure | None:
    """T1 and T2 per year against their level; T1's change of basis marked, no line across it."""
    frame = data.trend[data.trend["indicator"].isin(RATED_CODES)]
    if frame.empty:
        return None
    groups = " · ".join(programme().indicator(c).group for c in RATED_CODES)
    breaks = basis_breaks(ORG_CODE, data.first_year, data.year)
    fig = rate_trend(split_at_breaks(frame, ORG_CODE, breaks),
                     f"{groups} · Hoàn thành tốt nhiệm vụ trở lên, {year_span(data.first_year, data.year)}", "label",
                     target_lines(MEMBER_CODE))
    return mark_breaks(fig, breaks)  # rate_trend focuses the axis and keeps the two series' labels apart


def pace_figure(data: MeetingData, code: str) -> go.Figure | None:
    """The path so far, the pace extended to the last deadline, and every deadline's level."""
    path = data.pace_paths[data.pace_paths["indicator"] == code]
    if path.empty:
        return None
    deadlines = ", ".join(map(str, programme().deadlines))
    return pace_chart(path, f"{heading(code)}: tiến độ đến {deadlines} — {data.scope_label}", SERIES_OBSERVED,
                      SERIES_PROJECTED, SERIES_TARGET)


def scorecard_figure(data: MeetingData, legend: str = LEGEND_BELOW,
                     units: Sequence[str] | None = None) -> go.Figure | None:
    """Every unit × the headline indicators, coloured by verdict; the selected units marked; the
    indicators' names below the grid or (a slide) right of it. `units`: those rows of the ranking only
    (display ids, in its order): a slide's part of it."""
    if data.scorecard.empty:
        return None
    order = list(data.scorecard_order if units is None else units)
    return scorecard_heatmap(data.scorecard, order, f"Bảng xếp hạng đơn vị năm {data.year}",
                             selected=data.units, note=heatmap_note(data.year, data.unreported), legend=legend)
