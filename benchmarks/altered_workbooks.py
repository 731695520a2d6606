"""Workbooks altered at random, deterministically by seed, for benchmarks/parse_equivalence.py: the
samples and examples with blanks, negative and decimal numbers, text in number columns, words outside
the vocabularies, wrong figures and totals, rows added, removed, doubled or moved below a total,
headers changed, sheets added or renamed, formulas, long text, dates and booleans where they do not
belong …"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable
from pathlib import Path

import python_calamine as calamine

from etl.checking import contract as c
from samples.builder import xlsx_bytes
from settings import DATA_DIR, SAMPLES_DIR

EXAMPLES = DATA_DIR / "examples"
Grids = dict[str, list[list[object]]]


def base_files() -> list[Path]:
    """The workbooks altered copies start from: every sample and every example that is a spreadsheet."""
    examples = [p for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".xlsx", ".ods") and "khong-phai" not in p.name]
    return sorted(SAMPLES_DIR.glob("*.xlsx")) + examples


def grids_of(data: bytes) -> Grids:
    """Every sheet of a workbook as rows of values (None where empty), in sheet order."""
    book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: [[None if v == "" else v for v in line] for line in book.get_sheet_by_name(name).to_python(False)]
            for name in book.sheet_names}


TEXTS_FOR_NUMBERS = ["abc", "12,5", " 7 ", "1.000", "3.0", "mười", "  ", "x", "5%", "1e3", "0012", "-", "2,0", "٣"]
WORDS = ["Khác", "Tốt", "HTT", "Nam/Nữ", "Chi ủy", "Đại học y", "Tiến sỹ", "THCS", "11/12", "13/12", "0/12", "Có",
         "Không", "x", "KHÔNG", "hoàn thành tốt nhiệm vụ", "Bí Thư", "tổ dân phố", "Trường  học", "Thạc sĩ Luật",
         "Trung cấp LLCT", "Cao cấp, cử nhân", "Sơ cấp (2019)", "Nu", "F", "Trưởng thôn", "Tổ trưởng tổ dân phố",
         "Không kiêm nhiệm", "Đại học, Cao đẳng", "Tốt nghiệp đại học", "lớp 9/12", "Chi bộ Thôn", "HTXSNV", "KHTNV"]
ODD_TEXTS = ["=SUM(A1:A3)", "+84 912", "@ghi chú", "-", "a" * 600, "b" * 150, "Ho\u0300a", "\u00a0", "CB01 ", "cb01",
             "Tổng cộng", "Cộng", "(1)", "Người lập biểu", "#DIV/0!", "'0012"]
ODD_VALUES = [True, False, dt.datetime(2024, 12, 9), dt.date(2010, 12, 12), dt.timedelta(hours=36), 0, 0.0, -0.0,
              1e308, 2.5, 2024, 1975.0, 12, 2_500, 101]
YEARS = [2014, 2015, 2030, "2024", 2024.0, "năm 2024", "2.024", 2019, 2025, None, dt.datetime(2023, 1, 1)]
UNIT_NAMES = ["Phường Phổ Hòa", "Phổ Hòa", "Xã Không Có", "21439", "Phuong Duc Pho", "Phường Đức Phổ", "Xã Phổ Châu", None]


class Editor:
    """Random edits of a workbook's grids, drawn from a seeded generator."""

    def __init__(self, grids: Grids, chance: random.Random):
        self.grids = grids
        self.chance = chance

    def _sheet(self, *, contract_only: bool = True) -> list[list[object]] | None:
        names = [n for n in self.grids if not contract_only or n in c.SHEETS[1:]] or list(self.grids)
        return self.grids[self.chance.choice(names)] if names else None

    def _cells(self, test: Callable[[object], bool], sheet: list[list[object]] | None = None) -> list[tuple[list, int]]:
        grid = sheet if sheet is not None else self._sheet()
        return [(line, j) for line in (grid or [])[1:] for j, v in enumerate(line) if test(v)]

    def _set(self, test: Callable[[object], bool], make: Callable[[object], object],
             sheet: list[list[object]] | None = None) -> None:
        cells = self._cells(test, sheet)
        if cells:
            line, j = self.chance.choice(cells)
            line[j] = make(line[j])

    def _rows(self, sheet: list[list[object]] | None = None) -> list[list[object]]:
        return sheet if sheet is not None else (self._sheet() or [])

    def edit(self) -> None:
        kinds = [self.blank, self.negative, self.text_for_number, self.decimal, self.huge, self.word, self.figure,
                 self.figure, self.double_row, self.drop_row, self.blank_row, self.total_row, self.below_table,
                 self.sheets, self.header, self.odd_text, self.odd_value, self.info, self.swap_rows, self.code,
                 self.numbering_row, self.whole_column]
        self.chance.choice(kinds)()

    def blank(self) -> None:
        self._set(lambda v: v is not None, lambda v: self.chance.choice([None, None, " ", "\u00a0"]))

    def negative(self) -> None:
        self._set(_is_number, lambda v: -v if v else -1)

    def text_for_number(self) -> None:
        self._set(_is_number, lambda v: self.chance.choice([*TEXTS_FOR_NUMBERS, f" {v:g} ", f"{v:g}.0", f"{v:g},00"]))

    def decimal(self) -> None:
        self._set(_is_number, lambda v: v + self.chance.choice([0.5, 0.25, 1e-9]))

    def huge(self) -> None:
        self._set(_is_number, lambda v: self.chance.choice([2_001, 5_000, 123_456, 99]))

    def word(self) -> None:
        self._set(lambda v: isinstance(v, str), lambda v: self.chance.choice(WORDS))

    def figure(self) -> None:
        self._set(_is_number, lambda v: v + self.chance.choice([1, -1, 2, 10]))

    def double_row(self) -> None:
        rows = self._rows()
        if len(rows) > 1:
            at = self.chance.randrange(1, len(rows))
            rows.insert(self.chance.choice([at, len(rows)]), list(rows[at]))

    def drop_row(self) -> None:
        rows = self._rows()
        if len(rows) > 1:
            del rows[self.chance.randrange(len(rows))]

    def blank_row(self) -> None:
        rows = self._rows()
        for _ in range(self.chance.choice([1, 1, 2])):
            rows.insert(self.chance.randrange(len(rows) + 1), [])

    def total_row(self) -> None:
        rows = self._rows()
        width = max((len(line) for line in rows), default=1)
        sums = [sum(v for line in rows[1:] if j < len(line) and _is_number(v := line[j])) for j in range(width)]
        label = self.chance.choice(["Tổng cộng", "Cộng", "TỔNG SỐ", "Tổng"])
        total = [label, *[s + self.chance.choice([0, 0, 0, 1]) if s else None for s in sums[1:]]]
        rows.insert(self.chance.choice([len(rows), max(1, len(rows) - 1)]), total)

    def below_table(self) -> None:
        rows = self._rows()
        tail = self.chance.choice([
            [[], ["Người lập biểu", None, "Thủ trưởng đơn vị"], [None, None, "(ký, ghi rõ họ tên)"]],
            [[], list(rows[-1]) if rows else []],
            [["Ghi chú: số liệu đến 31/12"]],
            [[], [None, 5, 6, 7]],
        ])
        rows.extend(tail)

    def sheets(self) -> None:
        names = list(self.grids)
        kind = self.chance.randrange(5)
        if kind == 0:
            self.grids[self.chance.choice(["Ghi chú", "Sheet1", "Hướng dẫn", "Biểu đồ"])] = [["Ghi chú"]]
        elif kind == 1 and names:
            name = self.chance.choice(names)
            self.grids[name.upper() if name.upper() not in self.grids else name + " (2)"] = [list(r) for r in self.grids[name]]
        elif kind == 2 and names:
            name = self.chance.choice(names)
            renamed = self.chance.choice([name + " 2024", name.lower(), "Sheet" + str(len(names)), name.replace(" ", "  ")])
            if renamed not in self.grids:
                self.grids = {renamed if n == name else n: g for n, g in self.grids.items()}
        elif kind == 3 and names:
            del self.grids[self.chance.choice(names)]
        elif names:
            order = names[:]
            self.chance.shuffle(order)
            self.grids = {n: self.grids[n] for n in order}

    def header(self) -> None:
        grid = self._sheet()
        if not grid:
            return
        line = grid[0]
        if not line:
            return
        j = self.chance.randrange(len(line))
        known = [a for cols in c.SHEET_COLUMNS.values() for col in cols for a in (col.name, *col.aliases)]
        line[j] = self.chance.choice([None, "Cột lạ", self.chance.choice(known), f"{line[j]} (*)", f"{line[j]}:",
                                      str(line[j]).upper() if line[j] else "X", f"{line[j]}\n(người)"])

    def odd_text(self) -> None:
        self._set(lambda v: v is not None, lambda v: self.chance.choice(ODD_TEXTS))

    def odd_value(self) -> None:
        self._set(lambda v: v is not None, lambda v: self.chance.choice(ODD_VALUES))

    def info(self) -> None:
        grid = self.grids.get(c.SHEET_INFO)
        if not grid:
            return
        kind = self.chance.randrange(5)
        rows = [line for line in grid if len(line) >= 2 and isinstance(line[0], str)]
        if not rows:
            return
        if kind == 0:
            year = next((line for line in rows if line[0] == "Năm báo cáo"), None)
            if year:
                year[1] = self.chance.choice(YEARS)
        elif kind == 1:
            unit = next((line for line in rows if line[0] == "Đơn vị"), None)
            if unit:
                unit[1] = self.chance.choice(UNIT_NAMES)
        elif kind == 2:
            line = self.chance.choice(rows)
            grid.append([line[0], self.chance.choice([line[1], "khác", 7, None])])
        elif kind == 3:
            line = self.chance.choice(rows)
            line[1] = self.chance.choice([*ODD_VALUES, *WORDS[:8], 150, -1, None])
        else:
            line = self.chance.choice(rows)
            line[0] = self.chance.choice([f"{line[0]}:", None, "Khóa lạ", line[0].upper()])

    def swap_rows(self) -> None:
        rows = self._rows()
        if len(rows) > 2:
            a, b = self.chance.sample(range(1, len(rows)), 2)
            rows[a], rows[b] = rows[b], rows[a]

    def code(self) -> None:
        sheet = self._sheet()
        if not sheet or not sheet[0]:
            return
        column = next((j for j, v in enumerate(sheet[0]) if v in ("Mã chi bộ", "Mã CB")), None)
        cells = [line for line in sheet[1:] if column is not None and column < len(line) and line[column] is not None]
        if cells:
            others = [line[column] for line in cells]
            self.chance.choice(cells)[column] = self.chance.choice([*others, "CB99", "XX", str(others[0]).lower(), None])

    def numbering_row(self) -> None:
        rows = self._rows()
        if rows and rows[0]:
            rows.insert(1, [f"({j + 1})" if self.chance.random() < 0.9 else j + 1 for j in range(len(rows[0]))])

    def whole_column(self) -> None:
        rows = self._rows()
        if rows and rows[0]:
            j = self.chance.randrange(len(rows[0]))
            value = self.chance.choice([None, "x", 0, 1, "Có", " "])
            for line in rows[1:]:
                if j < len(line):
                    line[j] = value


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def altered_copy(base: bytes, seed: int) -> bytes:
    chance = random.Random(seed)
    editor = Editor(grids_of(base), chance)
    for _ in range(chance.choice([1, 1, 2, 3, 5])):
        editor.edit()
    return xlsx_bytes(editor.grids)
