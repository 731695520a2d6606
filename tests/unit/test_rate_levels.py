"""A rate shown beside its verdict never reads as a level it is not on (core.numbers.RateLevels): two decimals,
more where two would land on one of the programme's levels (queries.rate_text), the same on every surface; the
verdict itself stays exact (queries.judgement)."""

from __future__ import annotations

import ast

import pandas as pd
import pytest

from core.numbers import MOST_RATE_DECIMALS, RateLevels, vi_percent, vi_points
from queries.judgement import WORDS, judge
from queries.kpi import exported_rate
from queries.method import method_notes
from queries.programme import programme
from queries.rate_text import rate_levels, rate_percents, rate_text, rate_texts
from rendering.format import column_format, rounded_column
from tests.support import module_name, parsed
from tests.support.programme_files import programme_copy, use_programme
from tests.unit.test_layers import product_modules

T1, T3, T4 = "T1_org_rating", "T3_admission_rate", "T4_thpt"
DE_AN = RateLevels([0.9, 0.03, 0.04, 1.0, 0.5, 0.75, 0.25, 0.2])


@pytest.mark.parametrize(("rate", "text"), [
    (19 / 634, "2,997%"),  # Phường Trà Câu 2020: under T3's floor of 3%
    (24_999 / 25_000, "99,996%"),  # under T4's 100%
    (0.900004, "90,0004%"),  # over "trên 90%": met, and reads so
    (0.9, "90,00%"),  # exactly the strict level: not met, and on it
    (0.03, "3,00%"), (1.0, "100,00%"),  # exactly a level: two decimals
    (0.04, "4,00%"), (0.040001, "4,0001%"), (0.03999, "3,999%"),  # a band's upper bound, either side
    (0.0300049, "3,0005%"), (1 - 1 / 5_000_000, "99,99998%"),  # half up on the last decimal; a country's members
    (0.03 + 2e-9, "3,0000002%"),  # the closest a rate can be and not be on the level: 7 decimals
    (0.03 + 5e-10, "3,00%"), (0.9 - 5e-10, "90,00%"),  # within the verdict's tolerance: on the level
    (223 / 329, "67,78%"), (3 / 96, "3,13%"), (0.0295, "2,95%"), (0.8995, "89,95%"),  # near no level: two
    (None, "—"), (float("nan"), "—"), (pd.NA, "—"),
])
def test_two_decimals_or_as_many_more_as_it_takes_to_read_off_a_level(rate, text):
    assert vi_percent(rate, DE_AN) == text


def test_without_levels_and_below_zero():
    assert vi_percent(19 / 634) == "3,00%"  # a number alone, with no programme to be read against
    assert vi_percent(-0.00001, RateLevels([0.0])) == "−0,001%"  # a negative figure beside a level of 0
    assert vi_percent(-0.00001, DE_AN) == "−0,00%" and vi_percent(-0.0299999, DE_AN) == "−3,00%"  # no level below 0
    assert DE_AN.shown(float("nan"))[1] == 2 and DE_AN.decimals(19 / 634) == 3


@pytest.mark.parametrize("level", DE_AN.values)
def test_a_figure_shown_is_on_a_level_only_when_the_rate_is_and_on_its_side(level):
    """Rates as near each level as whole numbers make them, either side: the figure shown, read back, is the level
    only within the verdict's tolerance, and otherwise on the rate's side of it."""
    for denominator in (634, 25_000, 999_983, 5_000_011):
        for numerator in range(round(level * denominator) - 2, round(level * denominator) + 3):
            rate = numerator / denominator
            figure, decimals = DE_AN.shown(rate)
            assert decimals <= MOST_RATE_DECIMALS
            shown = figure / 100
            if abs(rate - level) <= 1e-9:
                assert shown == pytest.approx(level, abs=1e-12), (numerator, denominator)
            else:
                assert (shown > level, shown < level) == (rate > level, rate < level), (numerator, denominator, figure)


