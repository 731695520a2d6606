"""The link between a page's table and its named query: what the page shows is the frame the query
returns for the same filters, under the Vietnamese column names (rendering.tables), nothing added.

The app tier runs a page once and checks each table against `named(...)`; whether those frames hold
the right figures is the database tier's business (tests/database/), against the named queries.
"""

from __future__ import annotations

import pandas as pd

from database.db import cursor
from queries import catalog
from queries.indicators import reported_figures
from rendering.tables import COLUMN_NAMES


def named(name: str, *args: object) -> pd.DataFrame:
    """The named query `name` of queries.catalog on the published database, as `ui.data.query` runs it."""
    return catalog.QUERIES[name](cursor(), *args)


def as_shown(frame: pd.DataFrame, shown_columns: list[str], **renamed: str) -> pd.DataFrame:
    """`frame`'s columns under the names a table shows them (`renamed`: the table's own names,
    `rate="Tỷ lệ kết nạp"`), in the order of `shown_columns`; figures that sum nothing reported missing, as
    every table shows them (rendering.tables.vi_table)."""
    frame = reported_figures(frame)
    labels = {column: renamed.get(column, COLUMN_NAMES.get(column)) for column in frame.columns}
    picked = {}
    for label in shown_columns:
        found = [column for column, name in labels.items() if name == label]
        assert len(found) == 1, f"column {label!r} shown: query columns {found} (of {list(frame.columns)})"
        picked[found[0]] = label
    return frame[list(picked)].rename(columns=picked).reset_index(drop=True)


def assert_shows(shown: pd.DataFrame, frame: pd.DataFrame, **renamed: str) -> None:
    """The table shown holds exactly `frame` (a named query's result), row for row, column for column."""
    assert len(shown.columns) > 0 and len(shown) == len(frame), (len(shown), len(frame))
    pd.testing.assert_frame_equal(shown.reset_index(drop=True), as_shown(frame, list(shown.columns), **renamed),
                                  check_dtype=False, check_categorical=False)
