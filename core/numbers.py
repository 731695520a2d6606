"""Figures in Vietnamese words: `1.234`, `67,78%`, `−13,33 điểm %`, `223/329`, `—` for a missing value.

The same decimals for the same kind of figure, half up (core/rounding.py), the typographic minus.
Below every stage because the judgement's and the warnings' sentences quote figures too; the
formats of table columns and chart labels build on these (rendering/format.py).

Kinds of figure and their decimals:
- a rate (a fraction shown as a percentage): RATE_DECIMALS, `67,78%`, or more where RATE_DECIMALS would put it
  on a level it is not on (`RateLevels`: 19/634 against 3% is `2,997%`, never `3,00%` beside «Chưa đạt»);
- a change or distance in percentage points: POINT_DECIMALS, `−13,33 điểm %` (in a table whose
  header says `(điểm %)`: `−13,33`);
- a count: whole, `2.963`; a year: as it is, `2024`; a span of years: `2020–2025`, one year alone `2023`;
- a number as a spreadsheet cell holds it (a workbook's problem quotes it): every decimal it has, `29,5`.

Without pandas: the spreadsheet decoder's process formats its limits here too and never loads it.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable
from decimal import Decimal

from core.rounding import SAME_RATE, percent, round_half_up

RATE_DECIMALS = 2
# enough for any rate off a level by more than SAME_RATE (10⁻⁷ points): 19/634 needs 3, 1/(5 million members) 5
MOST_RATE_DECIMALS = 7
POINT_DECIMALS = 2
SAME_POINTS = SAME_RATE * 100  # rates closer than SAME_RATE are equal: so are points closer than this
MISSING = "—"
MINUS = "−"  # U+2212: "-1,93" reads as a hyphen on a projector
CELL_DIGITS = 15  # significant digits a spreadsheet keeps of a number, and shows


def is_missing(value: object) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    pandas = sys.modules.get("pandas")  # pandas' own missing values exist only once it is loaded
    return pandas is not None and (value is pandas.NA or value is pandas.NaT)


def vi_number(value: float | int | None, decimals: int = 0) -> str:
    """`1234.5` → `1.234,5` (with decimals=1), rounded half up; `-1.925` → `−1,93`; missing → `—`."""
    if is_missing(value):
        return MISSING
    return _vi_written(round_half_up(value, decimals), decimals)


def _vi_written(rounded: float, decimals: int) -> str:
    """A number already rounded to `decimals`, in Vietnamese: `1.234,5`, `−1,93`."""
    text = f"{rounded:,.{decimals}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return MINUS + text[1:] if text.startswith("-") else text


def vi_cell_number(value: float | int, grouped: bool = True) -> str:
    """A number as a spreadsheet cell holds it, never rounded to fewer decimals: `29.5` → `29,5`, `1e15` →
    `1.000.000.000.000.000`, `-1` → `−1`, `0.1 + 0.2` → `0,3` (the 15 digits a spreadsheet shows); `grouped`
    False for a year or a code (`2030`, not `2.030`)."""
    if is_missing(value):
        return MISSING
    try:
        value = float(value)  # what a cell holds: a spreadsheet number is a double
    except OverflowError:  # an int no spreadsheet can hold
        return str(value).replace("-", MINUS)
    if not math.isfinite(value):
        return str(value)
    digits = format(value, f".{CELL_DIGITS}g")
    decimals = max(0, -Decimal(digits).normalize().as_tuple().exponent)
    if decimals > CELL_DIGITS or abs(value) >= 1e21:  # as a spreadsheet writes it too: `1,5E−16`
        return digits.upper().replace("-", MINUS).replace(".", ",")
    text = vi_number(value, decimals)
    return text if grouped else text.replace(".", "")


class RateLevels:
    """The levels rates are judged against (fractions: a programme's levels and bounds), and the decimals a rate
    is shown with beside them: RATE_DECIMALS, or as many more (up to MOST_RATE_DECIMALS) as it takes to read off a
    level that RATE_DECIMALS would put it on and it is not on (closer than SAME_RATE, as the verdict compares).
    `2,997%` «Chưa đạt» against 3%, never `3,00%`; exactly 90% stays `90,00%`, «Chưa đạt» against "trên 90%"."""

    __slots__ = ("values", "_by_shown")

    def __init__(self, values: Iterable[float] = ()):
        self.values = tuple(sorted({float(v) for v in values}))
        self._by_shown = {percent(level, RATE_DECIMALS): level for level in self.values}

    def shown(self, rate: float) -> tuple[float, int]:
        """(the percentage as shown, its decimals): 0.029968 against 3% → (2.997, 3); missing → (nan, 2)."""
        figure = percent(rate, RATE_DECIMALS)
        level = self._by_shown.get(figure)  # one look-up: most rates are near no level
        if level is None or abs(rate - level) <= SAME_RATE:
            return figure, RATE_DECIMALS
        for decimals in range(RATE_DECIMALS + 1, MOST_RATE_DECIMALS + 1):
            if (more := percent(rate, decimals)) != percent(level, decimals):
                return more, decimals
        return figure, RATE_DECIMALS

    def decimals(self, rate: float) -> int:
        return self.shown(rate)[1]


NO_LEVELS = RateLevels()


def vi_percent(rate: float | None, levels: RateLevels = NO_LEVELS) -> str:
    """`0.67781` → `67,78%`, `3/96` → `3,13%` (half up); `19/634` → `2,997%` against a level of 3%
    (`levels`: the programme's, queries.rate_text); missing → `—`."""
    if is_missing(rate):
        return MISSING
    figure, decimals = levels.shown(rate)
    return _vi_written(figure, decimals) + "%"  # rounded by `shown` already


def off_zero(value: float, decimals: int = POINT_DECIMALS, *, fraction: bool = False) -> tuple[float, int]:
    """(`value` rounded, its decimals; a `fraction` as percentage points): `decimals`, or as many more (up to
    MOST_RATE_DECIMALS) as it takes not to show a value off zero as 0: a distance of −0,003 points to a level
    (19/634 = `2,997%` against 3%) reads `−0,003`, never `−0,00` beside «Chưa đạt»; within SAME_POINTS of zero it
    is zero."""
    def rounded_to(places: int) -> float:
        return percent(value, places) if fraction else round_half_up(value, places)

    rounded = rounded_to(decimals)
    if rounded != 0 or is_missing(value) or abs(value) * (100 if fraction else 1) <= SAME_POINTS:
        return rounded, decimals
    for more in range(decimals + 1, MOST_RATE_DECIMALS + 1):
        if (rounded := rounded_to(more)) != 0:
            return rounded, more
    return 0.0, decimals


def vi_decimal(value: float | None, decimals: int = POINT_DECIMALS) -> str:
    """A figure with decimals (points, a mean): `−13,33`, `−0,003` (`off_zero`); missing → `—`."""
    if is_missing(value):
        return MISSING
    return _vi_written(*off_zero(value, decimals))


def vi_points(delta: float | None) -> str:
    """A change of rate (a fraction) in percentage points with its sign: `+1,25 điểm %`, `−13,33 điểm %`,
    `−0,003 điểm %` (`off_zero`)."""
    if is_missing(delta):
        return MISSING
    points, decimals = off_zero(abs(delta), fraction=True)
    sign = "±" if points == 0 else ("+" if delta > 0 else MINUS)
    return f"{sign}{_vi_written(points, decimals)} điểm %"


def year_span(first: int, last: int) -> str:
    """`2020–2025` in a title over years; `2023` when the span is that one year."""
    return str(last) if first == last else f"{first}–{last}"


def vi_count(numerator: int | None, denominator: int | None) -> str:
    """`223/329`."""
    if is_missing(numerator) or is_missing(denominator):
        return MISSING
    return f"{vi_number(numerator)}/{vi_number(denominator)}"

