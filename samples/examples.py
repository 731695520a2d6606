"""Example submissions as wards really send them: messy but valid, and a few that must be refused.

`python -m samples.examples` writes them into data/examples/ with a README saying what each one
shows and what loading it must do. The figures are made up (seeded, so every run writes the
same bytes) and satisfy every rule of the contract unless a file is meant to break one.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from samples.builder import Mess, WorkbookSpec, write_ods, write_xlsx
from settings import DATA_DIR

EXAMPLES_DIR = DATA_DIR / "examples"
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Trương")
MIDDLE_MEN = ("Văn", "Đình", "Minh", "Ngọc", "Công", "Thanh", "Hữu")
MIDDLE_WOMEN = ("Thị", "Thị", "Ngọc", "Thu", "Kim")
GIVEN_MEN = ("Hùng", "Dũng", "Tài", "Sơn", "Bình", "Tuấn", "Phúc", "Lộc", "Quang", "Trung", "Hải", "Tâm", "Vinh")
GIVEN_WOMEN = ("Hoa", "Lan", "Mai", "Hạnh", "Thảo", "Hương", "Nga", "Liên", "Phượng", "Trang")
VILLAGE_TYPES = ("Thôn", "Tổ dân phố")


def cells_of(prefix: str, village_type: str, villages: int, others: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(code, name, type) of a unit's cells: numbered villages or groups, then other cells."""
    label = "thôn" if village_type == "Thôn" else "Tổ dân phố"
    cells = [(f"{prefix}{i:02d}", f"Chi bộ {label} {i}", village_type) for i in range(1, villages + 1)]
    return cells + [(f"{prefix}{90 + i}", name, kind) for i, (name, kind) in enumerate(others, 1)]


def _member_figures(rng: random.Random, village: bool, start: int | None) -> dict[str, int]:
    if start is None:
        start = rng.randint(22, 64) if village else rng.randint(8, 26)
    admitted = rng.choice((0, 0, 1, 1, 1, 2, 3))
    students = rng.choice((0, 0, admitted)) if admitted else 0
    workers = rng.randint(0, admitted - students)
    owners = rng.choice((0, 0, 0, admitted - students - workers))
    moves = {
        "Chuyển đến": rng.randint(0, 2), "Chuyển đi": rng.randint(0, 2), "Từ trần": rng.choice((0, 0, 1, 1, 2)),
        "Xóa tên": rng.choice((0, 0, 0, 1)), "Khai trừ": rng.choice((0,) * 9 + (1,)),
        "Xin ra khỏi Đảng": rng.choice((0,) * 6 + (1,)),
    }
    end = start + admitted + moves["Chuyển đến"] - sum(v for k, v in moves.items() if k != "Chuyển đến")
    unrated = min(admitted, end)
    rated = end - unrated
    excellent, fulfilled = round(rated * rng.uniform(0.08, 0.18)), round(rated * rng.uniform(0.04, 0.12))
    not_fulfilled = max(0, min(rng.choice((0, 0, 0, 1)), rated - excellent - fulfilled))
    return {
        "Đầu năm": start, "Kết nạp": admitted, "Kết nạp học sinh": students, "Kết nạp công nhân": workers,
        "Kết nạp chủ doanh nghiệp": owners, **moves, "Cuối năm": end,
        "Miễn sinh hoạt": rng.randint(0, min(end, 7)), "Đi làm ăn xa": rng.randint(0, min(end, 9)),
        "HTXSNV": excellent, "HTTNV": rated - excellent - fulfilled - not_fulfilled, "HTNV": fulfilled,
        "KHTNV": not_fulfilled, "Chưa xếp loại": unrated,
    }


def _cadre(rng: random.Random, code: str, role: str, year: int) -> dict[str, object]:
    woman = rng.random() < 0.3
    name = " ".join((
        rng.choice(FAMILY), rng.choice(MIDDLE_WOMEN if woman else MIDDLE_MEN), rng.choice(GIVEN_WOMEN if woman else GIVEN_MEN),
    ))
    born = rng.randint(1958, year - 25)
    if rng.random() < 0.72:
        education = "10/10" if born < 1966 else rng.choice(("12/12", "12/12", "12/12", "THPT", "Tốt nghiệp THPT"))
    else:
        education = rng.choice(("9/12", "9/12", "8/12", "THCS", "7/10" if born < 1966 else "11/12"))
    return {
        "Họ và tên": name, "Năm sinh": born, "Giới tính": "Nữ" if woman else "Nam", "Mã chi bộ": code,
        "Chức vụ": role, "Học vấn": education,
        "Chuyên môn": rng.choice(("", "", "Sơ cấp", "Trung cấp", "Trung cấp kế toán", "Cao đẳng", "Đại học", "Đại học Luật")),
        "Lý luận chính trị": rng.choice(("", "Sơ cấp", "Sơ cấp", "Sơ cấp chính trị", "Trung cấp", "Trung cấp LLCT", "Cao cấp")),
        "Bồi dưỡng trong năm": "x" if rng.random() < 0.8 else "",
    }


