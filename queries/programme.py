"""The programme as data: data/programme.toml (or the file DP_PROGRAMME names), read and checked.

The file holds the programme's name and owner, its baseline year and deadlines, the name of the
whole area per period, and every indicator with its labels, population, kind of target, level per
deadline (and the years leading to it, where the Đề án names them) and the data it counts per period. `queries.judgement` judges figures against it; nothing
else in the code knows a threshold or a deadline. A file that does not fit is refused with every
problem at once, each naming its key, in Vietnamese.
"""

from __future__ import annotations

import re
import tomllib
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from pathlib import Path

from core.numbers import RateLevels
from core.wording import as_in_toml
from database.sql import read_sql
from queries.programme_years import applies_from, calendar, period
from settings import programme_path

HELD: ContextVar[tuple[str, Programme] | None] = ContextVar("held_programme", default=None)  # queries.programme_held


class Kind(StrEnum):
    EVERY_YEAR = "hang_nam"
    LEVEL_BY_DEADLINE = "muc_theo_moc"
    FLOOR_BAND = "khung_san"
    NONE = "khong"


class ProgrammeError(ValueError):
    """The programme file cannot be used; `problems` are Vietnamese, one per key."""

    def __init__(self, path: Path, problems: list[str]):
        self.path, self.problems = path, problems
        super().__init__(f"Tệp chương trình {path.name} không dùng được:\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class Basis:
    """What an indicator counts from `from_year` on: a fact of views.sql and its name."""

    from_year: int
    fact: str
    name: str
    note: str | None = None  # shown on every chart and card of a year counted this way


@dataclass(frozen=True)
class Indicator:
    code: str
    group: str  # T1 … T7
    short: str  # T4a: tables and file names
    label: str  # cards, axis titles
    compact: str  # table columns: `T4 · THPT và sơ cấp LLCT`
    numerator_label: str
    denominator_label: str
    headline: bool
    kind: Kind
    levels: dict[int, float]  # deadline → level (a floor band: its floor)
    periods: dict[int, tuple[int, int]] = field(default_factory=dict)  # deadline → its years, where the file says
    strict: bool = False  # "trên 90%": the level itself is not enough
    upper: float | None = None  # a floor band's upper bound
    from_year: int | None = None  # the target applies from this year on (T7: 2023)
    standard: str | None = None  # what each person counted must have: `có THPT và sơ cấp LLCT`
    quote: str = ""  # the Đề án's sentence
    bases: tuple[Basis, ...] = ()
    counted: str | None = None  # what a format v2 fact leaves out when not reported: `chi bộ`, `đơn vị`
    beside: str | None = None  # the headline indicator it is shown beside (the quota beside T3)

    @property
    def heading(self) -> str:
        """`T5 · Trung cấp chuyên môn trở lên`."""
        return f"{self.group} · {self.label}"

    @property
    def column(self) -> str:
        """`T5 · Trung cấp chuyên môn`: a table column or a heat map column."""
        return f"{self.group} · {self.compact}"

    def basis(self, year: int) -> Basis:
        """What the indicator counts in `year` (the first period's data before it starts)."""
        started = [b for b in self.bases if b.from_year <= year]
        return started[-1] if started else self.bases[0]

    def basis_start(self, year: int) -> int:
        """The first year counted as in `year` (0: the first period): no change or pace across it."""
        basis = self.basis(year)
        return basis.from_year if basis is not self.bases[0] else 0

    def level(self, deadline: int) -> float | None:
        """The level due by `deadline` (a floor band: its floor); None without a target."""
        return self.levels.get(deadline)


@dataclass(frozen=True)
class Programme:
    name: str
    tab_title: str
    owner: str  # the header line of slides and report
    issuer: str  # the report's author
    baseline: int
    start_year: int
    deadlines: tuple[int, ...]
    area_names: tuple[tuple[int, str], ...]  # (from year, name of the whole area)
    excellent_cap: float
    cap_codes: tuple[str, str]  # (organisations, members)
    indicators: tuple[Indicator, ...]
    by_code: dict[str, Indicator] = field(init=False, repr=False, compare=False)
    rate_levels: RateLevels = field(init=False, repr=False, compare=False)
    source: str = field(default="", repr=False, compare=False)  # the file's text it was read from

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_code", {i.code: i for i in self.indicators})
        object.__setattr__(self, "rate_levels", RateLevels(self.levels()))

    def levels(self) -> set[float]:
        """Every level a figure is judged against: each indicator's per deadline, a band's upper bound, the cap
        on "xuất sắc" ratings. A rate shown next to one of them says which side it is on (core.numbers)."""
        found = {level for i in self.indicators for level in (*i.levels.values(), i.upper) if level is not None}
        return found | ({self.excellent_cap} if self.excellent_cap is not None else set())

    def indicator(self, code: str) -> Indicator:
        return self.by_code[code]

    def has(self, code: str) -> bool:
        return code in self.by_code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.indicators)

    @property
    def headline(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.indicators if i.headline)

    def beside(self, code: str) -> tuple[str, ...]:
        """The indicators shown beside the headline indicator `code` (its card), in the file's order."""
        return tuple(i.code for i in self.indicators if i.beside == code)

    def legend(self) -> str:
        """`T1: TCCSĐ hoàn thành tốt nhiệm vụ trở lên; …; T4a: Tốt nghiệp THPT; …`: what the short codes mean."""
        return "; ".join(f"{i.short}: {i.label}" for i in self.indicators)

    def whole_area(self, year: int) -> str:
        """The name of the whole area in `year` (`Toàn thị xã`, from 2025 the former town's area)."""
        names = [name for first, name in self.area_names if first <= year]
        return names[-1] if names else self.area_names[0][1]

    def deadline_for(self, year: int) -> int:
        """The deadline whose level is in force in `year`: the first not yet passed, else the last."""
        return next((d for d in self.deadlines if d >= year), self.deadlines[-1])

    def period_of(self, indicator: Indicator | str, deadline: int) -> tuple[int, int]:
        """The years of `indicator` that lead to `deadline`: the period the file declares for it (T3: «giai đoạn
        2025-2030», 2025 in both), else from the programme's start or the year after the previous deadline."""
        ind = indicator if isinstance(indicator, Indicator) else self.indicator(indicator)
        if deadline in ind.periods:
            return ind.periods[deadline]
        earlier = [d for d in self.deadlines if d < deadline]
        return (earlier[-1] + 1 if earlier else self.start_year), deadline

    def sources(self, codes: tuple[str, ...] | None = None) -> list[dict]:
        """The facts each indicator reads per period, as `selected_facts` binds them (`$sources`)."""
        rows = []
        for ind in self.indicators:
            if codes is not None and ind.code not in codes:
                continue
            for index, basis in enumerate(ind.bases):
                last = ind.bases[index + 1].from_year - 1 if index + 1 < len(ind.bases) else 9999
                rows.append({"code": ind.code, "fact": basis.fact, "year_from": basis.from_year if index else 0,
                             "year_to": last, "basis": basis.from_year if index else 0})
        return rows


