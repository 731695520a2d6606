"""One look for every Plotly figure, read from the back of a meeting room.

The page's own font (Source Sans) in near-black, targets in the legend rather than over the bars,
value labels kept apart, totals on stacked bars, and a Vietnamese chart toolbar. Figures are drawn
with Streamlit's chart theme off (`theme=None`): that theme turned ticks and unit names grey
(rgb(128,132,149) on white, 3.6:1) and replaced the font.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from core.numbers import vi_number
from rendering.format import PLOTLY_SEPARATORS
from rendering.verdicts import TARGET

TEXT = "#1a1a1a"  # the theme's text colour: 17:1 on white
AXIS = "#595959"  # axis lines: 7:1
GRID = "#e3e3e3"
FONT_SIZE = 18
# The page's web font first. The PNG download is drawn without web fonts, in Arial or DejaVu Sans,
# which are wider: the room for unit names and legend entries is measured for those (FALLBACK_EM,
# the width of a character in em), so that no name is cut in the picture.
FONT_FAMILY = '"Source Sans", "Source Sans 3", "Source Sans Pro", Arial, "DejaVu Sans", sans-serif'
FALLBACK_EM = 0.54  # Arial (or Liberation Sans) sets Vietnamese at 0.48–0.52 em a character
MARGIN_PAD = 24
TITLE_LINE = 50
UNIT_LINE = 24  # a unit name on a bar chart's axis wraps after this many characters (organisations' long names)

# Plotly's toolbar and messages in Vietnamese (its own words, shown as tooltips and read by screen readers).
VI_LOCALE = {
    "dictionary": {
        "Download plot as a PNG": "Tải ảnh PNG", "Download plot": "Tải ảnh", "Zoom": "Phóng to vùng chọn",
        "Pan": "Kéo", "Zoom in": "Phóng to", "Zoom out": "Thu nhỏ", "Autoscale": "Tự căn chỉnh",
        "Reset axes": "Về mặc định", "Reset view": "Về mặc định", "Box Select": "Chọn vùng",
        "Lasso Select": "Chọn tự do", "Toggle Spike Lines": "Bật/tắt đường gióng",
        "Show closest data on hover": "Hiện số liệu gần nhất khi rê chuột",
        "Compare data on hover": "So sánh số liệu khi rê chuột",
        "Double-click to zoom back out": "Nhấp đúp để thu nhỏ lại",
        "Produced with Plotly.js": "Vẽ bằng Plotly.js", "Taking snapshot - this may take a few seconds":
            "Đang tạo ảnh, xin chờ vài giây", "Snapshot succeeded": "Đã tạo ảnh", "Sorry, there was a problem "
        "downloading your snapshot!": "Không tạo được ảnh, hãy thử lại.",
    },
    "format": {"decimal": ",", "thousands": ".", "days": ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm",
                                                           "Thứ sáu", "Thứ bảy"]},
}


def plotly_config(file_name: str) -> dict:
    """Toolbar with a PNG download sized for a slide, in Vietnamese; nothing that needs a network."""
    return {
        "displaylogo": False,
        "locale": "vi",
        "locales": {"vi": VI_LOCALE},
        "toImageButtonOptions": {"format": "png", "filename": file_name, "width": 1600, "height": 900, "scale": 1},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def wrapped_title(title: str) -> str:
    """A title on lines of TITLE_LINE characters at most: a chart 620 px wide (1024 px with the sidebar)
    shows it whole."""
    if "<br>" in title or len(title) <= TITLE_LINE:
        return title
    return "<br>".join(textwrap.wrap(title, TITLE_LINE, break_long_words=False))


def unit_axis_labels(units: Sequence[str]) -> list[str]:
    """Unit names for a category axis, long ones on two lines or more: `Đảng bộ Công ty TNHH Chế biến
    Lâm sản Phổ Thạnh` would otherwise take the plot's width at 1024 px."""
    return ["<br>".join(textwrap.wrap(str(u), UNIT_LINE, break_long_words=False)) or str(u) for u in units]


