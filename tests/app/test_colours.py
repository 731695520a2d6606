"""One meaning per colour, checked on the figures every page and slide draws: red and green only for
a verdict (below, met), a neutral colour for "vượt khung" and for categories (series, groups, rating
levels), black targets (rendering/verdicts.py)."""

from __future__ import annotations

import json

import pandas as pd

from database.db import cursor
from queries.judgement import Status, judge
from queries.report_data import meeting_data
from rendering.charts import rate_band_by_unit
from rendering.verdicts import NEUTRAL, ROLE_COLOURS, TARGET
from report import figures
from tests.support.colours import is_green, is_red
from tests.support.every_page import run_pages

PAGES = ["pages/overview.py", "pages/qualifications.py", "pages/admissions.py", "pages/ratings.py",
         "pages/membership.py", "pages/training.py", "pages/pace.py"]
TWO_WARDS = ["21469-2015", "21466-2015"]  # compared side by side: a line per unit
VERDICT = set(ROLE_COLOURS.values())


def colour_problems(spec: dict, where: str) -> list[str]:
    """What in a figure uses red or green for something that is not a verdict."""
    problems = []
    for trace in spec.get("data", []):
        name = trace.get("name") or trace.get("type")
        for part in ("marker", "line"):
            colour = (trace.get(part) or {}).get("color")
            if isinstance(colour, str) and (is_green(colour) or is_red(colour)):
                problems.append(f"{where}: {name} ({part} {colour}) is a category in red or green")
            if isinstance(colour, list):  # a colour per point: only the verdict's
                others = {c for c in colour if isinstance(c, str)} - VERDICT
                if any(is_green(c) or is_red(c) for c in others):
                    problems.append(f"{where}: {name} has points in {others}")
        marker = trace.get("marker") or {}
        if marker.get("symbol") == "diamond" and marker.get("color") != TARGET:
            problems.append(f"{where}: target diamonds in {marker.get('color')}")
    for shape in spec.get("layout", {}).get("shapes", []):
        for colour in (shape.get("fillcolor"), (shape.get("line") or {}).get("color")):
            if isinstance(colour, str) and (is_green(colour) or is_red(colour)):
                problems.append(f"{where}: a target line or band in {colour}")
    return problems


def figure_problems(drawn: dict) -> tuple[int, list[str]]:
    """How many figures the pages of PAGES drew, and what in them is a category in red or green."""
    problems, charts = [], 0
    for page in PAGES:
        specs = [json.loads(chart.proto.spec) for chart in drawn[page].get("plotly_chart")]
        charts += len(specs)
        for index, spec in enumerate(specs):
            problems += colour_problems(spec, f"{page} #{index}")
    return charts, problems


def test_no_page_draws_a_category_in_red_or_green(every_page_run):
    assert every_page_run.drawn[PAGES[0]].selectbox(key="nam").value == 2024  # the year of the figures compared
    charts, problems = figure_problems(every_page_run.drawn)
    assert charts >= 15 and problems == []


def test_no_page_comparing_two_wards_draws_a_category_in_red_or_green(sample_env):
    _session, drawn = run_pages(PAGES, year=2024, units=TWO_WARDS)
    charts, problems = figure_problems(drawn)
    assert charts >= 15 and problems == []


def test_no_slide_or_report_figure_draws_a_category_in_red_or_green(sample_env):
    data = meeting_data(cursor(), "reported", None, 2024, "Toàn thị xã")
    built = {"T3 qua các năm": figures.admission_figure(data), "T1, T2": figures.ratings_figure(data),
             "bảng xếp hạng": figures.scorecard_figure(data),
             **{f"tiến độ {code}": figures.pace_figure(data, code) for code in ("T4_thpt_and_so_cap_llct",
                                                                                "T5_trung_cap_chuyen_mon")},
             **{f"{code} theo đơn vị": figures.units_figure(data, code) for code in data.cards["indicator"]}}
    problems = [p for name, fig in built.items() for p in colour_problems(json.loads(fig.to_json()), name)]
    assert problems == []


def test_below_is_red_met_is_green_and_above_the_band_is_neutral(sample_env):
    rates = {Status.BELOW: 0.02, Status.MET: 0.035, Status.EXCEEDED: 0.05}
    verdicts = {status: judge("T3_admission_rate", rate, 2024) for status, rate in rates.items()}
    assert {s: v.status for s, v in verdicts.items()} == {s: s for s in rates}
    frame = pd.DataFrame({"unit": ["A", "B", "C"], "rate": list(rates.values()), "numerator": [2, 7, 10],
                          "denominator": [100, 200, 200]})
    fig = rate_band_by_unit(frame, "T3", (0.03, 0.04), "Mục tiêu 3–4%/năm", [v.role for v in verdicts.values()])
    below, met, exceeded = fig.data[0].marker.color
    assert is_red(below) and is_green(met)
    assert not is_red(exceeded) and not is_green(exceeded) and exceeded == NEUTRAL
    band = fig.layout.shapes[0]
    assert not is_green(band.fillcolor) and not is_red(band.fillcolor)  # the band is a target, not a verdict
