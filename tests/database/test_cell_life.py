"""The indicators of the format v2 fields on hand-made workbooks, v1 and v2 side by side: what was not
reported stays apart from 0 in the KPI export, the page's named queries and the CSV extracts."""

from __future__ import annotations

import io
from html import escape

import pandas as pd
import pytest

from database.db import cursor
from queries.cell_life import CELL_LIFE_CODES, cell_life_by_kind, discipline_by_form
from queries.extracts import extract
from queries.kpi import kpi_table
from queries.report_data import meeting_data_for
from queries.targets import indicator_trend, indicator_units, not_reported_note
from report.html import report_html
from tests.support.loads import load_specs as _load
from tests.support.workbooks import default_spec, v2_spec
from ui.blocks import export_frame
from ui.exports import csv_bytes

PHO_HOA = "21469-2015"
V2_CODES = ("T3_admission_quota", *CELL_LIFE_CODES)
# Phường Phổ Hòa's v2 workbook (tests/workbooks.py V2_*): numerator, denominator, not reported, status.
# Cells: CB01 (12 regular, 3 thematic, 1 inspection, rules), CB02 (11, 0, 0, rules), TH01 founded in
# March of the report year (10 regular of the 10 due, 1, 0, no rules); discipline not reported in CB02,
# candidates not reported in TH01; every secretary holds a dual role.
V2_FACTS = {
    "T3_admission_quota": (4, 5, 0, "below"),  # 4 admitted of a quota of 5
    "cell_regular_meetings": (2, 3, 0, "below"),
    "cell_thematic_meetings": (2, 3, 0, "not_applicable"),
    "cell_inspection": (1, 3, 0, "not_applicable"),
    "cell_working_rules": (2, 3, 0, "not_applicable"),
    "member_discipline": (1, 46 + 21, 1, "not_applicable"),  # 1 reprimand; members at year end of CB01, TH01
    "admission_candidates": (4 + 2, 45 + 32, 1, "not_applicable"),  # over members on 1 January of CB01, CB02
    "secretary_dual_role": (3, 3, 0, "not_applicable"),
    "unit_four_good": (1, 1, 0, "not_applicable"),
    "private_enterprise_cells": (0, 3, 0, "not_applicable"),
}
# The same unit's v1 workbook: nothing counted, everything "chưa báo cáo" (1 unit, 3 cells, 3 secretaries).
V1_FACTS = {code: (0, 0, 1 if code in ("T3_admission_quota", "unit_four_good") else 3,
                   "no_data" if code in ("T3_admission_quota", "cell_regular_meetings") else "not_applicable")
            for code in V2_CODES}
# in the KPI export, as on the pages: nothing reported sums to no figure (blank), not to 0 of 0
V1_EXPORTED = {code: (None, None, *facts[2:]) for code, facts in V1_FACTS.items()}


def _no_thematic_meeting_anywhere():
    """A v2 workbook whose three cells held no thematic meeting: reported as 0, not left blank."""
    spec = v2_spec()
    spec.info["Năm báo cáo"] = 2022
    spec.cells[2]["Năm thành lập"] = 2022  # founded in March of the report year, as in 2024
    for cell in spec.cells:
        cell["Sinh hoạt chuyên đề"] = 0
    return spec


@pytest.fixture
def three_years(empty_env, tmp_path):
    """Phường Phổ Hòa: 2022 v2 (no thematic meeting anywhere), 2023 v1, 2024 v2."""
    v1 = default_spec()
    v1.info["Năm báo cáo"] = 2023
    _load(empty_env, tmp_path, _no_thematic_meeting_anywhere(), v1, v2_spec())
    return empty_env


def _kpi(year: int) -> dict[str, tuple]:
    table = kpi_table(cursor(), year, "Phổ Hòa").set_index("indicator")
    def figure(value):
        return None if pd.isna(value) else value

    return {code: (figure(table.at[code, "numerator"]), figure(table.at[code, "denominator"]),
                   table.at[code, "not_reported"], table.at[code, "status"]) for code in V2_CODES}


