"""The interactive (Plotly) figures of the report and the presentation, from one MeetingData."""

from __future__ import annotations

import plotly.graph_objects as go

from queries.indicators import BY_CODE
from queries.progress import SERIES_OBSERVED, SERIES_PROJECTED, SERIES_TARGET
from queries.report_data import MeetingData
from queries.targets import target_line, target_lines
from ui.charts import rate_band_by_unit, rate_band_trend, rate_bars_by_unit, rate_trend
from ui.meeting_charts import pace_chart, scorecard_heatmap

T3 = BY_CODE["T3_admission_rate"]
RATINGS = ("T1_org_rating", "T2_member_rating")


def heading(code: str) -> str:
    """`T5 · Trung cấp chuyên môn trở lên`."""
    indicator = BY_CODE[code]
    return f"{indicator.target} · {indicator.label}"


def units_figure(data: MeetingData, code: str) -> go.Figure | None:
    """The indicator per unit in the year, against its target; None without figures."""
    frame = data.by_unit[data.by_unit["indicator"] == code]
    if frame.empty:
        return None
    title = f"{heading(code)} — năm {data.year}"
    if code == T3.code:
        band = (T3.target_for(data.year), T3.upper_2025)
        return rate_band_by_unit(frame, title, band, f"Mục tiêu {T3.target_text(data.year)}", frame["met"].tolist())
    target, label = target_line(code, data.year)
    fig = rate_bars_by_unit(frame, title, target, label, frame["met"].tolist())
    return fig.update_annotations(xanchor="right", yshift=6)  # left of its line: not cut off at 100%


def admission_figure(data: MeetingData) -> go.Figure | None:
    """T3 per year against the 3–4% band."""
    frame = data.trend[data.trend["indicator"] == T3.code]
    if frame.empty:
        return None
    band = (T3.target_for(data.year), T3.upper_2025)
    return rate_band_trend(frame, f"{heading(T3.code)}, {data.first_year}–{data.year}", band,
                           f"Mục tiêu {T3.target_text(data.year)}", frame["met"].tolist())


def ratings_figure(data: MeetingData) -> go.Figure | None:
    """T1 and T2 per year against the 90% line."""
    frame = data.trend[data.trend["indicator"].isin(RATINGS)]
    if frame.empty:
        return None
    fig = rate_trend(frame, f"T1, T2 · Hoàn thành tốt nhiệm vụ trở lên, {data.first_year}–{data.year}", "label",
                     target_lines("T2_member_rating"))
    low = float(frame["rate"].min(skipna=True)) if frame["rate"].notna().any() else 0.0
    fig.update_yaxes(range=[max(0.0, low - 0.1), 1.02], rangemode="normal")  # both rates sit near 90%
    if len(fig.data) > 1:
        fig.data[1].textposition = "bottom center"  # the two series' labels apart
    return fig


def pace_figure(data: MeetingData, code: str) -> go.Figure | None:
    """The path so far, the pace extended to 2030, and the 2025 and 2030 targets."""
    path = data.pace_paths[data.pace_paths["indicator"] == code]
    if path.empty:
        return None
    return pace_chart(path, f"{heading(code)}: tiến độ đến 2025, 2030 — {data.scope_label}", SERIES_OBSERVED,
                      SERIES_PROJECTED, SERIES_TARGET)


def scorecard_figure(data: MeetingData) -> go.Figure | None:
    """Every unit × T1–T7, coloured by distance to target; the selected units marked."""
    if data.scorecard.empty:
        return None
    return scorecard_heatmap(data.scorecard, list(data.scorecard_order), f"Bảng xếp hạng đơn vị năm {data.year}",
                             selected=data.units)
