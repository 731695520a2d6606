"""The years of the programme file (queries.programme): which baseline year, start year, deadlines and periods
make sense together, each refused otherwise with a Vietnamese message naming its key and what would do.

Every year of the programme lies from the first year a workbook may report on (settings.FIRST_REPORT_YEAR:
no figure exists before it) to HORIZON. The deadlines increase; the baseline year, from which every pace is
measured, comes before the first deadline (a pace toward it); the start year comes no later than the first
deadline (its period runs forward), and a period declared for a deadline runs from the start year on to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from core.wording import as_in_toml
from settings import FIRST_REPORT_YEAR


class _Section(Protocol):
    """A table of the programme file as queries.programme reads it: a key's value, or None with its problem noted."""

    def get(self, key: str, kind: type | tuple, what: str, default: object = ...,
            check: Callable[[object], bool] | None = None) -> object: ...

HORIZON = 2100  # the last deadline a file may set; an arrival later than this is no forecast anyone can use


def is_year(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and FIRST_REPORT_YEAR <= value <= HORIZON


def calendar(head: _Section) -> tuple[int | None, int | None, tuple[int, ...]]:
    """`nam_goc`, `nam_bat_dau` and `moc` of [de_an]; None (or no deadlines) for a value refused."""
    deadlines = tuple(head.get("moc", list, f"một danh sách năm tăng dần, từ {FIRST_REPORT_YEAR} đến {HORIZON}, ví "
                               "dụ [2025, 2030]", check=lambda v: bool(v) and all(is_year(y) for y in v)
                               and list(v) == sorted(set(v))) or ())
    first = deadlines[0] if deadlines else HORIZON + 1
    since = f"một năm từ {FIRST_REPORT_YEAR} (năm báo cáo đầu tiên) đến"
    baseline = head.get("nam_goc", int, f"{since} {first - 1}" + _deadline(f", trước mốc đầu {first}", deadlines),
                        check=lambda v: is_year(v) and v < first)
    start = head.get("nam_bat_dau", int, f"{since} {min(first, HORIZON)}" + _deadline(", mốc đầu", deadlines),
                     check=lambda v: is_year(v) and v <= first)
    return baseline, start, deadlines


def period(section: _Section, deadline: int, start: int | None) -> tuple[int, int] | None:
    """`giai_doan_2030 = [2025, 2030]`: from the start year (`nam_bat_dau`) or later, to the deadline."""
    first = start if start is not None else FIRST_REPORT_YEAR
    named = f"{first} (nam_bat_dau)" if start is not None else str(first)
    example = [max(first, deadline - 5), deadline]
    years = section.get(f"giai_doan_{deadline}", list, f"[năm đầu, {deadline}]: giai đoạn kết thúc ở năm mốc, năm "
                        f"đầu từ {named} đến {deadline}, ví dụ {as_in_toml(example)}", None,
                        check=lambda v: len(v) == 2 and all(map(is_year, v)) and first <= v[0] <= v[1] == deadline)
    return None if years is None else (years[0], years[1])


def applies_from(section: _Section, deadlines: tuple[int, ...]) -> int | None:
    """`ap_dung_tu`: the year a target applies from, no later than the last deadline (else it never applies)."""
    last = deadlines[-1] if deadlines else HORIZON
    return section.get("ap_dung_tu", int, f"một năm từ {FIRST_REPORT_YEAR} (năm báo cáo đầu tiên) đến {last}"
                       + _deadline(", mốc cuối", deadlines), None, check=lambda v: is_year(v) and v <= last)


def _deadline(words: str, deadlines: tuple[int, ...]) -> str:
    """`, mốc đầu của [de_an] moc`: what a bound is, said when it is a deadline (none when `moc` is refused)."""
    return f"{words} của [de_an] moc" if deadlines else ""