def test_v1_and_v2_side_by_side_in_the_kpi_export(three_years):
    assert _kpi(2024) == V2_FACTS
    assert _kpi(2023) == V1_EXPORTED
    table = kpi_table(cursor(), 2023, "Phổ Hòa").set_index("indicator")
    assert table.loc[list(V2_CODES), "rate"].isna().all()  # no rate: not 0%
    # the hidden difference: in 2022 every cell reported 0 thematic meetings, in 2023 none reported
    zero = kpi_table(cursor(), 2022, "Phổ Hòa").set_index("indicator").loc["cell_thematic_meetings"]
    assert (zero["numerator"], zero["denominator"], zero["rate"], zero["not_reported"]) == (0, 3, 0.0, 0)


def test_the_page_queries_say_what_was_not_reported(three_years):
    con = cursor()
    trend = indicator_trend(con, "reported", None, 2022, 2024, V2_CODES).set_index(["indicator", "year"])
    for code in V2_CODES:
        for year, facts in ((2023, V1_FACTS[code]), (2024, V2_FACTS[code])):
            row = trend.loc[(code, year)]
            assert (row["numerator"], row["denominator"], row["not_reported"]) == facts[:3], (code, year)
    assert pd.isna(trend.loc[("cell_thematic_meetings", 2023), "rate"])
    assert trend.loc[("cell_thematic_meetings", 2022), "rate"] == 0.0
    note = not_reported_note(trend.xs(2023, level="year").reset_index())
    assert note.startswith("Chưa báo cáo (không tính vào tử số, mẫu số): Kết nạp so với chỉ tiêu cấp trên giao — 1 "
                           "đơn vị; Chi bộ sinh hoạt thường kỳ đủ hằng tháng — 3 chi bộ;")
    assert "Bí thư chi bộ kiêm nhiệm — 3 bí thư chi bộ" in note
    assert not_reported_note(trend.xs(2022, level="year").reset_index()) == (
        "Chưa báo cáo (không tính vào tử số, mẫu số): Đảng viên bị kỷ luật trong năm — 1 chi bộ; Đối tượng kết nạp "
        "được bồi dưỡng — 1 chi bộ.")  # the blanks of the v2 workbook, not its zeros
    assert not_reported_note(trend.xs(2022, level="year").reset_index().assign(not_reported=0)) is None
    # by unit: the unit's row is there in the v1 year, with nothing counted and 3 cells not reported
    units = indicator_units(con, "reported", None, 2023, 2023, ("cell_inspection",))
    assert units[["numerator", "denominator", "not_reported"]].values.tolist() == [[0, 0, 3]]


def test_by_cell_type_and_discipline_by_form_add_up_to_the_indicators(three_years):
    con = cursor()
    by_kind = cell_life_by_kind(con, "reported", None, 2024)
    summed = by_kind.groupby("indicator")[["numerator", "denominator", "not_reported"]].sum()
    for code in CELL_LIFE_CODES:
        if code != "unit_four_good":  # counted per unit, not per cell
            assert tuple(summed.loc[code]) == V2_FACTS[code][:3], code
    assert "unit_four_good" not in set(by_kind["indicator"])
    inspection = by_kind[by_kind["indicator"] == "cell_inspection"].set_index("cell_type")
    assert inspection[["numerator", "denominator"]].to_dict("index") == {
        "Thôn": {"numerator": 0, "denominator": 1}, "Tổ dân phố": {"numerator": 1, "denominator": 1},
        "Trường học": {"numerator": 0, "denominator": 1}}
    forms = discipline_by_form(con, "reported", None, 2022, 2024)
    of_2024 = forms[forms["year"] == 2024].set_index("form")
    assert of_2024["members"].to_dict() == {"Khiển trách": 1, "Cảnh cáo": 0, "Cách chức": 0, "Khai trừ": 0}
    assert of_2024["members"].sum() == V2_FACTS["member_discipline"][0]
    assert (of_2024["cells_reported"].iloc[0], of_2024["cells_unreported"].iloc[0]) == (2, 1)
    of_2023 = forms[forms["year"] == 2023]
    assert of_2023["members"].isna().all() and (of_2023["cells_unreported"] == 3).all()  # not 0: not reported


