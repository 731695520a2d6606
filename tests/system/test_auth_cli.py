"""`python -m etl users ...` and the load audit, as an administrator runs them: separate processes."""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auth import audit
from auth.login import LoginRefused, authenticate
from auth.model import UNIT_OFFICER, User
from auth.users import list_users
from settings import SAMPLES_DIR, settings
from tests.support import ROOT
from tests.support.auth_fixtures import PASSWORD, audit_rows


def users(*args: str, var_dir: Path, password: str | None = PASSWORD) -> subprocess.CompletedProcess:
    env = {**os.environ, "DP_VAR_DIR": str(var_dir)}
    for name in ("DP_DB", "DP_AUTH_DB", "DP_ARCHIVE", "DP_NEW_PASSWORD"):
        env.pop(name, None)
    if password is not None:
        env["DP_NEW_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "etl", "users", *args], cwd=ROOT, env=env, stdin=subprocess.DEVNULL, start_new_session=True,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def var_dir(tmp_path, monkeypatch) -> Path:
    var = tmp_path / "var"
    monkeypatch.setenv("DP_VAR_DIR", str(var))
    monkeypatch.delenv("DP_DB", raising=False)
    monkeypatch.delenv("DP_AUTH_DB", raising=False)
    return var


def test_add_list_passwd_remove(var_dir):
    cfg = settings()
    first = users("list", var_dir=var_dir)
    assert (first.returncode, first.stdout) == (
        0, "Chưa có người dùng nào: kiểm soát truy cập đang tắt (chỉ dùng trên máy này).\n")
    added = users("add", "admin", "--role", "quan-tri", "--name", "Quản trị viên", var_dir=var_dir)
    assert (added.returncode, added.stdout) == (0, "Đã thêm người dùng admin (quản trị)\n"), added.stderr
    added = users("add", "phohoa", "--role", "don-vi", "--unit", "Phổ Hòa", "--unit", "21439-2025", "--year", "2024",
                  var_dir=var_dir)
    assert added.stdout == "Đã thêm người dùng phohoa (đơn vị, đơn vị 21469-2015, 21439-2025)\n", added.stderr
    assert users("add", "tt", "--role", "thuong-truc", var_dir=var_dir).returncode == 0
    assert list_users(cfg) == [User("admin", "Quản trị viên", "quản trị"),
                               User("phohoa", "", UNIT_OFFICER, ("21469-2015", "21439-2025")),
                               User("tt", "", "thường trực")]
    assert authenticate(cfg, "phohoa", PASSWORD).units == ("21469-2015", "21439-2025")

    listed = users("list", var_dir=var_dir)
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["Tên", "đăng", "nhập", "Họ", "tên", "Vai", "trò", "Đơn", "vị", "Ngày", "tạo",
                                "Trạng", "thái"]
    assert [line.split()[0] for line in lines[1:]] == ["admin", "phohoa", "tt"]
    assert "Phường Phổ Hòa (21469-2015), Phường Đức Phổ (21439-2025)" in listed.stdout
    assert "argon2" not in listed.stdout and PASSWORD not in listed.stdout

    changed = users("passwd", "phohoa", var_dir=var_dir, password="mat-khau-moi-2")
    assert (changed.returncode, changed.stdout) == (0, "Đã đặt lại mật khẩu cho phohoa.\n")
    with pytest.raises(LoginRefused):
        authenticate(cfg, "phohoa", PASSWORD)
    assert authenticate(cfg, "phohoa", "mat-khau-moi-2").username == "phohoa"

    removed = users("remove", "tt", var_dir=var_dir)
    assert (removed.returncode, removed.stdout) == (0, "Đã xóa người dùng tt.\n")
    assert [u.username for u in list_users(cfg)] == ["admin", "phohoa"]
    me = audit.os_user()
    assert [row for row in audit_rows(cfg) if row[0] == me] == [
        (me, audit.USER_ADDED, "admin", "vai trò quản trị"),
        (me, audit.USER_ADDED, "phohoa", "vai trò đơn vị, đơn vị 21469-2015, 21439-2025"),
        (me, audit.USER_ADDED, "tt", "vai trò thường trực"),
        (me, audit.PASSWORD_SET, "phohoa", ""),
        (me, audit.USER_REMOVED, "tt", ""),
    ]


@pytest.mark.parametrize(("args", "password", "message"), [
    (["add", "x1", "--role", "quan-tri"], "ngan", "Lỗi: mật khẩu phải có ít nhất 10 ký tự"),
    (["add", "canbo", "--role", "don-vi"], PASSWORD,
     "Lỗi: tài khoản don-vi cần ít nhất một --unit (đơn vị được nạp và xem số liệu)"),
    (["add", "canbo", "--role", "thuong-truc", "--unit", "Phổ Hòa"], PASSWORD,
     "Lỗi: vai trò thuong-truc xem mọi đơn vị: bỏ --unit"),
    (["add", "canbo", "--role", "don-vi", "--unit", "Phổ Hòa", "--year", "2025"], PASSWORD,
     ("Lỗi: đơn vị: «Phổ Hòa» (Phường Phổ Hòa, mã 21469) không còn tồn tại từ năm 2025; từ năm 2025 báo cáo "
      "theo đơn vị Phường Đức Phổ (mã 21439)")),
    (["add", "canbo", "--role", "don-vi", "--unit", "Hà Nội", "--year", "2024"], PASSWORD, None),
    (["passwd", "khongco"], PASSWORD, "Lỗi: không có người dùng «khongco»"),
    (["remove", "khongco"], PASSWORD, "Lỗi: không có người dùng «khongco»"),
    (["add", "canbo", "--role", "don-vi", "--unit", "Phổ Hòa", "--year", "2024"], None,
     "Lỗi: không đọc được mật khẩu; khi chạy không tương tác hãy đặt biến DP_NEW_PASSWORD"),
])
def test_usage_errors_exit_2_with_a_vietnamese_message(var_dir, args, password, message):
    result = users(*args, var_dir=var_dir, password=password)
    assert result.returncode == 2, result.stdout
    if message is None:
        assert result.stderr.startswith("Lỗi: đơn vị: không có đơn vị «Hà Nội» trong năm 2024; các đơn vị năm đó: ")
    else:
        assert result.stderr.strip().splitlines()[-1] == message
    assert list_users(settings()) == []


def test_a_password_is_never_taken_from_the_command_line(var_dir):
    result = users("add", "admin", "--role", "quan-tri", "--password", "mat-khau-du-dai", var_dir=var_dir)
    assert result.returncode == 2
    assert "không hiểu các đối số: --password" in result.stderr
    assert list_users(settings()) == []


def test_the_last_administrator_stays_while_other_accounts_exist(var_dir):
    assert users("add", "admin", "--role", "quan-tri", var_dir=var_dir).returncode == 0
    assert users("add", "tt", "--role", "thuong-truc", var_dir=var_dir).returncode == 0
    result = users("remove", "admin", var_dir=var_dir)
    assert (result.returncode, result.stderr) == (
        2, "Lỗi: «admin» là quản trị viên cuối cùng: hãy tạo quản trị viên khác trước khi xóa\n")


def test_cli_loads_are_audited_under_the_os_user(sample_env, tmp_path):
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a workbook")
    sample = SAMPLES_DIR / "mau_2024_21469_pho_hoa.xlsx"
    env = {**os.environ, "DP_VAR_DIR": str(sample_env.db_path.parent)}
    result = subprocess.run([sys.executable, "-m", "etl", "load", str(sample), str(broken), "--quiet"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=240, check=False)
    assert result.returncode == 1, result.stderr
    rows = audit_rows(sample_env)
    assert rows == [
        (getpass.getuser(), audit.LOAD, sample.name, "21469-2015, năm 2024: không đổi (dòng lệnh)"),
        (getpass.getuser(), audit.LOAD, "hong.xlsx", "—, năm —: bị từ chối (1 lỗi) (dòng lệnh)"),
    ]
