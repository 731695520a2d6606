"""Failed logins, counted per account and client and per client alone, under keyed hashes.

Failures lock an account only for the client (address) they came from, so a stranger cannot lock
the administrator out from elsewhere; a client that keeps failing, whatever usernames it tries (one
password guessed across many accounts), waits longer and longer between attempts and, past a cap,
is blocked for an hour. Neither the typed username (often a password typed into the wrong box) nor
the address is stored: rows hold HMAC-SHA256 digests under a key kept beside the accounts database
(owner only), and are deleted once the longest lock has run out.

An attempt is counted as failed before its password is checked and forgiven when it succeeds, so
a burst of parallel guesses cannot slip past a lock.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from auth.store import connect
from core.private import private_dir
from settings import Settings

FAILURES_BEFORE_LOCK = 5
LOCK_MINUTES = (1, 5, 15, 60)  # after 5, 10, 15, 20+ failures in a row of one account from one client
CLIENT_FREE_FAILURES = 5  # from a client's 5th failure (any usernames) on, each next attempt must wait
CLIENT_MAX_DELAY_S = 60  # the wait doubles from 2 s up to this
CLIENT_MAX_FAILURES = 30  # failures of a client within WINDOW_S that block it for WINDOW_S
WINDOW_S = LOCK_MINUTES[-1] * 60  # rows older than the longest lock are deleted
KEY_BYTES = 32


class LoginRefused(Exception):
    """The login did not succeed; `message` is Vietnamese and says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Attempt:
    """One login attempt reserved as failed: forgiven if the password is right."""

    name_key: str
    client_key: str
    failed: int  # failures in a row of this account from this client, this one included
    locked_until: float | None  # the lock this failure sets, if any


def key_path(cfg: Settings) -> Path:
    return cfg.auth_db.with_name(cfg.auth_db.stem + ".key")


def _key(cfg: Settings) -> bytes:
    """The HMAC key, created on first use (owner only); losing it only forgets failed attempts."""
    path = key_path(cfg)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:  # another process made it meanwhile
        return path.read_bytes()
    with os.fdopen(fd, "wb") as fh:
        fh.write(secrets.token_bytes(KEY_BYTES))
    return path.read_bytes()


def keyed(cfg: Settings, text: str) -> str:
    """The digest stored in place of a username or an address."""
    return hmac.new(_key(cfg), text.encode("utf-8"), hashlib.sha256).hexdigest()


def clock(unix_time: float) -> str:
    return datetime.fromtimestamp(unix_time).strftime("%H:%M ngày %d/%m/%Y")


def _locked_message(locked_until: float, now: float) -> str:
    minutes = max(1, math.ceil((locked_until - now) / 60))
    return (f"Đăng nhập đang tạm khóa do nhập sai nhiều lần. Hãy thử lại sau {clock(locked_until)} "
            f"(khoảng {minutes} phút nữa).")


def _client_message(blocked_until: float, now: float) -> str:
    seconds = max(1, math.ceil(blocked_until - now))
    wait = f"{seconds} giây" if seconds < 120 else f"{math.ceil(seconds / 60)} phút"
    return (f"Máy này đã đăng nhập sai nhiều lần. Hãy chờ khoảng {wait} rồi thử lại "
            f"(sau {clock(blocked_until)}).")