def test_the_levels_are_the_programmes():
    prog = programme()
    assert rate_levels().values == tuple(sorted({0.9, 0.03, 0.04, 1.0, 0.5, 0.75, 0.25, prog.excellent_cap}))
    assert WORDS[judge(T3, 19 / 634, 2020).status] == "Chưa đạt" and rate_text(19 / 634) == "2,997%"
    assert WORDS[judge(T4, 24_999 / 25_000, 2025).status] == "Chưa đạt" and rate_text(24_999 / 25_000) == "99,996%"
    assert WORDS[judge(T1, 0.900004, 2024).status] == "Đạt" and rate_text(0.900004) == "90,0004%"
    assert WORDS[judge(T1, 0.9, 2024).status] == "Chưa đạt" and rate_text(0.9) == "90,00%"


def test_another_programme_brings_its_own_levels(tmp_path, monkeypatch):
    use_programme(monkeypatch, programme_copy(tmp_path, (T3, "muc_2025", "0.025"), (T3, "muc_2030", "0.025")))
    assert 0.025 in rate_levels().values and 0.03 not in rate_levels().values
    assert rate_texts([0.024999, 19 / 634]) == ["2,4999%", "3,00%"]  # 3% is no level of this programme


def test_tables_files_and_the_kpi_export_hold_the_figure_shown():
    rates = pd.Series([19 / 634, 223 / 329, None])
    assert [column_format("Tỷ lệ", rates)(r) for r in rates] == ["2,997%", "67,78%", "—"]
    written = rounded_column("Tỷ lệ", rates).tolist()
    assert written[:2] == [2.997, 67.78] and pd.isna(written[2])
    assert rate_percents([1 - 1 / 5_000_000]) == [99.99998]
    levels = rate_levels()
    assert exported_rate(19 / 634, levels) == 0.029968  # six decimals of the fraction: already off 3%
    assert exported_rate(1 - 1 / 5_000_000, levels) == 0.9999998  # not 1.0 beside `below`
    assert exported_rate(0.9, levels) == 0.9


def test_a_distance_or_change_off_zero_never_reads_as_zero():
    """19/634 reads 2,997% beside «Chưa đạt»: its distance to 3% reads −0,003 points, not −0,00, on a card, in a
    table (its `(điểm %)` columns) and in a file; a distance within the verdict's tolerance is zero."""
    assert vi_points(19 / 634 - 0.03) == "−0,003 điểm %" and vi_points(0.900004 - 0.9) == "+0,0004 điểm %"
    assert vi_points(5e-10) == vi_points(0.0) == "±0,00 điểm %" and vi_points(-0.1333333) == "−13,33 điểm %"
    assert vi_points(0.00125) == "+0,13 điểm %"  # half up on the decimal, as before
    points = pd.Series([(19 / 634 - 0.03) * 100, -13.333, 0.0, None], dtype=float)
    shown = column_format("Khoảng cách đến mục tiêu (điểm %)", points)
    assert [shown(v) for v in points] == ["−0,003", "−13,33", "0,00", "—"]
    written = rounded_column("Khoảng cách đến mục tiêu (điểm %)", points).tolist()
    assert written[:3] == [-0.003, -13.33, 0.0] and pd.isna(written[3])


def test_the_method_says_how_rates_are_rounded_in_one_sentence():
    note = method_notes()[-1]
    assert note.startswith("**Làm tròn** — ") and note.count(".") == 1 and note.endswith(".")
    assert "19/634 ghi 2,997%, không ghi 3,00%" in note


def test_every_rate_shown_or_written_goes_through_the_programmes_levels():
    """Only queries/rate_text.py calls core's vi_percent: a card, chart, table, file, sentence or report that
    formatted a rate itself would show 3,00% beside «Chưa đạt»."""
    allowed = {"core.numbers", "queries.rate_text"}
    found = []
    for name, path in product_modules().items():
        if name in allowed:
            continue
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.ImportFrom) and node.module == "core.numbers":
                found += [f"{module_name(path)}: {a.name}" for a in node.names if a.name == "vi_percent"]
    assert found == []
