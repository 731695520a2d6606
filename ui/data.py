"""Cached access to the named queries, keyed by the published database version.

A load publishes a new version file, so the key changes and no meeting sees stale figures.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator, Sized
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, is_dataclass

import duckdb
import pandas as pd
import pyarrow as pa
import streamlit as st

from auth.session import allowed_units
from database.db import cursor, data_version
from etl.loading.batch import ensure_database
from queries import catalog
from queries.coverage import read_once
from queries.programme import Programme, ProgrammeError, programme, programme_key
from queries.programme_held import holding
from queries.scope import restricted_to
from settings import settings
from ui import warm

CODEC = "lz4"  # pyarrow's: 119 MB of the meeting's figures in 21 MB, back in 0,1 s
_ONE_CURSOR: ContextVar[dict[str, duckdb.DuckDBPyConnection] | None] = ContextVar("one_cursor", default=None)


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


@dataclass(frozen=True)
class Packed:
    """A value as the cache keeps it: pickled (st.cache_data would pickle it too), then compressed (LZ4): at
    national scale the cache of every page holds 380 MB of pickles, 5× less so."""

    size: int  # of the pickle
    data: bytes


@dataclass(frozen=True)
class PackedFields:
    """A dataclass result packed field by field, so that a run unpacks only the fields it reads: a country's
    meeting data is 119 MB of pickles (0,3 s to unpack), its cards 7 kB."""

    kind: type
    fields: dict[str, Packed]
    lengths: dict[str, int]  # rows of each field that has a length: counted without unpacking it


def _packed(value: object) -> Packed:
    pickled = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return Packed(len(pickled), pa.compress(pickled, codec=CODEC, asbytes=True))


def _unpacked(entry: Packed) -> object:
    return pickle.loads(pa.decompress(entry.data, decompressed_size=entry.size, codec=CODEC, asbytes=True))


def _packed_result(value: object) -> Packed | PackedFields:
    if not is_dataclass(value) or isinstance(value, type):
        return _packed(value)
    named = {f.name: getattr(value, f.name) for f in fields(value)}
    return PackedFields(type(value), {name: _packed(v) for name, v in named.items()},
                        {name: len(v) for name, v in named.items() if isinstance(v, Sized)})


class LazyFields:
    """A dataclass result read as the dataclass is (`data.cards`), each field unpacked the first time it is
    read in this run, then kept; `count(name)` gives a field's rows without unpacking it."""

    def __init__(self, packed: PackedFields) -> None:
        self._packed = packed

    def __getattr__(self, name: str) -> object:  # only for names not set yet: each field is unpacked once
        try:
            entry = self.__dict__["_packed"].fields[name]
        except KeyError:
            raise AttributeError(name) from None
        value = _unpacked(entry)
        setattr(self, name, value)
        return value

    def count(self, name: str) -> int:
        return self._packed.lengths[name]


def _whole(entry: Packed | PackedFields) -> object:
    if isinstance(entry, Packed):
        return _unpacked(entry)
    return entry.kind(**{name: _unpacked(packed) for name, packed in entry.fields.items()})


@st.cache_data(ttl=3600, max_entries=2048, show_spinner=False)
def _run(db_version: str, programme_version: str, name: str, args: tuple,
         allowed: tuple[str, ...] | None) -> Packed | PackedFields:
    """One cache entry per database version, programme file, query, arguments and reader scope; computed
    under the version of the programme file its key names (`_entry` holds it)."""
    with restricted_to(allowed):
        return _packed_result(catalog.QUERIES[name](_cursor(db_version), *args))


@contextmanager
def reading_once() -> Iterator[None]:
    """Within it (a `with` in a page), the queries the script run computes rather than finds in the cache read on
    one cursor of the database version, within queries.coverage.read_once: which units are expected and in is read
    once for all of them, as for one build of the meeting data. Not across threads (a deferred download, the
    warm-up after a load): a context variable."""
    token = _ONE_CURSOR.set({})
    try:
        with read_once():
            yield
    finally:
        _ONE_CURSOR.reset(token)


def _cursor(db_version: str) -> duckdb.DuckDBPyConnection:
    """A cursor of the published version (`db_version`, the cache key's): the one of this `reading_once`, if any."""
    kept = _ONE_CURSOR.get()
    if kept is None:
        return cursor()
    if db_version not in kept:
        kept[db_version] = cursor()
    return kept[db_version]


def _entry(db_version: str, name: str, args: tuple, allowed: tuple[str, ...] | None) -> Packed | PackedFields:
    """The cache entry of a query for this database version, found or computed under one version of the
    programme file, held from its cache key to its last figure (queries.programme_held). A page's run and
    the thread warming the next version (ui.warm) both ask for it so."""
    with holding():
        return _run(db_version, programme_key(), name, args, allowed)


def _cached(name: str, args: tuple) -> Packed | PackedFields:
    frozen = tuple(tuple(a) if isinstance(a, list) else a for a in args)
    allowed = allowed_units()
    warm.follow(_entry)
    warm.remember(name, frozen, allowed)
    return _entry(version(), name, frozen, allowed)


def query(name: str, *args: object) -> pd.DataFrame:
    """Run the named query of `queries.catalog` for these arguments (lists become tuples),
    restricted to the units the logged-in user may see (decided on the server, from the session).
    Asked again for the next version as soon as a load publishes it (ui.warm)."""
    return _whole(_cached(name, args))


def query_lazily(name: str, *args: object) -> LazyFields:
    """`query` for a query whose result is a dataclass (the meeting data): its fields are unpacked as the run
    reads them, so that a page drawing the cards does not unpack a country's scorecard and warnings."""
    entry = _cached(name, args)
    if not isinstance(entry, PackedFields):
        raise TypeError(f"{name} does not return a dataclass")
    return LazyFields(entry)


def query_later(name: str, *args: object) -> Callable[[], pd.DataFrame]:
    """The named query as a function to call later, outside this script run (a deferred download,
    which Streamlit runs on another thread): the reader's scope is taken now, from the session."""
    allowed = allowed_units()

    def run() -> pd.DataFrame:
        with restricted_to(allowed), holding():
            return catalog.QUERIES[name](cursor(), *args)

    return run