def generated_spec(
    unit: str, year: int, cells: list[tuple[str, str, str]], seed: int, previous: WorkbookSpec | None = None, **mess: object
) -> WorkbookSpec:
    """A valid submission for `unit` and `year` with made-up, internally consistent figures.

    With `previous` (the year before), each cell starts the year with the members it ended with.
    """
    rng = random.Random(seed)
    carried = {row["Mã chi bộ"]: row["Cuối năm"] for row in previous.members} if previous else {}
    members, cadres, cell_rows = [], [], []
    for code, name, kind in cells:
        village = kind in VILLAGE_TYPES
        rating = rng.choice(("HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTNV"))
        four_good = "x" if village and rating == "HTXSNV" and rng.random() < 0.7 else ""
        cell_rows.append({"Mã chi bộ": code, "Tên chi bộ": name, "Loại chi bộ": kind, "Xếp loại": rating, "Bốn tốt": four_good})
        members.append({"Mã chi bộ": code, **_member_figures(rng, village, carried.get(code))})
        roles = ("Bí thư", "Phó Bí thư", "Chi ủy viên") if village else ("Bí thư", "Phó Bí thư")
        cadres += [_cadre(rng, code, role, year) for role in roles]
    committee = rng.randint(11, 15)
    info = {
        "Đơn vị": unit, "Năm báo cáo": year, "Xếp loại TCCSĐ": rng.choice(("HTTNV", "HTXSNV", "Hoàn thành tốt nhiệm vụ")),
        "Số cấp ủy viên cơ sở": committee, "Cấp ủy viên cơ sở được bồi dưỡng": committee - rng.randint(0, 2),
        "Người lập": "Văn phòng Đảng ủy", "Ngày lập": dt.date(year + 1, 1, rng.randint(5, 20)),
    }
    return WorkbookSpec(info, cell_rows, members, cadres, Mess(**mess))


PHO_VINH = cells_of("TDP", "Tổ dân phố", 9, [("Chi bộ Trường Tiểu học số 1", "Trường học"), ("Chi bộ Công an phường", "Công an")])
PHO_CHAU = cells_of("T", "Thôn", 7, [("Chi bộ Trường THCS", "Trường học"), ("Chi bộ Quân sự xã", "Quân sự"),
                                     ("Chi bộ Công ty TNHH Thủy sản", "Doanh nghiệp")])
DUC_PHO = cells_of("DP", "Tổ dân phố", 12, [("Chi bộ Trường THPT số 1", "Trường học"), ("Chi bộ Cơ quan phường", "Cơ quan")])
PHO_HOA = cells_of("PH", "Tổ dân phố", 6, [])
MESSY = {"title_block": True, "stt_column": True, "total_row": True, "signature": True, "education_dates": True}


def good_examples() -> dict[str, tuple[WorkbookSpec, str]]:
    """File name → (spec, what it shows); each one must load."""
    vinh_2023 = generated_spec("PHỔ VINH", 2023, PHO_VINH, 2023, **MESSY, style="upper")
    chau = generated_spec("Xã Phổ Châu", 2024, PHO_CHAU, 481, style="nfd", header_aliases=True, numbers_as_text=True,
                          blank_rows_above=2, blank_cols_left=1, blank_row_inside=True, guide_sheet=True)
    return {
        "pho-vinh-2024.xlsx": (
            generated_spec("Phường Phổ Vinh", 2024, PHO_VINH, 466, vinh_2023, **MESSY, numbering_row=True),
            "title block, STT column, (1) (2) … numbering row, Tổng cộng row, signature block, 12/12 typed as dates",
        ),
        "pho-chau-2024.xlsx": (
            chau, "NFD text, header variants with line breaks, numbers as text and zeros left blank, blank rows and columns",
        ),
        "pho-vinh-2023.ods": (
            vinh_2023,
            "OpenDocument file, everything in capitals, title block, total row, signature",
        ),
        "duc-pho-2025.xlsx": (
            generated_spec("21439", 2025, DUC_PHO, 2025, **MESSY, style="ascii", extra_sheet=True),
            "the new Phường Đức Phổ named by its code, no diacritics, an extra sheet (warning)",
        ),
    }


def bad_examples() -> dict[str, tuple[WorkbookSpec | bytes, str]]:
    """File name → (spec or raw bytes, why it must be refused)."""
    broken = generated_spec("Phổ Châu", 2024, PHO_CHAU, 481, **MESSY)
    broken.members[2]["Cuối năm"] += 2
    broken.mess.total_overrides = {"Kết nạp": 99}
    merged = generated_spec("Phổ Hòa", 2025, PHO_HOA, 469, title_block=True)
    text = "STT;Chi bộ;Đầu năm;Cuối năm\n1;Chi bộ thôn 1;45;46\n".encode()
    return {
        "pho-chau-2024-sai-so-lieu.xlsx": (
            broken, "Cuối năm of the third cell breaks two identities, and the total row's Kết nạp is not the column sum",
        ),
        "pho-hoa-2025-da-sap-nhap.xlsx": (merged, "Phổ Hòa no longer exists in 2025: the message names Phường Đức Phổ"),
        "bao-cao-khong-phai-excel.xlsx": (text, "a CSV text file renamed .xlsx"),
    }


def main(folder: Path = EXAMPLES_DIR) -> list[Path]:
    """Write every example and a README into `folder`; the same bytes on every run."""
    folder.mkdir(parents=True, exist_ok=True)
    written, lines = [], ["# Example submissions", "", "Written by `python -m samples.examples`; do not edit by hand.", ""]
    for title, examples in (("Must load", good_examples()), ("Must be refused", bad_examples())):
        lines += [f"## {title}", "", "| file | what it shows |", "|---|---|"]
        for name, (spec, about) in examples.items():
            path = folder / name
            if isinstance(spec, bytes):
                path.write_bytes(spec)
            elif name.endswith(".ods"):
                write_ods(spec, path)
            else:
                write_xlsx(spec, path)
            written.append(path)
            lines.append(f"| `{name}` | {about} |")
        lines.append("")
    (folder / "README.md").write_text("\n".join(lines), encoding="utf-8")
    return written


if __name__ == "__main__":
    for path in main():
        print(path)
