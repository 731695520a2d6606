"""Workbooks with figures past what any unit reports, and a database made unreadable on purpose."""

from __future__ import annotations

from pathlib import Path

from database.store import published_file
from tests.support.workbooks import MEMBER_HEADERS, default_spec, write

HUGE = 2**31
COUNTS = MEMBER_HEADERS[1:]


def scaled(factor: int, year: int = 2024, start_plus: int = 0):
    """The default workbook with every member figure times `factor`, and CB01's `Đầu năm` (and with it
    `Cuối năm` and `HTTNV`) `start_plus` higher: every identity of the contract still holds."""
    spec = default_spec()
    spec.info["Năm báo cáo"] = year
    for row in spec.members:
        for header in COUNTS:
            row[header] *= factor
    cb01 = spec.members[0]
    for header in ("Đầu năm", "Cuối năm", "HTTNV"):
        cb01[header] += start_plus
    return spec


def files(tmp_path: Path, **specs) -> list[tuple[str, bytes]]:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    out = []
    for name, spec in specs.items():
        path, _ = write(spec, folder, name)
        out.append((path.name, path.read_bytes()))
    return out


def good_in_2023(tmp_path: Path):
    spec = default_spec()
    spec.info["Đơn vị"] = "Phường Phổ Vinh"
    spec.info["Năm báo cáo"] = 2023
    return spec


def corrupt(cfg) -> None:
    """A published database version that is not a DuckDB file any more (a disk fault, a bad copy)."""
    published_file(cfg).write_bytes(b"not a database " * 100)
