"""`python -m etl backup|restore`: the database, the archive and the accounts in one .tar.gz.

A backup is taken under the writer lock, after the manifest is brought level with the published
database, so the three parts agree: `rebuild` from the restored archive gives the restored
database. A restore checks every member's name and type before writing anything, unpacks next to
the places it replaces, checks what it unpacked, then, under the writer lock and with a journal
that keeps loads out meanwhile, moves the current archive and accounts aside (never deleted) and
publishes the restored database as a new version.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sqlite3
import tarfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from core.private import open_private, private_dir
from core.wording import in_quotes
from database.connect import connect
from database.store import (
    SCHEMA_VERSION,
    install_version,
    published_file,
    restore_journal,
    writer_lock,
)
from etl.loading.archive import Archive, history_entries
from etl.loading.batch import reconcile_archive
from etl.loading.loader import ACCEPTED_SUFFIXES
from settings import Settings

FORMAT = 1
META, DATABASE, AUTH, MANIFEST = "backup.json", "database.duckdb", "auth.sqlite", "archive/manifest.jsonl"
_BLOB = re.compile(r"^archive/blobs/[0-9a-f]{2}/[0-9a-f]{64}(\.xlsx|\.xlsm|\.xls|\.ods)?$")
LOCK_WAIT_S = 600.0


class BackupError(RuntimeError):
    """The backup cannot be taken or restored; the message says why, in Vietnamese."""


@dataclass
class BackupSummary:
    path: Path
    loads: int
    files: int
    auth: bool
    set_aside: list[Path]  # what a restore moved out of the way


def backup(cfg: Settings, target: Path) -> BackupSummary:
    """Write a consistent .tar.gz of the published database, the archive and the accounts to `target`."""
    target = target.absolute()
    tmp = target.with_name(f".{target.name}.tmp{os.getpid()}")
    with writer_lock(cfg, LOCK_WAIT_S):
        if restore_journal(cfg).exists():
            raise BackupError("Một lượt khôi phục chưa xong; hãy chạy lại `python -m etl restore TỆP` trước.")
        current = published_file(cfg)
        if current is None or not current.exists():
            raise BackupError("Chưa có cơ sở dữ liệu nào để sao lưu.")
        archive = Archive(cfg.archive_dir)
        reconcile_archive(cfg, archive)
        entries = list(archive.entries())
        blobs = sorted({archive.blob_path(e.sha256, e.suffix) for e in entries})
        missing = [b.name for b in blobs if not b.exists()]
        if missing:
            raise BackupError(f"Kho lưu trữ thiếu {len(missing)} tệp đã nạp (ví dụ {missing[0]}); không sao lưu được.")
        try:
            with open_private(tmp) as out, tarfile.open(fileobj=out, mode="w:gz") as tar:
                tar.add(current, arcname=DATABASE)
                if archive.manifest.exists():
                    tar.add(archive.manifest, arcname=MANIFEST)
                for blob in blobs:
                    tar.add(blob, arcname="archive/" + blob.relative_to(archive.root).as_posix())
                has_auth = cfg.auth_db.exists()
                if has_auth:
                    _add_bytes(tar, AUTH, _sqlite_snapshot(cfg.auth_db))
                meta = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "created_at": datetime.now().isoformat(),
                        "loads": len(entries), "files": len(blobs), "auth": has_auth}
                _add_bytes(tar, META, json.dumps(meta, ensure_ascii=False, indent=1).encode())
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
    return BackupSummary(target, len(entries), len(blobs), has_auth, [])


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
    tar.addfile(info, io.BytesIO(data))


def _sqlite_snapshot(path: Path) -> bytes:
    """A consistent copy of a live SQLite database (WAL included), through SQLite's backup API."""
    scratch = path.with_name(f".{path.name}.backup{os.getpid()}")
    open_private(scratch).close()  # the copy holds password hashes: owner only from the start
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source, sqlite3.connect(scratch) as copy:
            source.backup(copy)
        copy.close()
        return scratch.read_bytes()
    finally:
        scratch.unlink(missing_ok=True)