def test_csv_extracts_keep_a_blank_apart_from_zero(three_years):
    con = cursor()

    def column(table: str, year: int, name: str) -> list[str]:
        frame = pd.read_csv(io.BytesIO(csv_bytes(export_frame(extract(con, table, "reported", None, year)))),
                            encoding="utf-8-sig", dtype=str, keep_default_na=False)
        return frame[name].tolist()

    assert column("cells", 2023, "Sinh hoạt chuyên đề") == ["", "", ""]
    assert column("cells", 2022, "Sinh hoạt chuyên đề") == ["0", "0", "0"]
    assert column("cells", 2024, "Cuộc kiểm tra") == ["1", "0", "0"]
    assert column("cells", 2023, "Quy chế làm việc") == ["Chưa báo cáo"] * 3
    assert column("member_figures", 2024, "Bị kỷ luật") == ["1", "", "0"]
    assert column("member_figures", 2024, "Đối tượng được bồi dưỡng") == ["4", "2", ""]
    assert column("cadres", 2023, "Kiêm nhiệm") == ["Chưa báo cáo"] * 6
    assert column("cadres", 2024, "Kiêm nhiệm")[:3] == ["Tổ trưởng tổ dân phố", "Không", "Chưa báo cáo"]
    assert column("submissions", 2023, "Mẫu báo cáo") == ["1"]
    assert (column("submissions", 2024, "Chỉ tiêu kết nạp được giao"), column("submissions", 2023,
            "Chỉ tiêu kết nạp được giao")) == (["5"], [""])


def test_the_meeting_report_gives_the_quota_beside_t3(three_years):
    data = meeting_data_for(cursor(), 2024, "Phổ Hòa")
    [beside] = data.cards.loc[data.cards["indicator"] == "T3_admission_rate", "beside_text"]
    assert beside == "Kết nạp so với chỉ tiêu giao: 80,00% (4/5) — chưa đạt"
    assert escape(beside) in report_html(data)
    assert "0/0" not in data.cards["beside_text"].str.cat()
    of_2023 = meeting_data_for(cursor(), 2023, "Phổ Hòa").cards.set_index("indicator").at["T3_admission_rate",
                                                                                          "beside_text"]
    assert of_2023 == "Kết nạp so với chỉ tiêu giao: chưa có số liệu; 1 đơn vị chưa báo cáo"
    quota = data.indicators.set_index("indicator").loc["T3_admission_quota"]  # and its row in the table of all
    assert (quota["numerator"], quota["denominator"], quota["status"]) == (4, 5, "below")


# ---- the page's named queries on the samples: the KPI export's figures, and v1 years not reported ----

def test_the_summary_on_the_samples_is_the_kpi_export_and_v1_years_are_not_reported(sample_env):
    summary = indicator_trend(cursor(), "reported", None, 2024, 2024, CELL_LIFE_CODES)
    kpi = kpi_table(cursor(), 2024).set_index("indicator")
    assert list(summary["indicator"]) == list(CELL_LIFE_CODES)
    for row in summary.itertuples(index=False):
        facts = kpi.loc[row.indicator]
        assert (row.numerator, row.denominator, row.not_reported) == (
            facts["numerator"], facts["denominator"], facts["not_reported"])
        assert round(100 * row.rate, 2) == round(100 * facts["rate"], 2)  # as the CSV writes it
    assert not_reported_note(summary) is None  # 2024: every v2 field reported

    of_2022 = indicator_trend(cursor(), "reported", None, 2022, 2022, CELL_LIFE_CODES)
    assert (of_2022["denominator"] == 0).all() and (of_2022["not_reported"] > 0).all()
    assert "Chưa báo cáo (không tính vào tử số, mẫu số): Chi bộ sinh hoạt thường kỳ đủ hằng tháng — 150 chi bộ" \
        in not_reported_note(of_2022)
