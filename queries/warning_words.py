"""Warnings in words: one row per warning, a Vietnamese sentence with the figures that raised it
(the rules that find them: queries/warnings.py)."""

from __future__ import annotations

import pandas as pd

from core.numbers import vi_count, vi_number, year_span
from queries.frames import records
from queries.judgement import percent_text
from queries.programme import programme
from queries.rate_text import rate_format

# rule code → (title, the title of the dashboard page that shows the figures)
RULES = {
    "idle_cells": ("Chi bộ nhiều năm liền không kết nạp đảng viên", "Kết nạp đảng viên"),
    "below_target": ("Đơn vị dưới mục tiêu và không tiến bộ từ 2 chỉ tiêu trở lên", "Bảng xếp hạng đơn vị"),
    "rising_exits": ("Xóa tên và xin ra khỏi Đảng tăng hai năm liền", "Biến động đảng viên"),
    "training_gaps": ("Bồi dưỡng nghiệp vụ chưa đạt mục tiêu trong năm", "Bồi dưỡng nghiệp vụ"),
    "weak_secretaries": ("Bí thư, phó bí thư chi bộ chưa đạt chuẩn THPT và sơ cấp LLCT", "Trình độ cán bộ chi bộ"),
    "excellent_share": ("Tỷ lệ hoàn thành xuất sắc nhiệm vụ vượt mức cho phép", "Đánh giá, xếp loại"),
    "cell_activity": ("Chi bộ không sinh hoạt chuyên đề hoặc không tiến hành kiểm tra trong năm",
                      "Sinh hoạt chi bộ, kiểm tra, kỷ luật"),
    "rising_away": ("Tỷ lệ đảng viên miễn sinh hoạt, đi làm ăn xa tăng hai năm liền", "Biến động đảng viên"),
}
# rule code → its title in a few words, over its count (the Cảnh báo page's cards, the meeting's last slide)
COUNTED = {"idle_cells": "Chi bộ lâu không kết nạp", "below_target": "Đơn vị dưới mục tiêu",
           "rising_exits": "Xóa tên, xin ra tăng", "training_gaps": "Bồi dưỡng chưa đủ",
           "weak_secretaries": "Bí thư chưa đạt chuẩn", "excellent_share": "Xuất sắc vượt mức",
           "cell_activity": "Chi bộ thiếu chuyên đề, kiểm tra", "rising_away": "Miễn sinh hoạt, đi xa tăng"}
WARNING_COLUMNS = ["rule_code", "rule", "display_id", "unit", "subject", "year", "detail", "figures", "page_label"]
WARNING_TYPES = {**dict.fromkeys(WARNING_COLUMNS, "str"), "year": "int64"}
EXCELLENT = "excellent_share"  # its subject may be the selection as a whole: never stored per unit


def as_frame(rows: list[dict]) -> pd.DataFrame:
    """Warnings (dicts of `_warning`) as a frame of WARNING_COLUMNS, of the same types however many."""
    return pd.DataFrame(rows, columns=WARNING_COLUMNS).astype(WARNING_TYPES)


def _warning(rule_code: str, display_id: str | None, unit: str, subject: str, year: int, detail: str,
             figures: str) -> dict:
    title, page_label = RULES[rule_code]
    return {"rule_code": rule_code, "rule": title, "display_id": display_id, "unit": unit, "subject": subject,
            "year": year, "detail": detail, "figures": figures, "page_label": page_label}


def cell_named(row: dict) -> str:
    """`Chi bộ thôn Phú Tân (Thôn)`: a party cell as every warning names it, by its name and kind; its code is
    the workbook's key, never a reader's word."""
    return f"{row['cell_name']} ({row['cell_type']})"


def _by_unit(frame: pd.DataFrame) -> dict[tuple[str, str], list[dict]]:
    """The rows of each (display_id, unit), units in order of first appearance: one pass over the
    records (a pandas group per unit costs a millisecond, 10 s for the country's 10,000 units)."""
    units: dict[tuple[str, str], list[dict]] = {}
    for row in records(frame):
        units.setdefault((row["display_id"], row["unit"]), []).append(row)
    return units


def idle_rows(frame: pd.DataFrame, year: int) -> list[dict]:
    rows = []
    for cell in records(frame):
        run = f"{cell['run_years']} năm liền ({year_span(int(cell['run_from']), int(cell['run_to']))})"
        last = cell["last_admission"]
        last_text = f"lần kết nạp gần nhất năm {last}" if str(last).isdigit() else last
        rows.append(_warning(
            "idle_cells", cell["display_id"], cell["unit"], cell_named(cell), year,
            f"{cell_named(cell)} không kết nạp được đảng viên nào {run}; {last_text}.",
            f"{run}; {last_text}"))
    return rows


