"""The PDF's charts as PNG pictures, drawn with matplotlib (pure Python wheels, no browser needed).

They draw what the interactive figures of `report.figures` draw, in the same colours.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator

from queries.progress import SERIES_OBSERVED, SERIES_PROJECTED, SERIES_TARGET
from queries.rate_text import rate_texts
from queries.report_data import MeetingData
from rendering.verdicts import NEUTRAL, PROJECTED, TARGET
from report.figures import heading

DPI = 150
SIZE_IN = (7.4, 3.1)  # three to an A4 page at the PDF's text width


def _percent_axis(value: float, _position: int) -> str:
    return f"{value * 100:.0f}%"


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def pace_png(data: MeetingData, code: str) -> bytes | None:
    """The path so far, the observed pace extended, the 2025 and 2030 targets (as `pace_chart`)."""
    path = data.pace_paths[data.pace_paths["indicator"] == code]
    if path.empty:
        return None
    seen = path[path["series"] == SERIES_OBSERVED]
    ahead = path[path["series"] == SERIES_PROJECTED]
    goals = path[path["series"] == SERIES_TARGET]
    fig = Figure(figsize=SIZE_IN)
    fig.subplots_adjust(left=0.07, right=0.98, top=0.89, bottom=0.22)
    ax = fig.subplots()
    ax.plot(seen["year"], seen["rate"], color=NEUTRAL, linewidth=2.5, marker="o", markersize=5,
            label=SERIES_OBSERVED, zorder=3)
    for year, rate, label in zip(seen["year"], seen["rate"], rate_texts(seen["rate"]), strict=True):
        ax.annotate(label, (year, rate), textcoords="offset points", xytext=(0, 7), ha="center",
                    fontsize=7.5, color=NEUTRAL)
    if not ahead.empty:
        last = seen.tail(1)
        ax.plot([*last["year"], *ahead["year"]], [*last["rate"], *ahead["rate"]], color=PROJECTED, linewidth=2,
                linestyle="--", marker="o", markersize=3, label=SERIES_PROJECTED, zorder=2)
    targets = " · ".join(note.removeprefix("Mục tiêu ") for note in goals["note"])
    ax.scatter(goals["year"], goals["rate"], marker="D", s=60, color=TARGET, edgecolor="white", linewidth=1,
               label=f"{SERIES_TARGET} ({targets})", zorder=4)
    base = seen[seen["note"] == "năm gốc"]
    if not base.empty:
        ax.scatter(base["year"], base["rate"], s=160, facecolor="none", edgecolor=NEUTRAL, linewidth=1.8,
                   label="Năm gốc", zorder=5)
    ax.set_ylim(0, 1.1)
    ax.set_xlim(path["year"].min() - 0.5, path["year"].max() + 0.5)
    ax.yaxis.set_major_formatter(FuncFormatter(_percent_axis))
    ax.xaxis.set_major_locator(MultipleLocator(1))
    ax.tick_params(labelsize=8)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(f"{heading(code)} — {data.scope_label}", fontsize=10, loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=4, fontsize=7.5, frameon=False)
    return _png(fig)
