"""Format v2 per cell: its life from `Chi bộ` (founding, meetings, inspections, working rules)
and its year's discipline and admission candidates from `Đảng viên`, one `cell_life` row each.

A blank cell is "chưa báo cáo" (NULL), never 0, so that indicators leave it out of their
denominators; a workbook without the columns (format v1) gives NULL everywhere. The discipline
columns are one block: once any of them is filled, a blank one in the row reads 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache, partial

from core.wording import in_quotes
from etl.checking import contract as c
from etl.checking.members import NAMES as MEMBER_NAMES
from etl.checking.members import check_total, flow_holds
from etl.checking.model import row_ranges
from etl.checking.plausible import bounded_count
from etl.checking.tables import Findings, Row, Table
from etl.checking.vocab import BadValue, cell_key, is_blank, whole_number, year_between, yes_no_or_none

CELL_NAMES = {col.field: col.name for col in c.CELL_COLUMNS if col.since == c.FORMAT_V2}
FORMS = tuple(col.field for col in c.DISCIPLINE_FORM_COLUMNS)
DISCIPLINE = (*FORMS, c.DISCIPLINE_TOTAL.field)
EXTRA_NAMES = {col.field: col.name for col in (*c.DISCIPLINE_FORM_COLUMNS, c.DISCIPLINE_TOTAL, c.CANDIDATES_TRAINED)}
LIFE_FIELDS = tuple(CELL_NAMES)
CELL_LIFE_FIELDS = (*LIFE_FIELDS, *EXTRA_NAMES)  # the columns of table cell_life, after the cell code
NOT_REPORTED = dict.fromkeys(CELL_LIFE_FIELDS)
FIRST_YEAR = 1930  # the Party's founding: no cell or rule is older
MONTHS = 12  # a cell holds one regular meeting a month
REPORTED_EXTRAS = ("disciplined", "candidates_trained")  # the forms follow the total: one warning for the block
OPTIONAL = {"founded_year", "founded_month", "rules_revised_year"}  # blank is normal: no warning


def _count(value: object) -> int | None:
    return bounded_count(value)


def _meetings(value: object) -> int | None:
    number = whole_number(value, blank=None)
    if number is not None and number > MONTHS:
        raise BadValue(f"phải là số nguyên từ 0 đến {MONTHS} (mỗi tháng một lần sinh hoạt thường kỳ)")
    return number


def _year(value: object, last: int) -> int | None:
    if is_blank(value):
        return None
    return year_between(value, FIRST_YEAR, last, f"phải là năm, từ {FIRST_YEAR} đến năm báo cáo {last}")


def _month(value: object) -> int | None:
    number = whole_number(value, blank=None)
    if number is not None and not 1 <= number <= MONTHS:
        raise BadValue("phải là tháng, từ 1 đến 12")
    return number


@lru_cache(maxsize=64)
def _readers(year: int) -> dict[str, Callable[[object], object]]:
    """The reader of each v2 field of `Chi bộ`; made once a year, so that the year's reader is one
    object (etl.checking.tables._verdict)."""
    in_years = partial(_year, last=year)
    return {
        "founded_year": in_years, "founded_month": _month, "regular_meetings": _meetings,
        "thematic_meetings": _count, "inspections": _count, "supervisions": _count,
        "has_working_rules": yes_no_or_none, "rules_revised_year": in_years,
    }


def read_cell_life(cells_table: Table | None, cells: list[dict], members_table: Table | None,
                   members: list[dict], year: int | None, found: Findings) -> list[dict]:
    """One `cell_life` row per cell of `Chi bộ`, with the `Đảng viên` part of its code."""
    if cells_table is None:
        return []
    readers = _readers(year or dt.date.today().year)  # a missing report year is its own problem
    present = {field: (name, readers[field], False) for field, name in CELL_NAMES.items() if name in cells_table.columns}
    lives = []
    quick = found.read_rows(cells_table, present) if present else [None] * len(cells)
    for row, cell, read in zip(cells_table.rows, cells, quick, strict=True):
        life = {"cell_code": cell["cell_code"], **NOT_REPORTED}
        if present:  # a v1 sheet has none: nothing to read or check
            life.update(read or found.read_row(cells_table, row, present))
            _check_life(cells_table, row, life, year, found)
        lives.append(life)
    if present:
        note_unreported(cells_table, CELL_NAMES, lives, found)
    extras = read_member_extras(members_table, members, found)
    if extras:
        for life in lives:
            life.update(extras.get(cell_key(life["cell_code"] or ""), {}))
    return lives


def _check_life(table: Table, row: Row, life: dict, year: int | None, found: Findings) -> None:
    """The rules between a cell's v2 fields: founding month, meetings since founding, rules' year."""

    def report(field: str, expected: str, *, blank: bool = False) -> None:
        found.problem(table.sheet, row.number, CELL_NAMES[field], life[field], expected, blank=blank)

    founded, month = life["founded_year"], life["founded_month"]
    if month is not None and founded is None and is_blank(row.values.get(CELL_NAMES["founded_year"])):
        report("founded_month", f"chỉ ghi khi có {CELL_NAMES['founded_year']}; hãy ghi năm thành lập")
    meetings = life["regular_meetings"]
    if founded == year and month is not None and meetings is not None and meetings > MONTHS - month + 1:
        months = MONTHS - month + 1
        report("regular_meetings", f"phải nhỏ hơn hoặc bằng {months}: chi bộ thành lập tháng {month}/{founded}, "
                                   f"đến cuối năm có {months} tháng")
    revised, has_rules = life["rules_revised_year"], life["has_working_rules"]
    if revised is None:
        return
    if founded is not None and revised < founded:
        report("rules_revised_year", f"phải từ năm thành lập chi bộ {founded} trở đi")
    if has_rules is False:
        report("rules_revised_year", f"phải để trống: cột {in_quotes(CELL_NAMES['has_working_rules'])} ghi Không")
    elif has_rules is None and is_blank(row.values.get(CELL_NAMES["has_working_rules"])):
        report("has_working_rules", f"phải là Có: chi bộ đã ghi {CELL_NAMES['rules_revised_year']} {revised}",
               blank=True)


EXTRA_READS = {field: (name, _count, False) for field, name in EXTRA_NAMES.items()}


def read_member_extras(table: Table | None, members: list[dict], found: Findings) -> dict[str, dict]:
    """Discipline by form and candidates trained, by cell key, from the v2 columns of `Đảng viên`."""
    if table is None or not any(name in table.columns for name in EXTRA_NAMES.values()):
        return {}
    extras: dict[str, dict] = {}
    rows = []
    for row, member, read in zip(table.rows, members, found.read_rows(table, EXTRA_READS), strict=True):
        extra = read or found.read_row(table, row, EXTRA_READS)
        _fill_block(table, row, extra)
        _check_discipline(table, row, extra, member, found)
        rows.append(extra)
        if member["cell_code"] is not None:
            extras.setdefault(cell_key(member["cell_code"]), extra)
    if table.total is not None:
        check_total(table, rows, EXTRA_NAMES, found)
    note_unreported(table, {f: EXTRA_NAMES[f] for f in REPORTED_EXTRAS}, rows, found)
    return extras


def _fill_block(table: Table, row: Row, extra: dict) -> None:
    """The discipline block filled in part: its blank cells read 0 (bad cells stay None)."""
    names = [EXTRA_NAMES[f] for f in DISCIPLINE]
    blank = {f for f, name in zip(DISCIPLINE, names, strict=True) if is_blank(row.values.get(name))}
    if len(blank) < len(DISCIPLINE):
        extra.update({f: 0 for f in blank})


def _check_discipline(table: Table, row: Row, extra: dict, member: dict, found: Findings) -> None:
    def report(field: str, expected: str) -> None:
        name = EXTRA_NAMES[field]
        found.problem(table.sheet, row.number, name, extra[field], expected,
                      blank=name in table.columns and is_blank(row.values[name]))

    total = extra["disciplined"]
    if total is None or any(extra[f] is None for f in FORMS):
        return
    forms = sum(extra[f] for f in FORMS)
    if total != forms:
        terms = " + ".join(f"{EXTRA_NAMES[f]} {extra[f]}" for f in FORMS)
        report("disciplined", f"phải bằng {forms} = {terms}")
        return
    expelled = member.get("expelled")
    if expelled is not None and extra["expelled_by_discipline"] != expelled and flow_holds(member):
        report("expelled_by_discipline", f"phải bằng {MEMBER_NAMES['expelled']} {expelled}: đảng viên bị kỷ luật "
                                         "khai trừ là đảng viên bị khai trừ trong năm")
    during = [member.get(f) for f in ("start_count", "admitted", "transferred_in")]
    if None not in during and total > sum(during):
        report("disciplined", f"phải nhỏ hơn hoặc bằng {sum(during)} = {MEMBER_NAMES['start_count']} {during[0]} + "
                              f"{MEMBER_NAMES['admitted']} {during[1]} + {MEMBER_NAMES['transferred_in']} {during[2]}")


def note_unreported(table: Table, names: dict[str, str], rows: list[dict], found: Findings) -> None:
    """Warnings for v2 columns present but left blank: that is stored as "chưa báo cáo", not 0."""
    empty, partial_notes = [], []
    for field, name in names.items():
        if name not in table.columns or field in OPTIONAL:
            continue
        blank = [row.number for row, values in zip(table.rows, rows, strict=True)
                 if values[field] is None and is_blank(row.values[name])]
        if blank and len(blank) == len(table.rows):
            empty.append(name)
        elif blank:
            instead = "Không" if field == "has_working_rules" else "0"
            partial_notes.append(f"Sheet {in_quotes(table.sheet)}, cột {in_quotes(name)}: {len(blank)} dòng để trống "
                                 f"(dòng {row_ranges(blank)}), ghi nhận là chưa báo cáo; nếu không có, hãy ghi {instead}")
    if empty:
        found.warnings.append(f"Sheet {in_quotes(table.sheet)}: chưa điền các cột {', '.join(map(in_quotes, empty))}; "
                              "ghi nhận là chưa báo cáo")
    found.warnings.extend(partial_notes)
