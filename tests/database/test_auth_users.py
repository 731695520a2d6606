"""Accounts, passwords and lockout against a real SQLite file (no Streamlit)."""

from __future__ import annotations

import re
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from argon2 import PasswordHasher

from auth import audit, passwords
from auth.attempts import CLIENT_MAX_FAILURES, key_path, keyed
from auth.login import LOCAL_CLIENT, LOCK_MINUTES, LoginRefused, authenticate
from auth.model import ADMIN, COMMITTEE, UNIT_OFFICER, User, UserError
from auth.session import account_line
from auth.store import connect
from auth.users import (
    add_user,
    list_users,
    remove_user,
    set_password,
    users_exist,
    users_table,
)
from settings import Settings, settings
from tests.support.auth_fixtures import PASSWORD, add_accounts, audit_rows


@pytest.fixture
def cfg(tmp_path, monkeypatch) -> Settings:
    monkeypatch.setenv("DP_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("DP_DB", raising=False)
    monkeypatch.delenv("DP_AUTH_DB", raising=False)
    return settings()


def stored_hash(cfg: Settings, username: str) -> str:
    with connect(cfg) as con:
        return con.execute("SELECT password_hash FROM users WHERE username = ?", [username]).fetchone()[0]


def attempts(cfg: Settings, username: str, client: str = LOCAL_CLIENT) -> tuple[int, float | None] | None:
    with connect(cfg) as con:
        return con.execute("SELECT failed_count, locked_until FROM login_attempts WHERE name_key = ? "
                           "AND client_key = ?", [keyed(cfg, username), keyed(cfg, client)]).fetchone()


def parameters(password_hash: str) -> str:
    """`$argon2id$v=19$m=…,t=…,p=…`: the algorithm and the cost a hash was made with."""
    return password_hash.rsplit("$", 2)[0]


def unlock_by_time(cfg: Settings, username: str) -> None:
    """As if the lock, and the client's wait, had run out."""
    with connect(cfg) as con:
        con.execute("UPDATE login_attempts SET locked_until = ? WHERE name_key = ?", [time.time() - 1,
                                                                                        keyed(cfg, username)])
        con.execute("UPDATE client_attempts SET blocked_until = NULL")


def wait_over(cfg: Settings) -> None:
    """As if every client had waited as long as it was told to."""
    with connect(cfg) as con:
        con.execute("UPDATE client_attempts SET blocked_until = NULL")


def test_no_file_means_no_users_and_reading_creates_nothing(cfg):
    assert users_exist(cfg) is False
    assert list_users(cfg) == []
    assert audit.audit_frame(cfg).empty
    assert not cfg.auth_db.exists()


def test_the_file_is_beside_the_duckdb_in_wal_mode_readable_by_its_owner_only(cfg):
    add_accounts(cfg, "quantri")
    assert cfg.auth_db == cfg.db_path.with_name("ducpho-auth.sqlite")
    assert cfg.auth_db.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(cfg.auth_db) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert users_exist(cfg) is True


def test_passwords_are_argon2id_hashes_that_verify(cfg, real_password_cost):
    add_accounts(cfg, "quantri")
    stored = stored_hash(cfg, "quantri")
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert PasswordHasher().verify(stored, PASSWORD)
    assert authenticate(cfg, "quantri", PASSWORD) == User("quantri", "Tài khoản quantri", ADMIN, ())
    assert authenticate(cfg, "  QuanTri ", PASSWORD).username == "quantri"  # usernames compare folded


def test_a_hash_made_with_weaker_parameters_is_rehashed_at_login(cfg, real_password_cost):
    add_accounts(cfg, "quantri")
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with connect(cfg) as con:
        con.execute("UPDATE users SET password_hash = ? WHERE username = 'quantri'", [weak])
    authenticate(cfg, "quantri", PASSWORD)
    renewed = stored_hash(cfg, "quantri")
    assert renewed != weak and not PasswordHasher().check_needs_rehash(renewed)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"password": "ngan-qua"}, "mật khẩu phải có ít nhất 10 ký tự"),
    ({"password": " " * 12}, "mật khẩu không được chỉ gồm khoảng trắng"),
    ({"username": "a"}, "tên đăng nhập «a» không hợp lệ: 2–64 ký tự a–z, 0–9, «.», «_», «-», «@»"),
    ({"username": "nguyễn"}, "tên đăng nhập «nguyễn» không hợp lệ: 2–64 ký tự a–z, 0–9, «.», «_», «-», «@»"),
    ({"role": "khách"}, "vai trò «khách» không có; chọn một trong: quan-tri, thuong-truc, don-vi"),
    ({"units": ("99999-2015",)}, "không có đơn vị mã 99999-2015 (mã đơn vị dạng 21469-2015)"),
    ({"role": COMMITTEE, "units": ("21469-2015",)}, "vai trò «thường trực» xem mọi đơn vị, không gắn với đơn vị nào"),
])
def test_unacceptable_accounts_are_refused_in_vietnamese(cfg, kwargs, message):
    values = {"username": "canbo", "password": PASSWORD, "role": UNIT_OFFICER, "units": ("21469-2015",)} | kwargs
    with pytest.raises(UserError) as refused:
        add_user(cfg, **values)
    assert refused.value.message == message
    assert list_users(cfg) == []


