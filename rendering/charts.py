"""Plotly figures in one look (rendering/chart_style.py): Vietnamese axes and hover text, bars and points
coloured by the verdict's colour role (rendering/verdicts.py)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from core.numbers import vi_count, vi_number
from queries.rate_text import rate_text, rate_texts
from rendering.axes import focused_range, labelled_under, percent_axis, room_under
from rendering.chart_style import (
    HALO,
    NO_PLACE,
    SHARED_ABOVE,
    SHARED_BELOW,
    band_in_legend,
    bar_label_places,
    base_layout,
    label_sides,
    marker_sizes,
    on_the_line,
    plotly_config,
    shared_labels,
    stack_totals,
    target_in_legend,
    unit_axis_labels,
    unit_bars_height,
    unit_row_height,
)
from rendering.figure_cache import cached_figure
from rendering.limits import first_units
from rendering.verdicts import (
    FALL,
    LOWEST_LEVEL,
    NEUTRAL,
    PALETTE,
    RATING_COLOURS,
    RISE,
    TARGET,
    TARGET_BAND,
    TOTAL,
    role_colours,
)

__all__ = ["RATING_COLOURS", "base_layout", "plotly_config"]  # shared with other chart modules

FONT_SIZE = 18


CLICK_HINT = "<br><i>Nhấn để lọc mọi trang theo đơn vị này</i>"


def unit_ids(frame: pd.DataFrame) -> list[list[str | None]] | None:
    """Each row's display id as a point's customdata (ui/drill.py: a click filters every page to the
    unit); None for a frame without units."""
    if "display_id" not in frame.columns:
        return None
    return [[None if pd.isna(u) else u] for u in frame["display_id"]]


def click_hint(frame: pd.DataFrame) -> str:
    return CLICK_HINT if "display_id" in frame.columns else ""


def rate_hover(frame: pd.DataFrame) -> list[str]:
    """`67,78% (223/329)` for each row with numerator, denominator and rate."""
    return [f"{shown} ({vi_count(n, d)})" for n, d, shown in
            zip(frame["numerator"], frame["denominator"], rate_texts(frame["rate"]), strict=True)]


@cached_figure
def rate_bars_by_unit(frame: pd.DataFrame, title: str, target: float | None, target_label: str | None,
                      roles: list[str]) -> go.Figure:
    """Horizontal bars of a rate per unit, coloured by the verdict's role, with a labelled target line."""
    frame, kept, note = first_units(frame, "unit")
    roles, title = [m for m, k in zip(roles, kept, strict=True) if k], title + note
    top = max(1.0, float(frame["rate"].max() or 0) * 1.1)
    fig = go.Figure(go.Bar(
        y=(names := unit_axis_labels(frame["unit"])), x=frame["rate"], orientation="h",
        marker_color=role_colours(roles),
        text=(labels := rate_texts(frame["rate"])), hovertext=rate_hover(frame),  # counts: hover, table
        textposition=bar_label_places(frame["rate"], top, labels, target), constraintext="none",
        cliponaxis=False, showlegend=False, customdata=unit_ids(frame),
        hovertemplate=f"<b>%{{y}}</b><br>Tỷ lệ: %{{hovertext}}{click_hint(frame)}<extra></extra>",
    ))
    if target is not None:  # an indicator without a target has no line
        target_in_legend(fig, target, target_label, "x")
    fig.update_xaxes(tickformat=".0%", range=[0, top])
    fig.update_yaxes(autorange="reversed")
    fig = base_layout(fig, title, "Tỷ lệ", None)
    return fig.update_layout(height=unit_bars_height(fig, len(frame), unit_row_height(names)))


LABELLED_LINES = 2  # more lines than this: each line's latest figure in the legend, not on every point
_ON_POINT = ("top center", "bottom center")  # a label beside its own point (label_sides)


def latest_in_name(name: str, part: pd.DataFrame) -> str:
    """`Phường Phổ Hòa (2024: 75,38%)`: a line's name with its latest figure."""
    known = part.dropna(subset=["rate"])
    return name if known.empty else f"{name} ({int(known['year'].iloc[-1])}: {rate_text(known['rate'].iloc[-1])})"