def unit_row_height(labels: Sequence[str]) -> int:
    """Pixels a bar of a chart by unit takes: room for the longest wrapped name's lines."""
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    return 42 if lines == 1 else 22 + 20 * lines


def unwrapped_units(fig: go.Figure) -> go.Figure:
    """Unit names back on one line (a slide has the screen's width and no room for taller rows)."""
    for trace in fig.data:  # bars by unit, the heat map's rows and the click markers on them alike
        if trace.y is not None:
            trace.y = [v.replace("<br>", " ") if isinstance(v, str) else v for v in trace.y]
    for note in fig.layout.annotations:
        if isinstance(note.y, str):
            note.y = note.y.replace("<br>", " ")
    return fig


VALUE_AXIS_PX = 70  # a bar chart's value axis under its plot: the ticks and the axis title
LEGEND_ENTRY_PX = 28  # a legend entry's row where the entries stand one under another (1024 px)


def unit_bars_height(fig: go.Figure, rows: int, row: int) -> int:
    """The height of a chart of `rows` bars by unit, `row` px each (unit_row_height), once its title's margin, the
    value axis and the legend (an entry a row, as at 1024 px) are taken: a fixed allowance for those left four
    units' two-line names 36 px rows at 1024 px, each name written over the next."""
    entries = sum(1 for trace in fig.data if trace.name and trace.showlegend is not False)
    return max(380, fig.layout.margin.t + fig.layout.margin.b + VALUE_AXIS_PX + LEGEND_ENTRY_PX * entries + row * rows)


def base_layout(fig: go.Figure, title: str, x_title: str | None = None, y_title: str | None = None,
                height: int = 480) -> go.Figure:
    title = wrapped_title(title)
    lines = title.count("<br>") + 1
    fig.update_layout(
        title={"text": title, "font": {"size": FONT_SIZE + 4, "color": TEXT}, "x": 0, "xanchor": "left",
               "xref": "container", "pad": {"l": 8}},
        separators=PLOTLY_SEPARATORS,
        font={"size": FONT_SIZE, "family": FONT_FAMILY, "color": TEXT},
        paper_bgcolor="white", plot_bgcolor="white",
        height=height,
        margin={"l": MARGIN_PAD, "r": 30, "t": 44 + 28 * lines, "b": 10},
        # at the foot of the figure, below the x-axis title whatever the tick size
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "font": {"size": FONT_SIZE}},
        hoverlabel={"font_size": FONT_SIZE, "font_family": FONT_FAMILY},
    )
    axes = {"tickfont": {"size": FONT_SIZE, "color": TEXT}, "title_font": {"size": FONT_SIZE, "color": TEXT},
            "gridcolor": GRID, "linecolor": AXIS, "zerolinecolor": AXIS, "automargin": True}
    fig.update_xaxes(**axes)
    fig.update_yaxes(**axes)
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fallback_room(fig, FONT_SIZE)


def _plain(label: object) -> str:
    return re.sub(r"<[^>]+>", "", str(label))


def fallback_room(fig: go.Figure, size: int) -> go.Figure:
    """Left margin and legend entries wide enough for the category names in the fallback font."""
    lines = [_plain(line) for trace in fig.data if trace.y is not None for v in trace.y if isinstance(v, str)
             for line in re.split(r"<br>|\n", v)]
    if lines:
        longest = max(map(len, lines))
        fig.update_layout(margin_l=max(MARGIN_PAD, round(longest * size * FALLBACK_EM) + 12))
    entries = [_plain(trace.name) for trace in fig.data if trace.name and trace.showlegend is not False]
    if entries:
        fig.update_layout(legend_entrywidth=round(max(map(len, entries)) * size * FALLBACK_EM) + 50,
                          legend_entrywidthmode="pixels")
    return fig


def target_in_legend(fig: go.Figure, value: float, label: str, axis: str, above: bool = False) -> go.Figure:
    """A dashed target line across the plot (`axis`: the one it crosses, "x" for a vertical line),
    drawn under the data, whose label sits in the legend, never over a bar or a value. `above`: over
    the data, where a line of points on the target would hide it (`on_the_line`)."""
    line = {"color": TARGET, "dash": "dash", "width": 3}
    layer = "above" if above else "below"
    if axis == "x":
        fig.add_vline(x=value, line=line, layer=layer)
    else:
        fig.add_hline(y=value, line=line, layer=layer)
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=line, name=label, hoverinfo="skip",
                             showlegend=True))
    return fig.update_layout(showlegend=True)


