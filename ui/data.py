"""Cached access to the named queries, keyed by the published database version.

A load publishes a new version file, so the key changes and no meeting sees stale figures.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable

import pandas as pd
import pyarrow as pa
import streamlit as st

from auth.session import allowed_units
from database.db import cursor, data_version
from etl.loading.batch import ensure_database
from queries import catalog
from queries.programme import Programme, ProgrammeError, programme, programme_key
from queries.scope import restricted_to
from settings import settings
from ui import warm

CODEC = "lz4"  # pyarrow's: 119 MB of the meeting's figures in 21 MB, back in 0,1 s


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


def _packed(value: object) -> tuple[int, bytes]:
    """A query's result as the cache keeps it: pickled (st.cache_data would pickle it too), then
    compressed (LZ4): at national scale the cache of every page holds 380 MB of pickles, 5× less so,
    for 0,1 s of the heaviest page's run."""
    pickled = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return len(pickled), pa.compress(pickled, codec=CODEC, asbytes=True)


def _unpacked(entry: tuple[int, bytes]) -> object:
    size, packed = entry
    return pickle.loads(pa.decompress(packed, decompressed_size=size, codec=CODEC, asbytes=True))


@st.cache_data(ttl=3600, max_entries=2048, show_spinner=False)
def _run(db_version: str, programme_version: str, name: str, args: tuple,
         allowed: tuple[str, ...] | None) -> tuple[int, bytes]:
    """One cache entry per database version, programme file, query, arguments and reader scope."""
    with restricted_to(allowed):
        return _packed(catalog.QUERIES[name](cursor(), *args))


def query(name: str, *args: object) -> pd.DataFrame:
    """Run the named query of `queries.catalog` for these arguments (lists become tuples),
    restricted to the units the logged-in user may see (decided on the server, from the session).
    Asked again for the next version as soon as a load publishes it (ui.warm)."""
    frozen = tuple(tuple(a) if isinstance(a, list) else a for a in args)
    allowed = allowed_units()
    warm.follow(_run)
    warm.remember(name, frozen, allowed)
    return _unpacked(_run(version(), programme_key(), name, frozen, allowed))


def query_later(name: str, *args: object) -> Callable[[], pd.DataFrame]:
    """The named query as a function to call later, outside this script run (a deferred download,
    which Streamlit runs on another thread): the reader's scope is taken now, from the session."""
    allowed = allowed_units()

    def run() -> pd.DataFrame:
        with restricted_to(allowed):
            return catalog.QUERIES[name](cursor(), *args)

    return run
