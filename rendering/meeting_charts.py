"""Charts of the meeting pages: the unit scorecard heat map and the pace-to-target chart.

Kept apart from rendering/charts.py (already at its size limit); same look through `base_layout`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from core.numbers import vi_count, vi_number, vi_points
from core.wording import unbreakable
from queries.rate_text import rate_format, rate_texts
from queries.scorecard import column_labels
from rendering.axes import focused_range, percent_axis
from rendering.chart_style import HALO, fallback_room
from rendering.charts import base_layout
from rendering.figure_cache import cached_figure
from rendering.limits import CHART_UNITS, first_and_selected
from rendering.verdicts import NEUTRAL, PROJECTED, TARGET

CLIP = 0.30  # distances beyond ±30 points take the darkest colour
LIGHTEST = 0.02  # a verdict's colour is never paler than 2 points' worth
# The verdict's colour role (queries.judgement): red short of the target, green on it, blue in the
# middle for a rate above a floor band (not a failure); the depth shows how far from the target.
DISTANCE_SCALE = [[0.0, "#b71c1c"], [0.48, "#ffd6d6"], [0.49, "#cfdcec"], [0.51, "#cfdcec"], [0.52, "#b9e3bb"],
                  [1.0, "#1b5e20"]]
NO_FIGURES = "#e0e0e0"
CELL_FONT = 14  # "100,00%" fits a column at 1024 px with the sidebar open
# What a cell of the heat map says, for the caption under it: its rate only (the count, `2.390/2.703`, does not fit
# at 1024 px); the count is in the chart's table and its hover, which a projector has not
HEATMAP_CELL_WORDS = "Mỗi ô ghi tỷ lệ; tử số/mẫu số ở bảng số liệu của biểu đồ và khi rê chuột lên ô."
COLUMN_FONT = 15
ROW_FONT = 16
LEGEND_FONT = 15
LEGEND_BELOW, LEGEND_RIGHT = "below", "right"  # where the heat map says what T1…T7 are


def _colour_value(distance: float, role: str) -> float | None:
    """Where a cell sits on DISTANCE_SCALE: its role's side (0 for neutral), as deep as its distance
    (clipped to CLIP; on pace but not yet at the level: the lightest green)."""
    if role == "none" or pd.isna(distance):
        return None
    if role == "neutral":
        return 0.0
    depth = min(CLIP, max(LIGHTEST, abs(float(distance)) if role == "bad" or distance > 0 else 0.0))
    return depth if role == "good" else -depth


def column_label(short_label: str, target: str) -> str:
    """`<b>T4</b><br>100%`: a column title narrow enough for seven columns beside the unit names at
    1024 px with the sidebar open; the names are in the figure's legend (`column_legend`)."""
    code = short_label.partition(" · ")[0]
    target = target.replace("/", "<br>/", 1)  # `3%–4%/năm` on two short lines
    return f"<b>{code}</b><br>{target}"


def column_legend(short_labels: Sequence[str], per_line: int) -> str:
    """`<b>T1</b> TCCSĐ HTTNV trở lên · <b>T2</b> …`, `per_line` names to a line."""
    names = []
    for label in short_labels:
        code, _, name = label.partition(" · ")
        names.append(f"<b>{code}</b> {name}")
    return "<br>".join(" · ".join(names[i:i + per_line]) for i in range(0, len(names), per_line))


UNIT_WRAP = 20  # an organisation's name is long (`Đảng bộ Công ty TNHH …`): three short lines keep the columns wide


def unit_label(rank: int, unit: str, change: str, selected: bool) -> str:
    """`7. Xã Nguyễn Nghiêm<br>(chưa so)`: a unit's rank, name and change of rank, wrapped, its change whole on a line
    (`(chưa` over `so)` read as two marks)."""
    text = "<br>".join(textwrap.wrap(f"{rank}. {unit} ({unbreakable(change)})", UNIT_WRAP))
    return f"<b>► {text}</b>" if selected else text


