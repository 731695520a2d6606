"""A valid contract workbook as data, and helpers that write it to disk for the tests.

The writing itself lives in `etl.builder` (shared with `etl.examples`); here is only the
default submission the tests start from and change.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from etl.builder import Layout, Mess, WorkbookSpec, write_ods, write_xls, write_xlsx
from etl.model import Problem, Submission, WorkbookRejected
from etl.validate import parse_workbook

MEMBER_HEADERS = (
    "Mã chi bộ", "Đầu năm", "Kết nạp", "Kết nạp học sinh", "Kết nạp công nhân",
    "Kết nạp chủ doanh nghiệp", "Chuyển đến", "Chuyển đi", "Từ trần", "Xóa tên", "Khai trừ",
    "Xin ra khỏi Đảng", "Cuối năm", "Miễn sinh hoạt", "Đi làm ăn xa", "HTXSNV", "HTTNV",
    "HTNV", "KHTNV", "Chưa xếp loại",
)
CADRE_HEADERS = (
    "Họ và tên", "Năm sinh", "Giới tính", "Mã chi bộ", "Chức vụ", "Học vấn", "Chuyên môn",
    "Lý luận chính trị", "Bồi dưỡng trong năm",
)

# Parsed figures of the default workbook, for exact assertions.
MEMBER_FIGURES = {
    "CB01": (45, 2, 0, 1, 0, 1, 1, 1, 0, 0, 0, 46, 6, 3, 5, 30, 9, 1, 1),
    "CB02": (32, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 31, 4, 5, 3, 22, 5, 0, 1),
    "TH01": (18, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 21, 0, 0, 4, 15, 2, 0, 0),
}
CADRES = [
    ("Nguyễn Văn Hùng", 1968, "Nam", "CB01", "Bí thư", "12/12", "Đại học", "Trung cấp", "Có"),
    ("Lê Thị Hoa", 1975, "Nữ", "CB01", "Phó Bí thư", "9/12", "", "Sơ cấp", "x"),
    ("Phạm Văn Tài", 1980, "Nam", "CB01", "Chi ủy viên", "THPT", "Trung cấp", "", ""),
    ("Võ Văn Bình", 1959, "Nam", "CB02", "Bí thư", "10/10", "Cao đẳng", "Sơ cấp", "Có"),
    ("Huỳnh Thị Mai", 1984, "Nữ", "CB02", "Chi ủy viên", "Tốt nghiệp THCS", "Sơ cấp", "Sơ cấp", "Không"),
    ("Đặng Văn Sơn", 1977, "Nam", "TH01", "Bí thư", "12/12", "Đại học Luật", "Cao cấp", "Có"),
]


def default_spec(**mess: object) -> WorkbookSpec:
    """Phường Phổ Hòa, 2024: 3 cells of mixed types, figures satisfying every identity."""
    return WorkbookSpec(
        info={
            "Đơn vị": "Phường Phổ Hòa",
            "Năm báo cáo": 2024,
            "Xếp loại TCCSĐ": "HTTNV",
            "Số cấp ủy viên cơ sở": 13,
            "Cấp ủy viên cơ sở được bồi dưỡng": 12,
            "Người lập": "Trần Thị Lan",
            "Ngày lập": dt.date(2025, 1, 10),
        },
        cells=[
            {"Mã chi bộ": "CB01", "Tên chi bộ": "Chi bộ Tổ dân phố Hòa Thạnh", "Loại chi bộ": "Tổ dân phố",
             "Xếp loại": "HTTNV", "Bốn tốt": "Có"},
            {"Mã chi bộ": "CB02", "Tên chi bộ": "Chi bộ thôn Vĩnh Xuân", "Loại chi bộ": "Thôn",
             "Xếp loại": "HTXSNV", "Bốn tốt": "Không"},
            {"Mã chi bộ": "TH01", "Tên chi bộ": "Chi bộ Trường THCS Phổ Hòa", "Loại chi bộ": "Trường học",
             "Xếp loại": "HTNV", "Bốn tốt": None},
        ],
        members=[dict(zip(MEMBER_HEADERS, (code, *figures), strict=True)) for code, figures in MEMBER_FIGURES.items()],
        cadres=[dict(zip(CADRE_HEADERS, row, strict=True)) for row in CADRES],
        mess=Mess(**mess),
    )


WRITERS = {"xlsx": write_xlsx, "ods": write_ods, "xls": write_xls}


def write(spec: WorkbookSpec, folder: Path, name: str = "bao-cao", kind: str = "xlsx") -> tuple[Path, Layout]:
    """Write `spec` into `folder` as `name.kind`; return the path and where its rows landed."""
    path = Path(folder) / f"{name}.{kind}"
    layout = WRITERS[kind](spec, path)
    return path, layout


def parse(spec: WorkbookSpec, folder: Path, kind: str = "xlsx") -> Submission:
    """Write `spec` and read it back through the real parser."""
    path, _ = write(spec, folder, kind=kind)
    return parse_workbook(path.read_bytes(), path.name)


def rejected(spec: WorkbookSpec, folder: Path, kind: str = "xlsx") -> list[Problem]:
    """The problems of a workbook that must be rejected."""
    path, _ = write(spec, folder, kind=kind)
    return rejected_bytes(path.read_bytes(), path.name)


def rejected_bytes(data: bytes, file_name: str) -> list[Problem]:
    with pytest.raises(WorkbookRejected) as caught:
        parse_workbook(data, file_name)
    assert caught.value.file == file_name
    assert all(p.file == file_name for p in caught.value.problems)
    return caught.value.problems


def where(problems: list[Problem]) -> list[tuple[str | None, int | None, str | None]]:
    """(sheet, row, column) of each problem, the part a test asserts exactly."""
    return [(p.sheet, p.row, p.column) for p in problems]


def edited(edits: list[tuple[str, int, str, object]], **mess: object) -> WorkbookSpec:
    """The default spec with `(part, row index, column, value)` edits; part is cells, members or cadres."""
    spec = default_spec(**mess)
    for part, index, column, value in edits:
        getattr(spec, part)[index][column] = value
    return spec
