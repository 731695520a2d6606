"""What a page shows as text: a table block's figures together with the strings on screen.

`table()` returns both the figures under a table (what its CSV holds) and the text the user
reads (`67,78%`, `2.151`), so a test can assert both; `run_page` of `page_support` opens the page.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from tests.support.page_support import run_page, shown_table

__all__ = ["run_page", "table", "texts"]


def table(at: AppTest, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(figures, text on screen) of the table block called `name`."""
    figures = shown_table(at, name)
    element = next(e for e in at.expander if e.label == f"Bảng số liệu: {name}").dataframe[0]
    shown = pa.ipc.open_stream(element.proto.arrow_data.styler.display_values).read_all().to_pandas()
    return figures, shown.reset_index(drop=True)


def texts(at: AppTest) -> str:
    """Every title, subheader, caption, markdown and info of the page, one per line, as read: a no-break space
    is a space and a word joiner nothing (they only keep a level on one line: report.cards.unbroken_markdown)."""
    parts = [*at.title, *at.subheader, *at.caption, *at.markdown, *at.info]
    return "\n".join(str(p.value) for p in parts).replace("\u00a0", " ").replace("\u2060", "")