@cached_figure
def rate_trend(frame: pd.DataFrame, title: str, series: str, targets: dict[str, float],
               band: tuple[float, float] | None = None, band_label: str | None = None) -> go.Figure:
    """Lines of rate per year for each value of `series` (indicators, or compared units), with
    labelled target lines or a shaded target band; up to LABELLED_LINES lines carry a label on every
    point, more carry their latest figure in the legend."""
    fig = go.Figure()
    axis = focused_range([*frame["rate"], *targets.values(), *(band or ())])
    sides = label_sides(frame, "year", "rate", series, list(targets.values()), axis)
    if frame[series].nunique() <= LABELLED_LINES:
        axis = room_under(axis, labelled_under(frame, "rate", series, sides), floor=0.0)
    sizes = marker_sizes(frame, series, axis)
    labelled = frame[series].nunique() <= LABELLED_LINES
    shared = []  # labels of points on one spot, one under the other (label_sides)
    for index, (name, part) in enumerate(frame.groupby(series, sort=False)):
        places = sides[str(name)]
        placed = [place != NO_PLACE for place in places]  # a latest figure with no clear side: in the legend
        colour = PALETTE[index % len(PALETTE)]
        labels = rate_texts(part["rate"])
        shared += [(year, rate, label, colour, place) for year, rate, label, place
                   in zip(part["year"], part["rate"], labels, places, strict=True) if place in (SHARED_BELOW, SHARED_ABOVE)]
        fig.add_trace(go.Scatter(
            x=part["year"], y=part["rate"], mode="lines+markers+text" if labelled else "lines+markers",
            name=str(name) if labelled and all(placed) else latest_in_name(str(name), part),
            line={"color": colour, "width": 4}, marker={"size": sizes[str(name)], "opacity": 1},  # not a bubble chart's 0,7
            text=[label if place in _ON_POINT else "" for label, place in zip(labels, places, strict=True)],
            textposition=[place if place in _ON_POINT else "top center" for place in places],
            cliponaxis=False,
            textfont={"shadow": HALO},
            customdata=rate_hover(part),
            hovertemplate="<b>%{fullData.name}</b><br>Năm %{x}: %{customdata}<extra></extra>",
        ))
    if labelled:
        shared_labels(fig, shared)
    dash = ["dash", "dot", "dashdot"]
    for index, (label, value) in enumerate(targets.items()):
        target_in_legend(fig, value, label, "y", above=on_the_line(frame["rate"], value, axis))
        fig.layout.shapes[-1].line.dash = dash[index % len(dash)]
        fig.data[-1].line.dash = dash[index % len(dash)]
    if band is not None:
        band_in_legend(fig, band, band_label, TARGET_BAND, "y")
    years = frame["year"]
    if len(years):
        fig.update_xaxes(range=[years.min() - 0.4, years.max() + 0.4])
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(tickformat=".0%" if band is None else ".1%", **percent_axis(axis, frame["rate"]))
    fig.update_layout(showlegend=True)
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
        shares = rate_texts(part[y] / part_totals.where(part_totals != 0))
        axis = {"y": unit_axis_labels(part[x]), "x": values, "orientation": "h"} if horizontal else {"x": part[x], "y": values}
        ids = [i[0] for i in unit_ids(part)] if "display_id" in part.columns else [None] * len(part)
        fig.add_trace(go.Bar(
            name=str(name), marker_color=PALETTE[index % len(PALETTE)], **axis,
            customdata=list(zip(part[y], shares, ids, strict=True)),
            hovertemplate=f"<b>%{{{'y' if horizontal else 'x'}}}</b><br>{name}: %{{customdata[0]:,}} "
                          f"(%{{customdata[1]}}){click_hint(part)}<extra></extra>",
        ))
    fig.update_layout(barmode="stack")
    value_axis = fig.update_xaxes if horizontal else fig.update_yaxes
    sums = frame.groupby(x, sort=False)[y].sum()
    if horizontal:  # the totals sit on the wrapped names of the bars
        sums.index = unit_axis_labels(sums.index)
    if percent:
        # over a column, the word on a line of its own: `Tổng 2.715` side by side ran into the next at 1024 px
        stack_totals(fig, sums.index, sums.tolist(), horizontal, at=[1.015 if horizontal else 1.0] * len(sums),
                     prefix="Tổng " if horizontal else "Tổng<br>")
        value_axis(tickformat=".0%", range=[0, 1.28 if horizontal else 1.2], tickvals=[0, 0.2, 0.4, 0.6, 0.8, 1])
    else:
        stack_totals(fig, sums.index, sums.tolist(), horizontal)
        value_axis(range=[0, float(sums.max() or 1) * (1.15 if horizontal else 1.12)])
    if not horizontal and pd.api.types.is_numeric_dtype(frame[x]):
        fig.update_xaxes(dtick=1, tickformat="d")
    return base_layout(fig, title, x_title, y_title)



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
    top = float(frame[y].max()) if len(frame) and pd.notna(frame[y].max()) else 0.0
    fig.update_yaxes(range=[0, max(top, 1.0) * 1.15], tickformat=",d")
    whole_number_ticks(fig, top, "y")
    return base_layout(fig, title, x_title, y_title)


