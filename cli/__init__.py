"""`python -m etl load|kpi|template|rebuild|users|backup|restore|report`: the project's command line.

One module per command group: `data` (load, rebuild, backup, restore), `outputs` (kpi, report,
template), `users` (accounts); `vietnamese` puts argparse's own words in Vietnamese. `python -m etl`
runs `main`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from cli import data, outputs, users
from cli.exits import EXIT_FAILED, EXIT_OUTPUT_CLOSED
from cli.vietnamese import VietnameseParser
from settings import Settings, settings


def _with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--db", type=Path, metavar="TỆP", help="tệp DuckDB (mặc định: var/ducpho.duckdb hoặc $DP_DB)")
    return p


def _parser() -> tuple[argparse.ArgumentParser, dict[str, Callable[..., int]]]:
    parser = VietnameseParser(prog="python -m etl", description="Nạp và xuất số liệu Đề án.")
    sub = parser.add_subparsers(dest="command", required=True, title="lệnh", metavar="LỆNH")
    commands = {**data.add_parsers(sub, _with_db), **outputs.add_parsers(sub, _with_db)}
    users.add_users_parser(_with_db(sub.add_parser("users", help="quản lý người dùng: add | remove | passwd | unlock | list")))
    return parser, {**commands, "users": users.run_users}


def main(argv: list[str] | None = None) -> int:
    try:
        return _run(argv)
    except BrokenPipeError:
        return _output_closed()


def _run(argv: list[str] | None) -> int:
    try:
        parser, commands = _parser()
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        sys.stdout.flush()  # the help, in a closed pipe, fails here rather than at the interpreter's exit
        return int(exc.code or 0)
    cfg = settings(args.db)
    logging.getLogger("ducpho").addHandler(logging.NullHandler())  # the terminal gets the message below only
    try:
        code = commands[args.command](args, cfg)
        sys.stdout.flush()  # output that fit the buffer meets a closed pipe here, not at the interpreter's exit
        return code
    except BrokenPipeError:
        raise  # not a fault: main ends quietly
    except Exception as exc:  # a fault of ours: no traceback on the terminal, an id to quote
        return _failed(args.command, exc, cfg)


def _output_closed() -> int:
    """Whoever read our output has gone (`python -m etl kpi | head`): stop quietly, as Unix tools do. What is
    still buffered for them goes nowhere, so the interpreter's last flush does not fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OUTPUT_CLOSED


def _failed(command: str, exc: Exception, cfg: Settings) -> int:
    from auth.audit import incident, os_user
    from core.incidents import errors_log, unexpected_message

    error_id = incident(exc, f"python -m etl {command} (dòng lệnh)", os_user(), cfg)
    print(unexpected_message(error_id), file=sys.stderr)
    print(f"Chi tiết kỹ thuật: {errors_log(cfg)}", file=sys.stderr)
    return EXIT_FAILED
