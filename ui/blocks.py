"""A chart with its table and its downloads: the unit every page is made of."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from auth.downloads import guarded
from queries.rounding import percent
from ui.chart_style import plotly_config
from ui.exports import csv_bytes, file_stem, xlsx_bytes
from ui.filters import Filters
from ui.format import vi_number, vi_percent

RATE_PREFIX = "Tỷ lệ"
DOWNLOAD_ICON = ":material/download:"
MISSING = "—"  # a missing figure in a table (Streamlit draws "None" otherwise, whatever the formats say)
SHOWN_ROWS = 300  # rows formatted (pandas Styler: ~1 ms a row) and sent to the browser; the downloads hold all


def export_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Rates (fractions) become percentages rounded as on screen (half up): `Tỷ lệ` 0.677811 → `Tỷ lệ (%)`
    67.78, 3/96 → 3.13."""
    out = table.copy()
    for column in [c for c in out.columns if str(c).startswith(RATE_PREFIX)]:
        out[column] = [percent(v) for v in out[column].astype(float)]
        out = out.rename(columns={column: f"{column} (%)"})
    return out


def styled(table: pd.DataFrame):
    """Vietnamese formats for display, the numbers underneath kept for sorting."""
    formats = {}
    for column in table.columns:
        if str(column).startswith(RATE_PREFIX):
            formats[column] = vi_percent
        elif pd.api.types.is_integer_dtype(table[column]) and not str(column).startswith("Năm"):  # years: 2024
            formats[column] = vi_number
        elif pd.api.types.is_float_dtype(table[column]):
            formats[column] = lambda v: vi_number(v, 2)
    # every column's missing value as `—` (an object column of ranks showed `None`), then the formats
    return table.style.format(na_rep="—").format(formats, na_rep="—")


def downloads(table: pd.DataFrame | Callable[[], pd.DataFrame], name: str, filters: Filters | None, key: str) -> None:
    """CSV and XLSX of `table` (or of what the function `table` returns), made when the button is
    clicked (deferred, on another thread), for a session that still holds (auth.downloads): a page
    run builds no file. The click reruns the page, so an ended session sees the login at once."""
    stem = file_stem(name, filters)
    frame = table if callable(table) else lambda: table
    left, right = st.columns(2)
    left.download_button("Tải CSV", guarded(lambda: csv_bytes(export_frame(frame())), f"{stem}.csv"),
                         f"{stem}.csv", "text/csv", key=f"csv_{key}", icon=DOWNLOAD_ICON)
    right.download_button("Tải Excel", guarded(lambda: xlsx_bytes(export_frame(frame())), f"{stem}.xlsx"),
                          f"{stem}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"xlsx_{key}", icon=DOWNLOAD_ICON)


def chart_key(key: str) -> str:
    """The widget key of the chart of the block called `key`."""
    return f"fig_{key}"


def table_key(key: str) -> str:
    """The widget key of the expander of the table of the block called `key` (True: open)."""
    return f"bang_{key}"


def table_block(table: pd.DataFrame, name: str, filters: Filters | None, key: str, expanded: bool = True, *,
                whole: Callable[[], pd.DataFrame] | None = None, rows: int | None = None) -> None:
    """The table (its first SHOWN_ROWS rows when longer) and downloads of all of it.

    `table` may be the first rows only of a long one: then `whole` gives all `rows` of it, on a
    download click.
    """
    rows = len(table) if rows is None else rows
    box = st.expander(f"Bảng số liệu: {name}", expanded=expanded, key=table_key(key), on_change="rerun")
    with box:
        if not box.open:  # a closed table costs nothing: opening it reruns the page and draws it
            return
        shown = table.head(SHOWN_ROWS)
        st.dataframe(styled(shown), hide_index=True, width="stretch", placeholder=MISSING)
        if rows > len(shown):
            st.caption(f"Hiển thị {vi_number(len(shown))} dòng đầu trong {vi_number(rows)} dòng; "
                       "tệp CSV, Excel tải về có đủ mọi dòng.")
        downloads(whole or table, name, filters, key)


def chart_block(fig: go.Figure | None, table: pd.DataFrame, name: str, filters: Filters | None, key: str,
                on_select: Callable[[], None] | None = None) -> None:
    """The chart, the table of exactly what it draws, and that table as CSV and XLSX.

    `fig` None (a chart function found nothing to draw, e.g. every count 0): a sentence says so
    instead of an empty plot; the table stays. `on_select`: a callback run when the user clicks a
    point; the selection is then in `st.session_state[chart_key(key)]`.
    """
    if fig is None:
        st.info(f"Không có số liệu khác 0 để vẽ biểu đồ «{name}» cho lựa chọn này; bảng số liệu dưới đây ghi đủ.",
                icon=":material/info:")
    else:
        options = {"on_select": on_select, "selection_mode": "points"} if on_select else {}
        st.plotly_chart(fig, width="stretch", theme=None, config=plotly_config(file_stem(name, filters)),
                        key=chart_key(key), **options)
    table_block(table, name, filters, key, expanded=False)