def test_a_full_name_is_stored_without_invisible_characters_and_shown_as_typed(cfg):
    """U+202E turns the rest of a name round on screen; `**`, `![](…)` would be Markdown in the sidebar."""
    add_user(cfg, "canbo", PASSWORD, COMMITTEE, full_name=" Nguyễn\u202eVăn\u200b A\x07 ![x](http://evil.example/p.png) ")
    [user] = list_users(cfg)
    assert user.full_name == "NguyễnVăn A ![x](http://evil.example/p.png)"
    assert account_line(user) == (":material/person: **NguyễnVăn A \\!\\[x\\]\\(http\\:"
                                   "\\/\\/evil\\.example\\/p\\.png\\)** · thường trực")


def test_roles_decide_loading_and_scope_and_deny_by_default():
    admin = User("a", "", ADMIN)
    committee = User("b", "", COMMITTEE)
    officer = User("c", "", UNIT_OFFICER, ("21469-2015", "21439-2025"))
    nobody = User("d", "", UNIT_OFFICER, ())
    assert (admin.can_load, admin.sees_all_units, admin.allowed_units, admin.is_admin) == (True, True, None, True)
    assert (committee.can_load, committee.sees_all_units, committee.allowed_units) == (False, True, None)
    assert (officer.can_load, officer.sees_all_units, officer.is_admin) == (True, False, False)
    assert officer.allowed_units == ("21469-2015", "21439-2025")
    assert nobody.allowed_units == ()
    assert User("e", "", "khách").allowed_units == ()
    assert officer.may_load("21469-2015") and not officer.may_load("21478-2015")
    assert admin.may_load("21478-2015") and not committee.may_load("21478-2015") and not nobody.may_load("21469-2015")


def test_add_list_reset_remove_and_each_is_audited(cfg):
    add_accounts(cfg)
    add_user(cfg, "duplicate", PASSWORD, "quan-tri", actor="quantri")  # slugs are accepted as roles
    with pytest.raises(UserError, match="đã có người dùng «phohoa»"):
        add_user(cfg, "PhoHoa", PASSWORD, UNIT_OFFICER, ("21469-2015",))
    assert [u.username for u in list_users(cfg)] == ["duplicate", "phohoa", "quantri", "thuongtruc"]
    assert list_users(cfg)[1].units == ("21469-2015", "21439-2025")
    set_password(cfg, "phohoa", "mat-khau-moi-2", actor="quantri")
    with pytest.raises(LoginRefused):
        authenticate(cfg, "phohoa", PASSWORD)
    assert authenticate(cfg, "phohoa", "mat-khau-moi-2").username == "phohoa"
    remove_user(cfg, "duplicate", actor="quantri")
    with pytest.raises(UserError, match="không có người dùng «duplicate»"):
        set_password(cfg, "duplicate", PASSWORD)
    table = users_table(cfg)
    assert list(table.columns) == ["Tên đăng nhập", "Họ tên", "Vai trò", "Đơn vị", "Ngày tạo", "Trạng thái"]
    assert table.loc[0, "Đơn vị"] == "Phường Phổ Hòa (21469-2015), Phường Đức Phổ (21439-2025)"
    assert "$argon2" not in table.to_string()
    assert table["Ngày tạo"].str.fullmatch(r"\d\d/\d\d/20\d\d \d\d:\d\d:\d\d").all(), list(table["Ngày tạo"])
    managed = [row for row in audit_rows(cfg) if row[1] not in (audit.LOGIN, audit.LOGIN_FAILED)]
    assert managed == [
        ("", audit.USER_ADDED, "quantri", "vai trò quản trị"),
        ("", audit.USER_ADDED, "thuongtruc", "vai trò thường trực"),
        ("", audit.USER_ADDED, "phohoa", "vai trò đơn vị, đơn vị 21469-2015, 21439-2025"),
        ("quantri", audit.USER_ADDED, "duplicate", "vai trò quản trị"),
        ("quantri", audit.PASSWORD_SET, "phohoa", ""),
        ("quantri", audit.USER_REMOVED, "duplicate", ""),
    ]


