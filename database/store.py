"""The database file and how it changes.

Readers never share a file with a writer. A write session starts from a copy of the published
database as a new version file, changes the copy, checkpoints and closes it, then points the
database path (a symlink) at it with one atomic rename. So the dashboard keeps reading while a load
runs, a killed loader leaves the published version untouched, and writers queue on one lock file.

The copy is made ahead when it can be: a spare (database/spare.py).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from core.private import open_private, private_dir, private_file
from database.connect import connect
from database.facts import refresh, refresh_all
from database.spare import give_back, make_spare, sweep_spares, take_copy
from database.sql import read_sql
from database.units import PerReference, load_units
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
    """Tables, views and the unit reference table in an empty database (made as schema.sql declares
    them now: nothing to upgrade or widen)."""
    con.execute(read_sql("schema"))
    store_units(con)
    _install_view_sql(con)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])


def _empty_database() -> bytes:
    """The bytes of a database file as `create_schema` leaves it, checkpointed: written in a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="dp-empty-") as scratch:
        path = Path(scratch) / "empty.duckdb"
        with connect(path) as con:
            create_schema(con)
            con.execute("CHECKPOINT")
        return path.read_bytes()


_empty_files = PerReference(lambda units: {})  # per read of the unit reference: (schema, views) → empty database


def new_database(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection to `path` (0600), written as a new database with the schema: a copy of one made once per
    process for the same schema, views and units (making one plans ~60 statements: 0.1 s of CPU a database)."""
    made = _empty_files(load_units())
    key = (read_sql("schema"), views_hash())
    data = made.get(key)
    if data is None:
        data = made[key] = _empty_database()
    with open_private(path) as fh:
        fh.write(data)
    return connect(path)


def upgrade_schema(con: duckdb.DuckDBPyConnection) -> None:
    """The tables and columns added since a database was made (format v2, the unit reference's
    labels), created where missing; the unit reference brought to the CSV in force."""
    schema = read_sql("schema")
    con.execute(schema[schema.index(UPGRADE_MARK):])
    store_units(con)


UNIT_COLUMNS = {"unit_id": pa.string(), "code": pa.string(), "name": pa.string(), "kind": pa.string(),
                "valid_from": pa.int32(), "valid_to": pa.int32(), "successor_id": pa.string(),
                "full_name": pa.string(), "kind_rank": pa.int32(), "territorial": pa.bool_(),
                "parent_id": pa.string()}


def store_units(con: duckdb.DuckDBPyConnection) -> None:
    """The `units` table as data/units.csv (or DP_UNITS_CSV) has it now: reference data, so a unit
    added to the file (an organisation of the town) is known to the next write session. Left as it
    is when it already holds exactly those rows (the usual case: no table rewritten by each load)."""
    con.register("unit_rows", _unit_table(load_units()))
    try:
        columns = ", ".join(UNIT_COLUMNS)
        differs = con.execute(
            f"""SELECT (SELECT count(*) FROM units) <> (SELECT count(*) FROM unit_rows)
                    OR EXISTS (SELECT {columns} FROM unit_rows EXCEPT ALL SELECT {columns} FROM units)""").fetchall()[0][0]
        if differs:
            con.execute("DELETE FROM units")
            con.execute("INSERT INTO units BY NAME SELECT * FROM unit_rows")
    finally:
        con.unregister("unit_rows")


def _build_unit_table(units: tuple) -> pa.Table:
    """The units as one Arrow table (one statement from columns: executemany costs ~10 ms a row, minutes
    for 10,000 units)."""
    return pa.table({name: pa.array([getattr(u, name) for u in units], kind) for name, kind in UNIT_COLUMNS.items()})


_unit_table = PerReference(_build_unit_table)  # made once per unit reference read


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
    _install_view_sql(con)


def _install_view_sql(con: duckdb.DuckDBPyConnection) -> None:
    """views.sql, the stored facts it defines, and its fingerprint in `meta`."""
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
    with connect(current, read_only=True) as con:
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
    """Drop unfinished copies of killed writers, spares of other versions than `keep` (the published
    one) and all but the newest old versions."""
    folder = version_dir(cfg)
    for partial in folder.glob("*.partial*"):
        partial.unlink(missing_ok=True)
    sweep_spares(folder, keep)
    finished = sorted(folder.glob("v*.duckdb"), key=lambda p: p.name, reverse=True)
    for old in [p for p in finished if p != keep][KEEP_OLD_VERSIONS:]:
        old.unlink(missing_ok=True)


def _publish(cfg: Settings, new_file: Path) -> None:
    link_tmp = cfg.db_path.with_name(cfg.db_path.name + ".link-tmp")
    link_tmp.unlink(missing_ok=True)
    os.symlink(os.path.relpath(new_file, cfg.db_path.parent), link_tmp)
    os.replace(link_tmp, cfg.db_path)
    _fsync_dir(cfg.db_path.parent)


def prepare_spare(cfg: Settings | None = None) -> Path | None:
    """A whole copy of the published version for the next write session to start from, made now
    (database/spare.py); the spare, or None when there is no version file to copy or
    another thread or process is writing a spare."""
    cfg = cfg or settings()
    folder = version_dir(cfg)
    current = published_file(cfg)
    if current is None or not folder.is_dir() or current.parent != folder.resolve():
        return None  # nothing published, or a plain file put there by hand
    return make_spare(folder, current)


@contextmanager
def write_session(
    cfg: Settings | None = None, lock_timeout_s: float = 600.0, fresh: bool = False,
    after_publish: Callable[[], None] | None = None, changed: Callable[[], bool] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a private copy that is published when the block ends cleanly.

    Callers run their own BEGIN / COMMIT inside; an exception discards the copy. `fresh` starts
    from an empty database instead of a copy of the published one (rebuild). `after_publish`
    runs once the copy is published, still under the lock (the archive's manifest lines). `changed()`
    False when the block ends (a load whose every file was refused or in force already): nothing is
    published, so the pages keep their caches; the copy goes back to being the spare it was.
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
        taken = None
        if start_empty:
            con = new_database(work)
        else:
            taken = take_copy(current, work)
            con = connect(work)
            private_file(work)
        try:
            if not start_empty:
                upgrade_schema(con)
            yield con
            unchanged = not start_empty and changed is not None and not changed()
            if not unchanged:
                con.execute("CHECKPOINT")
        except BaseException:
            con.close()
            work.unlink(missing_ok=True)
            Path(str(work) + ".wal").unlink(missing_ok=True)
            raise
        con.close()
        if unchanged:
            give_back(work, current, taken)
            return
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
