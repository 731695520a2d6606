"""Tổng quan: `year_figures`, which the cards and the table draw, says the KPI export's figures and
verdicts, the people still short, the quota beside T3, no change in the first year or across T1's new
basis, and two units summed."""

from __future__ import annotations

import pandas as pd
import pytest

from core.numbers import vi_count
from database.db import cursor
from queries.judgement import WORDS, Status
from queries.kpi import kpi_table
from queries.programme import programme
from queries.rate_text import rate_text
from queries.targets import year_figures

PHO_HOA, PHO_VINH = "21469-2015", "21466-2015"


def test_2025_says_the_kpi_exports_verdicts_and_marks_t1s_new_basis(sample_env):
    rows = year_figures(cursor(), "reported", None, 2025).set_index("indicator")
    kpi = kpi_table(cursor(), year=2025).set_index("indicator")
    for code in programme().headline:
        assert rows.at[code, "verdict"].startswith(WORDS[Status(kpi.at[code, "status"])]), code  # the card's badge
        assert (rows.at[code, "numerator"], rows.at[code, "denominator"]) == (
            kpi.at[code, "numerator"], kpi.at[code, "denominator"]), code
    assert rows.at["T1_org_rating", "basis_note"].startswith("Từ 2025: tính theo chi bộ cơ sở")
    assert "còn 74 người chưa có THPT và sơ cấp LLCT" in rows["gap_text"].dropna().tolist()  # the card: «Còn 74 …»
    quota = kpi.loc["T3_admission_quota"]  # beside T3's card: admissions against the quota given
    assert rows.at["T3_admission_rate", "beside_text"] == (
        f"Kết nạp so với chỉ tiêu giao: {rate_text(quota['rate'])} "
        f"({vi_count(quota['numerator'], quota['denominator'])}) — {WORDS[Status(quota['status'])].lower()}")
    assert pd.isna(rows.at["T1_org_rating", "change"])  # 118/134 cells against 14/15 committees: no change across it
    assert not pd.isna(rows.at["T2_member_rating", "change"])


def test_the_first_year_has_no_change(sample_env):
    rows = year_figures(cursor(), "reported", None, 2020)
    assert rows[rows["headline"]]["change"].isna().all()


def test_two_units_are_each_the_kpi_export_and_summed_once(sample_env):
    both = year_figures(cursor(), "reported", [PHO_HOA, PHO_VINH], 2024).set_index("indicator").loc["T2_member_rating"]
    assert (both["numerator"], both["denominator"]) == (311, 353)
    assert rate_text(both["rate"]) == "88,10%"
    each = [kpi_table(cursor(), year=2024, unit=unit).set_index("indicator").loc["T2_member_rating"]
            for unit in ("21469", "21466")]
    for unit_id, kpi in zip((PHO_HOA, PHO_VINH), each, strict=True):
        own = year_figures(cursor(), "reported", [unit_id], 2024).set_index("indicator").loc["T2_member_rating"]
        assert (own["numerator"], own["denominator"]) == (kpi["numerator"], kpi["denominator"])
    assert both["numerator"] == sum(k["numerator"] for k in each)
    assert both["rate"] == pytest.approx(311 / 353)
