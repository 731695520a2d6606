"""The unit reference table and the matching of a unit name or code for a report year.

A unit is a ward or commune (`Phường`, `Xã`, `Thị trấn`: its name follows the kind) or, since
format v2, another party organisation of the town (`Cơ quan`, `Trường học`, `Quân sự`,
`Công an`, `Doanh nghiệp`: its name is written in full) submitting the same workbook without
village or residential-group cells (docs/DATA_CONTRACT.md, "Đơn vị").
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.text import fold
from core.wording import in_quotes
from settings import units_csv

# What a unit of data/units.csv is: a ward or commune (with village / residential-group cells) or
# an organisation of the town (agency, school, armed forces, enterprise) without them.
TERRITORIAL_UNIT_KINDS = ("Phường", "Xã", "Thị trấn")
ORGANISATION_UNIT_KINDS = ("Cơ quan", "Trường học", "Quân sự", "Công an", "Doanh nghiệp")
UNIT_KINDS = (*TERRITORIAL_UNIT_KINDS, *ORGANISATION_UNIT_KINDS)
KIND_PREFIXES = ("phuong", "xa", "thi tran")
SAMPLE_MARK = "Có"  # the `sample` column of a fictional unit
LISTED_UNITS = 30  # a longer list of a year's units in a message is cut (the country has 10,000)


@dataclass(frozen=True)
class Unit:
    unit_id: str
    code: str
    name: str
    kind: str
    valid_from: int
    valid_to: int | None
    successor_id: str | None
    parent_id: str | None = None  # an organisation: the ward or commune party committee above it today
    sample: bool = False  # a fictional unit of the sample data

    @property
    def territorial(self) -> bool:
        """A ward or commune, with village / residential-group cells; else an organisation."""
        return self.kind in TERRITORIAL_UNIT_KINDS

    @property
    def full_name(self) -> str:
        """The one label rule: `Phường Phổ Hòa`, but an organisation's name as written
        (`Đảng bộ Quân sự thị xã Đức Phổ`, not `Quân sự Đảng bộ Quân sự …`). Stored in the
        database's `units.full_name`, which every SQL label reads."""
        return f"{self.kind} {self.name}" if self.territorial else self.name

    @property
    def kind_rank(self) -> int:
        """The official order of kinds (UNIT_KINDS): wards, communes, then organisations."""
        return UNIT_KINDS.index(self.kind)

    @property
    def current_id(self) -> str:
        """The unit of today this unit counts under (the boundary `current`): the unit it merged into
        on 1 July 2025, the ward or commune party committee an organisation sits under, or itself."""
        return self.successor_id or self.parent_id or self.unit_id

    def valid_in(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


class UnitNotFound(ValueError):
    """The unit text matches no unit of that year; `message` is Vietnamese for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def load_units(path: Path | None = None) -> tuple[Unit, ...]:
    """The units of `path`, by default the reference in force (settings.units_csv)."""
    return _read_units(path or units_csv())


@lru_cache(maxsize=4)
def _read_units(path: Path) -> tuple[Unit, ...]:
    with open(path, encoding="utf-8", newline="") as fh:
        units = tuple(
            Unit(
                unit_id=row["unit_id"],
                code=row["code"],
                name=row["name"],
                kind=row["kind"],
                valid_from=int(row["valid_from"]),
                valid_to=int(row["valid_to"]) if row["valid_to"] else None,
                successor_id=row["successor_id"] or None,
                parent_id=row.get("parent_id") or None,
                sample=(row.get("sample") or "").strip() == SAMPLE_MARK,
            )
            for row in csv.DictReader(fh)
        )
    ids = {u.unit_id for u in units}
    for line, unit in enumerate(units, start=2):
        if unit.kind not in UNIT_KINDS:
            raise ValueError(f"{path}, dòng {line}: loại đơn vị {in_quotes(unit.kind)} phải là một trong: {', '.join(UNIT_KINDS)}")
        if unit.parent_id and (unit.territorial or unit.parent_id not in ids):
            raise ValueError(f"{path}, dòng {line}: parent_id {in_quotes(unit.parent_id)} phải là mã (unit_id) của một đơn vị "
                             "trong tệp, và chỉ ghi cho tổ chức đảng không phải phường, xã")
    return units


def units_by_id(units: tuple[Unit, ...] | None = None) -> dict[str, Unit]:
    return {u.unit_id: u for u in (units or load_units())}


def _name_key(text: str) -> str:
    """Folded name without the kind prefix: `Phường Phổ Hòa` → `pho hoa`."""
    key = fold(text)
    for prefix in KIND_PREFIXES:
        if key.startswith(prefix + " "):
            return key[len(prefix) + 1 :]
    return key


def _matches(unit: Unit, text: str) -> bool:
    raw = fold(text)
    if raw.endswith(".0") and raw[:-2].isdigit():  # a code typed into a number cell
        raw = raw[:-2]
    if raw == unit.code:
        return True
    if raw == fold(unit.full_name):
        return True
    # without a kind prefix, any kind matches; with one, it must be the unit's own kind
    return _name_key(text) == fold(unit.name) and (
        raw == fold(unit.name) or raw.startswith(fold(unit.kind) + " ")
    )


def resolve_unit(text: object, year: int, units: tuple[Unit, ...] | None = None) -> Unit:
    """The unit that `text` names in report year `year`, or UnitNotFound saying why."""
    units = units or load_units()
    shown = str(text).strip()
    if not shown:
        raise UnitNotFound("chưa ghi tên hoặc mã đơn vị")
    matching = [u for u in _candidates(units, shown) if _matches(u, shown)]
    current = [u for u in matching if u.valid_in(year)]
    if len(current) == 1:
        return current[0]
    if len(current) > 1:
        names = ", ".join(f"{u.full_name} ({u.code})" for u in current)
        raise UnitNotFound(f"{in_quotes(shown)} khớp nhiều đơn vị năm {year}: {names}; hãy ghi mã đơn vị")
    for unit in matching:
        _refuse_out_of_year(unit, shown, year, units)
    valid = [u.full_name for u in units if u.valid_in(year)]
    listed = ", ".join(valid) if len(valid) <= LISTED_UNITS else (
        ", ".join(valid[:LISTED_UNITS]) + f"… ({len(valid)} đơn vị; hãy ghi mã đơn vị)")
    raise UnitNotFound(f"không có đơn vị {in_quotes(shown)} trong năm {year}; các đơn vị năm đó: {listed}")


def _refuse_out_of_year(unit: Unit, shown: str, year: int, units: tuple[Unit, ...]) -> None:
    """UnitNotFound saying when `unit` (named `shown`) existed, if it did not in `year`."""
    if unit.valid_in(year):
        return
    if unit.valid_to is not None and year > unit.valid_to and unit.successor_id:
        successor = units_by_id(units)[unit.successor_id]
        raise UnitNotFound(
            f"{in_quotes(shown)} ({unit.full_name}, mã {unit.code}) không còn tồn tại từ năm "
            f"{unit.valid_to + 1}; từ năm {successor.valid_from} báo cáo theo đơn vị "
            f"{successor.full_name} (mã {successor.code})"
        )
    if year < unit.valid_from:
        raise UnitNotFound(f"{in_quotes(shown)} ({unit.full_name}) chỉ có từ năm {unit.valid_from}")


def find_unit(text: object, year: int, units: tuple[Unit, ...] | None = None) -> Unit:
    """The unit a command line names for `year`: by its id (`21439-2025`, as the pages' addresses and
    data/units.csv write it) or as `resolve_unit` reads a name or statistics code; UnitNotFound saying why."""
    units = units or load_units()
    shown = str(text).strip()
    unit = units_by_id(units).get(shown)
    if unit is None:
        return resolve_unit(text, year, units)
    _refuse_out_of_year(unit, shown, year, units)
    if not unit.valid_in(year):
        raise UnitNotFound(f"{in_quotes(shown)} ({unit.full_name}) chỉ có đến năm {unit.valid_to}")
    return unit


class PerReference:
    """What is derived from one read of the unit reference (an index, a table): `load_units` returns the
    same tuple until the file changes, so `build(units)` runs once per read, by one thread while the others
    wait for it, and the last four are kept."""

    def __init__(self, build: Callable[[tuple[Unit, ...]], object]):
        self.build = build
        self.made: dict[int, tuple[tuple[Unit, ...], object]] = {}  # id of the tuple → (it, what it gave)
        self._lock = threading.Lock()

    def __call__(self, units: tuple[Unit, ...]):
        known = self.made.get(id(units))
        if known is None or known[0] is not units:
            with self._lock:
                known = self.made.get(id(units))
                if known is None or known[0] is not units:
                    known = self.made[id(units)] = (units, self.build(units))
                    while len(self.made) > 4:
                        self.made.pop(next(iter(self.made)))
        return known[1]


def _build_index(units: tuple[Unit, ...]) -> dict[str, list[int]]:
    """The positions of the units by code and folded names (1 s of CPU for the country's 10,000 units)."""
    index: dict[str, list[int]] = {}
    for position, unit in enumerate(units):
        for word in {unit.code, fold(unit.full_name), fold(unit.name)}:
            index.setdefault(word, []).append(position)
    return index


_index = PerReference(_build_index)


def prepare_index() -> None:
    """Build the index of the units in force now (the upload page, while the user picks files), so that
    the first upload of a process does not wait for it."""
    _index(load_units())


def _candidates(units: tuple[Unit, ...], text: str) -> list[Unit]:
    """The units `_matches` may accept for `text`, in table order, found by key rather than by
    trying all of them (10,000 units for the country)."""
    index = _index(units)
    raw = fold(text)
    if raw.endswith(".0") and raw[:-2].isdigit():
        raw = raw[:-2]
    positions = {p for word in (raw, _name_key(text)) for p in index.get(word, ())}
    return [units[p] for p in sorted(positions)]


def units_in_year(year: int, units: tuple[Unit, ...] | None = None) -> list[Unit]:
    return [u for u in (units or load_units()) if u.valid_in(year)]


def merged_into(unit_id: str, year: int, units: tuple[Unit, ...] | None = None) -> Unit | None:
    """The unit `unit_id` had merged into by `year`; None when it had not ended by then (or ended without one)."""
    by_id = units_by_id(units)
    unit = by_id.get(unit_id)
    if unit is None or unit.valid_to is None or year <= unit.valid_to or not unit.successor_id:
        return None
    return by_id[unit.successor_id]


def merged_note(unit_id: str, year: int, units: tuple[Unit, ...] | None = None) -> str | None:
    """What became of a unit chosen for a year after it merged, and what to choose instead (the sidebar and a
    page that stops for it say it alike), else None: `Phường Phổ Hòa đã sáp nhập vào Phường Đức Phổ từ năm 2025:
    số liệu năm 2025 của địa bàn này nằm trong số liệu của Phường Đức Phổ; chọn Phường Đức Phổ hoặc một năm
    đến 2024.`"""
    successor = merged_into(unit_id, year, units)
    if successor is None:
        return None
    unit = units_by_id(units)[unit_id]
    return (f"{unit.full_name} {_went(unit, successor)}: số liệu năm {year} của địa bàn này nằm trong số liệu của "
            f"{successor.full_name}; chọn {successor.full_name} hoặc một năm đến {unit.valid_to}.")


def merged_away(unit_ids: Sequence[str], year: int, units: tuple[Unit, ...] | None = None) -> list[tuple[Unit, Unit]]:
    """(unit, the unit it went into) for each of `unit_ids` merged into another by `year`, in their order."""
    by_id = units_by_id(units)
    return [(by_id[unit_id], successor) for unit_id in unit_ids
            if (successor := merged_into(unit_id, year, units)) is not None]


def left_out_note(unit_ids: Sequence[str], year: int, units: tuple[Unit, ...] | None = None) -> str | None:
    """The chosen units merged into another by `year`, said where figures are shown all the same (of the others
    chosen, or of earlier years), else None: `Không có số liệu năm 2025 của Phường Phổ Hòa (đã sáp nhập vào Phường
    Đức Phổ từ năm 2025).`"""
    gone = [f"{unit.full_name} ({_went(unit, successor)})" for unit, successor in merged_away(unit_ids, year, units)]
    return f"Không có số liệu năm {year} của {', '.join(gone)}." if gone else None


def left_out_short(unit_ids: Sequence[str], year: int, units: tuple[Unit, ...] | None = None) -> str | None:
    """`left_out_note` short, for a line cut at the screen's edge (the slides' footer, ~130 characters at 1024 px):
    `Phường Phổ Hòa đã sáp nhập vào Phường Đức Phổ`."""
    gone = [f"{unit.full_name} {_went(unit, successor, since=False)}"
            for unit, successor in merged_away(unit_ids, year, units)]
    return "; ".join(gone) or None


def _went(unit: Unit, successor: Unit, since: bool = True) -> str:
    return f"đã sáp nhập vào {successor.full_name}" + (f" từ năm {unit.valid_to + 1}" if since else "")
