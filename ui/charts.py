"""Plotly figures in one look: Vietnamese axes and hover text, one colour for met and one for not met."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui.format import PLOTLY_SEPARATORS, vi_count, vi_percent

MET = "#1e7b34"
NOT_MET = "#c62828"
NEUTRAL = "#1f5fa8"
TARGET = "#333333"
PALETTE = ["#1f5fa8", "#e08a00", "#2e8b57", "#8e44ad", "#c62828", "#16a0a0", "#7f8c8d", "#b8860b"]
FONT_SIZE = 18


def plotly_config(file_name: str) -> dict:
    """Toolbar with a PNG download sized for a slide; nothing that needs a network."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_name, "width": 1600, "height": 900, "scale": 1},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def base_layout(fig: go.Figure, title: str, x_title: str | None = None, y_title: str | None = None,
                height: int = 480) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": FONT_SIZE + 4}},
        separators=PLOTLY_SEPARATORS,
        font={"size": FONT_SIZE},
        height=height,
        margin={"l": 10, "r": 30, "t": 70, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        hoverlabel={"font_size": FONT_SIZE},
    )
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


def rate_hover(frame: pd.DataFrame) -> list[str]:
    """`67,78% (223/329)` for each row with numerator, denominator and rate."""
    return [f"{vi_percent(r)} ({vi_count(n, d)})" for n, d, r in
            zip(frame["numerator"], frame["denominator"], frame["rate"], strict=True)]


def rate_bars_by_unit(frame: pd.DataFrame, title: str, target: float, target_label: str,
                      met: list[bool | None]) -> go.Figure:
    """Horizontal bars of a rate per unit, coloured met / not met, with a labelled target line."""
    labels = rate_hover(frame)
    fig = go.Figure(go.Bar(
        y=frame["unit"], x=frame["rate"], orientation="h",
        marker_color=[MET if m else NOT_MET for m in met],
        text=labels, textposition="auto",
        hovertemplate="<b>%{y}</b><br>Tỷ lệ: %{text}<extra></extra>",
    ))
    fig.add_vline(x=target, line_dash="dash", line_color=TARGET, line_width=3,
                  annotation_text=target_label, annotation_position="top")
    fig.update_xaxes(tickformat=".0%", range=[0, max(1.0, float(frame["rate"].max() or 0) * 1.1)])
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, title, "Tỷ lệ", None, height=max(380, 60 + 42 * len(frame)))


def rate_trend(frame: pd.DataFrame, title: str, series: str, targets: dict[str, float]) -> go.Figure:
    """Lines of rate per year for each value of `series`, with labelled target lines."""
    fig = go.Figure()
    for index, (name, part) in enumerate(frame.groupby(series, sort=False)):
        fig.add_trace(go.Scatter(
            x=part["year"], y=part["rate"], mode="lines+markers+text", name=str(name),
            line={"color": PALETTE[index % len(PALETTE)], "width": 4}, marker={"size": 10},
            text=[vi_percent(r, 1) for r in part["rate"]], textposition="top center",
            customdata=rate_hover(part),
            hovertemplate="<b>%{fullData.name}</b><br>Năm %{x}: %{customdata}<extra></extra>",
        ))
    for label, value in targets.items():
        fig.add_hline(y=value, line_dash="dash", line_color=TARGET, line_width=2,
                      annotation_text=label, annotation_position="top left")
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return base_layout(fig, title, "Năm", "Tỷ lệ")


def stacked_bars(frame: pd.DataFrame, x: str, y: str, color: str, title: str, x_title: str, y_title: str,
                 percent: bool = False, order: list[str] | None = None, horizontal: bool = False) -> go.Figure:
    """Stacked bars of `y` per `x`, split by `color`; `percent` stacks to 100%."""
    fig = go.Figure()
    groups = order or list(dict.fromkeys(frame[color]))
    totals = frame.groupby(x, sort=False)[y].transform("sum")
    for index, name in enumerate(groups):
        part = frame[frame[color] == name]
        part_totals = totals[part.index]
        values = part[y] / part_totals.where(part_totals != 0) if percent else part[y]
        shares = [vi_percent(v) for v in (part[y] / part_totals.where(part_totals != 0))]
        axis = {"y": part[x], "x": values, "orientation": "h"} if horizontal else {"x": part[x], "y": values}
        fig.add_trace(go.Bar(
            name=str(name), marker_color=PALETTE[index % len(PALETTE)], **axis,
            customdata=list(zip(part[y], shares, strict=True)),
            hovertemplate=f"<b>%{{{'y' if horizontal else 'x'}}}</b><br>{name}: %{{customdata[0]:,}} "
                          "(%{customdata[1]})<extra></extra>",
        ))
    fig.update_layout(barmode="stack")
    value_axis = fig.update_xaxes if horizontal else fig.update_yaxes
    if percent:
        value_axis(tickformat=".0%")
    if not horizontal and pd.api.types.is_numeric_dtype(frame[x]):
        fig.update_xaxes(dtick=1, tickformat="d")
    return base_layout(fig, title, x_title, y_title)
