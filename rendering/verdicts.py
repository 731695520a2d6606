"""Every colour of the app, in one place, each with one meaning.

Red and green say one thing only: below (or behind) and met (or on track), the colour roles of
`queries.judgement` (cards, bars, points, heat map, report tables, badges). Everything else is
neutral: "vượt khung" (above a floor band: not a failure), categories (series, groups, rating
levels, qualification ladders), sparklines and changes from last year (a fall may still be on
target); targets are drawn in black. Here too: the mark of a year from which an indicator counts
something else (no line is drawn across it)."""

from __future__ import annotations

import numbers
from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

MET, NOT_MET, NEUTRAL, NO_VERDICT = "#1e7b34", "#c62828", "#1f5fa8", "#9e9e9e"
ROLE_COLOURS = {"good": MET, "bad": NOT_MET, "neutral": NEUTRAL, "none": NO_VERDICT}
ROLE_FILLS = {"good": "#d7efd9", "bad": "#fbdcdc", "neutral": "#dde7f3", "none": "#f0f0f0"}  # table cells
ROLE_RGB = {role: tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)) for role, colour in ROLE_FILLS.items()}
ROLE_INK = {role: tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)) for role, colour in ROLE_COLOURS.items()}
BADGES = {"good": "green", "bad": "red", "neutral": "blue", "none": "gray"}

# Categories: no red, no green (tests/app/test_colours.py checks every chart's traces against these).
PALETTE = ["#1f5fa8", "#e08a00", "#8e44ad", "#455a64", "#b8860b", "#6baed6", "#7f8c8d", "#5e35b1"]
# Rating levels best first (HTXSNV, HTTNV, HTNV, KHTNV), then unrated: dark to pale blue, grey.
RATING_COLOURS = ["#08306b", "#2f6db3", "#7fb0dc", "#c6dbef", "#9e9e9e"]
LOWEST_LEVEL = "#b0b0b0"  # the first rung of a qualification ladder (the others: ever darker blues)
TARGET = "#1a1a1a"  # target lines, markers and band edges: black
TARGET_BAND = "rgba(26, 26, 26, 0.10)"  # a target band's fill: grey, not the green of a verdict
SPARKLINE = "gray"  # a card's line and change from last year (Streamlit's metric colours)
PROJECTED = "#e08a00"  # the observed pace extended
RISE, FALL, TOTAL = "#1f5fa8", "#e08a00", "#455a64"  # a waterfall's steps
BREAK_COLOUR = "#6d4c41"


def role_colours(roles: Iterable[str]) -> list[str]:
    """The colour of each role, for the bars or points of a chart."""
    return [ROLE_COLOURS.get(role, ROLE_COLOURS["none"]) for role in roles]


def badge(role: str, text: str) -> str:
    """`:green-badge[Đạt]`: a verdict in Streamlit markdown."""
    return f":{BADGES.get(role, 'gray')}-badge[{text}]"


def split_at_breaks(frame: pd.DataFrame, code: str, breaks: dict[int, str], series: str = "indicator") -> pd.DataFrame:
    """`frame` (indicator, year, rate, `series`, …) with an empty point just before each break year in
    every line (`series`) of indicator `code`, so that those lines stop there (the others go on)."""
    rows = frame[frame["indicator"] == code]
    if not breaks or rows.empty:
        return frame
    firsts = rows.drop_duplicates(series)
    gaps = pd.concat([firsts.assign(year=year - 0.5, rate=np.nan) for year in breaks], ignore_index=True)
    position = {c: i for i, c in enumerate(dict.fromkeys(frame[series]))}
    joined = pd.concat([frame, gaps], ignore_index=True)
    return joined.assign(_order=joined[series].map(position)).sort_values(
        ["_order", "year"], kind="stable").drop(columns="_order").reset_index(drop=True)


def mark_breaks(fig: go.Figure, breaks: dict[int, str], panel: int | None = None) -> go.Figure:
    """A dotted line before each break year, labelled with its note (`Từ 2025: tính theo chi bộ cơ sở`).

    The note goes at the foot of a chart of lines (rates sit high on their axis), and just above the plot
    of a chart of columns, whose feet are always drawn: there it was written over the 2024 column. Lines with a
    point near the foot on the note's side (T1 of Trà Câu, 80,00 % in 2023) have it in the legend, as panels
    do: at the foot it was written over that point's label, above the plot it ran into the title. In panels
    side by side (`panel`: the column of the indicator that breaks) the line is drawn in that panel only and
    the note goes in the legend: a note under each narrow panel ran into the rate axis's ticks and the next
    panel's note at 1024 px."""
    if panel is not None:
        return _panel_breaks(fig, breaks, panel)
    # numpy's years too (a pandas column's int64 is no `int`)
    xs = [v for trace in fig.data for v in (trace.x if trace.x is not None else ()) if isinstance(v, numbers.Real)]
    columns = any(trace.type == "bar" for trace in fig.data)
    for year, note in breaks.items():
        side = _note_side(xs, year - 0.5)
        if not columns and _point_at_foot(fig, year - 0.5, side):
            fig.add_vline(x=year - 0.5, line_dash="dot", line_color=BREAK_COLOUR, line_width=2)
            _note_in_legend(fig, note)
            continue
        fig.add_vline(x=year - 0.5, line_dash="dot", line_color=BREAK_COLOUR, line_width=2,
                      annotation_text=note, annotation_position=f"{'top' if columns else 'bottom'} {side}",
                      annotation_font_color=BREAK_COLOUR, **({"annotation_yanchor": "bottom"} if columns else {}))
    return fig


def _note_in_legend(fig: go.Figure, note: str) -> None:
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=note, hoverinfo="skip", showlegend=True,
                             line={"color": BREAK_COLOUR, "width": 2, "dash": "dot"}))


FOOT = 0.25  # of the value axis' height: a point there, with its label under it, reaches a note at the foot


def _point_at_foot(fig: go.Figure, at: float, side: str) -> bool:
    """Whether a point on the `side` of `at` where the note goes sits in the lowest FOOT of the value axis
    (the range the chart set; none set: rates high on an axis of plotly's own)."""
    axis = fig.layout.yaxis.range
    if axis is None:
        return False
    foot = axis[0] + FOOT * (axis[1] - axis[0])
    return any(isinstance(x, numbers.Real) and isinstance(y, numbers.Real) and y < foot and (x < at) == (side == "left")
               for trace in fig.data for x, y in zip(trace.x if trace.x is not None else (),
                                                     trace.y if trace.y is not None else (), strict=False))


def _note_side(xs: list[float], at: float) -> str:
    """The side of a line at `at` with more of the chart's years (`xs`): a break in the last year (2025, the
    merger) had its note run off the right of the chart."""
    return "left" if xs and max(xs) - at < at - min(xs) else "right"


def _panel_breaks(fig: go.Figure, breaks: dict[int, str], panel: int) -> go.Figure:
    for year, note in breaks.items():
        axis = "" if panel == 1 else panel  # a cached figure is no make_subplots one: its axes by name
        fig.add_shape(type="line", x0=year - 0.5, x1=year - 0.5, xref=f"x{axis}", y0=0, y1=1, yref=f"y{axis} domain",
                      line={"color": BREAK_COLOUR, "width": 2, "dash": "dot"})
        _note_in_legend(fig, note)
    return fig