def programme(path: Path | None = None) -> Programme:
    """The programme in force, read again when its file changes (one version held: queries.programme_held)."""
    if path is None and (held := HELD.get()) is not None:
        return held[1]
    path = (path or programme_path()).absolute()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise ProgrammeError(path, [f"không đọc được tệp ({exc.strerror})"]) from exc
    return _read(path, stamp)


def programme_key() -> str:
    """Changes when the programme file does: part of every cached query's key (the version held, if one is)."""
    if (held := HELD.get()) is not None:
        return held[0]
    path = programme_path().absolute()
    try:
        return f"{path}:{path.stat().st_mtime_ns}"
    except OSError:
        return str(path)


@cache
def _read(path: Path, stamp: int) -> Programme:
    try:
        data = tomllib.loads(text := path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ProgrammeError(path, [f"sai cú pháp TOML: {exc}"]) from exc
    problems: list[str] = []
    result = _programme(data, problems)
    if problems:
        raise ProgrammeError(path, problems)
    return replace(result, source=text)


@cache
def known_facts() -> frozenset[str]:
    """The facts `indicator_definition` (views.sql) computes for every unit and year."""
    return frozenset(re.findall(r"\{'indicator': '([A-Za-z0-9_]+)'", read_sql("views")))


# ---- checking the file: each reader takes what it needs and names what is wrong ----------

TOP = {"de_an", "toan_dia_ban", "xuat_sac", "chi_tieu"}
HEADER = {"ten", "ten_tab", "co_quan", "ban_hanh", "nam_goc", "nam_bat_dau", "moc"}
INDICATOR_KEYS = {"ma", "nhom", "ten_ngan", "ten", "ten_gon", "tu_so", "mau_so", "chinh", "loai", "nghiem_ngat",
                  "muc_tren", "ap_dung_tu", "tieu_chuan", "de_an", "co_so", "dem_theo", "ben_canh"}
BASIS_KEYS = {"tu_nam", "so_lieu", "ten", "ghi_chu"}


class _Section:
    """One table of the file: typed reads that record a Vietnamese problem instead of failing."""

    def __init__(self, data: object, where: str, problems: list[str]):
        self.where, self.problems = where, problems
        self.data = data if isinstance(data, dict) else {}
        if not isinstance(data, dict):
            self.problem("phải là một bảng khóa = giá trị")

    def problem(self, text: str) -> None:
        self.problems.append(f"{self.where}: {text}")

    def unknown(self, allowed: set[str], pattern: str | None = None) -> None:
        for key in self.data:
            if key not in allowed and not (pattern and re.fullmatch(pattern, key)):
                self.problem(f'khóa "{key}" không có trong khuôn dạng (bỏ đi hoặc sửa tên)')

    def get(self, key: str, kind: type | tuple, what: str, default: object = ..., check=None) -> object:
        if key not in self.data:
            if default is ...:
                self.problem(f'thiếu khóa "{key}"')
            return None if default is ... else default
        value = self.data[key]
        if isinstance(value, bool) and kind is not bool or not isinstance(value, kind) or (check and not check(value)):
            self.problem(f'khóa "{key}" phải là {what} (đang là {as_in_toml(value)})')
            return None if default is ... else default
        return value

    def text(self, key: str, default: object = ...) -> str | None:
        return self.get(key, str, "một chuỗi chữ không rỗng", default, check=lambda v: bool(v.strip()))

    def year(self, key: str, default: object = ...) -> int | None:
        return self.get(key, int, "một năm, ví dụ 2025", default, check=lambda v: 1900 <= v <= 2200)

    def rate(self, key: str, default: object = ...) -> float | None:
        value = self.get(key, (int, float), "một tỷ lệ từ 0 đến 1, ví dụ 0.9 cho 90%", default,
                         check=lambda v: 0 <= v <= 1)
        return None if value is None else float(value)

    def flag(self, key: str) -> bool:
        return bool(self.get(key, bool, "true hoặc false", False))

    def tables(self, key: str, default: object = ...) -> list:
        return self.get(key, list, "một danh sách bảng [[...]]", default, check=lambda v: len(v) > 0) or []


def _programme(data: dict, problems: list[str]) -> Programme | None:
    top = _Section(data, "tệp", problems)
    top.unknown(TOP)
    head = _Section(data.get("de_an"), "[de_an]", problems)
    head.unknown(HEADER)
    baseline, start, deadlines = calendar(head)
    areas = [_area(_Section(t, f"[[toan_dia_ban]] thứ {n}", problems)) for n, t in
             enumerate(top.tables("toan_dia_ban"), 1)]
    cap = _Section(data.get("xuat_sac"), "[xuat_sac]", problems)
    cap.unknown({"tran", "to_chuc", "dang_vien"})
    indicators = [_indicator(_Section(t, f"chỉ tiêu thứ {n}", problems), deadlines, start, problems)
                  for n, t in enumerate(top.tables("chi_tieu"), 1)]
    result = Programme(
        name=head.text("ten"), tab_title=head.text("ten_tab"), owner=head.text("co_quan"),
        issuer=head.text("ban_hanh"), baseline=baseline, start_year=start,
        deadlines=deadlines, area_names=tuple(a for a in areas if a), excellent_cap=cap.rate("tran"),
        cap_codes=(cap.text("to_chuc"), cap.text("dang_vien")), indicators=tuple(i for i in indicators if i),
    )
    _cross_checks(result, top, problems)
    return result


def _area(section: _Section) -> tuple[int, str] | None:
    section.unknown({"tu_nam", "ten"})
    first, name = section.year("tu_nam"), section.text("ten")
    return (first, name) if first is not None and name else None


def _indicator(section: _Section, deadlines: tuple[int, ...], start: int | None,
               problems: list[str]) -> Indicator | None:
    code = section.text("ma")
    if code:
        section.where = f"chỉ tiêu {code}"
    section.unknown(INDICATOR_KEYS, r"(muc|giai_doan)_\d{4}")
    kind_text = section.text("loai")
    try:
        kind = Kind(kind_text) if kind_text else None
    except ValueError:
        section.problem(f'khóa "loai" = "{kind_text}" không hợp lệ (chọn một trong: '
                        f'{", ".join(k.value for k in Kind)})')
        kind = None
    levels = {}
    if kind is not None and kind is not Kind.NONE:
        levels = {d: section.rate(f"muc_{d}") for d in deadlines}
    for key in section.data:
        if deadlines and re.fullmatch(r"(muc|giai_doan)_\d{4}", key) and int(key[-4:]) not in deadlines:
            section.problem(f'khóa "{key}": {key[-4:]} không phải một mốc của [de_an] moc')
    periods = _periods(section, deadlines, start, kind)
    upper = section.rate("muc_tren", None) if kind is Kind.FLOOR_BAND else None
    if kind is Kind.FLOOR_BAND and "muc_tren" not in section.data:
        section.problem('thiếu khóa "muc_tren" (mức trên của khung)')
    if upper is not None and any(v is not None and v >= upper for v in levels.values()):
        section.problem('khóa "muc_tren" phải lớn hơn mức của mọi mốc')
    bases = [_basis(_Section(t, f"{section.where}, [[co_so]] thứ {n}", problems))
             for n, t in enumerate(section.tables("co_so", []), 1)]
    if not section.data.get("co_so") and code:
        bases = [Basis(0, code, "")]
    values = dict(
        code=code, group=section.text("nhom"), short=section.text("ten_ngan"), label=section.text("ten"),
        numerator_label=section.text("tu_so"), denominator_label=section.text("mau_so"),
        headline=section.flag("chinh"), kind=kind, strict=section.flag("nghiem_ngat"), upper=upper,
        from_year=applies_from(section, deadlines), standard=section.text("tieu_chuan", None),
        quote=section.text("de_an", ""), bases=tuple(b for b in bases if b),
        counted=section.text("dem_theo", None), beside=section.text("ben_canh", None),
    )
    values["compact"] = section.text("ten_gon", values["label"])
    required = ("code", "group", "short", "label", "numerator_label", "denominator_label", "kind")
    if any(values[k] is None for k in required) or any(v is None for v in levels.values()) or not values["bases"]:
        return None
    if not section.data.get("co_so") and code not in known_facts():
        section.problem(f'mã "{code}" không có trong định nghĩa chỉ tiêu (views.sql): thêm [[co_so]] với so_lieu '
                        f'là một trong: {", ".join(sorted(known_facts()))}')
        return None
    return Indicator(levels=levels, periods=periods, **values)


def _periods(section: _Section, deadlines: tuple[int, ...], start: int | None,
             kind: Kind | None) -> dict[int, tuple[int, int]]:
    """`giai_doan_2030 = [2025, 2030]`: the years an every-year or band indicator is summed over toward a deadline."""
    declared = [d for d in deadlines if f"giai_doan_{d}" in section.data]
    if declared and kind in (Kind.LEVEL_BY_DEADLINE, Kind.NONE):
        section.problem(f'khóa "giai_doan_{declared[0]}" chỉ dùng cho chỉ tiêu có loai "{Kind.EVERY_YEAR.value}" '
                        f'hoặc "{Kind.FLOOR_BAND.value}"')
        return {}
    return {d: years for d in declared if (years := period(section, d, start)) is not None}


def _basis(section: _Section) -> Basis | None:
    section.unknown(BASIS_KEYS)
    first, fact, name = section.year("tu_nam"), section.text("so_lieu"), section.text("ten")
    note = section.text("ghi_chu", None)
    if fact and fact not in known_facts():
        section.problem(f'khóa "so_lieu" = "{fact}" không có trong định nghĩa chỉ tiêu (views.sql); chọn một trong: '
                        f'{", ".join(sorted(known_facts()))}')
        return None
    return Basis(first, fact, name, note) if first is not None and fact and name else None


def _cross_checks(result: Programme, top: _Section, problems: list[str]) -> None:
    codes = [i.code for i in result.indicators]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        top.problem(f'mã chỉ tiêu "{code}" khai báo hai lần')
    if result.area_names and sorted(result.area_names) != list(result.area_names):
        top.problem("các bảng [[toan_dia_ban]] phải theo thứ tự năm tăng dần")
    for role, code in zip(("to_chuc", "dang_vien"), result.cap_codes, strict=True):
        if code and code not in codes:
            problems.append(f'[xuat_sac]: khóa "{role}" = "{code}" không phải mã một chỉ tiêu của tệp')
    for ind in result.indicators:
        if ind.beside is not None and ind.beside not in codes:
            problems.append(f'chỉ tiêu {ind.code}: khóa "ben_canh" = "{ind.beside}" không phải mã một chỉ tiêu của tệp')
        years = [b.from_year for b in ind.bases]
        if years != sorted(set(years)):
            problems.append(f"chỉ tiêu {ind.code}: các [[co_so]] phải theo thứ tự năm tăng dần")
