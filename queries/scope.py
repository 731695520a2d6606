"""The filter every named query takes, and the reader's unit restriction applied beneath it.

`restricted_to(units)` is entered by the caller that knows who is reading (the app, from the
logged-in user on the server; never from a widget or the URL). Every query binds the
restriction as `$allowed` and reads units through the `scoped_units` macro of views.sql.
Outside any `restricted_to` block (the command line, the tests) every unit is visible.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

BOUNDARY_REPORTED = "reported"  # units as they reported that year (15 before 2025, 5 from 2025)
BOUNDARY_CURRENT = "current"  # the 5 units from 1 July 2025, earlier years summed into them
BOUNDARIES = (BOUNDARY_REPORTED, BOUNDARY_CURRENT)
_ALLOWED: ContextVar[tuple[str, ...] | None] = ContextVar("allowed_units", default=None)
NO_UNITS = "Không có đơn vị nào"


@contextmanager
def restricted_to(units: Iterable[str] | None) -> Iterator[None]:
    """Queries in this block see only `units` (unit ids); None = all units, () = none."""
    token = _ALLOWED.set(None if units is None else tuple(units))
    try:
        yield
    finally:
        _ALLOWED.reset(token)


def allowed_param() -> list[str] | None:
    """The `$allowed` bind value: None = all units, a list (maybe empty) = only those, with the marks
    `scoped_units` reads for a new unit the reader may see only part of (`partly_shown`)."""
    allowed = _ALLOWED.get()
    return None if allowed is None else [*allowed, *partly_shown(allowed)]


def partly_shown(allowed: Sequence[str]) -> list[str]:
    """For a restricted reader, the new units (the boundary `current`) some unit of which is not theirs
    (`partly:<id>`), and the reader's units in them (`as-reported:<id>`): those are shown as they reported,
    never summed under the new unit's name (database/sql/views.sql `scoped_units`)."""
    from database.units import units_by_id

    known = units_by_id()
    mine = set(allowed)
    theirs = {u.current_id for u in known.values() if u.unit_id in mine}
    partly = theirs & {u.current_id for u in known.values() if u.unit_id not in mine}
    shown = sorted(u.unit_id for u in known.values() if u.unit_id in mine and u.current_id in partly)
    return [*(f"partly:{d}" for d in sorted(partly)), *(f"as-reported:{u}" for u in shown)]


def area_label(allowed: Sequence[str] | None, year: int) -> str:
    """Whose figures a screen or file holds when no unit is chosen: the whole area as the programme
    names it in `year` (data/programme.toml), or for a reader restricted to some units (`allowed`),
    those units' names (the ones in force in `year`, if any are). The one place this label is made:
    the filter bar, headers, file names, the report, trend totals and the KPI export ask here."""
    if allowed is None:
        from queries.programme import programme

        return programme().whole_area(year)
    from database.units import units_by_id

    known = units_by_id()
    units = [known[unit_id] for unit_id in allowed if unit_id in known]
    in_year = [u for u in units if u.valid_in(year)]
    return ", ".join(u.full_name for u in in_year or units) or NO_UNITS


def reported_params(**values: object) -> dict:
    """Bind parameters for SQL that reads units as they reported through `scoped_units`, unfiltered."""
    return {"boundary": BOUNDARY_REPORTED, "allowed": allowed_param(), **values}


def scope_params(boundary: str, units: Iterable[str] | None, **values: object) -> dict:
    """Bind parameters for SQL filtered through `selected_units` (on `scoped_units`); `units` None or empty = all units."""
    if boundary not in BOUNDARIES:
        raise ValueError(f"unknown boundary {boundary!r}")
    return {"boundary": boundary, "units": list(units) if units else None, "allowed": allowed_param(), **values}
