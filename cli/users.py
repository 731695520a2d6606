"""`python -m etl users add|remove|passwd|list`: accounts from the command line.

Passwords are read with getpass (twice), or from $DP_NEW_PASSWORD for scripts; never from argv.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date

from auth import audit
from auth.model import ROLE_SLUGS, UserError
from core.wording import in_quotes
from settings import Settings

EXIT_OK, EXIT_USAGE = 0, 2
PASSWORD_ENV = "DP_NEW_PASSWORD"


def add_users_parser(users: argparse.ArgumentParser) -> None:
    """The `users` subcommands, under a parser that `cli` created (with `--db`)."""
    sub = users.add_subparsers(dest="users_command", required=True, title="lệnh", metavar="LỆNH")
    add = sub.add_parser("add", help="thêm người dùng (mật khẩu hỏi khi chạy hoặc lấy từ $DP_NEW_PASSWORD)")
    add.add_argument("username", metavar="TÊN", help="tên đăng nhập")
    add.add_argument("--role", required=True, choices=list(ROLE_SLUGS),
                     help="quan-tri: quản trị; thuong-truc: Thường trực (xem mọi đơn vị, không nạp); "
                          "don-vi: cán bộ đơn vị (nạp và xem đơn vị của mình)")
    add.add_argument("--unit", action="append", default=[], metavar="ĐƠN_VỊ",
                     help="đơn vị của tài khoản don-vi: tên, mã thống kê hoặc mã đơn vị (21469-2015); "
                          "lặp lại để gán nhiều đơn vị, ví dụ đơn vị cũ và đơn vị mới từ 2025")
    add.add_argument("--year", type=int, default=date.today().year, metavar="NĂM",
                     help="năm dùng để hiểu tên hoặc mã đơn vị (mặc định: năm nay)")
    add.add_argument("--name", default="", metavar="HỌ_TÊN", help="họ tên")
    for name, words in (("remove", "xóa người dùng"), ("passwd", "đặt lại mật khẩu"),
                        ("unlock", "mở khóa đăng nhập (sau nhiều lần nhập sai)")):
        sub.add_parser(name, help=words).add_argument("username", metavar="TÊN", help="tên đăng nhập")
    sub.add_parser("list", help="liệt kê người dùng (không in mật khẩu)")


def _resolve_units(texts: list[str], year: int) -> list[str]:
    from database.units import UnitNotFound, resolve_unit, units_by_id

    known = units_by_id()
    unit_ids = []
    for text in texts:
        if text.strip() in known:
            unit_ids.append(text.strip())
            continue
        try:
            unit_ids.append(resolve_unit(text, year).unit_id)
        except UnitNotFound as exc:
            raise UserError(f"đơn vị: {exc.message}") from exc
    return unit_ids


def _new_password() -> str:
    if PASSWORD_ENV in os.environ:
        return os.environ[PASSWORD_ENV]
    try:
        first = getpass.getpass("Mật khẩu mới: ")
        again = getpass.getpass("Nhập lại mật khẩu: ")
    except EOFError as exc:
        print(file=sys.stderr)  # end the prompt's line
        raise UserError(f"không đọc được mật khẩu; khi chạy không tương tác hãy đặt biến {PASSWORD_ENV}") from exc
    if first != again:
        raise UserError("hai lần nhập mật khẩu không khớp")
    return first


def _add(args: argparse.Namespace, cfg: Settings) -> str:
    from auth.users import add_user

    role = ROLE_SLUGS[args.role]
    if args.role == "don-vi" and not args.unit:
        raise UserError("tài khoản don-vi cần ít nhất một --unit (đơn vị được nạp và xem số liệu)")
    if args.role != "don-vi" and args.unit:
        raise UserError(f"vai trò {args.role} xem mọi đơn vị: bỏ --unit")
    units = _resolve_units(args.unit, args.year)
    user = add_user(cfg, args.username, _new_password(), role, units, args.name, actor=audit.os_user())
    return f"Đã thêm người dùng {user.username} ({user.role}" + (f", đơn vị {', '.join(units)})" if units else ")")


def _remove(args: argparse.Namespace, cfg: Settings) -> str:
    from auth.users import remove_user

    remove_user(cfg, args.username, actor=audit.os_user())
    return f"Đã xóa người dùng {args.username}."


def _passwd(args: argparse.Namespace, cfg: Settings) -> str:
    from auth.model import normalize_username
    from auth.users import list_users, set_password

    if normalize_username(args.username) not in {u.username for u in list_users(cfg)}:
        raise UserError(f"không có người dùng {in_quotes(args.username)}")  # before asking for a password
    set_password(cfg, args.username, _new_password(), actor=audit.os_user())
    return f"Đã đặt lại mật khẩu cho {args.username}."


def _unlock(args: argparse.Namespace, cfg: Settings) -> str:
    from auth.users import unlock_user

    unlock_user(cfg, args.username, actor=audit.os_user())
    return f"Đã mở khóa đăng nhập cho {args.username}."


def _list(args: argparse.Namespace, cfg: Settings) -> str:
    from auth.users import users_table

    table = users_table(cfg)
    if table.empty:
        return "Chưa có người dùng nào: kiểm soát truy cập đang tắt (chỉ dùng trên máy này)."
    return table.to_string(index=False)


ACTIONS = {"add": _add, "remove": _remove, "passwd": _passwd, "unlock": _unlock, "list": _list}


def run_users(args: argparse.Namespace, cfg: Settings) -> int:
    try:
        print(ACTIONS[args.users_command](args, cfg))
    except UserError as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
