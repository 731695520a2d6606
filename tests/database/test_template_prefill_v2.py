"""The format v2 template: formulas with saved values, v2 prefill, and a template filled in and
saved loading through the real loader."""

from __future__ import annotations

import io

import openpyxl

from database.db import cursor
from database.units import units_by_id
from etl.loading.batch import load_files
from queries.prefill import prefill_from_db
from tests.support.hostile import rewritten
from tests.support.workbooks import default_spec, write
from ui.template_download import template_workbook

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


# As a workbook holds them: XML escapes of a bell and an escape, a right-to-left override, a zero-width space.
UNSEEN = {"Chi bộ Tổ dân phố Hòa Thạnh": "Chi bộ _x0007_Tổ dân\u202e phố\u200b Hòa Thạnh_x001B_",
          "Nguyễn Văn Hùng": "Nguyễn _x0001_Văn Hùng\u200f"}


def test_names_holding_unseen_characters_load_as_read_and_prefill_next_year(sample_env, tmp_path):
    """Stored with them, a name turned round on screen, and next year's prefilled template failed: a worksheet
    takes no control character (openpyxl's IllegalCharacterError)."""
    path, _ = write(default_spec(), tmp_path, "an-ky-tu")
    data = path.read_bytes()
    for seen, unseen in UNSEEN.items():
        data = rewritten(data, seen, unseen)
    path.write_bytes(data)
    [result] = load_files([(path.name, path.read_bytes())], sample_env)
    assert result.ok, result.problems
    con = cursor(sample_env)
    assert set(UNSEEN) <= {name for (name,) in con.execute(
        "SELECT cell_name FROM cells WHERE unit_id = ? AND year = 2024 UNION ALL "
        "SELECT full_name FROM cadres WHERE unit_id = ? AND year = 2024", [PHO_HOA.unit_id] * 2).fetchall()}
    book = openpyxl.load_workbook(io.BytesIO(template_workbook(PHO_HOA.unit_id, 2025, True, None)))
    assert set(UNSEEN) <= {cell.value for sheet in book.worksheets for line in sheet.iter_rows() for cell in line}
