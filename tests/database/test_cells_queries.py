"""Chi bộ và cán bộ của đơn vị: a unit's cells (`unit_cells`) are the cells of its workbook, and they and the
cadres short of a standard (`cadres_short`) add up to the unit's T4–T6 in the KPI export."""

from __future__ import annotations

from database.db import cursor
from queries.cells import STANDARDS, cadres_short, unit_cells
from queries.kpi import kpi_table
from queries.programme import programme
from tests.support.page_support import sample_rows

PHO_HOA = "21469-2015"


def test_a_units_cells_and_short_cadres_add_up_to_its_indicators(sample_env):
    cells = unit_cells(cursor(), "reported", [PHO_HOA], 2024)
    workbook = sample_rows()["cells"]
    expected = workbook[(workbook["unit_id"] == PHO_HOA) & (workbook["year"] == 2024)]
    assert sorted(cells["cell_code"]) == sorted(expected["Mã chi bộ"])
    kpi = kpi_table(cursor(), year=2024, unit="21469").set_index("indicator")
    short = cadres_short(cursor(), "reported", [PHO_HOA], 2024)
    for column, code in STANDARDS.items():
        numerator, denominator = kpi.at[code, "numerator"], kpi.at[code, "denominator"]
        assert cells[column].sum() == numerator  # the cells add up to the unit's figure
        assert cells["cadres"].sum() == denominator
        name = programme().indicator(code).short
        assert short["lacking"].str.contains(f"{name}:").sum() == denominator - numerator