def band_in_legend(fig: go.Figure, band: tuple[float, float], label: str, fill: str, axis: str) -> go.Figure:
    """A shaded target band (`axis` as in target_in_legend), its label in the legend."""
    if axis == "x":
        fig.add_vrect(x0=band[0], x1=band[1], fillcolor=fill, line_width=0, layer="below")
    else:
        fig.add_hrect(y0=band[0], y1=band[1], fillcolor=fill, line_width=0, layer="below")
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=label, hoverinfo="skip", showlegend=True,
                             marker={"symbol": "square", "size": 18, "color": fill, "line": {"color": TARGET,
                                                                                            "width": 1}}))
    return fig.update_layout(showlegend=True)


# A white halo round value labels: one stays legible where a line or a grid line crosses it.
HALO = "1px 1px 2px #fff, -1px -1px 2px #fff, 1px -1px 2px #fff, -1px 1px 2px #fff"


NARROWEST_PLOT_PX = 480  # the value axis of a bar chart beside the sidebar on a 1024×768 projector


def bar_label_places(values: Sequence[float], axis_top: float, labels: Sequence[str] | None = None,
                     target: float | None = None) -> list[str]:
    """Inside a bar at least half the axis long, right of a shorter one: the label has the room of
    half the plot either way, and is never wider than its bar nor cut (plotly's "auto" put
    `10,00% (2/20)` inside a bar too short for it).

    With the `target` line (drawn under the bars) and the `labels`: a label the line would cross right
    of its bar goes inside it when the bar holds it, at the width it takes on the narrowest plot."""
    places = ["inside" if pd.notna(v) and v >= 0.5 * axis_top else "outside" for v in values]
    if target is None or labels is None:
        return places
    rooms = [(len(label) * FONT_SIZE * FALLBACK_EM + 8) / NARROWEST_PLOT_PX * axis_top for label in labels]
    return ["inside" if place == "outside" and pd.notna(v) and room <= v <= target <= v + room else place
            for place, v, room in zip(places, values, rooms, strict=True)]


SHORTEST_PLOT_PX = 280  # the value axis of a line chart on a page at 1024×768
POINT_LABEL_REACH = (FONT_SIZE * 1.25 + 6) / SHORTEST_PLOT_PX  # a point's label above or below it, share of the axis


NO_PLACE = "no place"  # `label_sides`: no side of its point is clear for this label
SHARED_BELOW, SHARED_ABOVE = "shared below", "shared above"  # `label_sides`: two points' labels on one side


def label_sides(frame: pd.DataFrame, x: str, y: str, series: str, lines: Sequence[float] = (),
                axis: Sequence[float] | None = None) -> dict[str, list[str]]:
    """Where each point's value label goes so that lines sharing an x do not print on each other:
    above for the highest value at that x, below for the others (`series` → one position a row).

    A label that a target line (`lines`, on the value `axis` [low, high]) would cross goes to the other
    side of its point when no line crosses it there and no other point at that x is in its way. One
    that stays crossed at the last x (the latest year) gets NO_PLACE: the chart says that figure elsewhere
    (`rendering.charts.rate_trend`: in the legend); before it, a label struck through beats two on each other."""
    highest = frame.groupby(x)[y].transform("max")
    first = ~frame.duplicated([x, y]) | frame[y].isna()
    above = (frame[y] >= highest) & first
    stuck = pd.Series(False, index=frame.index)  # crossed whichever side, at the last x
    reach = 0.0
    if len(lines) and axis is not None:
        reach = POINT_LABEL_REACH * (axis[1] - axis[0])
        above = above ^ pd.Series(_label_flips(frame[x].tolist(), frame[y].tolist(), above.tolist(), lines, reach),
                                  index=frame.index)
        crossed = [pd.notna(v) and _within(v, lines, reach, up) for v, up in zip(frame[y], above, strict=True)]
        stuck = pd.Series(crossed, index=frame.index) & (frame[x] == frame[x].max())
    sides = pd.Series("bottom center", index=frame.index).where(~above, "top center").where(~stuck, NO_PLACE)
    for index in stuck[stuck].index:
        _beside(frame, x, y, index, bool(above[index]), lines, reach, sides)
    return {str(name): sides[part.index].tolist() for name, part in frame.groupby(series, sort=False)}


