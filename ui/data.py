"""Cached access to the named queries, keyed by the published database version.

A load publishes a new version file, so the key changes and no meeting sees stale figures.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl.batch import ensure_database
from etl.config import settings
from queries import catalog
from queries.db import NoDatabase, cursor, data_version


@st.cache_resource(show_spinner="Đang chuẩn bị dữ liệu mẫu…")
def _ensure_database_once(db_path: str) -> bool:
    return ensure_database(settings())


def version() -> str:
    """The published database version; builds the sample database on a first start."""
    try:
        return data_version()
    except NoDatabase:
        _ensure_database_once(str(settings().db_path))
        return data_version()


@st.cache_data(ttl=3600, max_entries=2048, show_spinner=False)
def _run(db_version: str, name: str, args: tuple) -> object:
    return catalog.QUERIES[name](cursor(), *args)


def query(name: str, *args: object) -> pd.DataFrame:
    """Run the named query of `queries.catalog` for these arguments (lists become tuples)."""
    frozen = tuple(tuple(a) if isinstance(a, list) else a for a in args)
    return _run(version(), name, frozen)
