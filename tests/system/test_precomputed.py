"""The frames stored for the pages (queries/precomputed.py, queries/precompute.py) are what the same
functions compute on request, frame by frame, on the samples: every stored frame, the named queries
that read them and the KPI export; after a load of one unit, and under another programme file.
Frames that cannot answer (data written since, another programme, a restricted reader, facts
refreshed by hand) are never read."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from database.db import cursor, data_version
from database.facts import refresh_all
from database.store import published_file
from etl.loading.batch import load_files
from queries import precompute, precomputed, progress
from queries.admissions import cells_without_admission
from queries.indicators import indicators_by_unit, indicators_by_year
from queries.kpi import kpi_table
from queries.precompute import level
from queries.precomputed import TABLES, attached_frames, frames_file, state, stored
from queries.progress import pace_by_unit, pace_codes
from queries.report_data import meeting_data
from queries.scope import BOUNDARIES, restricted_to
from queries.scorecard import headline_cells, ranking_and_scorecard
from queries.targets import indicator_units
from queries.warnings import all_warnings, cell_activity, weak_secretaries
from samples.builder import write_xlsx
from settings import PROGRAMME
from tests.support.meeting_workbooks import copy_into
from tests.support.page_support import submission, workbook_bytes
from tests.support.programme_files import OTHER_PROGRAMME, programme_copy, use_programme
from tests.support.workbooks import default_spec
from ui import data

PHO_HOA = "21469-2015"
DUC_PHO = "21439-2025"
SOME_UNITS = ("21469-2015", "21471-2015")  # Phổ Hòa and Phổ Văn until 2024


def computing(cfg, tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """A copy of the published database without its frames: everything computed now."""
    copy = tmp_path / "computing.duckdb"
    shutil.copyfile(published_file(cfg), copy)
    con = duckdb.connect(str(copy), read_only=True)
    assert frames_file(con) is not None and not frames_file(con).exists()
    return con


def years_stored(con) -> list[int]:
    return state(con, attached_frames(con))["years"]


def calls(boundary: str, year: int, first: int) -> dict[str, tuple]:
    """Named functions reading the stored frames, with the arguments pages and exports give them."""
    one = (pace_codes()[0],)
    return {
        "indicators_by_year": (indicators_by_year, (boundary, None, first, year), {"paced": True}),
        "indicators_by_year, one year, two codes": (indicators_by_year, (boundary, None, year, year),
                                                    {"paced": True, "codes": pace_codes()[:2]}),
        "indicators_by_unit": (indicators_by_unit, (boundary, None, year, year), {"as_of": year, "paced": True}),
        "indicators_by_unit, two units": (indicators_by_unit, (boundary, SOME_UNITS, year, year),
                                          {"as_of": year, "paced": True, "codes": one}),
        "headline_cells": (headline_cells, (boundary, None, year - 1, year), {}),
        "headline_cells, one year": (headline_cells, (boundary, None, year, year), {}),
        "ranking_and_scorecard": (ranking_and_scorecard, (boundary, None, year), {}),
        "ranking_and_scorecard, two units": (ranking_and_scorecard, (boundary, SOME_UNITS, year), {}),
        "pace_by_unit": (pace_by_unit, (boundary, None, year), {}),
        "pace_by_unit, one code, two units": (pace_by_unit, (boundary, SOME_UNITS, year, one), {}),
        "idle cells, defaults": (cells_without_admission, (boundary, None, year, 3, False), {}),
        "idle cells, every kind, 2 years": (cells_without_admission, (boundary, None, year, 2, True), {}),
        "idle cells, two units": (cells_without_admission, (boundary, SOME_UNITS, year, 1, False), {}),
        "weak_secretaries": (weak_secretaries, (boundary, None, year), {}),
        "cell_activity": (cell_activity, (boundary, None, year), {}),
        "cell_activity, two units": (cell_activity, (boundary, SOME_UNITS, year), {}),
        "all_warnings": (all_warnings, (boundary, None, year), {}),
        "all_warnings, two units": (all_warnings, (boundary, SOME_UNITS, year), {}),
        "indicator_units": (indicator_units, (boundary, None, year, year, pace_codes()), {}),
    }


def frames(result) -> list[pd.DataFrame]:
    return list(result) if isinstance(result, tuple) else [result]


def assert_same(stored_con, computed_con, boundary: str, year: int, first: int) -> None:
    for name, (function, args, options) in calls(boundary, year, first).items():
        for got, expected in zip(frames(function(stored_con, *args, **options)),
                                 frames(function(computed_con, *args, **options)), strict=True):
            assert_frame_equal(got, expected, obj=f"{name} {boundary} {year}")


def test_every_frame_is_stored_and_answers(sample_env):
    con = cursor(sample_env)
    assert frames_file(con).exists() and level(sample_env) is None  # written with the samples: nothing to do
    found = state(con, attached_frames(con))
    assert found["years"] == [2020, 2021, 2022, 2023, 2024, 2025]
    for name in TABLES:
        assert name in found["dtypes"], f"{name}: no row in any year"
        assert stored(con, name, "reported", 2025, None, **ANY[name]) is not None


ANY = {"area_indicators": {"year_from": 0, "year_to": 2025, "codes": None}, "unit_indicators": {"codes": None},
       "headline_cells": {"year_from": 0}, "pace_units": {"codes": None}, "idle_cells": {"min_years": 1, "cell_types": None},
       "weak_secretaries": {}, "cell_activity": {}, "warning_rows": {}}


def years_to_compare(years: list[int]) -> list[int]:
    """The years whose stored frames are compared with the computed ones: the first (no year before it for a
    pace or a change), the one before the merger and the merger's year, the first deadline. Every year is
    stored by one loop over the years (queries.precompute._bring_level, every year stored:
    test_every_frame_is_stored_and_answers); the years between take no path the others do not."""
    return sorted({years[0], *years[-2:]})


@pytest.mark.parametrize("boundary", BOUNDARIES)
def test_stored_frames_are_the_frames_computed_on_request(sample_env, tmp_path, boundary):
    con, computed = cursor(sample_env), computing(sample_env, tmp_path)
    years = years_stored(con)
    assert years_to_compare(years) == [2020, 2024, 2025]
    for year in years_to_compare(years):
        assert_same(con, computed, boundary, year, years[0])


def test_the_meeting_report_and_the_kpi_export_read_the_same(sample_env, tmp_path):
    con, computed = cursor(sample_env), computing(sample_env, tmp_path)
    for boundary, units in (("reported", None), ("current", (DUC_PHO,)), ("reported", SOME_UNITS)):
        got, expected = (meeting_data(c, boundary, units, 2025, "x") for c in (con, computed))
        for field in ("cards", "indicators", "trend", "by_unit", "scorecard", "ranking", "pace", "pace_paths",
                      "warnings"):
            assert_frame_equal(getattr(got, field), getattr(expected, field), obj=f"{field} {boundary} {units}")
    for year, unit in ((2025, None), (2024, None), (2024, "Phổ Hòa"), (2020, None)):
        assert_frame_equal(kpi_table(con, year, unit), kpi_table(computed, year, unit))


def test_the_meeting_report_and_the_kpi_export_read_the_stored_frames(sample_env, monkeypatch):
    """The whole area's report and KPI export recompute nothing the frames hold (the excellent share's
    warnings excepted: the selection as a whole may be their subject)."""
    from queries import admissions, indicators, progress, warnings

    def computed(*args, **kwargs):
        raise AssertionError("computed on request although stored")

    for module, name in ((indicators, "indicator_sql_frame"), (progress, "pace_unit_rows"),
                         (admissions, "idle_cell_rows"), (warnings, "weak_secretary_rows"),
                         (warnings, "cell_activity_rows"), (warnings, "unit_warnings")):
        monkeypatch.setattr(module, name, computed)
    con = cursor(sample_env)
    for boundary in BOUNDARIES:
        meeting_data(con, boundary, None, 2025, "x")
    kpi_table(con, 2024)
    with pytest.raises(AssertionError, match="although stored"):  # and without the frames, computed
        kpi_table(con, 2024, "Phổ Hòa")


def _load_pho_hoa(cfg, tmp_path: Path) -> None:
    """Phường Phổ Hòa 2024 replaced by the tests' default workbook: other figures, other verdicts."""
    path = tmp_path / "pho_hoa_2024.xlsx"
    write_xlsx(default_spec(), path)
    (result,) = load_files([(path.name, path.read_bytes())], cfg)
    assert result.ok, result.problems


