"""Content-addressed archive of every accepted file, and its manifest in load order.

The archive is the source of truth: `python -m etl rebuild` replays the manifest into a new
database. Blobs are written before the database changes (harmless if orphaned); the manifest
line is appended before the new database is published.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class ArchiveEntry:
    sha256: str
    file_name: str
    suffix: str
    loaded_at: str  # ISO timestamp
    loaded_by: str | None
    unit_id: str
    year: int


class Archive:
    def __init__(self, root: Path):
        self.root = root
        self._unsynced: list[Path] = []

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.jsonl"

    def blob_path(self, sha256: str, suffix: str) -> Path:
        return self.root / "blobs" / sha256[:2] / f"{sha256}{suffix}"

    def store_blob(self, data: bytes, sha256: str, suffix: str) -> Path:
        path = self.blob_path(sha256, suffix)
        if path.exists():
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        self._unsynced.append(path)
        return path

    def record(self, entry: ArchiveEntry) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.manifest, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
        self._unsynced.append(self.manifest)

    def sync(self) -> None:
        """Make every blob and manifest line written since the last sync durable (before publishing)."""
        for path in dict.fromkeys(self._unsynced):
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
        for folder in dict.fromkeys(p.parent for p in self._unsynced):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        self._unsynced.clear()

    def entries(self) -> Iterator[ArchiveEntry]:
        if not self.manifest.exists():
            return
        with open(self.manifest, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield ArchiveEntry(**json.loads(line))
