"""The programme file: checked at start with a Vietnamese message naming the key; a copy with T5's
2025 level at 60% followed by every surface; the whole app on a second programme (a made-up
province's plan to 2027) so that nothing only works for the Đề án of Đức Phổ."""

from __future__ import annotations

import io

from pypdf import PdfReader

from database.db import cursor
from queries.kpi import kpi_table
from queries.progress import pace_by_indicator
from queries.report_data import meeting_data_for
from queries.scorecard import ranking_and_scorecard
from queries.targets import year_figures
from queries.warnings import below_target
from rendering.meeting_charts import scorecard_heatmap
from report.figures import units_figure
from report.html import report_html
from report.pdf import report_pdf
from tests.support.programme_levels import FELL, UNIT

T5 = "T5_trung_cap_chuyen_mon"


def test_every_surface_follows_the_level_of_the_file(level):
    con, sixty = cursor(), level == 0.6
    text = "≥ 60% (mức 2025)" if sixty else "≥ 50% (mức 2025)"
    status, verdict = ("behind", "Chậm tiến độ (mức 2025)") if sixty else ("met", "Đạt (mức 2025)")
    # KPI export
    kpi = kpi_table(con, 2024, "Phổ Hòa").set_index("indicator").loc[T5]
    assert (kpi["goal"], kpi["status"]) == (level, status)
    # cards
    card = year_figures(con, "reported", [UNIT], 2024).set_index("indicator").loc[T5]
    assert (card["target_text"], card["verdict"], card["role"]) == (text, verdict, "bad" if sixty else "good")
    # heat map and ranking
    ranking, cells = ranking_and_scorecard(con, "reported", None, 2024)
    cell = cells.set_index(["display_id", "indicator"]).loc[(UNIT, T5)]
    assert (cell["target_text"], cell["verdict"]) == (text, verdict)
    assert ranking.set_index("display_id").at[UNIT, "targets_met"] == (6 if sixty else 7)
    heatmap = scorecard_heatmap(cells, list(ranking["display_id"]), "x")
    assert any(f"<br>{text.removesuffix(' (mức 2025)')}" in label for label in heatmap.data[0].x)  # T5<br>≥ 60%
    # pace
    pace = pace_by_indicator(con, "reported", None, 2024).set_index("indicator").loc[T5]
    assert (pace["target_2025"], pace["status_2025"]) == (text.removesuffix(" (mức 2025)"), verdict)
    # warnings: Phổ Văn's T2 fell; with T5 short of 60% and no better than 2023 that is two indicators
    assert set(below_target(con, "reported", None, 2024)["display_id"]) == ({FELL} if sixty else set())
    # slides, HTML and PDF report
    data = meeting_data_for(con, 2024)
    legend = [trace.name for trace in units_figure(data, T5).data if trace.name]  # the target is in the legend
    assert f"Mục tiêu 2025: {text.removesuffix(' (mức 2025)')}" in legend
    html = report_html(data)
    assert text in html and ("Chậm tiến độ (mức 2025)" in html) == sixty
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(report_pdf(data))).pages)
    assert text.removesuffix(" (mức 2025)") in pdf