def whole_number_ticks(fig: go.Figure, top: float, axis: str) -> go.Figure:
    """Ticks on whole numbers only for a count axis whose largest value is `top` (no `0,5 đảng viên`)."""
    if pd.isna(top) or top > 12:
        return fig  # plotly's own ticks are whole numbers on larger ranges
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    return update(tick0=0, dtick=1 if top <= 6 else 2, tickformat=",d")


@cached_figure
def stacked_counts(frame: pd.DataFrame, x: str, y: str, color: str, title: str, x_title: str | None,
                   y_title: str | None, order: list[str] | None = None, horizontal: bool = False) -> go.Figure | None:
    """`stacked_bars` of whole-number counts; horizontal bars run top to bottom in the frame's order
    (by unit: the first units of rendering.limits). None when every count is 0: nothing to draw."""
    if not (frame[y].fillna(0) != 0).any():
        return None
    if horizontal:
        frame, _, note = first_units(frame, x)
        title += note
    fig = stacked_bars(frame, x, y, color, title, x_title, y_title, order=order, horizontal=horizontal)
    top = frame.groupby(x, sort=False)[y].sum().max() if len(frame) else 0
    whole_number_ticks(fig, top, "x" if horizontal else "y")
    if horizontal:  # a row of 34 px a unit (more for a long name): its total label clear of its neighbours'
        fig.update_yaxes(autorange="reversed")
        row = max(34, unit_row_height(unit_axis_labels(frame[x].unique())))
        fig.update_layout(height=max(380, 170 + row * frame[x].nunique()))
    return fig


@cached_figure
def rate_band_trend(frame: pd.DataFrame, title: str, band: tuple[float, float], band_label: str,
                    roles: list[str]) -> go.Figure:
    """The rate per year as a line against a shaded target band, points coloured by the verdict's role."""
    fig = go.Figure(go.Scatter(
        x=frame["year"], y=frame["rate"], mode="lines+markers+text", name="Tỷ lệ",
        line={"color": TARGET, "width": 3},
        marker={"size": 16, "color": role_colours(roles)},
        text=rate_texts(frame["rate"]), textposition="top center", cliponaxis=False,
        textfont={"shadow": HALO}, customdata=rate_hover(frame), showlegend=False,
        hovertemplate="Năm %{x}<br>Tỷ lệ: %{customdata}<extra></extra>",
    ))
    band_in_legend(fig, band, band_label, TARGET_BAND, "y")
    top = max(band[1] * 1.5, float(frame["rate"].max(skipna=True) or 0) * 1.25)
    years = frame["year"]
    if len(years):  # room beside the first and last points for their labels
        fig.update_xaxes(range=[years.min() - 0.5, years.max() + 0.5])
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(tickformat=".1%", range=[0, top])
    return base_layout(fig, title, "Năm", "Tỷ lệ")


