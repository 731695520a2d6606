"""Plotly figures in one look: Vietnamese axes and hover text, bars and points coloured by the verdict's
colour role (ui/verdicts.py)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from ui.figure_cache import cached_figure
from ui.format import PLOTLY_SEPARATORS, vi_count, vi_number, vi_percent
from ui.limits import first_units
from ui.verdicts import role_colours

MET = "#1e7b34"
NOT_MET = "#c62828"
NEUTRAL = "#1f5fa8"
TARGET = "#333333"
PALETTE = ["#1f5fa8", "#e08a00", "#2e8b57", "#8e44ad", "#c62828", "#16a0a0", "#7f8c8d", "#b8860b"]
FONT_SIZE = 18
# A system font for the PNG download too (drawn without the web font, long labels were cut off)
FONT_FAMILY = "DejaVu Sans, Arial, Helvetica, sans-serif"


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
        font={"size": FONT_SIZE, "family": FONT_FAMILY},
        height=height,
        margin={"l": 10, "r": 30, "t": 70, "b": 10},
        # at the foot of the figure, below the x-axis title whatever the tick size
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "font": {"size": FONT_SIZE}},
        hoverlabel={"font_size": FONT_SIZE},
    )
    # Streamlit's chart theme replaces the layout-wide font size on axes and legend; explicit
    # sizes survive it, so the projector gets large ticks too.
    fig.update_xaxes(tickfont_size=FONT_SIZE, title_font_size=FONT_SIZE)
    fig.update_yaxes(tickfont_size=FONT_SIZE, title_font_size=FONT_SIZE)
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


def rate_hover(frame: pd.DataFrame) -> list[str]:
    """`67,78% (223/329)` for each row with numerator, denominator and rate."""
    return [f"{vi_percent(r)} ({vi_count(n, d)})" for n, d, r in
            zip(frame["numerator"], frame["denominator"], frame["rate"], strict=True)]


@cached_figure
def rate_bars_by_unit(frame: pd.DataFrame, title: str, target: float | None, target_label: str | None,
                      roles: list[str]) -> go.Figure:
    """Horizontal bars of a rate per unit, coloured by the verdict's role, with a labelled target line."""
    frame, kept, note = first_units(frame, "unit")
    roles, title = [m for m, k in zip(roles, kept, strict=True) if k], title + note
    labels = rate_hover(frame)
    fig = go.Figure(go.Bar(
        y=frame["unit"], x=frame["rate"], orientation="h",
        marker_color=role_colours(roles),
        text=labels, textposition="auto",
        hovertemplate="<b>%{y}</b><br>Tỷ lệ: %{text}<extra></extra>",
    ))
    if target is not None:  # an indicator without a target has no line
        fig.add_vline(x=target, line_dash="dash", line_color=TARGET, line_width=3,
                      annotation_text=target_label, annotation_position="top left")
    fig.update_xaxes(tickformat=".0%", range=[0, max(1.0, float(frame["rate"].max() or 0) * 1.1)])
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, title, "Tỷ lệ", None, height=max(380, 60 + 42 * len(frame)))


@cached_figure
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


@cached_figure
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


BAND_FILL = "rgba(30, 123, 52, 0.14)"
RISE, FALL, TOTAL = "#1f5fa8", "#e08a00", "#455a64"


@cached_figure
def count_bars(frame: pd.DataFrame, x: str, y: str, title: str, x_title: str | None,
               y_title: str | None) -> go.Figure:
    """Vertical bars of a count per `x`, each labelled with its value."""
    fig = go.Figure(go.Bar(
        x=frame[x], y=frame[y], marker_color=NEUTRAL,
        text=[vi_number(v) for v in frame[y]], textposition="outside", cliponaxis=False,
        hovertemplate=f"<b>%{{x}}</b><br>{y_title or ''}: %{{text}}<extra></extra>",
    ))
    if pd.api.types.is_numeric_dtype(frame[x]):
        fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(rangemode="tozero", tickformat=",d")
    whole_number_ticks(fig, frame[y].max() if len(frame) else 0, "y")
    return base_layout(fig, title, x_title, y_title)


def whole_number_ticks(fig: go.Figure, top: float, axis: str) -> go.Figure:
    """Ticks on whole numbers only for a count axis whose largest value is `top` (no `0,5 đảng viên`)."""
    if pd.isna(top) or top > 12:
        return fig  # plotly's own ticks are whole numbers on larger ranges
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    return update(tick0=0, dtick=1 if top <= 6 else 2, tickformat=",d")


