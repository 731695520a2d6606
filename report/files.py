"""`python -m etl report`: the meeting report of a year and unit written to HTML and PDF files."""

from __future__ import annotations

import sys
from pathlib import Path

from core.wording import in_sentence
from database.db import cursor
from database.units import UnitNotFound
from etl.loading.batch import ensure_database
from queries.report_data import MeetingData, meeting_data_for
from queries.scope import BOUNDARY_REPORTED
from report.html import report_html
from report.pdf import report_pdf
from settings import Settings

EXIT_OK, EXIT_USAGE = 0, 2


def write_report(data: MeetingData, html_path: Path | None, pdf_path: Path | None) -> list[Path]:
    """Write the report to the paths given; the paths written."""
    written = []
    if html_path is not None:
        html_path.write_text(report_html(data), encoding="utf-8")
        written.append(html_path)
    if pdf_path is not None:
        pdf_path.write_bytes(report_pdf(data))
        written.append(pdf_path)
    return written


def command(year: int | None, unit: str | None, html_path: Path | None, pdf_path: Path | None,
            cfg: Settings, boundary: str = BOUNDARY_REPORTED) -> int:
    """The CLI's work, on the figures `python -m etl kpi --year Y --unit U --boundary B` prints."""
    if html_path is None and pdf_path is None:
        print("Hãy chọn ít nhất một tệp: --html TỆP và/hoặc --pdf TỆP.", file=sys.stderr)
        return EXIT_USAGE
    ensure_database(cfg)
    try:
        data = meeting_data_for(cursor(cfg), year, unit, boundary)
    except UnitNotFound as exc:
        print(f"Đơn vị: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    for path in write_report(data, html_path, pdf_path):
        print(f"Đã ghi báo cáo {in_sentence(data.scope_label)}, năm {data.year}: {path}")
    return EXIT_OK