@cached_figure
def scorecard_heatmap(cells: pd.DataFrame, order: Sequence[str], title: str,
                      selected: Sequence[str] | None = None, note: str = "", legend: str = LEGEND_BELOW) -> go.Figure:
    """Units (rows, in `order`) × headline indicators (columns) coloured by distance to target, each
    cell showing `67,8%` (`223/329` on hover). A transparent marker on every cell carries the hover
    text and the display id (customdata[0]), so a click selects the unit. The colour scale and the
    names of T1…T7 go below the grid (`LEGEND_BELOW`, fits any width) or right of it (`LEGEND_RIGHT`,
    for a slide, which has the whole screen's width and too little height)."""
    selected = set(selected or ())
    if len(order) > CHART_UNITS:  # a province or the country: the best ranked, and any selected
        title += f" — {CHART_UNITS} đơn vị đầu bảng xếp hạng trong {vi_number(len(order))}"
        order = first_and_selected(order, selected)
        cells = cells[cells["display_id"].isin(set(order))]
    present = set(cells["short_label"])  # in the programme's order, whichever unit comes first (an
    columns = [label for label in column_labels().values() if label in present]  # organisation has no T4–T6)
    first = cells.drop_duplicates("short_label").set_index("short_label")
    x_text = [column_label(label, first.at[label, "header_target"]) for label in columns]
    units = cells.drop_duplicates("display_id").set_index("display_id")
    rows = [unit_label(units.at[u, "rank"], units.at[u, "unit"], units.at[u, "rank_change_text"], u in selected)
            for u in order]
    by_cell = {(r["display_id"], r["short_label"]): r for r in cells.to_dict("records")}  # not .loc per cell
    z, text, hover, xs, ys, ids = [], [], [], [], [], []
    rate_text = rate_format()  # the programme's levels looked up once, not per cell
    for unit_id, row_label in zip(order, rows, strict=True):
        z_row, text_row = [], []
        for column, x_label in zip(columns, x_text, strict=True):
            cell = by_cell.get((unit_id, column))
            if cell is None:
                z_row.append(None)
                text_row.append("—")
                continue
            z_row.append(_colour_value(cell["distance"], cell["role"]))
            text_row.append(rate_text(cell["rate"]) if pd.notna(cell["rate"]) else "—")  # n/d: on hover
            xs.append(x_label)
            ys.append(row_label)
            ids.append(unit_id)
            met = cell["verdict"].lower()
            hover.append(f"<b>{cell['unit']}</b><br>{column}<br>Tỷ lệ: {rate_text(cell['rate'])} "
                         f"({vi_count(cell['numerator'], cell['denominator'])})<br>Mục tiêu: {cell['target_text']}"
                         f" — {met}<br>Khoảng cách đến mục tiêu: {vi_points(cell['distance'])}"
                         "<br><i>Nhấn để lọc mọi trang theo đơn vị này</i>")
        z.append(z_row)
        text.append(text_row)
    ticks = [-0.299, -0.2, -0.1, 0, 0.1, 0.2, 0.299]  # the end ticks inside the scale, or plotly drops them
    below = legend == LEGEND_BELOW
    bar = {"tickvals": ticks, "ticktext": ["≤ −30", "−20", "−10", "0", "+10", "+20", "≥ +30"],
           "tickfont": {"size": LEGEND_FONT}, "thickness": 16}
    if below:
        bar |= {"orientation": "h", "title": {"text": "Khoảng cách đến mục tiêu (điểm %)", "side": "top",
                                              "font": {"size": LEGEND_FONT}},
                "x": 1, "xanchor": "right", "xref": "paper", "xpad": 24, "len": 360, "lenmode": "pixels",
                "y": 0, "yanchor": "top", "yref": "paper", "ypad": 36}
    else:
        bar |= {"title": {"text": "Khoảng cách đến<br>mục tiêu (điểm %)", "side": "top"}, "len": 0.5, "y": 1,
                "yanchor": "top"}
    fig = go.Figure(go.Heatmap(
        z=z, x=x_text, y=rows, text=text, texttemplate="%{text}", textfont={"size": CELL_FONT},
        colorscale=DISTANCE_SCALE, zmin=-CLIP, zmax=CLIP, xgap=3, ygap=3, hoverinfo="skip", colorbar=bar,
    ))
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="markers", customdata=[[u] for u in ids], text=hover,
        marker={"size": 44, "symbol": "square", "opacity": 0, "color": NEUTRAL},
        selected={"marker": {"opacity": 0}}, unselected={"marker": {"opacity": 0}},
        hovertemplate="%{text}<extra></extra>", showlegend=False,
    ))
    extra = 24 * (note.count("<br>") + 1) if note else 0  # the note's lines under the title
    lines = max((row.count("<br>") + 1 for row in rows), default=1)
    row_height = 40 if lines <= 2 else 24 * lines  # a three-line name keeps clear of its neighbours
    fig = base_layout(fig, title, height=(330 if below else 150) + extra + row_height * len(order))
    title_breaks = fig.layout.title.text.count("<br>")  # base_layout wraps a long title: its lines add to the top
    fig.update_layout(height=fig.layout.height + 26 * title_breaks)  # margin, not taken from the rows
    if note:
        fig.update_layout(title_subtitle={"text": note, "font": {"size": 15}})
    # ranges fixed to the grid: the click markers would otherwise widen them by their size
    fig.update_xaxes(side="top", tickangle=0, fixedrange=True, showgrid=False, tickfont_size=COLUMN_FONT,
                     range=[-0.5, len(columns) - 0.5])
    fig.update_yaxes(fixedrange=True, showgrid=False, range=[len(rows) - 0.5, -0.5])
    fallback_room(fig.update_yaxes(tickfont_size=ROW_FONT), ROW_FONT)  # the names' room at their own size
    names = column_legend(columns, per_line=2 if below else 1)
    if below:  # under the colour scale
        fig.add_annotation(text=names, x=1, xref="paper", xanchor="right", y=0, yref="paper", yanchor="top",
                           yshift=-110, align="left", showarrow=False, font={"size": LEGEND_FONT})
    else:  # under the colour scale, right of the grid
        fig.add_annotation(text=names, x=1, xref="paper", xanchor="left", xshift=24, y=0.47, yref="paper",
                           yanchor="top", align="left", showarrow=False, font={"size": LEGEND_FONT})
    fig.update_layout(plot_bgcolor=NO_FIGURES, hovermode="closest", hoverdistance=-1, dragmode=False,
                      margin={"t": 130 + extra + 26 * title_breaks, "b": 200 if below else 10,
                              "r": 10 if below else 230},
                      # plotly anchors a title's first line at the top: each further line needs its room
                      title={"y": 1, "yanchor": "top", "yref": "container",
                             "pad": {"t": 14 + 26 * title_breaks}})
    return fig


