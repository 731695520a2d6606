"""Cached access to the named queries, keyed by the published database version.

A load publishes a new version file, so the key changes and no meeting sees stale figures.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from auth.session import allowed_units
from database.db import cursor, data_version
from etl.loading.batch import ensure_database
from queries import catalog
from queries.programme import Programme, ProgrammeError, programme, programme_key
from queries.scope import restricted_to
from settings import settings
from ui import warm


@st.cache_resource(show_spinner="Đang chuẩn bị dữ liệu mẫu…")
def _ensure_database_once(db_path: str) -> bool:
    return ensure_database(settings())


def version() -> str:
    """The published database version; on a first start builds the sample database (or
    brings an existing one's views up to date) once per process."""
    _ensure_database_once(str(settings().db_path))
    return data_version()


def programme_or_stop() -> Programme:
    """The programme in force; a file that does not fit stops the app with its problems, in Vietnamese."""
    try:
        return programme()
    except ProgrammeError as exc:
        st.error(str(exc).replace("\n", "  \n"))
        st.stop()


@st.cache_data(ttl=3600, max_entries=2048, show_spinner=False)
def _run(db_version: str, programme_version: str, name: str, args: tuple, allowed: tuple[str, ...] | None) -> object:
    """One cache entry per database version, programme file, query, arguments and reader scope."""
    with restricted_to(allowed):
        return catalog.QUERIES[name](cursor(), *args)


def query(name: str, *args: object) -> pd.DataFrame:
    """Run the named query of `queries.catalog` for these arguments (lists become tuples),
    restricted to the units the logged-in user may see (decided on the server, from the session).
    Asked again for the next version as soon as a load publishes it (ui.warm)."""
    frozen = tuple(tuple(a) if isinstance(a, list) else a for a in args)
    allowed = allowed_units()
    warm.follow(_run)
    warm.remember(name, frozen, allowed)
    return _run(version(), programme_key(), name, frozen, allowed)


def query_later(name: str, *args: object) -> Callable[[], pd.DataFrame]:
    """The named query as a function to call later, outside this script run (a deferred download,
    which Streamlit runs on another thread): the reader's scope is taken now, from the session."""
    allowed = allowed_units()

    def run() -> pd.DataFrame:
        with restricted_to(allowed):
            return catalog.QUERIES[name](cursor(), *args)

    return run
