"""Loading many files at once: the CLI, the upload page, the embedded sample database, rebuild."""

from __future__ import annotations

import io
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from core.safe_text import display_name
from database.connect import connect
from database.store import published_file, write_session
from etl.checking.model import Problem
from etl.checking.workbook import read_ahead
from etl.loading.archive import Archive, history_entries, history_tail
from etl.loading.loader import ACCEPTED_SUFFIXES, OUTCOME_REJECTED, LoadResult, load_workbook, load_workbooks
from etl.reading.guard import file_size
from settings import SAMPLES_DIR, Settings, settings

Progress = Callable[[int, int, str], None]


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the workbooks inside folders (sorted, Office lock files skipped)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in ACCEPTED_SUFFIXES and not p.name.startswith("~$")
            )
        else:
            files.append(path)
    return files


def reconcile_archive(cfg: Settings, archive: Archive, con: duckdb.DuckDBPyConnection | None = None) -> None:
    """Bring the manifest level with the published database (see etl.loading.archive); under the writer lock.

    `con` is a copy of the published database just taken; without it the published file is read.
    """
    if con is not None:
        _reconcile(archive, con)
        return
    current = published_file(cfg)
    if current is None or not current.exists():
        return
    with connect(current, read_only=True) as published:
        _reconcile(archive, published)


def _reconcile(archive: Archive, con: duckdb.DuckDBPyConnection) -> None:
    """Every load's entry compared only when the manifest does not end level with the database."""
    if not archive.is_level(*history_tail(con, ACCEPTED_SUFFIXES)):
        archive.reconcile(history_entries(con, ACCEPTED_SUFFIXES))


@contextmanager
def archived_session(cfg: Settings, archive: Archive, *, fresh: bool = False,
                     changed: Callable[[], bool] | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A write session whose loads reach the manifest only once the database holding them is published
    (`changed`: database.store.write_session's)."""
    with write_session(cfg, fresh=fresh, after_publish=archive.commit, changed=changed) as con:
        reconcile_archive(cfg, archive, None if fresh else con)
        yield con
        archive.sync()


def _unreadable(name: str, reason: str) -> LoadResult:
    return LoadResult(name, OUTCOME_REJECTED, problems=[Problem(name, None, None, None, None, reason)])


def too_large(name: str, size: int, cfg: Settings) -> LoadResult | None:
    """A rejection for a file above the upload limit, judged before its content is read or parsed."""
    if size <= cfg.max_upload_bytes:
        return None
    return _unreadable(name, f"tệp nặng {file_size(size)}, vượt giới hạn {file_size(cfg.max_upload_bytes)} "
                             "cho mỗi tệp (DP_MAX_UPLOAD_MB); hãy xóa các sheet, hình ảnh thừa rồi lưu lại")


def load_files(
    files: list[tuple[str, bytes]],
    cfg: Settings | None = None,
    *,
    loaded_by: str | None = None,
    progress: Progress | None = None,
    allowed_units: Collection[str] | None = None,
) -> list[LoadResult]:
    """Load (name, content) pairs in one write session, published whole (etl.loading.loader.load_workbooks).

    `allowed_units` (unit ids; None = any unit) is the loading user's restriction. The load is
    published as soon as it is written; the frames stored for the pages follow (`queries.precompute.level`:
    the CLI right after, the upload page in the background). A load that writes nothing (every file
    refused or already in force) publishes nothing: the version in force stays, and the pages' caches."""
    cfg = cfg or settings()
    files = [(display_name(name), data) for name, data in files]  # no path, no control or bidi characters
    refused = [too_large(name, len(data), cfg) for name, data in files]
    accepted = [file for file, refusal in zip(files, refused, strict=True) if refusal is None]
    if accepted:
        read_ahead(accepted[0][1])  # decoded while the write session opens (the lock, the copy)
    archive = Archive(cfg.archive_dir)
    results: list[LoadResult] = []
    with archived_session(cfg, archive, changed=lambda: any(r.wrote for r in results)) as con:
        checked = iter(load_workbooks(
            accepted, con,
            archive=archive, loaded_by=loaded_by, progress=progress, allowed_units=allowed_units,
        ))
        results += [refusal or next(checked) for refusal in refused]
        if progress:
            progress(len(files), len(files), "")
    return results


def read_files(paths: list[Path], cfg: Settings | None = None) -> tuple[list[tuple[str, bytes]], list[LoadResult]]:
    """Contents of the paths, and a rejection for each that cannot be read at all or is too large.

    The size is checked from the file system first, so a huge file is never read into memory.
    """
    cfg = cfg or settings()
    contents, failures = [], []
    for path in paths:
        try:
            oversized = too_large(display_name(path.name), path.stat().st_size, cfg)
            if oversized:
                failures.append(oversized)
                continue
            with open(path, "rb") as fh:
                data = fh.read(cfg.max_upload_bytes + 1)  # a file growing meanwhile is cut, then refused
            contents.append((path.name, data))
        except OSError as exc:
            failures.append(_unreadable(display_name(path.name), f"không đọc được tệp ({exc.strerror})"))
    return contents, failures


def ensure_database(cfg: Settings | None = None, samples_dir: Path = SAMPLES_DIR) -> bool:
    """Build the database from the bundled samples when none exists; True if it did."""
    from database.store import database_exists, install_views, views_outdated

    cfg = cfg or settings()
    if database_exists(cfg):
        if views_outdated(cfg):  # a database made by an earlier version of the code
            with write_session(cfg) as con:
                install_views(con)
        return False
    archive = Archive(cfg.archive_dir)
    with archived_session(cfg, archive) as con:
        if con.execute("SELECT count(*) FROM load_history").fetchone()[0]:
            return False  # another process built it while we waited for the lock
        samples = [(path.name, path.read_bytes()) for path in expand_paths([samples_dir])]
        for result in load_workbooks(samples, con, archive=archive, loaded_by="dữ liệu mẫu"):  # written together
            if not result.ok:
                raise RuntimeError(f"Sample workbook rejected: {result.problems}")
    return True


def rebuild(cfg: Settings | None = None) -> int:
    """Replay the archive manifest into a new database; returns the number of files replayed.

    The manifest is first brought level with the published database, under the lock, so a loader
    killed between publishing and writing its manifest lines loses nothing here.
    """
    cfg = cfg or settings()
    archive = Archive(cfg.archive_dir)
    with archived_session(cfg, archive, fresh=True) as con:
        entries = list(archive.entries())
        for entry in entries:
            data = archive.blob_path(entry.sha256, entry.suffix).read_bytes()
            result = load_workbook(
                io.BytesIO(data), con, file_name=entry.file_name, archive=None,
                loaded_by=entry.loaded_by, loaded_at=datetime.fromisoformat(entry.loaded_at),
            )
            if not result.ok:
                raise RuntimeError(f"Archived file {entry.file_name} no longer passes: {result.problems}")
    return len(entries)