def _member_names(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """Every member, checked: only the names a backup writes, regular files, each once."""
    members, seen = [], set()
    for member in tar.getmembers():
        name = member.name
        allowed = name in (META, DATABASE, AUTH, MANIFEST) or _BLOB.match(name)
        if not allowed or not member.isfile() or name in seen:
            raise BackupError(f"Tệp sao lưu có mục không hợp lệ {in_quotes(name[:80])} (tên, loại hoặc trùng); không khôi phục.")
        seen.add(name)
        members.append(member)
    if DATABASE not in seen or META not in seen:
        raise BackupError("Tệp sao lưu thiếu cơ sở dữ liệu hoặc backup.json; không khôi phục.")
    return members


def _places(cfg: Settings, stamp: str) -> dict[str, Path]:
    """Where members are unpacked: next to their destinations (same file system: moving in is a rename)."""
    return {"db": cfg.db_path.parent / f".restore-{stamp}", "archive": cfg.archive_dir.parent / f".restore-{stamp}",
            "auth": cfg.auth_db.parent / f".restore-auth-{stamp}"}


def _unpack(source: Path, places: dict[str, Path]) -> None:
    try:
        with tarfile.open(source, "r:gz") as tar:
            for member in _member_names(tar):
                if member.name.startswith("archive/"):
                    path = places["archive"] / member.name
                else:
                    path = places["auth" if member.name == AUTH else "db"] / member.name
                private_dir(path.parent)
                with tar.extractfile(member) as data, open_private(path) as out:
                    shutil.copyfileobj(data, out)
                    out.flush()
                    os.fsync(out.fileno())
    except (OSError, tarfile.TarError, EOFError) as exc:
        raise BackupError(f"Không đọc được tệp sao lưu {source.name}: {exc}") from None


def _check_unpacked(places: dict[str, Path]) -> None:
    """The restored parts open and agree: every manifest entry loaded, every blob present."""
    try:
        with connect(places["db"] / DATABASE, read_only=True) as con:
            version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            history = history_entries(con, ACCEPTED_SUFFIXES)
    except duckdb.Error as exc:
        raise BackupError(f"Cơ sở dữ liệu trong tệp sao lưu không mở được: {exc}") from None
    if not version or version[0] != SCHEMA_VERSION:
        raise BackupError(f"Tệp sao lưu thuộc phiên bản dữ liệu {version and version[0]}, cần {SCHEMA_VERSION}.")
    archive = Archive(places["archive"] / "archive")
    entries = list(archive.entries())
    if Counter(e.key for e in entries) != Counter(e.key for e in history):
        raise BackupError("Kho lưu trữ và cơ sở dữ liệu trong tệp sao lưu không khớp nhau; không khôi phục.")
    if any(not archive.blob_path(e.sha256, e.suffix).exists() for e in entries):
        raise BackupError("Tệp sao lưu thiếu tệp đã nạp trong kho lưu trữ; không khôi phục.")


def restore(cfg: Settings, source: Path) -> BackupSummary:
    """Replace the database, the archive and the accounts by those of the backup `source`."""
    stamp = f"{time.time_ns()}"
    places = _places(cfg, stamp)
    try:
        _unpack(source, places)
        _check_unpacked(places)
        set_aside: list[Path] = []
        with writer_lock(cfg, LOCK_WAIT_S):
            journal = restore_journal(cfg)
            with open_private(journal) as fh:
                fh.write(json.dumps({"source": str(source.absolute()), "started": stamp}).encode())
            if cfg.archive_dir.exists():
                set_aside.append(_move_aside(cfg.archive_dir, stamp))
            os.rename(places["archive"] / "archive", cfg.archive_dir)
            install_version(cfg, places["db"] / DATABASE)
            auth_files = [cfg.auth_db, *(cfg.auth_db.with_name(cfg.auth_db.name + s) for s in ("-wal", "-shm"))]
            set_aside += [_move_aside(path, stamp) for path in auth_files if path.exists()]
            restored_auth = places["auth"] / AUTH
            has_auth = restored_auth.exists()
            if has_auth:
                os.replace(restored_auth, cfg.auth_db)
            journal.unlink()
        entries = list(Archive(cfg.archive_dir).entries())
        return BackupSummary(source, len(entries), len({(e.sha256, e.suffix) for e in entries}), has_auth, set_aside)
    finally:
        for place in places.values():
            shutil.rmtree(place, ignore_errors=True)


def _move_aside(path: Path, stamp: str) -> Path:
    aside = path.with_name(f"{path.name}.before-restore-{stamp}")
    os.rename(path, aside)
    return aside