def test_a_load_publishes_first_and_its_frames_follow(sample_env, tmp_path):
    before = headline_cells(cursor(sample_env), "reported", (PHO_HOA,), 2024, 2024)
    frames_before = frames_file(cursor(sample_env))
    _load_pho_hoa(sample_env, tmp_path)
    con = cursor(sample_env)
    assert not frames_file(con).exists()
    assert stored(con, "headline_cells", "reported", 2024, None, year_from=2024) is None  # never the old rows
    now = headline_cells(con, "reported", (PHO_HOA,), 2024, 2024)
    assert not now[["numerator", "denominator"]].equals(before[["numerator", "denominator"]])
    written = level(sample_env)
    assert written == frames_file(con) and written.exists() and frames_before.exists()
    assert level(sample_env) is None  # level: nothing more to write
    assert_frame_equal(stored(con, "headline_cells", "reported", 2024, (PHO_HOA,), year_from=2024), now)
    computed = computing(sample_env, tmp_path)
    for boundary in BOUNDARIES:
        for year in (2024, 2025):
            assert_same(con, computed, boundary, year, 2020)


def test_a_year_still_coming_in_reads_the_same_stored_or_computed(sample_env, tmp_path):
    """One ward's 2026 in, the others not yet: the whole town's 2026 is neither compared nor paced, the ward's
    own is, and the frames stored for 2026 give what is computed on request."""
    sa_huynh = "21478-2025"
    content = submission(cursor(sample_env), sa_huynh, 2025)
    [result] = load_files([("sa-huynh-2026.xlsx", workbook_bytes(sa_huynh, 2026, content))], sample_env)
    assert result.ok, result.problems
    assert level(sample_env) is not None
    con, computed = cursor(sample_env), computing(sample_env, tmp_path)
    for boundary in BOUNDARIES:
        assert_same(con, computed, boundary, 2026, 2020)
    for units in (None, (sa_huynh,)):
        got, expected = (meeting_data(c, "reported", units, 2026, "x") for c in (con, computed))
        for field in ("cards", "indicators", "trend", "by_unit", "pace", "pace_paths"):
            assert_frame_equal(getattr(got, field), getattr(expected, field), obj=f"{field} {units}")
        assert bool(got.cards["change"].isna().all()) == (units is None)
    for unit in (None, "21478"):
        assert_frame_equal(kpi_table(con, 2026, unit), kpi_table(computed, 2026, unit))
    assert kpi_table(con, 2026).set_index("indicator").at["T5_trung_cap_chuyen_mon", "status"] == "no_pace"


