"""What the loader makes of many workbooks, recorded once and compared after a change to it.

`python -m benchmarks.parse_equivalence record OUT.pickle` parses every sample workbook
(data/samples), every example (data/examples), the hostile corpus (tests/hostile.py) and
`--altered` copies of the samples and examples with deterministic random edits (blanks, negative
and decimal numbers, text in number columns, words outside the vocabularies, wrong figures and
totals, rows added, removed, doubled or moved below a total, headers changed, sheets added or
renamed, formulas, long text, dates and booleans where they do not belong …), and pickles the
outcome of each file: the Submission, or the problems of its rejection (messages included), in
order; then loads the accepted samples and examples into a new database and keeps every table.
`python -m benchmarks.parse_equivalence compare OUT.pickle` does the same with the code as it
is now and lists every file whose outcome differs (values compared with their types).

The hostile files and the altered copies are written once into `--files` (benchmarks/out/
equivalence by default) and read from there afterwards, so both runs parse the same bytes.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import io
import pickle
import random
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import python_calamine as calamine

from etl.checking import contract as c
from etl.checking.model import WorkbookRejected
from etl.checking.validate import parse_workbook
from samples.builder import xlsx_bytes
from settings import DATA_DIR, ROOT, SAMPLES_DIR, settings

FILES = ROOT / "benchmarks" / "out" / "equivalence"
EXAMPLES = DATA_DIR / "examples"
Grids = dict[str, list[list[object]]]
Outcome = tuple[str, object]  # ("ok", submission) / ("rejected", problems) / ("error", text), typed


# --- the files -------------------------------------------------------------------------------

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


def write_inputs(folder: Path, altered: int) -> None:
    """The hostile corpus and `altered` altered copies, written once into `folder`."""
    from tests.support.hostile import corpus

    hostile = folder / "hostile"
    if not hostile.exists():
        with tempfile.TemporaryDirectory() as scratch:
            cases = corpus(Path(scratch) / "made")
            hostile.mkdir(parents=True)
            for name, data, _, _ in cases:
                (hostile / name).write_bytes(data)
    bases = [path.read_bytes() for path in base_files()]
    made = folder / "altered"
    made.mkdir(parents=True, exist_ok=True)
    for seed in range(altered):
        path = made / f"{seed:04d}.xlsx"
        if not path.exists():
            path.write_bytes(altered_copy(bases[seed % len(bases)], seed))


def inputs(folder: Path, altered: int) -> Iterator[tuple[str, bytes]]:
    """(label, content) of every file compared: samples, examples, hostile files, altered copies."""
    write_inputs(folder, altered)
    for path in sorted(SAMPLES_DIR.iterdir()):
        yield f"samples/{path.name}", path.read_bytes()
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix != ".md":
            yield f"examples/{path.name}", path.read_bytes()
    for path in sorted((folder / "hostile").iterdir()):
        yield f"hostile/{path.name}", path.read_bytes()
    for seed in range(altered):
        path = folder / "altered" / f"{seed:04d}.xlsx"
        yield f"altered/{path.name}", path.read_bytes()


# --- the outcomes ----------------------------------------------------------------------------

def typed(value: object) -> object:
    """`value` as nested tuples naming every type, so that 1, 1.0 and True differ, and order counts."""
    if dataclasses.is_dataclass(value):
        return (type(value).__name__, tuple((f.name, typed(getattr(value, f.name))) for f in dataclasses.fields(value)))
    if isinstance(value, dict):
        return ("dict", tuple((typed(k), typed(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(typed(v) for v in value))
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def outcome(data: bytes, name: str, upcoming: bytes | None = None) -> Outcome:
    """What parse_workbook makes of one file, typed."""
    try:
        return "ok", typed(parse_workbook(data, name, upcoming))
    except WorkbookRejected as rejected:
        return "rejected", typed(rejected.problems)
    except Exception as error:  # a fault of the parser is an outcome to compare too
        return "error", f"{type(error).__name__}: {error}"


def outcomes(files: list[tuple[str, bytes]]) -> dict[str, tuple[str, Outcome]]:
    """Label → (sha256 of the content, outcome), the next file decoded while one is checked."""
    found = {}
    for index, (label, data) in enumerate(files):
        upcoming = files[index + 1][1] if index + 1 < len(files) else None
        found[label] = (hashlib.sha256(data).hexdigest(), outcome(data, Path(label).name, upcoming))
    return found


LOADED_AT = dt.datetime(2025, 1, 15, 8, 0, 0)


def loaded_tables(files: list[tuple[str, bytes]]) -> dict[str, list[tuple]]:
    """Every table of a new database after one load of the samples and examples, rows sorted."""
    from etl.loading.archive import Archive
    from etl.loading.batch import archived_session
    from etl.loading.loader import load_workbooks

    chosen = [(Path(label).name, data) for label, data in files if label.startswith(("samples/", "examples/"))]
    with tempfile.TemporaryDirectory(prefix="equivalence-") as scratch:
        cfg = settings(Path(scratch) / "db" / "equivalence.duckdb")
        archive = Archive(cfg.archive_dir)
        with archived_session(cfg, archive) as con:
            load_workbooks(chosen, con, archive=archive, loaded_by="equivalence", loaded_at=LOADED_AT)
        with duckdb.connect(str(cfg.db_path), read_only=True) as con:
            names = [row[0] for row in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY table_name").fetchall()]
            return {name: sorted(con.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in names}


def run(folder: Path, altered: int) -> dict:
    files = list(inputs(folder, altered))
    return {"outcomes": outcomes(files), "tables": loaded_tables(files)}


def differences(before: dict, after: dict, most: int = 20) -> list[str]:
    """Readable differences between two runs, the first `most` of each kind."""
    lines: list[str] = []
    old, new = before["outcomes"], after["outcomes"]
    for label in sorted(old.keys() | new.keys()):
        if label not in old or label not in new:
            lines.append(f"{label}: only {'after' if label in new else 'before'}")
        elif old[label][0] != new[label][0]:
            lines.append(f"{label}: the file itself differs (regenerate both runs)")
        elif old[label][1] != new[label][1]:
            lines.append(f"{label}: {_short(old[label][1])}\n    now {_short(new[label][1])}")
    for table in sorted(before["tables"].keys() | after["tables"].keys()):
        if before["tables"].get(table) != after["tables"].get(table):
            lines.append(f"table {table}: rows differ")
    return lines[:most] + ([f"… and {len(lines) - most} more"] if len(lines) > most else [])


def _short(result: Outcome) -> str:
    return repr(result)[:1500]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.parse_equivalence", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("pickle", type=Path)
    parser.add_argument("--altered", type=int, default=1000, help="altered copies (default 1000)")
    parser.add_argument("--files", type=Path, default=FILES, help="where the hostile and altered files are kept")
    parser.add_argument("--fresh", action="store_true", help="write the hostile and altered files again")
    args = parser.parse_args(argv)
    if args.fresh:
        shutil.rmtree(args.files, ignore_errors=True)
    result = run(args.files, args.altered)
    kinds = [o[1][0] for o in result["outcomes"].values()]
    counts = ", ".join(f"{kind} {kinds.count(kind)}" for kind in ("ok", "rejected", "error"))
    print(f"{len(kinds)} files: {counts}; {len(result['tables'])} tables")
    if args.action == "record":
        args.pickle.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        print(f"recorded in {args.pickle}")
        return 0
    found = differences(pickle.loads(args.pickle.read_bytes()), result)
    print("\n".join(found) if found else "identical: every outcome, message and table")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