def labelled_years(seen: pd.DataFrame) -> list[bool]:
    """Which points of a path carry their value: the latest, the base year and every second year back
    from the latest, none beside the base (two labels 40 px apart would run into each other); the
    others say theirs on hover."""
    years = list(seen["year"])
    if not years:
        return []
    latest = years[-1]
    base = set(seen.loc[seen["note"] == "năm gốc", "year"])
    return [y == latest or y in base or ((latest - y) % 2 == 0 and not any(abs(y - b) == 1 for b in base))
            for y in years]


@cached_figure
def pace_chart(path: pd.DataFrame, title: str, observed: str, projected: str, target: str) -> go.Figure:
    """The path so far (solid), the observed pace extended (dashed, from the latest year) and the
    2025 / 2030 targets (diamonds), from a `pace_path` frame whose `series` are the three names."""
    seen = path[path["series"] == observed]
    labels = rate_texts(seen["rate"])
    fig = go.Figure(go.Scatter(
        x=seen["year"], y=seen["rate"], mode="lines+markers+text", name=observed,
        line={"color": NEUTRAL, "width": 4}, marker={"size": 12},
        text=[label if shown else "" for label, shown in zip(labels, labelled_years(seen), strict=True)],
        textposition="top center", cliponaxis=False,
        textfont={"size": 15, "shadow": HALO},  # a year is 40 px wide at 1024 px with the sidebar: every other one
        customdata=[f"{label} ({vi_count(n, d)}) {note}".strip() for label, n, d, note in
                    zip(labels, seen["numerator"], seen["denominator"], seen["note"], strict=True)],
        hovertemplate="Năm %{x}: %{customdata}<extra></extra>",
    ))
    ahead = path[path["series"] == projected]
    if not ahead.empty:
        start = seen.tail(1)
        fig.add_trace(go.Scatter(
            x=[*start["year"], *ahead["year"]], y=[*start["rate"], *ahead["rate"]], mode="lines+markers",
            name=projected, line={"color": PROJECTED, "width": 3, "dash": "dash"}, marker={"size": 8},
            customdata=rate_texts([*start["rate"], *ahead["rate"]]),
            hovertemplate=f"{projected}<br>Năm %{{x}}: %{{customdata}}<extra></extra>",
        ))
    target_diamonds(fig, path[path["series"] == target], target)
    base = seen[seen["note"] == "năm gốc"]
    if not base.empty:
        fig.add_trace(go.Scatter(
            x=base["year"], y=base["rate"], mode="markers", name="Năm gốc",
            marker={"size": 22, "color": "rgba(0,0,0,0)", "line": {"color": NEUTRAL, "width": 3}},
            hoverinfo="skip",
        ))
    return pace_axes(fig, path, title)


def target_diamonds(fig: go.Figure, goals: pd.DataFrame, target: str) -> go.Figure:
    """Each deadline's level as a black diamond; the levels in the legend, not beside the diamonds,
    where they hid the path."""
    targets = " · ".join(str(note).removeprefix("Mục tiêu ") for note in goals["note"])
    return fig.add_trace(go.Scatter(
        x=goals["year"], y=goals["rate"], mode="markers", name=f"{target} ({targets})" if targets else target,
        marker={"symbol": "diamond", "size": 20, "color": TARGET, "line": {"color": "white", "width": 2}},
        text=list(goals["note"]), cliponaxis=False, hovertemplate="%{text}<extra></extra>",
    ))


def pace_range(path: pd.DataFrame) -> list[float]:
    """The rate axis of a pace chart: around the paths and levels."""
    return focused_range(path["rate"], ceiling=1.12)


def pace_axes(fig: go.Figure, path: pd.DataFrame, title: str) -> go.Figure:
    """Years from the first observed to the last deadline, the rate axis around the paths and levels."""
    years = path["year"]
    fig.update_xaxes(dtick=1, tickformat="d", range=[years.min() - 0.5, years.max() + 0.5])
    fig.update_yaxes(tickformat=".0%", **percent_axis(pace_range(path), path["rate"]))
    fig.update_layout(showlegend=True)
    return base_layout(fig, title, "Năm", "Tỷ lệ", height=520)
