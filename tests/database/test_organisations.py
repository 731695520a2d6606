"""The town's other party organisations in the bundled samples (agency, school, military, police,
enterprise): counted in T1–T3, T7's grassroots committees and the indicators of the format v2 fields,
outside T4–T6; under a new ward from 1 July 2025; named by one label rule."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from database.db import cursor
from database.units import load_units
from queries.extracts import extract
from queries.indicators import indicators_by_unit
from queries.kpi import kpi_table
from queries.status import display_units
from queries.targets import indicator_units
from tests.support import ROOT
from tests.support.loads import rows as _rows

ORGANISATIONS = [u for u in load_units() if not u.territorial]
VILLAGE_CADRE_CODES = ("T4_thpt", "T4_thpt_chi_uy_vien", "T4_thpt_bi_thu_pho_bi_thu", "T4_so_cap_llct",
                       "T4_thpt_and_so_cap_llct", "T5_trung_cap_chuyen_mon", "T6_trung_cap_llct")
BASELINE_2022 = {"T4_thpt": (223, 329), "T4_thpt_chi_uy_vien": (128, 165), "T4_thpt_bi_thu_pho_bi_thu": (95, 164),
                 "T4_so_cap_llct": (274, 329), "T6_trung_cap_llct": (62, 329), "T5_trung_cap_chuyen_mon": (154, 329)}


@pytest.mark.parametrize("unit", ORGANISATIONS, ids=lambda u: u.code)
def test_an_organisation_counts_in_t1_to_t3_t7_and_the_new_indicators_not_in_t4_to_t6(sample_env, unit):
    kpi = kpi_table(cursor(), 2024, unit.code).set_index("indicator")
    assert kpi["unit"].iloc[0] == unit.name  # its name as written: no kind in front
    for code in ("T1_org_rating", "T2_member_rating", "T3_admission_rate", "T3_admission_quota",
                 "cell_regular_meetings", "cell_inspection", "member_discipline", "secretary_dual_role"):
        assert kpi.at[code, "denominator"] > 0, code
    for code in VILLAGE_CADRE_CODES:
        assert (kpi.at[code, "numerator"], kpi.at[code, "denominator"], kpi.at[code, "status"]) == (0, 0, "no_data")
    # T7: its grassroots committee only (it has no village or residential-group cell cadres)
    [(members, trained)] = _rows(sample_env, "SELECT committee_members, committee_trained FROM submissions "
                                             "WHERE unit_id = ? AND year = 2024", unit.unit_id)
    assert (kpi.at["T7_training", "numerator"], kpi.at["T7_training", "denominator"]) == (trained, members)
    # from 2025 T1 counts the grassroots organisations under each committee: the organisation is one
    t1 = kpi_table(cursor(), 2025, unit.code).set_index("indicator").loc["T1_org_rating"]
    assert t1["denominator"] == 1


def test_the_baseline_and_the_village_cadres_stay_the_de_an_s(sample_env):
    kpi = kpi_table(cursor(), 2022).set_index("indicator")
    for code, figures in BASELINE_2022.items():
        assert (kpi.at[code, "numerator"], kpi.at[code, "denominator"]) == figures
    shown = indicator_units(cursor(), "reported", None, 2022, 2022, VILLAGE_CADRE_CODES)
    assert not set(shown["display_id"]) & {u.unit_id for u in ORGANISATIONS}  # no row of their own in T4–T6
    assert len(shown[shown["indicator"] == "T4_thpt"]) == 1 + 15  # the town, its wards and communes
    # T7's denominator: the 329 cadres of village cells, and every grassroots committee, the organisations' too
    [(committees,)] = _rows(sample_env, "SELECT sum(committee_members) FROM submissions WHERE year = 2022")
    assert kpi.at["T7_training", "denominator"] == 329 + committees
    assert {u.unit_id for u in ORGANISATIONS} <= set(
        indicator_units(cursor(), "reported", None, 2022, 2022, ("T7_training",))["display_id"])


def test_under_the_boundary_of_today_an_organisation_counts_in_its_ward(sample_env):
    current = display_units(cursor(), "current")
    assert len(current) == 5 and not set(current["display_id"]) & {u.unit_id for u in ORGANISATIONS}
    reported = display_units(cursor(), "reported", 2025)
    assert len(reported) == 5 + 5  # they do not merge: the five new units and the five organisations
    duc_pho = indicators_by_unit(cursor(), "current", ["21439-2025"], 2024, 2024).set_index("indicator")
    parts = [u.unit_id for u in load_units() if u.current_id == "21439-2025" and u.unit_id != "21439-2025"]
    assert {"53401-2015", "53403-2015", "53404-2015"} < set(parts)
    separate = indicators_by_unit(cursor(), "reported", parts, 2024, 2024).groupby("indicator")[
        ["numerator", "denominator"]].sum()
    for code in ("T1_org_rating", "T2_member_rating", "T3_admission_rate", "T7_training", "cell_inspection"):
        assert tuple(duc_pho.loc[code, ["numerator", "denominator"]]) == tuple(separate.loc[code]), code


def test_one_label_rule(sample_env):
    labels = dict(zip(display_units(cursor(), "reported")["display_id"],
                      display_units(cursor(), "reported")["display_label"], strict=True))
    assert labels["53403-2015"] == "Đảng bộ Quân sự thị xã Đức Phổ" and labels["21469-2015"] == "Phường Phổ Hòa"
    cells = extract(cursor(), "cells", "reported", ["53405-2015"], 2024)
    assert set(cells["Đơn vị"]) == set(cells["Đơn vị báo cáo"]) == {"Đảng bộ Công ty TNHH Chế biến Lâm sản Phổ Thạnh"}
    assert set(cells["Loại chi bộ"]) == {"Doanh nghiệp tư nhân"}
    for path in [*(ROOT / "queries" / "sql").glob("*.sql"), *(ROOT / "database" / "sql").glob("*.sql")]:  # SQL reads the stored label, never builds one
        assert not re.search(r"kind\s*\|\|", path.read_text()), path.name


def test_private_enterprise_cells_from_the_v2_workbooks(sample_env):
    kpi = kpi_table(cursor(), 2024).set_index("indicator").loc["private_enterprise_cells"]
    # two wards' firms (TNHH) and the enterprise's two cells; the state firm and every other cell count below
    assert (kpi["numerator"], kpi["not_reported"]) == (2 + 2, 0)
    # format v1 says no cell's ownership: no figure at all, not 0 of 0
    assert pd.isna(kpi_table(cursor(), 2022).set_index("indicator").at["private_enterprise_cells", "denominator"])
