"""The programme file: checked at start with a Vietnamese message naming the key; a copy with T5's
2025 level at 60% followed by every surface; the whole app on a second programme (a made-up
province's plan to 2027) so that nothing only works for the Đề án of Đức Phổ."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from database.db import cursor
from queries.kpi import kpi_table
from queries.programme import programme
from queries.report_data import meeting_data_for
from report.html import report_html
from tests.support.apptest_pages import table, texts
from tests.support.page_support import APP, TIMEOUT, run_page
from tests.support.programme_files import OTHER_PROGRAMME, programme_copy, use_programme
from tests.support.programme_levels import UNIT

T5 = "T5_trung_cap_chuyen_mon"


def test_the_app_says_what_is_wrong_and_stops(tmp_path, monkeypatch, sample_env):
    use_programme(monkeypatch, programme_copy(tmp_path, (T5, "muc_2030", None)))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Tệp chương trình programme.toml không dùng được:  \n"
        '- chỉ tiêu T5_trung_cap_chuyen_mon: thiếu khóa "muc_2030"']


def test_the_pages_and_the_slides_show_the_level_of_the_file(level):
    text = f"≥ {int(level * 100)}% (mức 2025)"
    at = run_page("pages/overview.py", year=2024, units=[UNIT])
    assert f"mục tiêu **{text}**" in texts(at)
    _, shown = table(at, "Chỉ tiêu")
    assert shown.set_index("Mã").at["T5", "Mục tiêu"] == text
    at.switch_page("pages/present.py").run()
    at.session_state["trang"] = 2  # the cards' slide
    at.run()
    assert not at.exception
    assert text in "".join(h.proto.body for h in at.get("html")).replace("\u00a0", " ")  # `≥ 50%` kept on one line


# ---- a second programme: the whole app on a made-up province's plan to 2027 ----------------

PAGES = ["overview", "qualifications", "admissions", "ratings", "membership", "training", "cells", "cell_life",
         "present", "report", "scorecard", "warnings", "data", "pace"]
# Every page in 2025: past the plan's first deadline (2024), after the merger, T1 counting the town's other
# organisations. 2023 adds the year before the first deadline, whose level every verdict is judged against:
# the pages that name the deadlines (the overview's target line, the pace towards each of them) and the one
# that judges every indicator of every unit (the ranking) show it; the KPI export and the report below check
# the level chosen for that year, and the other pages draw what the judgement gives them, as in 2025.
PAGES_OF_YEAR = {2023: ["overview", "scorecard", "pace"], 2025: PAGES}


@pytest.mark.parametrize("year", [2023, 2025])
def test_the_app_on_another_programme(sample_env, monkeypatch, year):
    use_programme(monkeypatch, OTHER_PROGRAMME)
    prog = programme()
    assert prog.deadlines == (2024, 2027)
    at = run_page("pages/overview.py", year=year)
    shown = texts(at)
    assert "Mục tiêu 2024: ≥ 55% · 2027: ≥ 70%" in shown
    assert prog.whole_area(year) in at.caption[0].value  # the header line names the province
    for page in PAGES_OF_YEAR[year][1:]:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
    assert "Tiến độ đến mục tiêu 2024 và 2027" in [t.value for t in at.title]  # the last page: the pace
    kpi = kpi_table(cursor(), year).set_index("indicator")
    assert kpi.at[T5, "goal"] == (0.7 if year > 2024 else 0.55)
    assert kpi.at["T7_training", "status"] == "not_applicable" and pd.isna(kpi.at["T7_training", "goal"])
    assert kpi.at["T1_org_rating", "unit"] == prog.whole_area(year)
    if year == 2025:  # T1 counts the grassroots organisations from 2024 in this plan: 118 of the 134 cells of the
        # wards and communes, and 5 of the town's 5 other organisations
        assert (kpi.at["T1_org_rating", "numerator"], kpi.at["T1_org_rating", "denominator"]) == (123, 139)
    html = report_html(meeting_data_for(cursor(), year))
    assert prog.name in html and prog.owner in html and "3. Tiến độ đến mục tiêu 2024 và 2027" in html