@cached_figure
def stacked_counts(frame: pd.DataFrame, x: str, y: str, color: str, title: str, x_title: str | None,
                   y_title: str | None, order: list[str] | None = None, horizontal: bool = False) -> go.Figure:
    """`stacked_bars` of whole-number counts; horizontal bars run top to bottom in the frame's order
    (by unit: the first units of ui.limits)."""
    if horizontal:
        frame, _, note = first_units(frame, x)
        title += note
    fig = stacked_bars(frame, x, y, color, title, x_title, y_title, order=order, horizontal=horizontal)
    top = frame.groupby(x, sort=False)[y].sum().max() if len(frame) else 0
    whole_number_ticks(fig, top, "x" if horizontal else "y")
    if horizontal:
        fig.update_yaxes(autorange="reversed")
    return fig


def _band(fig: go.Figure, band: tuple[float, float], label: str, vertical: bool) -> None:
    """A shaded target band with its label just outside the plot area."""
    if vertical:
        fig.add_vrect(x0=band[0], x1=band[1], fillcolor=BAND_FILL, line_width=0, layer="below")
        fig.add_annotation(x=band[0], xref="x", y=1, yref="paper", yanchor="bottom", xanchor="left",
                           text=label, showarrow=False, font={"color": MET})
    else:
        fig.add_hrect(y0=band[0], y1=band[1], fillcolor=BAND_FILL, line_width=0, layer="below")
        fig.add_annotation(x=0, xref="paper", y=band[1], yref="y", yanchor="bottom", xanchor="left",
                           text=label, showarrow=False, font={"color": MET})


@cached_figure
def rate_band_trend(frame: pd.DataFrame, title: str, band: tuple[float, float], band_label: str,
                    roles: list[str]) -> go.Figure:
    """The rate per year as a line against a shaded target band, points coloured by the verdict's role."""
    fig = go.Figure(go.Scatter(
        x=frame["year"], y=frame["rate"], mode="lines+markers+text", name="Tỷ lệ",
        line={"color": TARGET, "width": 3},
        marker={"size": 16, "color": role_colours(roles)},
        text=[vi_percent(r) for r in frame["rate"]], textposition="top center",
        customdata=rate_hover(frame),
        hovertemplate="Năm %{x}<br>Tỷ lệ: %{customdata}<extra></extra>",
    ))
    _band(fig, band, band_label, vertical=False)
    top = max(band[1] * 1.5, float(frame["rate"].max(skipna=True) or 0) * 1.25)
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(tickformat=".1%", range=[0, top])
    fig.update_layout(showlegend=False)
    return base_layout(fig, title, "Năm", "Tỷ lệ")


@cached_figure
def rate_band_by_unit(frame: pd.DataFrame, title: str, band: tuple[float, float], band_label: str,
                      roles: list[str]) -> go.Figure:
    """Horizontal bars of a rate per unit, coloured by the verdict's role, against a shaded target band."""
    frame, kept, note = first_units(frame, "unit")
    roles, title = [m for m, k in zip(roles, kept, strict=True) if k], title + note
    fig = go.Figure(go.Bar(
        y=frame["unit"], x=frame["rate"], orientation="h",
        marker_color=role_colours(roles),
        text=rate_hover(frame), textposition="auto",
        hovertemplate="<b>%{y}</b><br>Tỷ lệ: %{text}<extra></extra>",
    ))
    _band(fig, band, band_label, vertical=True)
    top = max(band[1] * 1.6, float(frame["rate"].max(skipna=True) or 0) * 1.15)
    fig.update_xaxes(tickformat=".1%", range=[0, top])
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, title, "Tỷ lệ", None, height=max(380, 90 + 42 * len(frame)))


@cached_figure
def waterfall(frame: pd.DataFrame, x: str, y: str, measure: str, title: str, y_title: str) -> go.Figure:
    """From a starting level through signed changes to the end (`measure`: absolute / relative / total)."""
    fig = go.Figure(go.Waterfall(
        x=frame[x], y=frame[y], measure=frame[measure], orientation="v",
        text=[vi_number(v) if m != "relative" or v == 0 else f"{'+' if v > 0 else '−'}{vi_number(abs(v))}"
              for v, m in zip(frame[y], frame[measure], strict=True)],
        textposition="outside", connector={"line": {"color": "#9e9e9e", "dash": "dot"}},
        increasing={"marker": {"color": RISE}}, decreasing={"marker": {"color": FALL}},
        totals={"marker": {"color": TOTAL}},
        hovertemplate="<b>%{x}</b>: %{text}<extra></extra>",
    ))
    levels, level = [], 0.0
    for value, kind in zip(frame[y], frame[measure], strict=True):
        level = level + float(value) if kind == "relative" else float(value)
        levels.append(level)
    if levels:  # zoom onto the changes: they are small beside the totals
        span = max(max(levels) - min(levels), 1.0)
        fig.update_yaxes(range=[max(0.0, min(levels) - 1.5 * span), max(levels) + 0.6 * span])
    fig.update_yaxes(tickformat=",d")
    fig.update_layout(showlegend=False)
    return base_layout(fig, title, None, y_title)