def _beside(frame: pd.DataFrame, x: str, y: str, index: object, up: bool, lines: Sequence[float], reach: float,
            sides: pd.Series) -> None:
    """A crossed label whose other side is free of lines but taken by another point (T1 88,49 % and T2 88,42 %
    under the 90 % line in 2025): the two labels share that side, one under the other (`shared_labels`).
    With lines both sides it stays NO_PLACE."""
    value = frame.at[index, y]
    if _within(value, lines, reach, not up):
        return
    at = frame[(frame[x] == frame.at[index, x]) & (frame.index != index) & frame[y].notna()]
    near = at[[_within(value, [v], reach, not up) for v in at[y]]]
    if near.empty:
        return
    other = (near[y] - value).abs().idxmin()
    sides[index] = sides[other] = SHARED_ABOVE if not up else SHARED_BELOW


def shared_labels(fig: go.Figure, points: Sequence[tuple[object, float, str, str, str]]) -> go.Figure:
    """The labels of points that share a side (`label_sides`: SHARED_BELOW, SHARED_ABOVE), as one annotation a
    spot: the figures one under the other, highest first, each in its line's colour, below the lowest point
    or above the highest. `points`: (x, value, label, colour, side)."""
    spots: dict[tuple[object, str], list[tuple[float, str, str]]] = {}
    for x, value, label, colour, side in points:
        spots.setdefault((x, side), []).append((value, label, colour))
    for (x, side), shared in spots.items():
        shared.sort(key=lambda point: -point[0])
        below = side == SHARED_BELOW
        fig.add_annotation(
            x=x, y=shared[-1][0] if below else shared[0][0], showarrow=False, align="center",
            yanchor="top" if below else "bottom", yshift=-9 if below else 9,
            text="<br>".join(f'<span style="color:{colour}">{label}</span>' for _, label, colour in shared),
            bgcolor="rgba(255,255,255,0.85)", borderpad=1,
        )
    return fig


def _within(value: float, others: Sequence[float], reach: float, up: bool) -> bool:
    """Whether any of `others` lies within `reach` above (`up`) or below `value`, where its label would be."""
    return any(value < o <= value + reach if up else value - reach <= o < value for o in others)


def _label_flips(xs: list, values: list, above: list[bool], lines: Sequence[float], reach: float) -> list[bool]:
    """Which labels change side: crossed by a line where they are, free of lines and points on the other side."""
    flips = []
    for index, (x, value, up) in enumerate(zip(xs, values, above, strict=True)):
        neighbours = [v for i, (at, v) in enumerate(zip(xs, values, strict=True)) if at == x and i != index and pd.notna(v)]
        flips.append(pd.notna(value) and _within(value, lines, reach, up) and not _within(value, lines, reach, not up)
                     and not _within(value, neighbours, reach, not up))
    return flips


def stack_totals(fig: go.Figure, categories: Sequence, totals: Sequence[float], horizontal: bool,
                 at: Sequence[float] | None = None, prefix: str = "") -> go.Figure:
    """The total of each stacked bar, written at its end (`at`: where, when not at the total itself)."""
    ends = list(at if at is not None else totals)
    text = [f"<b>{prefix}{vi_number(t)}</b>" for t in totals]
    axis = {"x": ends, "y": list(categories)} if horizontal else {"x": list(categories), "y": ends}
    fig.add_trace(go.Scatter(**axis, mode="text", text=text, textposition="middle right" if horizontal else "top center",
                             textfont={"size": FONT_SIZE - 2, "color": TEXT}, cliponaxis=False, showlegend=False,
                             hoverinfo="skip", name="Tổng số"))
    return fig


