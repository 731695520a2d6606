"""Content-addressed archive of every accepted file, and its manifest in load order.

The archive is the source of truth: `python -m etl rebuild` replays the manifest into a new
database. Blobs are written and synced before the database changes (harmless if orphaned).
Manifest lines are appended only after the new database is published, still under the writer
lock, so the manifest never names a load the database lacks. A loader killed between publishing
and appending leaves the manifest short; the next write session appends what the published
`load_history` has and the manifest lacks (`reconcile`), before it changes anything.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from core.private import open_private, private_dir


@dataclass(frozen=True)
class ArchiveEntry:
    sha256: str
    file_name: str
    suffix: str
    loaded_at: str  # ISO timestamp
    loaded_by: str | None
    unit_id: str
    year: int

    @property
    def key(self) -> tuple[str, str]:
        return self.sha256, self.loaded_at


_HISTORY_COLUMNS = "file_hash, file_name, loaded_at, loaded_by, unit_id, year"


def history_entries(con: duckdb.DuckDBPyConnection, suffixes: Iterable[str]) -> list[ArchiveEntry]:
    """The database's load_history as archive entries, in load order."""
    accepted = tuple(suffixes)
    rows = con.execute(f"SELECT {_HISTORY_COLUMNS} FROM load_history ORDER BY load_id").fetchall()
    return [_entry(row, accepted) for row in rows]


def history_tail(con: duckdb.DuckDBPyConnection, suffixes: Iterable[str]) -> tuple[int, ArchiveEntry | None]:
    """How many loads the database holds, and the latest as an archive entry."""
    count = con.execute("SELECT count(*) FROM load_history").fetchone()[0]
    row = con.execute(f"SELECT {_HISTORY_COLUMNS} FROM load_history ORDER BY load_id DESC LIMIT 1").fetchone()
    return count, None if row is None else _entry(row, tuple(suffixes))


def _entry(row: tuple, accepted: tuple[str, ...]) -> ArchiveEntry:
    """A load_history row (_HISTORY_COLUMNS) as its manifest entry."""
    sha, name, loaded_at, by, unit_id, year = row
    return ArchiveEntry(sha, name, _suffix(name, accepted), loaded_at.isoformat(), by, unit_id, year)


def _suffix(file_name: str, accepted: tuple[str, ...]) -> str:
    suffix = Path(file_name).suffix.lower()
    return suffix if suffix in accepted else ""


class Archive:
    def __init__(self, root: Path):
        self.root = root
        self._unsynced: list[Path] = []
        self._pending: list[ArchiveEntry] = []
        self._folders: set[Path] = set()  # blob folders made private by this instance

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.jsonl"

    def blob_path(self, sha256: str, suffix: str) -> Path:
        return self.root / "blobs" / sha256[:2] / f"{sha256}{suffix}"

    def store_blob(self, data: bytes, sha256: str, suffix: str) -> Path:
        path = self.blob_path(sha256, suffix)
        if path.exists():
            return path
        for folder in (self.root, self.root / "blobs", path.parent):
            if folder not in self._folders:  # once a load: a load writes hundreds of blobs
                self._folders.add(private_dir(folder))
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        with open_private(tmp) as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())  # now, not in `sync`: a load does it while the decoder reads the next file
        os.replace(tmp, path)
        self._unsynced.append(path)
        return path

    def record(self, entry: ArchiveEntry) -> None:
        """Remember a load; its manifest line is written by `commit` once the database is published."""
        self._pending.append(entry)

    def sync(self) -> None:
        """Make every blob written since the last sync durable (before publishing): each blob's content was
        synced as it was written (`store_blob`); here the folders naming them, once each, and the folders
        naming those up to the archive's own entry (a shard folder, or the archive, made by this load)."""
        folders = [path.parent for path in self._unsynced]
        if folders:
            folders += [self.root / "blobs", self.root, self.root.parent]
        for folder in dict.fromkeys(folders):
            _fsync_dir(folder)
        self._unsynced.clear()

    def commit(self) -> None:
        """Append the recorded loads to the manifest, durably; call after publishing, under the lock."""
        self._append(self._pending)
        self._pending = []

    def reconcile(self, published: list[ArchiveEntry]) -> list[ArchiveEntry]:
        """Append the loads of the published database missing from the manifest; returns them.

        Call under the writer lock before a session changes anything. A torn last line (a kill
        while appending) is cut first.
        """
        self._cut_torn_line()
        missing = Counter(e.key for e in published) - Counter(e.key for e in self.entries())
        appended = []
        for entry in published:
            if missing[entry.key] > 0:
                missing[entry.key] -= 1
                appended.append(entry)
        self._append(appended)
        return appended

    def is_level(self, count: int, last: ArchiveEntry | None) -> bool:
        """Whether the manifest already ends as a database of `count` loads ending with `last` does
        (torn last line cut first): the usual case, told without reading 60,000 entries."""
        data = self._cut_torn_line()
        if data.count(b"\n") != count:
            return False
        if last is None:  # no load, no line
            return True
        final = data[data.rfind(b"\n", 0, len(data) - 1) + 1:]
        return ArchiveEntry(**json.loads(final)).key == last.key

    def _append(self, entries: list[ArchiveEntry]) -> None:
        if not entries:
            return
        private_dir(self.root)
        self._cut_torn_line()
        text = "".join(json.dumps(asdict(e), ensure_ascii=False) + "\n" for e in entries)
        with open_private(self.manifest, append=True) as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        _fsync_dir(self.root)

    def _cut_torn_line(self) -> bytes:
        """Cut a last line without its newline (a kill while appending); the manifest as it is then."""
        if not self.manifest.exists():
            return b""
        with open(self.manifest, "rb+") as fh:
            data = fh.read()
            if data and not data.endswith(b"\n"):
                data = data[:data.rfind(b"\n") + 1]
                fh.truncate(len(data))
            return data

    def entries(self) -> Iterator[ArchiveEntry]:
        """Manifest entries in load order; a torn last line (no newline yet) is not an entry."""
        if not self.manifest.exists():
            return
        with open(self.manifest, encoding="utf-8") as fh:
            for line in fh:
                if line.endswith("\n") and line.strip():
                    yield ArchiveEntry(**json.loads(line))


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
