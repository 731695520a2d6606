"""`python -m etl load|rebuild|backup|restore`: the data's way in, and its copies."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cli.exits import EXIT_OK, EXIT_REJECTED, EXIT_USAGE
from settings import Settings


def add_parsers(sub: Any, with_db: Callable) -> dict[str, Callable[..., int]]:
    """The data commands on `sub`; their functions by name."""
    load = with_db(sub.add_parser("load", help="nạp các tệp báo cáo hoặc thư mục"))
    load.add_argument("paths", nargs="+", type=Path, metavar="TỆP_HOẶC_THƯ_MỤC",
                      help="tệp báo cáo (.xlsx, .xlsm, .xls, .ods) hoặc thư mục chứa chúng")
    load.add_argument("--quiet", action="store_true", help="không hiện thanh tiến độ")
    with_db(sub.add_parser("rebuild", help="dựng lại cơ sở dữ liệu từ kho lưu trữ tệp"))
    backup = with_db(sub.add_parser("backup", help="sao lưu cơ sở dữ liệu, kho lưu trữ và tài khoản vào một tệp"))
    backup.add_argument("--to", type=Path, required=True, metavar="TỆP.tar.gz", help="tệp sao lưu sẽ ghi")
    restore = with_db(sub.add_parser("restore", help="khôi phục từ một tệp sao lưu (dữ liệu hiện có được giữ lại bên cạnh)"))
    restore.add_argument("source", type=Path, metavar="TỆP.tar.gz", help="tệp sao lưu đã ghi bằng lệnh backup")
    return {"load": _cmd_load, "rebuild": _cmd_rebuild, "backup": _cmd_backup, "restore": _cmd_restore}


def _cmd_load(args: argparse.Namespace, cfg: Settings) -> int:
    from auth.audit import os_user, record_loads
    from etl.loading.batch import expand_paths, load_files, read_files
    from etl.loading.loader import tally
    from queries.precompute import level

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
    print(f"Tổng: {tally(results)}.")
    level(cfg)  # the frames stored for the pages follow the load (queries/precompute.py)
    return EXIT_REJECTED if rejected else EXIT_OK


def _cmd_rebuild(args: argparse.Namespace, cfg: Settings) -> int:
    from etl.loading.batch import rebuild
    from queries.precompute import level

    count = rebuild(cfg)
    print(f"Đã dựng lại cơ sở dữ liệu từ {count} tệp trong kho lưu trữ.")
    level(cfg)
    return EXIT_OK


def _cmd_backup(args: argparse.Namespace, cfg: Settings) -> int:
    from etl.loading.backup import BackupError, backup

    try:
        done = backup(cfg, args.to)
    except BackupError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REJECTED
    print(f"Đã sao lưu vào {done.path}: {done.loads} lượt nạp, {done.files} tệp trong kho lưu trữ"
          + (", tài khoản người dùng" if done.auth else "") + ".")
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace, cfg: Settings) -> int:
    from etl.loading.backup import BackupError, restore
    from queries.precompute import level

    try:
        done = restore(cfg, args.source)
    except BackupError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REJECTED
    print(f"Đã khôi phục từ {done.path}: {done.loads} lượt nạp, {done.files} tệp"
          + (", tài khoản người dùng" if done.auth else "") + ".")
    for aside in done.set_aside:
        print(f"  dữ liệu trước khi khôi phục được giữ ở {aside}")
    level(cfg)
    return EXIT_OK