@cached_figure
def rate_band_by_unit(frame: pd.DataFrame, title: str, band: tuple[float, float], band_label: str,
                      roles: list[str]) -> go.Figure:
    """Horizontal bars of a rate per unit, coloured by the verdict's role, against a shaded target band."""
    frame, kept, note = first_units(frame, "unit")
    roles, title = [m for m, k in zip(roles, kept, strict=True) if k], title + note
    top = max(band[1] * 1.6, float(frame["rate"].max(skipna=True) or 0) * 1.15)
    fig = go.Figure(go.Bar(
        y=(names := unit_axis_labels(frame["unit"])), x=frame["rate"], orientation="h",
        marker_color=role_colours(roles),
        text=rate_texts(frame["rate"]), hovertext=rate_hover(frame),  # counts in the hover and table
        textposition=bar_label_places(frame["rate"], top), constraintext="none",
        cliponaxis=False, showlegend=False, customdata=unit_ids(frame),
        hovertemplate=f"<b>%{{y}}</b><br>Tỷ lệ: %{{hovertext}}{click_hint(frame)}<extra></extra>",
    ))
    band_in_legend(fig, band, band_label, TARGET_BAND, "x")
    fig.update_xaxes(tickformat=".1%", range=[0, top])
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, title, "Tỷ lệ", None, height=max(380, 90 + unit_row_height(names) * len(frame)))


@cached_figure
def waterfall(frame: pd.DataFrame, x: str, y: str, measure: str, title: str, y_title: str) -> go.Figure:
    """From a starting level through signed changes to the end (`measure`: absolute / relative / total),
    one row a step, top to bottom: the steps' names never run into each other, whatever the width."""
    fig = go.Figure(go.Waterfall(
        y=frame[x], x=frame[y], measure=frame[measure], orientation="h",
        text=[vi_number(v) if m != "relative" or v == 0 else f"{'+' if v > 0 else '−'}{vi_number(abs(v))}"
              for v, m in zip(frame[y], frame[measure], strict=True)],
        textposition="outside", cliponaxis=False, connector={"line": {"color": "#9e9e9e", "dash": "dot"}},
        increasing={"marker": {"color": RISE}}, decreasing={"marker": {"color": FALL}},
        totals={"marker": {"color": TOTAL}},
        hovertemplate="<b>%{y}</b>: %{text}<extra></extra>",
    ))
    levels, level = [], 0.0
    for value, kind in zip(frame[y], frame[measure], strict=True):
        level = level + float(value) if kind == "relative" else float(value)
        levels.append(level)
    if levels:  # zoom onto the changes: they are small beside the totals
        span = max(max(levels) - min(levels), 1.0)
        fig.update_xaxes(range=[max(0.0, min(levels) - 1.5 * span), max(levels) + 0.6 * span])
    fig.update_xaxes(tickformat=",d")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(showlegend=False)
    return base_layout(fig, title, y_title, None, height=140 + 44 * len(frame))


@cached_figure
def count_lines(frame: pd.DataFrame, x: str, y: str, color: str, title: str, x_title: str,
                y_title: str) -> go.Figure:
    """Lines of a count per `x` for each value of `color`, each point labelled."""
    fig = go.Figure()
    sides = label_sides(frame, x, y, color)
    top = float(frame[y].max()) if len(frame) and pd.notna(frame[y].max()) else 0.0
    axis = room_under([-0.08 * max(top, 1.0), max(top, 1.0) * 1.18], labelled_under(frame, y, color, sides))
    # two lines at 0: both seen; the frame's own `rate` column (Kết nạp's) left out
    sizes = marker_sizes(frame[[x, y, color]].rename(columns={x: "year", y: "rate"}), color, axis)
    for index, (name, part) in enumerate(frame.groupby(color, sort=False)):
        fig.add_trace(go.Scatter(
            x=part[x], y=part[y], mode="lines+markers+text", name=str(name),
            line={"color": PALETTE[(index + 1) % len(PALETTE)], "width": 4},
            marker={"size": sizes[str(name)], "opacity": 1},
            text=[vi_number(v) for v in part[y]], textposition=sides[str(name)], cliponaxis=False,
            textfont={"shadow": HALO},
            hovertemplate=f"<b>{name}</b><br>%{{x}}: %{{text}}<extra></extra>",
        ))
    if pd.api.types.is_numeric_dtype(frame[x]):
        fig.update_xaxes(dtick=1, tickformat="d", range=[frame[x].min() - 0.3, frame[x].max() + 0.3])
    fig.update_yaxes(range=axis, tickformat=",d")
    whole_number_ticks(fig, top, "y")
    return base_layout(fig, title, x_title, y_title)



