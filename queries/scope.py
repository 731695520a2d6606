"""The filter every named query takes: a unit boundary, display units, years."""

from __future__ import annotations

from collections.abc import Iterable

from queries.indicators import BOUNDARIES


def scope_params(boundary: str, units: Iterable[str] | None, **values: object) -> dict:
    """Bind parameters for SQL filtered through `unit_scope`; `units` None or empty = all units."""
    if boundary not in BOUNDARIES:
        raise ValueError(f"unknown boundary {boundary!r}")
    return {"boundary": boundary, "units": list(units) if units else None, **values}
