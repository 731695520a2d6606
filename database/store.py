"""The database file and how it changes.

Readers never share a file with a writer. A write session copies the published database to a
new version file, changes the copy, checkpoints and closes it, then points the database path
(a symlink) at it with one atomic rename. So the dashboard keeps reading while a load runs, a
killed loader leaves the published version untouched, and writers queue on one lock file.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from core.private import open_private, private_dir, private_file
from database.facts import refresh, refresh_all
from database.sql import read_sql
from database.units import load_units
from settings import Settings, settings

SCHEMA_VERSION = "1"
UPGRADE_MARK = "-- @upgrade"  # schema.sql from here on adds tables to an older database
V2_TABLES = ("unit_reports", "cell_life", "cadre_dual_roles")
KEEP_OLD_VERSIONS = 3


class StoreBusy(RuntimeError):
    """Another load held the lock for longer than we wait."""


def restore_journal(cfg: Settings) -> Path:
    """Present while `python -m etl restore` swaps files in; no load may run meanwhile."""
    return cfg.db_path.with_name(cfg.db_path.name + ".restore-pending")


def version_dir(cfg: Settings) -> Path:
    return cfg.db_path.parent / (cfg.db_path.name + ".versions")


def published_file(cfg: Settings) -> Path | None:
    """The version file the database path points at now, or None before the first load."""
    try:
        target = os.readlink(cfg.db_path)
    except FileNotFoundError:
        return None
    except OSError:  # a plain file put there by hand
        return cfg.db_path
    return (cfg.db_path.parent / target).resolve()


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Tables, views and the unit reference table in an empty database."""
    con.execute(read_sql("schema"))
    install_views(con)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])


def upgrade_schema(con: duckdb.DuckDBPyConnection) -> None:
    """The tables and columns added since a database was made (format v2, the unit reference's
    labels), created where missing; the unit reference written anew from the CSV in force."""
    schema = read_sql("schema")
    con.execute(schema[schema.index(UPGRADE_MARK):])
    store_units(con)


UNIT_COLUMNS = {"unit_id": pa.string(), "code": pa.string(), "name": pa.string(), "kind": pa.string(),
                "valid_from": pa.int32(), "valid_to": pa.int32(), "successor_id": pa.string(),
                "full_name": pa.string(), "kind_rank": pa.int32(), "territorial": pa.bool_(),
                "parent_id": pa.string()}


def store_units(con: duckdb.DuckDBPyConnection) -> None:
    """The `units` table as data/units.csv (or DP_UNITS_CSV) has it now: reference data, so a unit
    added to the file (an organisation of the town) is known to the next write session."""
    units = load_units()
    # one statement from columns: executemany costs ~10 ms a row, minutes for 10,000 units
    con.register("unit_rows", pa.table({
        name: pa.array([getattr(u, name) for u in units], kind) for name, kind in UNIT_COLUMNS.items()
    }))
    try:
        con.execute("DELETE FROM units")
        con.execute("INSERT INTO units BY NAME SELECT * FROM unit_rows")
    finally:
        con.unregister("unit_rows")


# Databases made before counts were 64-bit: part of the views' fingerprint, so they are widened.
STORAGE = "counts BIGINT"


def views_hash() -> str:
    """Fingerprint of views.sql (and STORAGE), kept in `meta` so an older database gets the new ones."""
    return hashlib.sha256((read_sql("views") + STORAGE).encode("utf-8")).hexdigest()


def widen_counts(con: duckdb.DuckDBPyConnection) -> None:
    """Counts stored as 32-bit by older versions become BIGINT, as schema.sql declares them now."""
    declared = {("submissions", "committee_members"), ("submissions", "committee_trained")}
    declared |= {("load_history", name) for name in ("cells", "members", "cadres", "warnings")}
    narrow = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE data_type = 'INTEGER' AND (table_name = 'member_figures' AND column_name <> 'year' "
        "OR list_contains(?, table_name || '.' || column_name))", [[f"{t}.{c}" for t, c in declared]]).fetchall()
    for table, column in narrow:
        con.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" SET DATA TYPE BIGINT')