def lock_minutes(failed_count: int) -> int | None:
    """The lock that the `failed_count`-th failure in a row sets, if any."""
    if failed_count % FAILURES_BEFORE_LOCK:
        return None
    return LOCK_MINUTES[min(failed_count // FAILURES_BEFORE_LOCK, len(LOCK_MINUTES)) - 1]


def client_wait(failed_count: int) -> float | None:
    """Seconds a client must wait after its `failed_count`-th failure within the window, if any."""
    if failed_count >= CLIENT_MAX_FAILURES:
        return WINDOW_S
    if failed_count < CLIENT_FREE_FAILURES:
        return None
    return min(2.0 ** (failed_count - CLIENT_FREE_FAILURES + 1), CLIENT_MAX_DELAY_S)


def _prune(con, now: float) -> None:
    con.execute("DELETE FROM login_attempts WHERE last_failed < ? AND coalesce(locked_until, 0) < ?",
                [now - WINDOW_S, now])
    con.execute("DELETE FROM client_attempts WHERE last_failed < ? AND coalesce(blocked_until, 0) < ?",
                [now - WINDOW_S, now])


def reserve(cfg: Settings, username: str, client: str, now: float) -> Attempt:
    """Count this attempt as failed (forgiven on success); LoginRefused at once while locked or blocked."""
    name_key, client_key = keyed(cfg, username), keyed(cfg, client)
    with connect(cfg) as con:
        con.execute("BEGIN IMMEDIATE")
        _prune(con, now)
        pair = con.execute("SELECT failed_count, locked_until FROM login_attempts WHERE name_key = ? "
                           "AND client_key = ?", [name_key, client_key]).fetchone() or (0, None)
        by_client = con.execute("SELECT failed_count, blocked_until FROM client_attempts WHERE client_key = ?",
                                [client_key]).fetchone() or (0, None)
        for until, message in ((pair[1], _locked_message), (by_client[1], _client_message)):
            if until is not None and until > now:
                con.execute("COMMIT")
                raise LoginRefused(message(until, now))
        failed = pair[0] + 1
        minutes = lock_minutes(failed)
        locked_until = now + minutes * 60 if minutes else None
        con.execute(
            "INSERT INTO login_attempts (name_key, client_key, failed_count, locked_until, last_failed) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name_key, client_key) DO UPDATE SET "
            "failed_count = excluded.failed_count, locked_until = excluded.locked_until, "
            "last_failed = excluded.last_failed", [name_key, client_key, failed, locked_until, now])
        client_failed = by_client[0] + 1
        wait = client_wait(client_failed)
        con.execute(
            "INSERT INTO client_attempts (client_key, failed_count, blocked_until, last_failed) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (client_key) DO UPDATE SET failed_count = excluded.failed_count, "
            "blocked_until = excluded.blocked_until, last_failed = excluded.last_failed",
            [client_key, client_failed, None if wait is None else now + wait, now])
        con.execute("COMMIT")
    return Attempt(name_key, client_key, failed, locked_until)


def forgive(cfg: Settings, attempt: Attempt) -> None:
    """The password was right: this account's failures from this client are forgotten, and the
    client's count loses this attempt (its earlier failures stay, a wait it had is lifted)."""
    with connect(cfg) as con:
        con.execute("BEGIN IMMEDIATE")
        con.execute("DELETE FROM login_attempts WHERE name_key = ? AND client_key = ?",
                    [attempt.name_key, attempt.client_key])
        con.execute("DELETE FROM client_attempts WHERE client_key = ? AND failed_count <= 1", [attempt.client_key])
        con.execute("UPDATE client_attempts SET failed_count = failed_count - 1, blocked_until = NULL "
                    "WHERE client_key = ?", [attempt.client_key])
        con.execute("COMMIT")


def clear_account(con, cfg: Settings, username: str) -> None:
    """Forget an account's failures from every client (inside the caller's transaction)."""
    con.execute("DELETE FROM login_attempts WHERE name_key = ?", [keyed(cfg, username)])


def unlock(cfg: Settings, username: str) -> None:
    """An administrator lifts the locks of an account, from every client, and every client's block."""
    with connect(cfg) as con:
        con.execute("BEGIN IMMEDIATE")
        clear_account(con, cfg, username)
        con.execute("DELETE FROM client_attempts")
        con.execute("COMMIT")


def locked_until(cfg: Settings, usernames: list[str], now: float) -> dict[str, float]:
    """Username → the latest lock still running on it from some client, for those locked."""
    keys = {keyed(cfg, name): name for name in usernames}
    with connect(cfg) as con:
        rows = con.execute("SELECT name_key, max(locked_until) FROM login_attempts WHERE locked_until > ? "
                           "GROUP BY name_key", [now]).fetchall()
    return {keys[key]: until for key, until in rows if key in keys}
