"""The submission template of a unit and year, blank or prefilled from the loaded data."""

from __future__ import annotations

import io

from database.db import NoDatabase, cursor
from database.units import units_by_id
from queries.prefill import prefill_from_db
from queries.scope import restricted_to
from rendering.template import write_template

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_workbook(unit_id: str, year: int, prefilled: bool, allowed: tuple[str, ...] | None) -> bytes:
    """The .xlsx a ward fills in; prefilled with last year's cells, cadres and members when known."""
    # `allowed` is the visitor's scope taken when the button was drawn: Streamlit builds the file
    # later, on a thread without the session
    if allowed is not None and unit_id not in allowed:
        raise PermissionError("Tài khoản này không được lấy biểu mẫu của đơn vị khác.")
    unit = units_by_id()[unit_id]
    prefill = None
    if prefilled:
        try:
            with restricted_to(allowed):  # the pre-fill reads only what the visitor may see
                prefill = prefill_from_db(cursor(), unit, year)
        except NoDatabase:
            prefill = None
    out = io.BytesIO()
    write_template(out, unit, year, prefill)
    return out.getvalue()
