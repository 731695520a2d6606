"""Checking a password, with failed attempts counted per account and client (auth.attempts).

Unknown usernames are counted and locked the same way and cost one hash verification too, so the
answer does not tell whether an account exists.
"""

from __future__ import annotations

import time

from auth import audit
from auth.attempts import (
    FAILURES_BEFORE_LOCK,
    LOCK_MINUTES,
    LoginRefused,
    clock,
    forgive,
    lock_minutes,
    reserve,
)
from auth.model import User, normalize_username
from auth.passwords import hash_password, needs_rehash, spend_verify_time, verify
from auth.store import connect, exists
from settings import Settings

__all__ = ["FAILURES_BEFORE_LOCK", "LOCAL_CLIENT", "LOCK_MINUTES", "LoginRefused", "active_user", "authenticate",
           "lock_minutes"]
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."
LOCAL_CLIENT = "127.0.0.1"  # this machine: the command line, or a browser on the server itself


def active_user(cfg: Settings, username: str) -> tuple[User, str] | None:
    """The enabled account and its password hash, or None."""
    if not exists(cfg):
        return None
    with connect(cfg) as con:
        row = con.execute("SELECT username, full_name, role, units, password_hash FROM users "
                          "WHERE username = ? AND NOT disabled", [normalize_username(username)]).fetchone()
    return (User.from_row(row[:4]), row[4]) if row else None


def authenticate(cfg: Settings, username: str, password: str, client: str = LOCAL_CLIENT) -> User:
    """The user whose password this is, or LoginRefused; every outcome is audited.

    `client` is the address the attempt came from (auth.session.client_address)."""
    key = normalize_username(username)[:64]
    now = time.time()
    found = active_user(cfg, key) if key else None
    account_name = key if found else ""  # a mistyped name may be a password: never stored
    where = f"máy {client}"
    try:
        attempt = reserve(cfg, key, client, now)
    except LoginRefused:
        audit.record(cfg, account_name, audit.LOGIN_FAILED, detail=f"đang tạm khóa, {where}")
        raise
    if found is None:
        spend_verify_time(password)
        ok = False
    else:
        ok = verify(found[1], password)
    if ok:
        user, stored_hash = found
        forgive(cfg, attempt)
        if needs_rehash(stored_hash):
            with connect(cfg) as con:
                con.execute("UPDATE users SET password_hash = ? WHERE username = ?", [hash_password(password), key])
        audit.record(cfg, user.username, audit.LOGIN, detail=where)
        return user
    reason = "sai mật khẩu" if found else "tên đăng nhập không có hoặc đã khóa"
    audit.record(cfg, account_name, audit.LOGIN_FAILED, detail=f"{reason}, {where}")
    failed, locked_until = attempt.failed, attempt.locked_until
    if locked_until is not None:
        minutes = round((locked_until - now) / 60)
        audit.record(cfg, account_name, audit.LOCKED, detail=f"{failed} lần sai liên tiếp, khóa {minutes} phút, {where}")
        raise LoginRefused(f"{WRONG} Đã nhập sai {failed} lần liên tiếp: đăng nhập bị tạm khóa {minutes} phút, "
                           f"hãy thử lại sau {clock(locked_until)}.")
    left = FAILURES_BEFORE_LOCK - failed % FAILURES_BEFORE_LOCK
    raise LoginRefused(f"{WRONG} Còn {left} lần thử trước khi đăng nhập bị tạm khóa.")
