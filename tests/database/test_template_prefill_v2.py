"""The format v2 template: formulas with saved values, v2 prefill, and a template filled in and
saved loading through the real loader."""

from __future__ import annotations

from database.db import cursor
from database.units import units_by_id
from queries.prefill import prefill_from_db

UNITS = units_by_id()
PHO_HOA = UNITS["21469-2015"]


def test_prefill_carries_founding_rules_and_dual_roles_from_a_v2_year(sample_env):
    con = cursor(sample_env)
    from_v2 = prefill_from_db(con, PHO_HOA, 2024)
    lasting = con.execute("SELECT cell_code, founded_year, founded_month, has_working_rules, rules_revised_year "
                          "FROM cell_life WHERE unit_id = ? AND year = 2023 ORDER BY cell_code", [PHO_HOA.unit_id]).fetchall()
    assert [(x["cell_code"], x["founded_year"], x["founded_month"], x["has_working_rules"], x["rules_revised_year"])
            for x in from_v2.cells] == lasting
    assert all(x["founded_year"] for x in from_v2.cells)
    roles = con.execute("SELECT d.dual_role FROM cadres JOIN cadre_dual_roles d USING (unit_id, year, row_no) "
                        "WHERE unit_id = ? AND year = 2023 ORDER BY row_no", [PHO_HOA.unit_id]).fetchall()
    assert [x["dual_role"] for x in from_v2.cadres] == [role for (role,) in roles]
    assert all(x["dual_role"] for x in from_v2.cadres)
    from_v1 = prefill_from_db(con, PHO_HOA, 2023)  # 2022 was a v1 workbook: nothing to carry
    assert all(x.get("founded_year") is None for x in from_v1.cells)
    assert all(x["dual_role"] is None for x in from_v1.cadres)