def test_another_programme_computes_until_its_frames_are_stored(sample_env, tmp_path, monkeypatch):
    con = cursor(sample_env)
    use_programme(monkeypatch, OTHER_PROGRAMME)
    assert stored(con, "pace_units", "reported", 2025, None, codes=None) is None
    assert not frames_file(con).exists()
    assert level(sample_env) == frames_file(con)
    computed = computing(sample_env, tmp_path)
    for boundary in BOUNDARIES:
        assert_same(con, computed, boundary, 2025, 2020)
    assert_frame_equal(kpi_table(con, 2025), kpi_table(computed, 2025))
    monkeypatch.delenv("DP_PROGRAMME")
    assert frames_file(con).exists()  # the bundled programme's frames are still there, and read again
    assert stored(con, "pace_units", "reported", 2025, None, codes=None) is not None


def test_frames_written_while_the_programme_file_is_edited_are_written_again(sample_env, tmp_path, monkeypatch):
    """The file edited between two years' frames, to other deadlines (other columns of the pace): the write
    goes on under the version it holds, is dropped at the end of that year, and what is written is the edited
    version's, under its stamp; nothing under the stamp taken before (frames of either version under it), no
    error (the pace of the edited version was once added to the table made under the other: BinderException)."""
    text = PROGRAMME.read_text(encoding="utf-8")
    path = use_programme(monkeypatch, programme_copy(tmp_path, text=text + "\n# bản sao\n"))
    con = cursor(sample_env)
    before = frames_file(con)
    assert not before.exists()
    computers, years = precompute._computers, []

    def editing_at_the_second_year():
        found = computers()
        first = next(iter(found))

        def compute(con, boundary, units, year):
            years.append(year)
            if len(years) == 2:  # the first year's frames stored, the programme checked: the pace still to come
                path.write_text(OTHER_PROGRAMME.read_text(encoding="utf-8"), encoding="utf-8")
            return found[first](con, boundary, units, year)
        return {**found, first: compute}

    monkeypatch.setattr(precompute, "_computers", editing_at_the_second_year)
    written = level(sample_env)
    assert len(years) > 2 and frames_file(con) != before
    assert written == frames_file(con) and written.exists()
    assert not before.exists()
    pace = stored(con, "pace_units", "reported", 2025, None, codes=None)
    assert {"target_2024", "target_2027"} <= set(pace.columns) and "target_2025" not in pace.columns


