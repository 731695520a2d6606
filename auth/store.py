"""The SQLite file beside the DuckDB that holds users, failed logins and the audit log.

SQLite rather than DuckDB: many small writes from threads and processes, WAL readers never
blocked, and it lives apart from the versioned analytical files.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from core.private import private_dir
from settings import Settings

BUSY_TIMEOUT_MS = 10_000
SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    username      TEXT PRIMARY KEY,
    full_name     TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('quản trị', 'thường trực', 'đơn vị')),
    units         TEXT NOT NULL DEFAULT '[]',  -- JSON list of unit ids
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS login_attempts (  -- failures of one account from one client (auth.attempts)
    name_key     TEXT NOT NULL,  -- HMAC of the username typed: never the name itself
    client_key   TEXT NOT NULL,  -- HMAC of the client's address
    failed_count INTEGER NOT NULL DEFAULT 0,
    locked_until REAL,  -- unix time
    last_failed  REAL NOT NULL,
    PRIMARY KEY (name_key, client_key)
);
CREATE TABLE IF NOT EXISTS client_attempts (  -- failures of one client, whatever the usernames
    client_key    TEXT PRIMARY KEY,
    failed_count  INTEGER NOT NULL DEFAULT 0,
    blocked_until REAL,
    last_failed   REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    username TEXT NOT NULL DEFAULT '',
    action   TEXT NOT NULL,
    target   TEXT NOT NULL DEFAULT '',
    detail   TEXT NOT NULL DEFAULT ''
);
"""


@contextmanager
def connect(cfg: Settings) -> Iterator[sqlite3.Connection]:
    """An autocommit connection (use `BEGIN IMMEDIATE` for read-modify-write); schema on first use."""
    path = cfg.auth_db
    private_dir(path.parent)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))  # password hashes: owner only
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA journal_mode = WAL")
        _drop_plain_attempts(con)
        con.executescript(SCHEMA)
        yield con
    finally:
        con.close()


def _drop_plain_attempts(con: sqlite3.Connection) -> None:
    """Files made before usernames were hashed kept them in plain text: that table goes."""
    columns = [row[1] for row in con.execute("PRAGMA table_info(login_attempts)")]
    if "username" in columns:
        con.execute("DROP TABLE login_attempts")


def exists(cfg: Settings) -> bool:
    """Whether the file was ever created; reading it does not create it."""
    return cfg.auth_db.exists()
