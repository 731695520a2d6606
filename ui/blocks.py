"""A chart with its table and its downloads: the unit every page is made of."""

from __future__ import annotations

import numbers
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from auth.downloads import NO_RERUN, guarded
from core.numbers import MISSING, vi_number
from rendering.chart_style import plotly_config
from rendering.format import column_format, is_rate_column, rounded_column
from ui.drill import on_unit_click
from ui.exports import EveryYear, csv_bytes, file_stem, with_context, xlsx_bytes
from ui.filters import Filters

DOWNLOAD_ICON = ":material/download:"
SHOWN_ROWS = 300  # rows formatted (pandas Styler: ~1 ms a row) and sent to the browser; the downloads hold all


def export_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Figures as the screen rounds them (rendering.format): `Tỷ lệ` 0.677811 → `Tỷ lệ (%)` 67.78, 3/96 → 3.13; a
    distance 2.648494… → 2.65."""
    out = pd.DataFrame({column: rounded_column(column, table[column]) for column in table.columns},
                       index=table.index)
    return out.rename(columns={c: f"{c} (%)" for c in out.columns if is_rate_column(c)})


def styled(table: pd.DataFrame):
    """Vietnamese formats for display (rendering.format.column_format), the numbers underneath kept for sorting."""
    formats = {column: f for column in table.columns if (f := column_format(column, table[column])) is not None}
    # every column's missing value as `—` (an object column of ranks showed `None`), then the formats
    return table.style.format(na_rep=MISSING).format(formats, na_rep=MISSING)


def downloads(table: pd.DataFrame | Callable[[], pd.DataFrame], name: str, filters: Filters | EveryYear | None,
              key: str) -> None:
    """CSV and XLSX of `table` (or of what the function `table` returns), made when the button is
    clicked (deferred, on another thread), for a session that still holds (auth.downloads): a page
    run builds no file. The click does not rerun the page (`NO_RERUN`)."""
    stem = file_stem(name, filters)
    frame = table if callable(table) else lambda: table

    def written() -> pd.DataFrame:
        return with_context(export_frame(frame()), filters)

    left, right = st.columns(2)  # Excel first: a CSV opens in one column in Excel set to Vietnamese
    left.download_button("Tải Excel", guarded(lambda: xlsx_bytes(written()), f"{stem}.xlsx"),
                         f"{stem}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         key=f"xlsx_{key}", icon=DOWNLOAD_ICON, type="primary", on_click=NO_RERUN)
    right.download_button("Tải CSV", guarded(lambda: csv_bytes(written()), f"{stem}.csv"),
                          f"{stem}.csv", "text/csv", key=f"csv_{key}", icon=DOWNLOAD_ICON, on_click=NO_RERUN)


def _drawn_values(trace) -> list:
    """The values a trace draws along its value axis (a heat map: its cells)."""
    if trace.type == "heatmap":
        return [v for row in (trace.z if trace.z is not None else ()) for v in row]
    if trace.type == "scatter" and trace.mode == "text":
        return []  # the totals written over stacked bars
    values = trace.x if getattr(trace, "orientation", None) == "h" else trace.y
    return list(values) if values is not None else []


def has_figures(fig: go.Figure) -> bool:
    """Whether `fig` draws anything: a point or cell with a value, or a bar other than 0 (a target's
    legend entry, `[None]`, draws nothing). An empty plot is told in words instead."""
    for trace in fig.data:
        zero_is_drawn = trace.type in ("scatter", "heatmap")
        if any(isinstance(v, numbers.Number) and v == v and (zero_is_drawn or v != 0) for v in _drawn_values(trace)):
            return True
    return False


def chart_key(key: str) -> str:
    """The widget key of the chart of the block called `key`."""
    return f"fig_{key}"


def table_key(key: str) -> str:
    """The widget key of the expander of the table of the block called `key` (True: open)."""
    return f"bang_{key}"


def table_block(table: pd.DataFrame | Callable[[], pd.DataFrame], name: str, filters: Filters | EveryYear | None,
                key: str,
                expanded: bool = True, *, whole: Callable[[], pd.DataFrame] | None = None,
                rows: int | None = None) -> None:
    """The table (its first SHOWN_ROWS rows when longer) and downloads of all of it.

    `table` may be the first rows only of a long one: then `whole` gives all `rows` of it, on a
    download click. A function for `table` is called only when the table is open.
    """
    box = st.expander(f"Bảng số liệu: {name}", expanded=expanded, key=table_key(key), on_change="rerun")
    with box:
        if not box.open:  # a closed table costs nothing: opening it reruns the page and draws it
            return
        table = table() if callable(table) else table
        rows = len(table) if rows is None else rows
        shown = table.head(SHOWN_ROWS)
        st.dataframe(styled(shown), hide_index=True, width="stretch", placeholder=MISSING)
        if rows > len(shown):
            st.caption(f"Hiển thị {vi_number(len(shown))} dòng đầu trong {vi_number(rows)} dòng; "
                       "tệp CSV, Excel tải về có đủ mọi dòng.")
        downloads(whole or table, name, filters, key)


def chart_block(fig: go.Figure | None, table: pd.DataFrame, name: str, filters: Filters | None, key: str,
                drill: bool = False) -> None:
    """The chart, the table of exactly what it draws, and that table as CSV and XLSX.

    `fig` None or without a figure to draw (a chart function found nothing, every count 0, every
    rate missing): a sentence says so instead of an empty plot; the table stays. `drill`: a click
    on a unit's bar or cell filters every page to that unit (ui/drill.py).
    """
    if fig is None or not has_figures(fig):
        st.info(f"Không có số liệu khác 0 để vẽ biểu đồ «{name}» cho lựa chọn này; bảng số liệu dưới đây ghi đủ.",
                icon=":material/info:")
    else:
        on_select = on_unit_click(chart_key(key)) if drill else None
        options = {"on_select": on_select, "selection_mode": "points"} if on_select else {}
        st.plotly_chart(fig, width="stretch", theme=None, config=plotly_config(file_stem(name, filters)),
                        key=chart_key(key), **options)
    table_block(table, name, filters, key, expanded=False)