def test_the_last_administrator_cannot_be_removed_while_others_remain(cfg):
    add_accounts(cfg, "quantri", "thuongtruc")
    with pytest.raises(UserError) as refused:
        remove_user(cfg, "quantri")
    assert refused.value.message == "«quantri» là quản trị viên cuối cùng: hãy tạo quản trị viên khác trước khi xóa"
    remove_user(cfg, "thuongtruc")
    remove_user(cfg, "quantri")  # the very last account: access control is off again, deliberately
    assert users_exist(cfg) is False


def test_five_failures_lock_for_growing_times_with_a_vietnamese_message(cfg):
    add_accounts(cfg, "quantri")
    for count in range(1, 5):
        with pytest.raises(LoginRefused) as refused:
            authenticate(cfg, "quantri", "sai-mat-khau-x")
        assert refused.value.message == ("Tên đăng nhập hoặc mật khẩu không đúng. "
                                         f"Còn {5 - count} lần thử trước khi đăng nhập bị tạm khóa.")
    before = time.time()
    with pytest.raises(LoginRefused) as refused:
        authenticate(cfg, "quantri", "sai-mat-khau-x")
    assert refused.value.message.startswith("Tên đăng nhập hoặc mật khẩu không đúng. Đã nhập sai 5 lần liên tiếp: "
                                            "đăng nhập bị tạm khóa 1 phút, hãy thử lại sau ")
    failed, locked_until = attempts(cfg, "quantri")
    assert failed == 5 and before + 60 <= locked_until <= time.time() + 60
    # while locked, even the right password is refused, without a hash being checked
    with pytest.raises(LoginRefused) as refused:
        authenticate(cfg, "quantri", PASSWORD)
    assert refused.value.message.startswith("Đăng nhập đang tạm khóa do nhập sai nhiều lần. Hãy thử lại sau ")
    assert refused.value.message.endswith("(khoảng 1 phút nữa).")
    assert attempts(cfg, "quantri")[0] == 5  # a refused attempt while locked is not counted
    for minutes in LOCK_MINUTES[1:]:
        unlock_by_time(cfg, "quantri")
        for _ in range(4):
            wait_over(cfg)  # the client's own wait (per address, across accounts) is tested below
            with pytest.raises(LoginRefused, match="^Tên đăng nhập hoặc mật khẩu không đúng"):
                authenticate(cfg, "quantri", "sai-mat-khau-x")
        before = time.time()
        wait_over(cfg)
        with pytest.raises(LoginRefused):
            authenticate(cfg, "quantri", "sai-mat-khau-x")
        assert before + minutes * 60 <= attempts(cfg, "quantri")[1] <= time.time() + minutes * 60
    unlock_by_time(cfg, "quantri")
    assert authenticate(cfg, "quantri", PASSWORD).username == "quantri"
    assert attempts(cfg, "quantri") is None  # a success forgives the failures
    actions = [row[1] for row in audit_rows(cfg)]
    assert actions.count(audit.LOCKED) == len(LOCK_MINUTES) and actions[-1] == audit.LOGIN


def test_a_burst_of_parallel_guesses_is_counted_and_locked(cfg):
    add_accounts(cfg, "quantri")

    def guess(i: int) -> str:
        try:
            authenticate(cfg, "quantri", f"doan-mat-khau-{i}")
        except LoginRefused as refused:
            return refused.message
        return "ok"

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(guess, range(12)))
    assert "ok" not in answers
    failed, locked_until = attempts(cfg, "quantri")
    assert failed == 5 and locked_until > time.time()  # the guesses after the fifth met the lock
    assert sum(a.startswith("Đăng nhập đang tạm khóa") for a in answers) == 7


