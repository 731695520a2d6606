"""Loading many files at once: the CLI, the upload page, the embedded sample database, rebuild."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from etl.archive import Archive
from etl.config import SAMPLES_DIR, Settings, settings
from etl.loader import ACCEPTED_SUFFIXES, OUTCOME_REJECTED, LoadResult, load_workbook
from etl.model import Problem
from etl.store import write_session

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


def _unreadable(name: str, reason: str) -> LoadResult:
    return LoadResult(name, OUTCOME_REJECTED, problems=[Problem(name, None, None, None, None, reason)])


def load_files(
    files: list[tuple[str, bytes]],
    cfg: Settings | None = None,
    *,
    loaded_by: str | None = None,
    progress: Progress | None = None,
) -> list[LoadResult]:
    """Load (name, content) pairs in one write session; each file is its own transaction."""
    cfg = cfg or settings()
    archive = Archive(cfg.archive_dir)
    results: list[LoadResult] = []
    with write_session(cfg) as con:
        for index, (name, data) in enumerate(files):
            if progress:
                progress(index, len(files), name)
            if len(data) > cfg.max_upload_bytes:
                limit = cfg.max_upload_bytes // (1024 * 1024)
                results.append(_unreadable(name, f"tệp lớn hơn giới hạn {limit} MB"))
                continue
            results.append(
                load_workbook(io.BytesIO(data), con, file_name=name, archive=archive, loaded_by=loaded_by)
            )
        archive.sync()
        if progress:
            progress(len(files), len(files), "")
    return results


def read_files(paths: list[Path]) -> tuple[list[tuple[str, bytes]], list[LoadResult]]:
    """Contents of the paths, and a rejection for each that cannot be read at all."""
    contents, failures = [], []
    for path in paths:
        try:
            contents.append((path.name, path.read_bytes()))
        except OSError as exc:
            failures.append(_unreadable(str(path), f"không đọc được tệp ({exc.strerror})"))
    return contents, failures


def ensure_database(cfg: Settings | None = None, samples_dir: Path = SAMPLES_DIR) -> bool:
    """Build the database from the bundled samples when none exists; True if it did."""
    from etl.store import database_exists

    cfg = cfg or settings()
    if database_exists(cfg):
        return False
    archive = Archive(cfg.archive_dir)
    with write_session(cfg) as con:
        if con.execute("SELECT count(*) FROM load_history").fetchone()[0]:
            return False  # another process built it while we waited for the lock
        for path in expand_paths([samples_dir]):
            result = load_workbook(
                io.BytesIO(path.read_bytes()), con, file_name=path.name, archive=archive,
                loaded_by="dữ liệu mẫu",
            )
            if not result.ok:
                raise RuntimeError(f"Sample workbook rejected: {result.problems}")
        archive.sync()
    return True


def rebuild(cfg: Settings | None = None) -> int:
    """Replay the archive manifest into a new database; returns the number of files replayed."""
    cfg = cfg or settings()
    archive = Archive(cfg.archive_dir)
    entries = list(archive.entries())
    with write_session(cfg, fresh=True) as con:
        for entry in entries:
            data = archive.blob_path(entry.sha256, entry.suffix).read_bytes()
            result = load_workbook(
                io.BytesIO(data), con, file_name=entry.file_name, archive=None,
                loaded_by=entry.loaded_by, loaded_at=datetime.fromisoformat(entry.loaded_at),
            )
            if not result.ok:
                raise RuntimeError(f"Archived file {entry.file_name} no longer passes: {result.problems}")
    return len(entries)
