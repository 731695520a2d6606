"""Cell life, inspection and discipline (the Đề án's named weaknesses, format v2 of the workbook):
the indicators of the page "Sinh hoạt chi bộ, kiểm tra, kỷ luật", by cell type and discipline by form.

The figures are the facts of views.sql (`cell_indicator_definition`, summed per unit into
`indicator_facts`); what a unit, cell or secretary did not report ("chưa báo cáo") is left out of
numerator and denominator and counted apart (`not_reported`), never read as 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import duckdb
import pandas as pd

from etl.checking import contract as c
from queries.indicators import with_rate
from queries.programme import programme
from queries.scope import scope_params
from queries.sql import read_sql

# The page's indicators, in the order it shows them; REGULAR has a target (Điều lệ Đảng: monthly).
REGULAR_CODE = "cell_regular_meetings"
THEMATIC_CODE = "cell_thematic_meetings"
INSPECTION_CODE = "cell_inspection"
ACTIVITY_CODES = (REGULAR_CODE, THEMATIC_CODE, INSPECTION_CODE, "cell_working_rules")
CELL_LIFE_CODES = (*ACTIVITY_CODES, "member_discipline", "admission_candidates", "secretary_dual_role",
                   "unit_four_good", "private_enterprise_cells")


def in_programme(codes: Sequence[str]) -> tuple[str, ...]:
    """The indicators of `codes` the programme in force follows (another programme may follow none)."""
    prog = programme()
    return tuple(code for code in codes if prog.has(code))


def cell_life_by_kind(con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year: int,
                      codes: Sequence[str] = CELL_LIFE_CODES) -> pd.DataFrame:
    """cell_type, indicator, label, numerator, denominator, not_reported, rate: the cell-counted
    indicators of `codes` in `year` per cell type (contract order), the selected units summed."""
    frame = con.execute(read_sql("cell_life_by_kind"), scope_params(boundary, units, year=year)).df()
    frame = frame[frame["indicator"].isin(in_programme(codes))]
    prog = programme()
    frame = frame.assign(label=[prog.indicator(code).label for code in frame["indicator"]],
                         _type=frame["cell_type"].map({t: i for i, t in enumerate(c.CELL_TYPES)}),
                         _code=frame["indicator"].map({code: i for i, code in enumerate(codes)}))
    frame = with_rate(frame.sort_values(["_code", "_type"], kind="stable"))
    return frame[["cell_type", "indicator", "label", "numerator", "denominator", "not_reported", "rate"]] \
        .reset_index(drop=True)


def discipline_by_form(con: duckdb.DuckDBPyConnection, boundary: str, units: Iterable[str] | None, year_from: int,
                       year_to: int) -> pd.DataFrame:
    """year, form_order, form, members (NA where no cell reported), cells_reported, cells_unreported:
    members disciplined by form per year, the selected units summed."""
    params = scope_params(boundary, units, year_from=year_from, year_to=year_to)
    frame = con.execute(read_sql("discipline_by_form"), params).df()
    frame["members"] = frame["members"].astype("Int64")
    return frame


NAMED_QUERIES = {
    "cell_life_by_kind": cell_life_by_kind,
    "discipline_by_form": discipline_by_form,
}
