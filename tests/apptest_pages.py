"""Run one page of the real app in AppTest and read back the tables it shows.

`table()` returns both the figures under a table (what its CSV holds) and the text on screen
(`67,78%`, `2.151`), so a test can assert both against queries called directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.exception]


def open_page(page: str, *, year: int | None = None, boundary: str | None = None,
              units: Sequence[str] | None = None) -> AppTest:
    """The app on `page` with the sidebar filters set (units after year and boundary, as a user would)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, errors(at)
    at.switch_page(page)
    if year is not None:
        at.sidebar.selectbox(key="nam").set_value(year)
    if boundary is not None:
        at.sidebar.radio(key="ranh_gioi").set_value(boundary)
    at.run()
    if units is not None:
        at.sidebar.multiselect(key="don_vi").set_value(list(units))
        at.run()
    assert not at.exception, errors(at)
    return at


def table_names(at: AppTest) -> list[str]:
    return [e.label.removeprefix("Bảng số liệu: ") for e in at.expander if e.label.startswith("Bảng số liệu: ")]


def table(at: AppTest, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(figures, text on screen) of the table block called `name`."""
    blocks = [e for e in at.expander if e.label == f"Bảng số liệu: {name}"]
    assert len(blocks) == 1, f"{name!r} not among {table_names(at)}"
    element = blocks[0].dataframe[0]
    shown = pa.ipc.open_stream(element.proto.arrow_data.styler.display_values).read_all().to_pandas()
    return element.value.reset_index(drop=True), shown.reset_index(drop=True)


def texts(at: AppTest) -> str:
    """Every caption, markdown, info and subheader of the page, one per line."""
    parts = [*at.caption, *at.markdown, *at.info, *at.subheader, *at.title]
    return "\n".join(str(p.value) for p in parts)