def installed_views_outdated(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether this database's views (and stored facts) come from another views.sql, or none."""
    installed = con.execute("SELECT value FROM meta WHERE key = 'views_hash'").fetchall()
    return not installed or installed[0][0] != views_hash()


def refresh_facts(con: duckdb.DuckDBPyConnection, keys: Iterable[tuple[str, int]]) -> None:
    """The stored facts of these (unit id, year) pairs anew (database.facts.refresh); every fact, with the views
    of this views.sql, when the database's come from another."""
    if installed_views_outdated(con):
        install_views(con)
    else:
        refresh(con, keys)


def install_views(con: duckdb.DuckDBPyConnection) -> None:
    upgrade_schema(con)  # views may read the newer tables
    widen_counts(con)
    con.execute(read_sql("views"))
    refresh_all(con)  # the stored indicator facts follow the definition just installed
    con.execute("DELETE FROM meta WHERE key = 'views_hash'")
    con.execute("INSERT INTO meta VALUES ('views_hash', ?)", [views_hash()])


def views_outdated(cfg: Settings) -> bool:
    """Whether the published database was made with other view definitions than views.sql, or
    before the tables they may read (format v2): `install_views` brings it up to date."""
    current = published_file(cfg)
    if current is None or not current.exists():
        return False
    with duckdb.connect(str(current), read_only=True) as con:
        tables = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        return installed_views_outdated(con) or not set(V2_TABLES) <= tables


@contextmanager
def writer_lock(cfg: Settings, timeout_s: float, path: Path | None = None) -> Iterator[None]:
    """The one lock every writer (load, rebuild, backup, restore) holds, across threads and processes
    (`path`: another lock file taken the same way)."""
    path = path or cfg.lock_path
    private_dir(path.parent)
    with open_private(path, append=True) as fh:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreBusy("Một lượt nạp dữ liệu khác đang chạy quá lâu; hãy thử lại sau.") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sweep(cfg: Settings, keep: Path | None) -> None:
    """Drop unfinished copies of killed writers and all but the newest old versions."""
    folder = version_dir(cfg)
    for partial in folder.glob("*.partial*"):
        partial.unlink(missing_ok=True)
    finished = sorted(folder.glob("v*.duckdb"), key=lambda p: p.name, reverse=True)
    for old in [p for p in finished if p != keep][KEEP_OLD_VERSIONS:]:
        old.unlink(missing_ok=True)


def _publish(cfg: Settings, new_file: Path) -> None:
    link_tmp = cfg.db_path.with_name(cfg.db_path.name + ".link-tmp")
    link_tmp.unlink(missing_ok=True)
    os.symlink(os.path.relpath(new_file, cfg.db_path.parent), link_tmp)
    os.replace(link_tmp, cfg.db_path)
    _fsync_dir(cfg.db_path.parent)


@contextmanager
def write_session(
    cfg: Settings | None = None, lock_timeout_s: float = 600.0, fresh: bool = False,
    after_publish: Callable[[], None] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a private copy that is published when the block ends cleanly.

    Callers run their own BEGIN / COMMIT inside; an exception discards the copy. `fresh` starts
    from an empty database instead of a copy of the published one (rebuild). `after_publish`
    runs once the copy is published, still under the lock (the archive's manifest lines).
    """
    cfg = cfg or settings()
    with writer_lock(cfg, lock_timeout_s):
        if restore_journal(cfg).exists():
            raise StoreBusy("Một lượt khôi phục bản sao lưu chưa xong; hãy chạy lại `python -m etl restore TỆP`.")
        folder = private_dir(version_dir(cfg))
        current = published_file(cfg)
        _sweep(cfg, current)
        name = f"v{time.time_ns():020d}.duckdb"
        work = folder / (name + ".partial")
        start_empty = fresh or current is None or not current.exists()
        if not start_empty:
            shutil.copyfile(current, work)
        con = duckdb.connect(str(work))
        private_file(work)
        try:
            if start_empty:
                create_schema(con)
            else:
                upgrade_schema(con)
            yield con
            con.execute("CHECKPOINT")
        except BaseException:
            con.close()
            work.unlink(missing_ok=True)
            Path(str(work) + ".wal").unlink(missing_ok=True)
            raise
        con.close()
        final = folder / name
        with open(work, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(work, final)
        _publish(cfg, final)
        if after_publish:
            after_publish()


def install_version(cfg: Settings, source: Path) -> Path:
    """Publish a copy of the database file `source` as the newest version; caller holds `writer_lock`."""
    folder = private_dir(version_dir(cfg))
    _sweep(cfg, published_file(cfg))
    name = f"v{time.time_ns():020d}.duckdb"
    work = folder / (name + ".partial")
    shutil.copyfile(source, work)
    private_file(work)
    with open(work, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(work, folder / name)
    _publish(cfg, folder / name)
    return folder / name


def database_exists(cfg: Settings | None = None) -> bool:
    current = published_file(cfg or settings())
    return current is not None and current.exists()