@cached_figure
def count_lines(frame: pd.DataFrame, x: str, y: str, color: str, title: str, x_title: str,
                y_title: str) -> go.Figure:
    """Lines of a count per `x` for each value of `color`, each point labelled."""
    fig = go.Figure()
    for index, (name, part) in enumerate(frame.groupby(color, sort=False)):
        fig.add_trace(go.Scatter(
            x=part[x], y=part[y], mode="lines+markers+text", name=str(name),
            line={"color": PALETTE[(index + 4) % len(PALETTE)], "width": 4}, marker={"size": 10},
            text=[vi_number(v) for v in part[y]], textposition="top center", cliponaxis=False,
            hovertemplate=f"<b>{name}</b><br>%{{x}}: %{{text}}<extra></extra>",
        ))
    if pd.api.types.is_numeric_dtype(frame[x]):
        fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(rangemode="tozero", tickformat=",d")
    whole_number_ticks(fig, frame[y].max() if len(frame) else 0, "y")
    return base_layout(fig, title, x_title, y_title)


GOOD_TO_BAD = [MET, "#7cb342", "#f2b134", NOT_MET, "#9e9e9e"]  # rating levels, best first, then unrated
UNTRAINED = "#b0b0b0"


def ladder_colours(count: int) -> list[str]:
    """Colours for an ascending ladder of `count` levels: grey for the lowest, then ever darker blues."""
    if count < 2:
        return [NEUTRAL] * count
    steps = [0.8] if count == 2 else [0.35 + 0.65 * i / (count - 2) for i in range(count - 1)]
    blues = sample_colorscale("Blues", steps)
    return [UNTRAINED, *blues]


def colour_traces(fig: go.Figure, colours: list[str]) -> go.Figure:
    """Give the figure's traces these colours, in trace order."""
    for trace, colour in zip(fig.data, colours, strict=False):
        trace.marker.color = colour
    return fig


@cached_figure
def grouped_rate_bars(frame: pd.DataFrame, category: str, series: str | None, title: str,
                      x_title: str = "Tỷ lệ", *, target: float | None = None, target_label: str | None = None,
                      numerator: str = "numerator", denominator: str = "denominator") -> go.Figure:
    """Horizontal bars of `rate` per `category` (units, top to bottom), one colour per `series`
    (None: one series), labelled `67,78% (223/329)`, with an optional labelled target line."""
    frame, _, note = first_units(frame, category)
    title += note
    fig = go.Figure()
    groups = [title] if series is None else list(dict.fromkeys(frame[series]))
    for index, name in enumerate(groups):
        part = frame if series is None else frame[frame[series] == name]
        labels = [f"{vi_percent(r)} ({vi_count(n, d)})" for n, d, r in
                  zip(part[numerator], part[denominator], part["rate"], strict=True)]
        fig.add_trace(go.Bar(
            y=part[category], x=part["rate"], orientation="h", name=str(name),
            marker_color=PALETTE[index % len(PALETTE)], text=labels, textposition="auto",
            textfont={"size": FONT_SIZE - 2}, constraintext="none",
            hovertemplate="<b>%{y}</b><br>%{fullData.name}: %{text}<extra></extra>",
        ))
    if target is not None:  # the label left of the line, so a 100% target keeps it on the chart
        fig.add_vline(x=target, line_dash="dash", line_color=TARGET, line_width=3,
                      annotation_text=target_label, annotation_position="top left")
    top = frame["rate"].max()
    fig.update_xaxes(tickformat=".0%", range=[0, max(1.0, 0.0 if pd.isna(top) else float(top) * 1.1)])
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(barmode="group", showlegend=len(groups) > 1)
    rows = frame[category].nunique()
    return base_layout(fig, title, x_title, None, height=max(380, 140 + 44 * rows * max(1, len(groups))))


@cached_figure
def stacked_shares_by_unit(frame: pd.DataFrame, unit: str, value: str, level: str, title: str,
                           order: list[str], colours: list[str], x_title: str = "Tỷ lệ") -> go.Figure:
    """100% stacked horizontal bars of `value` per `unit` (top to bottom), split by `level` in `order`."""
    frame, _, note = first_units(frame, unit)
    title += note
    fig = stacked_bars(frame, unit, value, level, title, x_title, None, percent=True, order=order, horizontal=True)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=max(380, 160 + 40 * frame[unit].nunique()), legend={"traceorder": "normal"})
    return colour_traces(fig, colours)

