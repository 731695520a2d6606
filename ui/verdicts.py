"""How a verdict of `queries.judgement` looks: one colour per colour role (cards, bars, points, heat
map, report tables), a Streamlit badge, and the mark of a year from which an indicator counts
something else (no line is drawn across it)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

ROLE_COLOURS = {"good": "#1e7b34", "bad": "#c62828", "neutral": "#1f5fa8", "none": "#9e9e9e"}
ROLE_FILLS = {"good": "#d7efd9", "bad": "#fbdcdc", "neutral": "#dde7f3", "none": "#f0f0f0"}  # table cells
ROLE_RGB = {role: tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)) for role, colour in ROLE_FILLS.items()}
ROLE_INK = {role: tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)) for role, colour in ROLE_COLOURS.items()}
BADGES = {"good": "green", "bad": "red", "neutral": "blue", "none": "gray"}
BREAK_COLOUR = "#6d4c41"


def role_colours(roles: Iterable[str]) -> list[str]:
    """The colour of each role, for the bars or points of a chart."""
    return [ROLE_COLOURS.get(role, ROLE_COLOURS["none"]) for role in roles]


def badge(role: str, text: str) -> str:
    """`:green-badge[Đạt]`: a verdict in Streamlit markdown."""
    return f":{BADGES.get(role, 'gray')}-badge[{text}]"


def split_at_breaks(frame: pd.DataFrame, code: str, breaks: dict[int, str]) -> pd.DataFrame:
    """`frame` (indicator, label, year, rate, …) with an empty point just before each break year of
    indicator `code`, so that its line stops there (the other indicators' lines go on)."""
    rows = frame[frame["indicator"] == code]
    if not breaks or rows.empty:
        return frame
    gaps = rows.iloc[[0] * len(breaks)].assign(year=[year - 0.5 for year in breaks], rate=np.nan)
    position = {c: i for i, c in enumerate(dict.fromkeys(frame["indicator"]))}
    joined = pd.concat([frame, gaps], ignore_index=True)
    return joined.assign(_order=joined["indicator"].map(position)).sort_values(
        ["_order", "year"], kind="stable").drop(columns="_order").reset_index(drop=True)


def mark_breaks(fig: go.Figure, breaks: dict[int, str]) -> go.Figure:
    """A dotted line before each break year, labelled with its note (`Từ 2025: tính theo chi bộ cơ sở`)."""
    for year, note in breaks.items():
        fig.add_vline(x=year - 0.5, line_dash="dot", line_color=BREAK_COLOUR, line_width=2,
                      annotation_text=note, annotation_position="bottom right",
                      annotation_font_color=BREAK_COLOUR)
    return fig