# A washed-out projector loses pale tints and thin grey lines: black text and axes, darker grid,
# stronger fills, thicker lines.
# the heat map's scale (ui/meeting_charts.DISTANCE_SCALE) in stronger tints, the same stops
CONTRAST_SCALE = [[0.0, "#7f0000"], [0.48, "#ef9a9a"], [0.49, "#9fb8d9"], [0.51, "#9fb8d9"], [0.52, "#66bb6a"],
                  [1.0, "#0b3d0b"]]


def _stronger(colour: object) -> object:
    """`rgba(r, g, b, 0.1)` → the same colour at least 0.3 opaque; other colours as they are."""
    if isinstance(colour, str) and colour.startswith("rgba("):
        *rgb, alpha = colour[5:-1].split(",")
        return f"rgba({','.join(rgb)}, {max(0.3, float(alpha)):.2f})"
    return colour


def high_contrast(fig: go.Figure) -> go.Figure:
    """The figure for a washed-out projector (the slides' high-contrast theme)."""
    fig.update_layout(font_color="black", title_font_color="black", legend_font_color="black")
    axes = {"tickfont_color": "black", "title_font_color": "black", "gridcolor": "#8c8c8c", "linecolor": "black",
            "linewidth": 2, "showline": True}
    fig.update_xaxes(**axes)
    fig.update_yaxes(**axes)
    for trace in fig.data:  # bars keep their edges: an outline would shrink the labels inside them
        if trace.type == "heatmap":
            trace.colorscale = CONTRAST_SCALE  # its cell text keeps plotly's dark-or-light choice
        elif trace.type == "scatter":
            trace.marker.color = _stronger(trace.marker.color)
            if trace.line.width:
                trace.line.width = trace.line.width + 2
            if trace.mode and "text" in trace.mode:
                trace.textfont.color = "black"
    for shape in fig.layout.shapes:
        shape.fillcolor = _stronger(shape.fillcolor)
        if shape.line.width:
            shape.line.color, shape.line.width = "black", shape.line.width + 1
    return fig


MARKER, RING = 10, 18  # a point's marker; the ring around a later line's point on the same spot, RING − MARKER wider
MARKER_REACH = 14 / SHORTEST_PLOT_PX  # two points closer than this (share of the axis) are drawn on each other


def marker_sizes(frame: pd.DataFrame, series: str, axis: list[float]) -> dict[str, list[int]]:
    """Each line's marker sizes, nested where lines drawn after it have points on the same spot (T1 88,49 % under
    T2 88,42 % in 2025; three compared units at 100 %): MARKER for the last line drawn there, an earlier line's a
    ring RING − MARKER wider than the largest drawn over it, so every colour shows."""
    close = MARKER_REACH * (axis[1] - axis[0])
    names = [str(n) for n in dict.fromkeys(frame[series].dropna())]
    keys = frame[series].astype(str)
    sizes: dict[str, list[int]] = {}
    for order in reversed(range(len(names))):  # from the last line drawn: each ring sized on those over it
        part = frame[keys == names[order]]
        over = [(year, rate, size) for name in names[order + 1:] for year, rate, size
                in zip(frame.loc[keys == name, "year"], frame.loc[keys == name, "rate"], sizes[name], strict=True)]
        sizes[names[order]] = [max((size + RING - MARKER for at, value, size in over
                                    if at == year and pd.notna(value) and abs(value - rate) < close), default=MARKER)
                               if pd.notna(rate) else MARKER for year, rate in zip(part["year"], part["rate"], strict=True)]
    return {name: sizes[name] for name in names}


def on_the_line(values: Sequence[float], line: float, axis: Sequence[float]) -> bool:
    """Whether a point of `values` sits on the target `line` (within a marker's reach on the value `axis`): the
    data's line drawn there would hide the target's (a unit at 100 % on the 100 % target)."""
    close = MARKER_REACH * (axis[1] - axis[0])
    return any(pd.notna(v) and abs(v - line) < close for v in values)
