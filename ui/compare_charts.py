"""Charts of 2–4 compared units (ui/compare.py): a line per unit, in the look of rendering/chart_style.py.

Each unit's latest figure goes in the legend (`Phường Phổ Hòa (2024: 75,38%)`): four sets of point
labels would print on each other.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.numbers import year_span
from queries.admissions import ADMISSION_CODE, admission_target
from queries.progress import SERIES_OBSERVED, SERIES_PROJECTED, SERIES_TARGET
from queries.rate_text import rate_texts
from queries.ratings import MEMBER_CODE, ORG_CODE, RATED_CODES
from queries.scorecard import column_labels
from queries.targets import basis_breaks, target_lines
from rendering.axes import focused_range, percent_axis
from rendering.chart_style import (
    FONT_SIZE,
    SHORTEST_PLOT_PX,
    base_layout,
    fallback_room,
    marker_sizes,
    on_the_line,
    target_in_legend,
)
from rendering.charts import latest_in_name, rate_hover, rate_trend
from rendering.figure_cache import cached_figure
from rendering.meeting_charts import pace_axes, pace_range, target_diamonds
from rendering.verdicts import PALETTE, mark_breaks, split_at_breaks
from report.figures import heading
from ui.compare import UNIT, Comparison

PAGE_CHART_PX = 540  # a chart's width on a page at 1024×768, beside the sidebar
LEGEND_ROW_PX = 37  # a legend entry's row, its unit's group gap included
YEARS_PX = 40  # the years under the panels


def _colours(frame: pd.DataFrame) -> dict[str, str]:
    return {unit: PALETTE[i % len(PALETTE)] for i, unit in enumerate(dict.fromkeys(frame[UNIT]))}


@cached_figure
def pace_comparison(paths: pd.DataFrame, title: str, observed: str, projected: str, target: str) -> go.Figure:
    """`pace_chart` for each unit of `paths` (pace_path frames with a `unit` column): the path so far
    (solid), its pace extended (dashed, the unit's colour), every deadline's level (black diamonds); units
    on one spot (at 100 %) keep each its colour there, their markers nested."""
    fig = go.Figure()
    colours = _colours(paths)
    sizes = marker_sizes(paths[paths["series"] == observed], UNIT, pace_range(paths))
    for unit, path in paths.groupby(UNIT, sort=False):
        seen = path[path["series"] == observed]
        fig.add_trace(go.Scatter(
            x=seen["year"], y=seen["rate"], mode="lines+markers", name=latest_in_name(unit, seen), legendgroup=unit,
            line={"color": colours[unit], "width": 4}, marker={"size": sizes[unit], "opacity": 1},
            customdata=rate_hover(seen),
            hovertemplate=f"<b>{unit}</b><br>Năm %{{x}}: %{{customdata}}<extra></extra>",
        ))
        ahead = path[path["series"] == projected]
        if not ahead.empty:
            start = seen.tail(1)
            fig.add_trace(go.Scatter(
                x=[*start["year"], *ahead["year"]], y=[*start["rate"], *ahead["rate"]], mode="lines",
                name=f"{unit}: {projected.lower()}", legendgroup=unit, showlegend=False,
                line={"color": colours[unit], "width": 3, "dash": "dash"},
                customdata=rate_texts([*start["rate"], *ahead["rate"]]),
                hovertemplate=f"<b>{unit}</b> — {projected.lower()}<br>Năm %{{x}}: %{{customdata}}<extra></extra>",
            ))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=f"Nét đứt: {projected.lower()}",
                             line={"color": "#555555", "width": 3, "dash": "dash"}, hoverinfo="skip"))
    target_diamonds(fig, paths[paths["series"] == target].drop_duplicates("year"), target)
    return pace_axes(fig, paths, title)


@cached_figure
def rate_panels(frame: pd.DataFrame, title: str, panel: str, targets: dict[str, float]) -> go.Figure:
    """One panel per value of `panel` (indicators), side by side on one rate axis, a line per unit in
    each (the unit's colour and legend entry shared by the panels), the targets across every panel. Units
    on one spot (three at 100 %) keep each its colour there: nested markers, the target drawn over them."""
    panels = list(dict.fromkeys(frame[panel]))
    fig = make_subplots(rows=1, cols=len(panels), shared_yaxes=True, horizontal_spacing=0.04,
                        subplot_titles=panels)
    colours = _colours(frame)
    axis = focused_range([*frame["rate"], *targets.values()])
    for column, name in enumerate(panels, start=1):
        lines = frame[frame[panel] == name]
        sizes = marker_sizes(lines, UNIT, axis)
        for unit, part in lines.groupby(UNIT, sort=False):
            fig.add_trace(go.Scatter(
                x=part["year"], y=part["rate"], mode="lines+markers", legendgroup=unit, showlegend=column == 1,
                name=latest_in_name(unit, part) if len(panels) == 1 else unit,
                line={"color": colours[unit], "width": 4}, marker={"size": sizes[unit], "opacity": 1},
                customdata=rate_hover(part),
                hovertemplate=f"<b>{unit}</b><br>{name}<br>Năm %{{x}}: %{{customdata}}<extra></extra>",
            ), row=1, col=column)
    for label, value in targets.items():
        target_in_legend(fig, value, label, "y", above=on_the_line(frame["rate"], value, axis))
    years = frame["year"]
    if len(years):
        fig.update_xaxes(range=[years.min() - 0.4, years.max() + 0.4])
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(tickformat=".0%", **percent_axis(axis, frame["rate"]))
    fig = base_layout(fig, title, None, None)
    fig.update_yaxes(title_text="Tỷ lệ", row=1, col=1)
    fig.update_layout(margin_t=fig.layout.margin.t + 28)  # the panels' titles under the chart's
    fig.update_layout(height=panels_height(fig))
    return fig.update_annotations(font_size=18)


def panels_height(fig: go.Figure) -> int:
    """The panels' height on a page: the legend's rows at 1024×768 (four units' long names, an entry a row) and
    SHORTEST_PLOT_PX left for the rate axis, on which marker_sizes keeps the units' markers apart (a 480 px chart
    kept 130 px for it, where a unit's point at 93,62 % vanished under another's ring at 100 %)."""
    entries = sum(1 for trace in fig.data if trace.showlegend)
    per_row = max(1, PAGE_CHART_PX // fig.layout.legend.entrywidth)
    rows = -(-entries // per_row)
    return max(fig.layout.height, fig.layout.margin.t + YEARS_PX + SHORTEST_PLOT_PX + LEGEND_ROW_PX * rows)


def indicator_panels(trend: pd.DataFrame, title: str, code: str, breaks: dict[int, str],
                     targets: dict[str, float]) -> go.Figure:
    """`rate_panels` of an `indicator_trend` per unit, a panel per indicator (`T1 · TCCSĐ HTTNV trở lên`);
    the lines of indicator `code` stop before each of its `breaks` (it counts something else from then)."""
    lines = split_at_breaks(trend, code, breaks, series=UNIT)
    labels = column_labels()
    panels = list(dict.fromkeys(lines["indicator"].map(labels)))
    fig = rate_panels(lines.assign(panel=lines["indicator"].map(labels)), title, "panel", targets)
    if not breaks or labels.get(code) not in panels:
        return fig
    fig = fallback_room(mark_breaks(fig, breaks, panel=panels.index(labels[code]) + 1), FONT_SIZE)
    return fig.update_layout(height=panels_height(fig))  # the note's row in the legend


# ---- the slides of Trình chiếu when units are compared (ui/slides.py) ----------------------

def admission_comparison(compared: Comparison) -> go.Figure | None:
    """T3 per year, a line per unit, against its band."""
    frame = compared.trend[compared.trend["indicator"] == ADMISSION_CODE]
    if frame.empty:
        return None
    filters = compared.filters
    band, label = admission_target(filters.year)
    return rate_trend(frame, f"{heading(ADMISSION_CODE)}, {year_span(filters.first_year, filters.year)}", UNIT, {}, band, label)


def ratings_comparison(compared: Comparison) -> go.Figure | None:
    """T1 and T2 per year side by side, a line per unit."""
    frame = compared.trend[compared.trend["indicator"].isin(RATED_CODES)]
    if frame.empty:
        return None
    filters = compared.filters
    return indicator_panels(frame, "Hoàn thành tốt nhiệm vụ trở lên", ORG_CODE,
                            basis_breaks(ORG_CODE, filters.first_year, filters.year), target_lines(MEMBER_CODE))


def pace_of_units(compared: Comparison, code: str) -> go.Figure | None:
    """Each unit's path toward every deadline's level of `code`."""
    paths = compared.paths(code)
    if paths.empty:
        return None
    return pace_comparison(paths, heading(code), SERIES_OBSERVED, SERIES_PROJECTED, SERIES_TARGET)
