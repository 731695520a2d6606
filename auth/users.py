"""Managing accounts: add, remove, reset a password, list; used by the CLI and the Quản trị page.

Every change is written to the audit log under `actor` (the administrator or OS user doing it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

import pandas as pd

from auth import audit
from auth.attempts import clear_account, locked_until, unlock
from auth.login import LoginRefused, active_user, authenticate
from auth.model import (
    ADMIN,
    ROLES,
    UNIT_OFFICER,
    USERNAME,
    User,
    UserError,
    normalize_username,
    parse_role,
)
from auth.passwords import hash_password, password_problem
from auth.store import connect, exists
from core.safe_text import clean_text
from core.wording import in_quotes
from database.units import units_by_id
from settings import Settings

__all__ = [
    "ROLES", "LoginRefused", "User", "UserError", "active_user", "add_user", "authenticate", "list_users",
    "remove_user", "set_password", "unlock_user", "users_exist", "users_table",
]


def _checked_units(role: str, units: Iterable[str]) -> list[str]:
    units = list(dict.fromkeys(units))
    known = units_by_id()
    unknown = [u for u in units if u not in known]
    if unknown:
        raise UserError(f"không có đơn vị mã {', '.join(unknown)} (mã đơn vị dạng 21469-2015)")
    if units and role != UNIT_OFFICER:
        raise UserError(f"vai trò {in_quotes(role)} xem mọi đơn vị, không gắn với đơn vị nào")
    return units


def _checked_password(password: str) -> str:
    problem = password_problem(password)
    if problem:
        raise UserError(problem)
    return password


def users_exist(cfg: Settings) -> bool:
    """Whether access control is on: any account, even disabled, means every page needs a login."""
    if not exists(cfg):
        return False
    with connect(cfg) as con:
        return con.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone()[0] == 1


def add_user(cfg: Settings, username: str, password: str, role: str, units: Iterable[str] = (),
             full_name: str = "", *, actor: str = "") -> User:
    """Create an account; UserError (Vietnamese) when a value is not acceptable."""
    name = normalize_username(username)
    if not USERNAME.fullmatch(name):
        raise UserError(f"tên đăng nhập {in_quotes(username)} không hợp lệ: 2–64 ký tự a–z, 0–9, «.», «_», «-», «@»")
    role = parse_role(role)
    unit_ids = _checked_units(role, units)
    password_hash = hash_password(_checked_password(password))
    full_name = clean_text(full_name)  # no control or bidi characters (U+202E turns a name round), defused
    created_at = datetime.now().isoformat(sep=" ", timespec="seconds")
    with connect(cfg) as con:
        con.execute("BEGIN IMMEDIATE")
        if con.execute("SELECT 1 FROM users WHERE username = ?", [name]).fetchone():
            con.execute("ROLLBACK")
            raise UserError(f"đã có người dùng {in_quotes(name)}")
        con.execute("INSERT INTO users (username, full_name, role, units, password_hash, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [name, full_name, role, json.dumps(unit_ids), password_hash, created_at])
        clear_account(con, cfg, name)
        con.execute("COMMIT")
    audit.record(cfg, actor, audit.USER_ADDED, name, f"vai trò {role}" + (f", đơn vị {', '.join(unit_ids)}"
                                                                              if unit_ids else ""))
    return User(name, full_name, role, tuple(unit_ids))


def remove_user(cfg: Settings, username: str, *, actor: str = "") -> None:
    """Delete an account; the last administrator stays while other accounts need managing."""
    name = normalize_username(username)
    with connect(cfg) as con:
        con.execute("BEGIN IMMEDIATE")
        row = con.execute("SELECT role FROM users WHERE username = ?", [name]).fetchone()
        if row is None:
            con.execute("ROLLBACK")
            raise UserError(f"không có người dùng {in_quotes(name)}")
        admins, others = con.execute(
            "SELECT count(*) FILTER (WHERE role = ? AND NOT disabled), count(*) FILTER (WHERE username <> ?) "
            "FROM users", [ADMIN, name]).fetchone()
        if row[0] == ADMIN and admins == 1 and others:
            con.execute("ROLLBACK")
            raise UserError(f"{in_quotes(name)} là quản trị viên cuối cùng: hãy tạo quản trị viên khác trước khi xóa")
        con.execute("DELETE FROM users WHERE username = ?", [name])
        clear_account(con, cfg, name)
        con.execute("COMMIT")
    audit.record(cfg, actor, audit.USER_REMOVED, name)


def set_password(cfg: Settings, username: str, password: str, *, actor: str = "") -> None:
    """A new password; clears the failed-login count and ends the user's open sessions."""
    name = normalize_username(username)
    password_hash = hash_password(_checked_password(password))
    with connect(cfg) as con:
        con.execute("BEGIN IMMEDIATE")
        if not con.execute("UPDATE users SET password_hash = ? WHERE username = ?", [password_hash, name]).rowcount:
            con.execute("ROLLBACK")
            raise UserError(f"không có người dùng {in_quotes(name)}")
        clear_account(con, cfg, name)
        con.execute("COMMIT")
    audit.record(cfg, actor, audit.PASSWORD_SET, name)


def unlock_user(cfg: Settings, username: str, *, actor: str = "") -> None:
    """Lift the login locks of an account (from every client) and every client's block."""
    name = normalize_username(username)
    if name not in {u.username for u in list_users(cfg)}:
        raise UserError(f"không có người dùng {in_quotes(name)}")
    unlock(cfg, name)
    audit.record(cfg, actor, audit.UNLOCKED, name)


def list_users(cfg: Settings) -> list[User]:
    if not exists(cfg):
        return []
    with connect(cfg) as con:
        rows = con.execute("SELECT username, full_name, role, units FROM users ORDER BY username").fetchall()
    return [User.from_row(row) for row in rows]


def users_table(cfg: Settings) -> pd.DataFrame:
    """Accounts as administrators read them (no hashes): units by name, lock and disabled state."""
    columns = ["Tên đăng nhập", "Họ tên", "Vai trò", "Đơn vị", "Ngày tạo", "Trạng thái"]
    if not exists(cfg):
        return pd.DataFrame(columns=columns)
    with connect(cfg) as con:
        created = audit.SHOWN_MOMENT.format(column="created_at")
        rows = con.execute(f"SELECT username, full_name, role, units, {created}, disabled FROM users "
                           "ORDER BY username").fetchall()
    names = units_by_id()
    now = datetime.now().timestamp()
    locks = locked_until(cfg, [row[0] for row in rows], now)
    table = []
    for username, full_name, role, units, created_at, disabled in rows:
        unit_names = ", ".join(f"{names[u].full_name} ({u})" if u in names else u for u in json.loads(units))
        if role == UNIT_OFFICER and not unit_names:
            unit_names = "(chưa gán đơn vị: không xem được gì)"
        state = "đã khóa" if disabled else (
            f"tạm khóa đến {datetime.fromtimestamp(locks[username]):%H:%M %d/%m} (từ máy đã nhập sai)"
            if username in locks else "hoạt động")
        table.append([username, full_name, role, unit_names or "mọi đơn vị", created_at, state])
    return pd.DataFrame(table, columns=columns)
