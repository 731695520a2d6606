"""Read connections to the published database version.

Each published version is its own file, so a connection opened on one version keeps seeing
it while loads publish newer ones; `data_version()` changes exactly when a load lands and
keys every cache.
"""

from __future__ import annotations

import threading
import time

import duckdb

from database.connect import connect
from database.store import published_file
from settings import Settings, settings

_lock = threading.Lock()
_open: dict[str, duckdb.DuckDBPyConnection] = {}
KEEP_CONNECTIONS = 4


class NoDatabase(RuntimeError):
    """No load has published a database yet."""


def data_version(cfg: Settings | None = None) -> str:
    """The published version file: changes when, and only when, a load lands."""
    current = published_file(cfg or settings())
    if current is None:
        raise NoDatabase("Chưa có dữ liệu: hãy nạp báo cáo của các đơn vị.")
    return str(current)


def connection(cfg: Settings | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published version; use `.cursor()` per thread."""
    cfg = cfg or settings()
    for attempt in range(20):
        current = published_file(cfg)
        if current is None:
            raise NoDatabase("Chưa có dữ liệu: hãy nạp báo cáo của các đơn vị.")
        key = str(current)
        with _lock:
            con = _open.get(key)
            if con is not None:
                return con
            try:
                con = connect(key, read_only=True)
            except (duckdb.IOException, FileNotFoundError):
                con = None  # a newer version replaced it between readlink and open
            if con is not None:
                # set, not passed at connect: a connection with other options could not open the file
                con.execute("SET memory_limit = ?", [cfg.reader_memory_limit])
                _open[key] = con
                for stale in list(_open)[:-KEEP_CONNECTIONS]:
                    _open.pop(stale)  # closed by garbage collection once no cursor uses it
                return con
        time.sleep(0.01 * (attempt + 1))
    raise NoDatabase("Không mở được cơ sở dữ liệu; hãy thử lại.")


def cursor(cfg: Settings | None = None) -> duckdb.DuckDBPyConnection:
    return connection(cfg).cursor()