def below_rows(frame: pd.DataFrame, year: int) -> list[dict]:
    rows, rate_text = [], rate_format()
    for (display_id, unit), part in _by_unit(frame).items():
        figures = "; ".join(
            f"{r['short_label']}: {rate_text(r['rate'])} ({vi_count(r['numerator'], r['denominator'])}, năm trước "
            f"{rate_text(r['previous_rate'])}), mục tiêu {r['target_text']} — {r['verdict'].lower()}"
            + (f", {r['gap']}" if isinstance(r["gap"], str) else "") for r in part)
        rows.append(_warning(
            "below_target", display_id, unit, unit, year,
            f"Năm {year} dưới mục tiêu và không cao hơn năm trước ở {len(part)} chỉ tiêu: {figures}.", figures))
    return rows


def _running(year: int, shown, *values) -> str:
    """`2022: 1 → 2023: 2 → 2024: 3`: the values of the years up to `year`, each `shown` (a formatter)."""
    first = year - len(values) + 1
    return " → ".join(f"{first + index}: {shown(value)}" for index, value in enumerate(values))


def exits_rows(frame: pd.DataFrame, year: int) -> list[dict]:
    rows = []
    for r in records(frame):
        figures = _running(year, vi_number, r["exits_two_before"], r["exits_before"], r["exits"])
        rows.append(_warning(
            "rising_exits", r["display_id"], r["unit"], r["unit"], year,
            f"Số đảng viên bị xóa tên và xin ra khỏi Đảng tăng hai năm liền: {figures} (năm {year}: "
            f"{vi_number(r['struck_off'])} xóa tên, {vi_number(r['resigned'])} xin ra khỏi Đảng).", figures))
    return rows


def training_rows(frame: pd.DataFrame, year: int) -> list[dict]:
    rate_text = rate_format()
    return [_warning(
        "training_gaps", r["display_id"], r["unit"], r["unit"], year,
        f"Năm {year} tỷ lệ cấp ủy viên được bồi dưỡng nghiệp vụ là {rate_text(r['rate'])} "
        f"({vi_count(r['numerator'], r['denominator'])}), mục tiêu {r['target_text']}: "
        f"{vi_number(r['shortfall'])} người chưa được bồi dưỡng.",
        f"{rate_text(r['rate'])} ({vi_count(r['numerator'], r['denominator'])}, "
        f"{vi_number(r['shortfall'])} người chưa được bồi dưỡng)") for r in records(frame)]


def secretary_rows(frame: pd.DataFrame, year: int) -> list[dict]:
    rows = []
    for (display_id, unit), part in _by_unit(frame).items():
        people = "; ".join(f"{cell_named(r)}: {r['role'].lower()} {r['full_name']} chưa có "
                           f"{r['lacking']}" for r in part)
        rows.append(_warning(
            "weak_secretaries", display_id, unit, unit, year,
            f"{vi_number(len(part))} bí thư, phó bí thư chi bộ thôn, tổ dân phố chưa đạt chuẩn: {people}.", people))
    return rows


def excellent_rows(frame: pd.DataFrame, year: int) -> list[dict]:
    cap, rate_text = programme().excellent_cap, rate_format()
    return [_warning(
        "excellent_share", r["display_id"], r["unit"], f"{r['unit']} — {r['group']}", year,
        f"Năm {year} có {vi_number(r['excellent'])} {r['group']} hoàn thành xuất sắc nhiệm vụ trên "
        f"{vi_number(r['good_or_better'])} hoàn thành tốt nhiệm vụ trở lên ({rate_text(r['share'])}), vượt mức "
        f"{percent_text(cap)}.",
        f"{vi_number(r['excellent'])}/{vi_number(r['good_or_better'])} ({rate_text(r['share'])})")
        for r in records(frame)]


def activity_rows(frame: pd.DataFrame, year: int) -> list[dict]:
    rows = []
    for (display_id, unit), part in _by_unit(frame).items():
        cells = "; ".join(f"{cell_named(r)}: không {r['lacking']}" for r in part)
        rows.append(_warning(
            "cell_activity", display_id, unit, unit, year,
            f"Năm {year} có {vi_number(len(part))} chi bộ không sinh hoạt chuyên đề hoặc không tiến hành kiểm tra: "
            f"{cells}.", cells))
    return rows


def away_rows(frame: pd.DataFrame, year: int) -> list[dict]:
    rows, rate_text = [], rate_format()
    for r in records(frame):
        figures = _running(year, rate_text, r["share_two_before"], r["share_before"], r["share"])
        rows.append(_warning(
            "rising_away", r["display_id"], r["unit"], f"{r['unit']} — {r['member_group']}", year,
            f"Tỷ lệ đảng viên {r['member_group']} tăng hai năm liền: {figures} (năm {year}: "
            f"{vi_count(r['members'], r['end_count'])} đảng viên cuối năm).", figures))
    return rows