def test_an_unknown_user_gets_the_same_answer_costs_a_hash_and_is_not_recorded_by_name(cfg, monkeypatch):
    add_accounts(cfg, "quantri")
    answers = {}
    for name in ("quantri", "khongco"):
        with pytest.raises(LoginRefused) as refused:
            authenticate(cfg, name, "sai-mat-khau-x")
        answers[name] = refused.value.message
    assert answers["quantri"] == answers["khongco"]

    verified: list[str] = []  # the hashes checked, each an Argon2 verify at the cost its parameters say
    hasher = passwords._hasher
    monkeypatch.setattr(passwords, "_hasher", SimpleNamespace(
        hash=hasher.hash, check_needs_rehash=hasher.check_needs_rehash,
        verify=lambda stored, password: verified.append(stored) or hasher.verify(stored, password)))

    def hashes_verified(name: str) -> list[str]:
        verified.clear()
        with pytest.raises(LoginRefused):
            authenticate(cfg, name, "sai-mat-khau-x")
        return list(verified)

    known, unknown = hashes_verified("quantri"), hashes_verified("khongco")
    assert known == [stored_hash(cfg, "quantri")]
    assert len(unknown) == 1  # without the throwaway verify an unknown name would answer at once
    assert parameters(unknown[0]) == parameters(known[0])  # and it costs what a wrong password costs
    for name in ("khongco", "my-secret-password"):
        with pytest.raises(LoginRefused):
            authenticate(cfg, name, "x")
    logged = " ".join(" ".join(row) for row in audit_rows(cfg))
    assert "khongco" not in logged and "my-secret-password" not in logged
    assert ("", audit.LOGIN_FAILED, "", "tên đăng nhập không có hoặc đã khóa, máy 127.0.0.1") in audit_rows(cfg)


def test_audit_frame_is_newest_first_with_vietnamese_columns(cfg):
    audit.record(cfg, "quantri", audit.DOWNLOAD, "bang-1.csv")
    audit.record(cfg, "quantri", audit.DOWNLOAD, "bang-2.xlsx", "x" * 1000)
    frame = audit.audit_frame(cfg)
    assert list(frame.columns) == ["Thời điểm", "Người dùng", "Thao tác", "Đối tượng", "Chi tiết"]
    assert list(frame["Đối tượng"]) == ["bang-2.xlsx", "bang-1.csv"]
    assert len(frame.loc[0, "Chi tiết"]) == audit.MAX_TEXT
    # as the load history and the pages' header write a moment (03/12/2026 16:05:16), not 2026-12-03 16:05:16
    assert frame["Thời điểm"].str.fullmatch(r"\d\d/\d\d/20\d\d \d\d:\d\d:\d\d").all(), list(frame["Thời điểm"])


STRANGER, OFFICE = "203.0.113.9", "198.51.100.7"


def test_a_stranger_cannot_lock_the_administrator_out(cfg):
    add_accounts(cfg, "quantri")
    for _ in range(12):  # past the account's lock, from the stranger's address only
        wait_over(cfg)
        with pytest.raises(LoginRefused):
            authenticate(cfg, "quantri", "doan-mo-mat-khau", STRANGER)
    with pytest.raises(LoginRefused, match="^Đăng nhập đang tạm khóa"):
        authenticate(cfg, "quantri", PASSWORD, STRANGER)  # the stranger, even with the password, waits
    assert authenticate(cfg, "quantri", PASSWORD, OFFICE).username == "quantri"  # the administrator does not
    assert attempts(cfg, "quantri", STRANGER)[0] == 5 and attempts(cfg, "quantri", OFFICE) is None


