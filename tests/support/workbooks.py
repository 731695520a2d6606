"""A valid contract workbook as data, and helpers that write it to disk for the tests.

The writing itself lives in `samples.builder` (shared with `samples.examples`); here is only the
default submission the tests start from and change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from etl.checking import contract as c
from etl.checking.model import Problem, Submission, WorkbookRejected
from etl.checking.validate import parse_workbook
from samples.builder import Layout, Mess, WorkbookSpec, render, write_ods, write_xls, xlsx_bytes

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


# Format v2 fields of the default workbook, row by row (blank = not reported).
V2_INFO = {"Chỉ tiêu kết nạp được giao": 5, "Đảng bộ cơ sở bốn tốt": "Có"}
V2_CELLS = [
    # Năm thành lập, Tháng, Sinh hoạt thường kỳ, chuyên đề, Cuộc kiểm tra, giám sát, Quy chế, Năm sửa đổi
    (1985, None, 12, 3, 1, 2, "Có", 2021),
    (1990, None, 11, 0, 0, 1, "Có", 2019),
    (2024, 3, 10, 1, 0, 0, "Không", None),  # founded in March of the report year: 10 months
]
V2_MEMBERS = [
    # Tổng xếp loại, Khiển trách, Cảnh cáo, Cách chức, Kỷ luật khai trừ, Bị kỷ luật, Đối tượng được bồi dưỡng
    (46, 1, None, None, None, 1, 4),  # the discipline block filled in part: its blanks read 0
    (None, None, None, None, None, None, 2),  # discipline not reported
    (None, 0, 0, 0, 0, 0, None),  # candidates not reported
]
V2_DUAL_ROLES = ["Tổ trưởng tổ dân phố", "Không", None, "Trưởng ban công tác Mặt trận", None, "Thủ trưởng cơ quan"]


def v2_spec(**mess: object) -> WorkbookSpec:
    """The default workbook in format v2, every v2 field filled as V2_* say."""
    spec = default_spec(**mess)
    spec.version = c.FORMAT_V2
    spec.info.update(V2_INFO)
    cell_names = [col.name for col in c.CELL_COLUMNS if col.since == c.FORMAT_V2]
    member_names = [col.name for col in c.MEMBER_V2_COLUMNS]
    for row, values in zip(spec.cells, V2_CELLS, strict=True):
        row.update(zip(cell_names, values, strict=True))
    for row, values in zip(spec.members, V2_MEMBERS, strict=True):
        row.update(zip(member_names, values, strict=True))
    for row, role in zip(spec.cadres, V2_DUAL_ROLES, strict=True):
        row["Kiêm nhiệm"] = role
    return spec


_XLSX: dict[str, bytes] = {}  # a hash of the grids → the workbook written from them in this process


def write_xlsx(spec: WorkbookSpec, path: Path) -> Layout:
    """samples.builder.write_xlsx, the bytes of the same grids written before in this process reused: its
    `xlsx_bytes` gives the same bytes for the same grids (the samples are byte-identical on every run), and
    openpyxl takes ~15 ms a workbook, which the tests write some 500 times, a third of them again."""
    sheets, layout = render(spec)
    key = hashlib.sha256(repr(sheets).encode("utf-8")).hexdigest()
    if key not in _XLSX:
        _XLSX[key] = xlsx_bytes(sheets)
    Path(path).write_bytes(_XLSX[key])
    return layout


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
