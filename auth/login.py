"""Checking a password, with failed attempts counted and locked out for growing times.

An attempt is counted as failed *before* the password is checked and forgiven when it
succeeds, so a burst of parallel guesses cannot slip past the lock. Unknown usernames are
counted and locked the same way and cost one hash verification too, so the answer does not
tell whether an account exists.
"""

from __future__ import annotations

import math
import time
from datetime import datetime

from auth import audit
from auth.model import User, normalize_username
from auth.passwords import hash_password, needs_rehash, spend_verify_time, verify
from auth.store import connect
from etl.config import Settings

FAILURES_BEFORE_LOCK = 5
LOCK_MINUTES = (1, 5, 15, 60)  # after 5, 10, 15, 20+ failures in a row
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


class LoginRefused(Exception):
    """The login did not succeed; `message` is Vietnamese and says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _clock(unix_time: float) -> str:
    return datetime.fromtimestamp(unix_time).strftime("%H:%M ngày %d/%m/%Y")


def _locked_message(locked_until: float, now: float) -> str:
    minutes = max(1, math.ceil((locked_until - now) / 60))
    return (f"Đăng nhập đang tạm khóa do nhập sai nhiều lần. Hãy thử lại sau {_clock(locked_until)} "
            f"(khoảng {minutes} phút nữa).")


def lock_minutes(failed_count: int) -> int | None:
    """The lock that the `failed_count`-th failure in a row sets, if any."""
    if failed_count % FAILURES_BEFORE_LOCK:
        return None
    return LOCK_MINUTES[min(failed_count // FAILURES_BEFORE_LOCK, len(LOCK_MINUTES)) - 1]


def _reserve_attempt(cfg: Settings, key: str, now: float) -> tuple[int, float | None]:
    """Count this attempt as failed (forgiven on success); refuse at once while locked."""
    with connect(cfg) as con:
        con.execute("BEGIN IMMEDIATE")
        row = con.execute("SELECT failed_count, locked_until FROM login_attempts WHERE username = ?",
                          [key]).fetchone()
        failed, locked_until = row if row else (0, None)
        if locked_until is not None and locked_until > now:
            con.execute("COMMIT")
            raise LoginRefused(_locked_message(locked_until, now))
        failed += 1
        minutes = lock_minutes(failed)
        locked_until = now + minutes * 60 if minutes else None
        con.execute(
            "INSERT INTO login_attempts (username, failed_count, locked_until) VALUES (?, ?, ?) "
            "ON CONFLICT (username) DO UPDATE SET failed_count = excluded.failed_count, "
            "locked_until = excluded.locked_until",
            [key, failed, locked_until],
        )
        con.execute("COMMIT")
    return failed, locked_until


def _account(cfg: Settings, username: str) -> tuple[User, str] | None:
    from auth.users import active_user

    return active_user(cfg, username)


def authenticate(cfg: Settings, username: str, password: str) -> User:
    """The user whose password this is, or LoginRefused; every outcome is audited."""
    key = normalize_username(username)[:64]
    now = time.time()
    found = _account(cfg, key) if key else None
    account_name = key if found else ""  # a mistyped name may be a password: never stored
    try:
        failed, locked_until = _reserve_attempt(cfg, key, now)
    except LoginRefused:
        audit.record(cfg, account_name, audit.LOGIN_FAILED, detail="đang tạm khóa")
        raise
    if found is None:
        spend_verify_time(password)
        ok = False
    else:
        ok = verify(found[1], password)
    if ok:
        user, stored_hash = found
        with connect(cfg) as con:
            con.execute("DELETE FROM login_attempts WHERE username = ?", [key])
            if needs_rehash(stored_hash):
                con.execute("UPDATE users SET password_hash = ? WHERE username = ?", [hash_password(password), key])
        audit.record(cfg, user.username, audit.LOGIN)
        return user
    reason = "sai mật khẩu" if found else "tên đăng nhập không có hoặc đã khóa"
    audit.record(cfg, account_name, audit.LOGIN_FAILED, detail=reason)
    if locked_until is not None:
        minutes = round((locked_until - now) / 60)
        audit.record(cfg, account_name, audit.LOCKED, detail=f"{failed} lần sai liên tiếp, khóa {minutes} phút")
        raise LoginRefused(f"{WRONG} Đã nhập sai {failed} lần liên tiếp: đăng nhập bị tạm khóa {minutes} phút, "
                           f"hãy thử lại sau {_clock(locked_until)}.")
    left = FAILURES_BEFORE_LOCK - failed % FAILURES_BEFORE_LOCK
    raise LoginRefused(f"{WRONG} Còn {left} lần thử trước khi đăng nhập bị tạm khóa.")
