"""Last year's cells, cadres and year-end members of a unit: what its new template starts from.

A named query of the pre-fill (`queries/sql/prefill_*.sql`), read through the reader's scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from database.units import Unit
from queries.scope import reported_params
from queries.sql import read_sql


@dataclass
class Prefill:
    """What a new year's template starts from: last year's cells, cadres and year-end members."""

    cells: list[dict]  # cell_code, cell_name, cell_type, rating, four_good
    cadres: list[dict]  # the CADRE_COLUMNS fields
    start_counts: dict[str, int]  # cell_code → members on 1 January (last year's Cuối năm)
    info: dict = field(default_factory=dict)  # INFO_KEYS fields


def prefill_from_db(con: duckdb.DuckDBPyConnection, unit: Unit, year: int) -> Prefill | None:
    """Last year's cells, cadres and year-end members of `unit`, or of the units merged into it.

    The unit's latest submission before `year`; for a unit formed by the 1 July 2025 merge
    with no submission of its own yet, its predecessors' latest submissions combined. None
    when there is nothing to start from. Only units the reader may see (`queries.scope`): an
    officer of one of the merged units gets that unit's cells and cadres, no one else's.
    """
    params = reported_params(unit_id=unit.unit_id, year=year)
    sources = con.execute(read_sql("prefill_sources"), params).fetchall()
    if not sources:
        return None
    prefill = Prefill([], [], {})
    if len(sources) == 1 and sources[0][0] == unit.unit_id:
        prefill.info = {"committee_members": sources[0][3]}
    parts = []
    for source_id, source_year, source_code, _committee in sources:
        params = reported_params(unit_id=source_id, year=source_year)
        cells = con.execute(read_sql("prefill_cells"), params).fetchall()
        cursor = con.execute(read_sql("prefill_cadres"), params)
        names = [d[0] for d in cursor.description]
        cadres = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        parts.append((source_code, _with_lasting_v2(con, params, cells), _with_dual_roles(con, params, cadres)))
    # codes are unique within a unit only: if merged units share one, every code gets its unit's
    codes = [cell[0] for _, cells, _ in parts for cell in cells]
    clash = len(codes) != len(set(codes))
    for source_code, cells, cadres in parts:
        prefix = f"{source_code}-" if clash else ""
        for code, name, cell_type, end_count, lasting in cells:
            # rating, four-good and training are per year: the ward fills them in anew
            prefill.cells.append({"cell_code": prefix + code, "cell_name": name, "cell_type": cell_type,
                                  "rating": None, "four_good": None, **lasting})
            prefill.start_counts[prefix + code] = end_count
        for cadre in cadres:
            prefill.cadres.append({**cadre, "cell_code": prefix + cadre["cell_code"], "trained": None})
    return prefill


def _with_lasting_v2(con: duckdb.DuckDBPyConnection, params: dict, cells: list[tuple]) -> list[tuple]:
    """Each cell row of prefill_cells with what of its v2 life lasts: founding, working rules."""
    cursor = con.execute(read_sql("prefill_cell_life"), params)
    names = [d[0] for d in cursor.description][1:]
    lasting = {row[0]: dict(zip(names, row[1:], strict=True)) for row in cursor.fetchall()}
    return [(*cell, lasting.get(cell[0], {})) for cell in cells]


def _with_dual_roles(con: duckdb.DuckDBPyConnection, params: dict, cadres: list[dict]) -> list[dict]:
    """Each cadre of prefill_cadres with last year's `Kiêm nhiệm` (a post held on, as the others)."""
    roles = [row[0] for row in con.execute(read_sql("prefill_dual_roles"), params).fetchall()]
    return [{**cadre, "dual_role": role} for cadre, role in zip(cadres, roles, strict=True)]
