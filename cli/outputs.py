"""`python -m etl kpi|report|template`: what the database gives out on the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cli.exits import EXIT_OK, EXIT_USAGE
from rendering.boundaries import BOUNDARY_LABELS
from settings import Settings

UNIT_WORDS = "tên, mã thống kê hoặc mã đơn vị (21439-2025, như trong đường dẫn của trang)"


def add_parsers(sub: Any, with_db: Callable) -> dict[str, Callable[..., int]]:
    """The output commands on `sub`; their functions by name."""
    kpi = with_db(sub.add_parser("kpi", help="xuất các chỉ tiêu dạng CSV"))
    kpi.add_argument("--year", type=int, metavar="NĂM", help="năm (mặc định: năm mới nhất có số liệu)")
    kpi.add_argument("--unit", metavar="ĐƠN_VỊ", help=f"{UNIT_WORDS} (mặc định: toàn địa bàn)")
    add_boundary(kpi)
    template = with_db(sub.add_parser("template", help="tạo biểu mẫu báo cáo cho một đơn vị"))
    template.add_argument("--unit", required=True, metavar="ĐƠN_VỊ", help=UNIT_WORDS)
    template.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm của báo cáo")
    template.add_argument("-o", "--output", type=Path, required=True, metavar="TỆP", help="tệp biểu mẫu (.xlsx)")
    report = with_db(sub.add_parser("report", help="xuất báo cáo họp Ban Thường vụ (HTML, PDF)"))
    report.add_argument("--year", type=int, metavar="NĂM", help="năm (mặc định: năm mới nhất có số liệu)")
    report.add_argument("--unit", metavar="ĐƠN_VỊ", help=f"{UNIT_WORDS} (mặc định: toàn địa bàn)")
    report.add_argument("--html", type=Path, metavar="TỆP", help="tệp HTML tự chứa (mở được khi không có mạng)")
    report.add_argument("--pdf", type=Path, metavar="TỆP", help="tệp PDF khổ A4")
    add_boundary(report)
    return {"kpi": _cmd_kpi, "template": _cmd_template, "report": _cmd_report}


def add_boundary(parser: argparse.ArgumentParser) -> None:
    """`--boundary`, read as the pages' filter «Địa giới đơn vị» reads it: the KPI export and the report of one scope."""
    parser.add_argument("--boundary", choices=("reported", "current"), default="reported",
                        help=f"địa giới đơn vị: reported = «{BOUNDARY_LABELS['reported']}» (mặc định), current = "
                             f"«{BOUNDARY_LABELS['current']}»: số liệu mọi năm cộng dồn vào đơn vị mới")


def _cmd_kpi(args: argparse.Namespace, cfg: Settings) -> int:
    from database.db import cursor
    from database.units import UnitNotFound
    from etl.loading.batch import ensure_database
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
    from core.safe_text import neutralise_frame

    neutralise_frame(table).to_csv(sys.stdout, index=False, lineterminator="\n")
    return EXIT_OK


def _cmd_template(args: argparse.Namespace, cfg: Settings) -> int:
    from database.db import NoDatabase, cursor
    from database.units import UnitNotFound, find_unit
    from queries.prefill import prefill_from_db
    from rendering.template import write_template

    try:
        unit = find_unit(args.unit, args.year)
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


def _cmd_report(args: argparse.Namespace, cfg: Settings) -> int:
    from report.files import command

    return command(args.year, args.unit, args.html, args.pdf, cfg, args.boundary)
