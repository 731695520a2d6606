"""`python -m etl load|kpi|template|rebuild|users|backup|restore`: the command line of the loader."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from etl.config import Settings, settings

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Nạp và xuất số liệu Đề án.")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", type=Path, help="tệp DuckDB (mặc định: var/ducpho.duckdb hoặc $DP_DB)")
        return p

    load = with_db(sub.add_parser("load", help="nạp các tệp báo cáo hoặc thư mục"))
    load.add_argument("paths", nargs="+", type=Path)
    load.add_argument("--quiet", action="store_true", help="không hiện thanh tiến độ")
    kpi = with_db(sub.add_parser("kpi", help="xuất các chỉ tiêu dạng CSV"))
    kpi.add_argument("--year", type=int)
    kpi.add_argument("--unit", help="tên hoặc mã đơn vị (mặc định: toàn địa bàn)")
    kpi.add_argument("--boundary", choices=("reported", "current"), default="reported",
                     help="địa giới: reported = đơn vị khi báo cáo (mặc định), current = đơn vị hiện nay "
                          "(số liệu các đơn vị đã sáp nhập cộng vào đơn vị mới)")
    template = with_db(sub.add_parser("template", help="tạo biểu mẫu báo cáo cho một đơn vị"))
    template.add_argument("--unit", required=True)
    template.add_argument("--year", type=int, required=True)
    template.add_argument("-o", "--output", type=Path, required=True)
    with_db(sub.add_parser("rebuild", help="dựng lại cơ sở dữ liệu từ kho lưu trữ tệp"))
    backup = with_db(sub.add_parser("backup", help="sao lưu cơ sở dữ liệu, kho lưu trữ và tài khoản vào một tệp"))
    backup.add_argument("--to", type=Path, required=True, metavar="TỆP.tar.gz")
    restore = with_db(sub.add_parser("restore", help="khôi phục từ một tệp sao lưu (dữ liệu hiện có được giữ lại bên cạnh)"))
    restore.add_argument("source", type=Path, metavar="TỆP.tar.gz")
    report = with_db(sub.add_parser("report", help="xuất báo cáo họp Ban Thường vụ (HTML, PDF)"))
    report.add_argument("--year", type=int)
    report.add_argument("--unit", help="tên hoặc mã đơn vị (mặc định: toàn địa bàn)")
    report.add_argument("--html", type=Path, help="tệp HTML tự chứa (mở được khi không có mạng)")
    report.add_argument("--pdf", type=Path, help="tệp PDF khổ A4")
    from auth.cli import add_users_parser

    add_users_parser(with_db(sub.add_parser("users", help="quản lý người dùng: add | remove | passwd | unlock | list")))
    return parser


def _cmd_load(args: argparse.Namespace, cfg: Settings) -> int:
    from auth.audit import os_user, record_loads
    from etl.batch import expand_paths, load_files, read_files

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print("Không tìm thấy: " + ", ".join(map(str, missing)), file=sys.stderr)
        return EXIT_USAGE
    contents, results = read_files(expand_paths(args.paths), cfg)
    if not contents and not results:
        print("Không có tệp bảng tính nào (.xlsx, .xlsm, .xls, .ods) để nạp.", file=sys.stderr)
        return EXIT_USAGE
    bar = None
    if len(contents) > 1 and not args.quiet:
        from tqdm import tqdm

        bar = tqdm(total=len(contents), unit="tệp", file=sys.stderr, leave=False)
    progress = (lambda done, total, name: bar.update(done - bar.n)) if bar else None
    results += load_files(contents, cfg, progress=progress)
    record_loads(cfg, os_user(), results, channel=" (dòng lệnh)")
    if bar:
        bar.close()
    for result in results:
        print(result.summary())
        for problem in result.problems:
            print(f"  - {problem}")
        for warning in result.warnings:
            print(f"  ! {warning}")
    rejected = sum(not r.ok for r in results)
    print(f"Tổng: {len(results) - rejected} tệp nạp được, {rejected} tệp bị từ chối.")
    return EXIT_REJECTED if rejected else EXIT_OK


def _cmd_kpi(args: argparse.Namespace, cfg: Settings) -> int:
    from etl.batch import ensure_database
    from etl.units import UnitNotFound
    from queries.db import cursor
    from queries.kpi import kpi_table

    ensure_database(cfg)
    try:
        table = kpi_table(cursor(cfg), year=args.year, unit=args.unit, boundary=args.boundary)
    except UnitNotFound as exc:
        print(f"Đơn vị: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    from etl.safe_text import neutralise_frame

    neutralise_frame(table).to_csv(sys.stdout, index=False, lineterminator="\n")
    return EXIT_OK


def _cmd_template(args: argparse.Namespace, cfg: Settings) -> int:
    from etl.template import prefill_from_db, write_template
    from etl.units import UnitNotFound, resolve_unit
    from queries.db import NoDatabase, cursor

    try:
        unit = resolve_unit(args.unit, args.year)
    except UnitNotFound as exc:
        print(f"Đơn vị: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    try:
        prefill = prefill_from_db(cursor(cfg), unit, args.year)
    except NoDatabase:
        prefill = None
    write_template(args.output, unit, args.year, prefill)
    print(f"Đã tạo biểu mẫu {args.output} cho {unit.full_name} năm {args.year}"
          + (" (đã điền sẵn chi bộ và cán bộ năm trước)" if prefill else ""))
    return EXIT_OK


def _cmd_rebuild(args: argparse.Namespace, cfg: Settings) -> int:
    from etl.batch import rebuild

    count = rebuild(cfg)
    print(f"Đã dựng lại cơ sở dữ liệu từ {count} tệp trong kho lưu trữ.")
    return EXIT_OK


def _cmd_users(args: argparse.Namespace, cfg: Settings) -> int:
    from auth.cli import run_users

    return run_users(args, cfg)


def _cmd_report(args: argparse.Namespace, cfg: Settings) -> int:
    from report.files import command

    return command(args.year, args.unit, args.html, args.pdf, cfg)


def _cmd_backup(args: argparse.Namespace, cfg: Settings) -> int:
    from etl.backup import BackupError, backup

    try:
        done = backup(cfg, args.to)
    except BackupError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REJECTED
    print(f"Đã sao lưu vào {done.path}: {done.loads} lượt nạp, {done.files} tệp trong kho lưu trữ"
          + (", tài khoản người dùng" if done.auth else "") + ".")
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace, cfg: Settings) -> int:
    from etl.backup import BackupError, restore

    try:
        done = restore(cfg, args.source)
    except BackupError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REJECTED
    print(f"Đã khôi phục từ {done.path}: {done.loads} lượt nạp, {done.files} tệp"
          + (", tài khoản người dùng" if done.auth else "") + ".")
    for aside in done.set_aside:
        print(f"  dữ liệu trước khi khôi phục được giữ ở {aside}")
    return EXIT_OK


COMMANDS = {"load": _cmd_load, "kpi": _cmd_kpi, "template": _cmd_template, "rebuild": _cmd_rebuild,
            "users": _cmd_users, "report": _cmd_report,
            "backup": _cmd_backup, "restore": _cmd_restore}


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    cfg = settings(args.db)
    logging.getLogger("ducpho").addHandler(logging.NullHandler())  # the terminal gets the message below only
    try:
        return COMMANDS[args.command](args, cfg)
    except Exception as exc:  # a fault of ours: no traceback on the terminal, an id to quote
        return _failed(args.command, exc, cfg)


def _failed(command: str, exc: Exception, cfg: Settings) -> int:
    from auth.audit import os_user
    from etl.incidents import errors_log, record_incident, unexpected_message

    error_id = record_incident(exc, f"python -m etl {command} (dòng lệnh)", cfg, os_user())
    print(unexpected_message(error_id), file=sys.stderr)
    print(f"Chi tiết kỹ thuật: {errors_log(cfg)}", file=sys.stderr)
    return EXIT_FAILED