def test_one_client_guessing_across_accounts_is_slowed_then_blocked(cfg):
    add_accounts(cfg)
    names = [f"nguoi-dung-{i}" for i in range(CLIENT_MAX_FAILURES)]
    for index in range(5):
        with pytest.raises(LoginRefused, match="^Tên đăng nhập hoặc mật khẩu không đúng"):
            authenticate(cfg, names[index], "mat-khau-pho-bien-1", STRANGER)
    # five failures, each on another account: no account is locked, but the address now waits
    with pytest.raises(LoginRefused) as refused:
        authenticate(cfg, "thuongtruc", PASSWORD, STRANGER)
    assert refused.value.message.startswith("Máy này đã đăng nhập sai nhiều lần. Hãy chờ khoảng ")
    waits = []
    for index in range(5, CLIENT_MAX_FAILURES):
        wait_over(cfg)
        with pytest.raises(LoginRefused):
            authenticate(cfg, names[index], "mat-khau-pho-bien-1", STRANGER)
        with connect(cfg) as con:
            waits.append(round(con.execute("SELECT blocked_until - last_failed FROM client_attempts "
                                           "WHERE client_key = ?", [keyed(cfg, STRANGER)]).fetchone()[0]))
    assert waits[:5] == [4, 8, 16, 32, 60] and waits[-1] == 3600  # 2 s after the fifth, doubling; an hour at the cap
    with pytest.raises(LoginRefused, match="khoảng 60 phút"):
        authenticate(cfg, "thuongtruc", PASSWORD, STRANGER)
    assert authenticate(cfg, "thuongtruc", PASSWORD, OFFICE).username == "thuongtruc"  # others are not slowed


def test_login_attempts_keep_keyed_hashes_only_and_are_pruned_after_the_window(cfg):
    add_accounts(cfg, "quantri")
    for name in ("quantri", "Mat-Khau-Go-Nham-Cho"):
        wait_over(cfg)
        with pytest.raises(LoginRefused):
            authenticate(cfg, name, "sai-mat-khau-x", STRANGER)
    raw = b"".join(p.read_bytes() for p in cfg.auth_db.parent.glob(cfg.auth_db.name + "*"))
    assert b"mat-khau-go-nham-cho" not in raw  # the mistyped name (maybe a password) is nowhere in the file
    with connect(cfg) as con:
        rows = con.execute("SELECT * FROM login_attempts").fetchall() + con.execute(
            "SELECT * FROM client_attempts").fetchall()
    keys = [value for row in rows for value in row if isinstance(value, str)]
    assert len(rows) == 3 and len(keys) == 5 and all(re.fullmatch("[0-9a-f]{64}", k) for k in keys)
    assert key_path(cfg).parent == cfg.auth_db.parent and key_path(cfg).stat().st_mode & 0o777 == 0o600
    with connect(cfg) as con:  # an hour and a second later
        con.execute("UPDATE login_attempts SET last_failed = last_failed - 3601")
        con.execute("UPDATE client_attempts SET last_failed = last_failed - 3601, blocked_until = NULL")
    assert authenticate(cfg, "quantri", PASSWORD, OFFICE).username == "quantri"
    with connect(cfg) as con:
        assert con.execute("SELECT count(*) FROM login_attempts").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM client_attempts").fetchone()[0] == 0


def test_a_file_with_plain_usernames_in_login_attempts_loses_them(cfg):
    cfg.auth_db.parent.mkdir(parents=True)
    with sqlite3.connect(cfg.auth_db) as con:
        con.execute("CREATE TABLE login_attempts (username TEXT PRIMARY KEY, failed_count INTEGER, locked_until REAL)")
        con.execute("INSERT INTO login_attempts VALUES ('mat-khau-cu-go-nham', 3, NULL)")
    add_accounts(cfg, "quantri")
    with connect(cfg) as con:
        columns = [row[1] for row in con.execute("PRAGMA table_info(login_attempts)")]
        con.execute("VACUUM")
    assert "username" not in columns
    assert b"mat-khau-cu-go-nham" not in cfg.auth_db.read_bytes()


def test_an_administrator_unlocks_an_account_from_the_command_line(cfg):
    from cli import main

    add_accounts(cfg, "quantri")
    for _ in range(5):
        with pytest.raises(LoginRefused):
            authenticate(cfg, "quantri", "sai-mat-khau-x")
    with pytest.raises(LoginRefused, match="^Đăng nhập đang tạm khóa"):
        authenticate(cfg, "quantri", PASSWORD)
    assert users_table(cfg).loc[0, "Trạng thái"].startswith("tạm khóa đến ")
    assert main(["users", "unlock", "QuanTri"]) == 0
    assert users_table(cfg).loc[0, "Trạng thái"] == "hoạt động"
    assert authenticate(cfg, "quantri", PASSWORD).username == "quantri"
    assert audit_rows(cfg)[-2][1:3] == (audit.UNLOCKED, "quantri")
    assert main(["users", "unlock", "khongco"]) == 2