def test_a_query_never_reads_the_frames_of_another_programme_than_its_own(empty_env, level_var, tmp_path, monkeypatch):
    """The programme file edited (other deadlines) while a page's query runs, once it has read the programme
    and before it reads the stored frames, which the edited version has: the query computes under the version
    it started with (ui.data, queries.programme_held), never reading the frames of the other."""
    copy_into(empty_env, level_var)  # two units, two years: its frames are written in a second
    other = OTHER_PROGRAMME.read_text(encoding="utf-8")
    path = use_programme(monkeypatch, programme_copy(tmp_path, text=other))
    assert level(empty_env) is not None  # the frames of the other programme
    programme_copy(tmp_path)  # the file as bundled again
    args = ("reported", None, 2024)
    expected = pace_by_unit(cursor(empty_env), *args)
    read = progress.stored

    def edited_meanwhile(*args, **kwargs):
        path.write_text(other, encoding="utf-8")
        return read(*args, **kwargs)

    monkeypatch.setattr(progress, "stored", edited_meanwhile)
    got = data._whole(data._entry(data_version(empty_env), "pace_by_unit", args, None))
    assert_frame_equal(got, expected)


def test_frames_of_other_code_are_never_read(sample_env, monkeypatch):
    """A change of the queries' code or SQL (their digest is in the stamp): until that code's frames are
    written, everything is computed; the frames of the code before stay the code before's."""
    con = cursor(sample_env)
    before = frames_file(con)
    assert stored(con, "pace_units", "reported", 2025, None, codes=None) is not None
    monkeypatch.setattr(precomputed, "_code_digest", lambda: "the queries after a change")
    precomputed._stamp.cache_clear()
    try:
        assert frames_file(con) != before and not frames_file(con).exists()
        assert stored(con, "pace_units", "reported", 2025, None, codes=None) is None
        assert stored(con, "headline_cells", "reported", 2025, None, year_from=2024) is None
        assert level(sample_env) == frames_file(con)
        assert stored(con, "pace_units", "reported", 2025, None, codes=None) is not None
    finally:
        monkeypatch.undo()
        precomputed._stamp.cache_clear()
    assert frames_file(con) == before


def test_a_restricted_reader_never_reads_the_whole_areas_frames(sample_env):
    con = cursor(sample_env)
    with restricted_to((PHO_HOA, DUC_PHO)):
        assert stored(con, "headline_cells", "current", 2025, None, year_from=2024) is None
        assert stored(con, "idle_cells", "reported", 2025, None, min_years=1, cell_types=None) is None


def test_facts_refreshed_by_hand_let_no_frame_answer(sample_env):
    with duckdb.connect(str(published_file(sample_env))) as con:
        con.execute("DELETE FROM cadres WHERE year = 2024")
        refresh_all(con)
    assert stored(cursor(sample_env), "unit_indicators", "reported", 2024, None, codes=None) is None