def ladder_colours(count: int) -> list[str]:
    """Colours for an ascending ladder of `count` levels: grey for the lowest, then ever darker blues."""
    if count < 2:
        return [NEUTRAL] * count
    steps = [0.8] if count == 2 else [0.35 + 0.65 * i / (count - 2) for i in range(count - 1)]
    blues = sample_colorscale("Blues", steps)
    return [LOWEST_LEVEL, *blues]


def colour_traces(fig: go.Figure, colours: list[str]) -> go.Figure:
    """Give the figure's traces these colours, in trace order."""
    for trace, colour in zip(fig.data, colours, strict=False):
        trace.marker.color = colour
    return fig


@cached_figure
def grouped_rate_bars(frame: pd.DataFrame, category: str, series: str | None, title: str,
                      x_title: str = "Tỷ lệ", *, target: float | None = None, target_label: str | None = None,
                      numerator: str = "numerator", denominator: str = "denominator", zoom: bool = False) -> go.Figure:
    """Horizontal bars of `rate` per `category` (units, top to bottom), one colour per `series`
    (None: one series), labelled `67,78% (223/329)`, with an optional labelled target line; `zoom`:
    the axis ends just past the largest rate instead of at 100% (small shares)."""
    frame, _, note = first_units(frame, category)
    title += note
    fig = go.Figure()
    groups = [title] if series is None else list(dict.fromkeys(frame[series]))
    highest = frame["rate"].max()
    largest = 0.0 if pd.isna(highest) else float(highest)
    top = (largest * 1.1 or 1.0) if zoom else max(1.0, largest * 1.1)
    for index, name in enumerate(groups):
        part = frame if series is None else frame[frame[series] == name]
        labels = [f"{shown} ({vi_count(n, d)})" for n, d, shown in
                  zip(part[numerator], part[denominator], rate_texts(part["rate"]), strict=True)]
        fig.add_trace(go.Bar(
            y=unit_axis_labels(part[category]), x=part["rate"], orientation="h", name=str(name),
            marker_color=PALETTE[index % len(PALETTE)], text=labels,
            textposition=bar_label_places(part["rate"], top, labels, target),
            textfont={"size": FONT_SIZE - 2}, constraintext="none", cliponaxis=False, showlegend=series is not None,
            customdata=unit_ids(part) if category == "unit" else None,
            hovertemplate=f"<b>%{{y}}</b><br>%{{fullData.name}}: %{{text}}"
                          f"{click_hint(part) if category == 'unit' else ''}<extra></extra>",
        ))
    if target is not None:
        target_in_legend(fig, target, target_label, "x")
    fig.update_xaxes(tickformat=".0%", range=[0, top])
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(barmode="group", showlegend=len(groups) > 1 or target is not None)
    rows = frame[category].nunique()
    row = max(44, unit_row_height(unit_axis_labels(frame[category].unique())))
    return base_layout(fig, title, x_title, None, height=max(380, 140 + row * rows * max(1, len(groups))))


@cached_figure
def stacked_shares_by_unit(frame: pd.DataFrame, unit: str, value: str, level: str, title: str,
                           order: list[str], colours: list[str], x_title: str = "Tỷ lệ") -> go.Figure:
    """100% stacked horizontal bars of `value` per `unit` (top to bottom), split by `level` in `order`."""
    frame, _, note = first_units(frame, unit)
    title += note
    fig = stacked_bars(frame, unit, value, level, title, x_title, None, percent=True, order=order, horizontal=True)
    fig.update_yaxes(autorange="reversed")
    row = max(40, unit_row_height(unit_axis_labels(frame[unit].unique())))
    fig.update_layout(height=unit_bars_height(fig, frame[unit].nunique(), row), legend={"traceorder": "normal"})
    return colour_traces(fig, colours)

