"""v1 and v2 workbooks side by side in a real database: "chưa báo cáo" is NULL, 0 is 0."""

from __future__ import annotations

from database.store import V2_TABLES, views_outdated, write_session
from etl.loading.batch import ensure_database
from tests.support.loads import load_specs as _load
from tests.support.loads import rows as _rows
from tests.support.workbooks import default_spec, v2_spec


def test_v1_and_v2_side_by_side(empty_env, tmp_path):
    v1 = default_spec()
    v1.info["Năm báo cáo"] = 2023
    _load(empty_env, tmp_path, v1, v2_spec())
    assert _rows(empty_env, "SELECT year, format_version, admission_quota, four_good_unit FROM unit_reports ORDER BY year") == [
        (2023, 1, None, None), (2024, 2, 5, True)]
    # the hidden difference: 2023 did not report thematic meetings, 2024 reported one cell with none
    assert _rows(empty_env, """SELECT year, count(*), count(thematic_meetings), count_if(thematic_meetings > 0),
                                      count(disciplined), sum(disciplined)
                               FROM cell_life GROUP BY year ORDER BY year""") == [
        (2023, 3, 0, None, 0, None), (2024, 3, 3, 2, 2, 1)]
    assert _rows(empty_env, "SELECT year, count(*), count(dual_role) FROM cadre_dual_roles GROUP BY year ORDER BY year") == [
        (2023, 6, 0), (2024, 6, 4)]
    joined = _rows(empty_env, """SELECT count(*) FROM cells c JOIN cell_life l USING (unit_id, year, cell_code)
                                 JOIN member_figures m USING (unit_id, year, cell_code)""")
    assert joined == [(6,)]
    # the v1 figures are the same in both years
    assert _rows(empty_env, "SELECT year, sum(end_count) FROM member_figures GROUP BY year ORDER BY year") == [
        (2023, 98), (2024, 98)]


def test_a_v1_replacement_leaves_no_v2_figure_behind(empty_env, tmp_path):
    for name, spec in (("a", v2_spec()), ("b", default_spec())):
        (tmp_path / name).mkdir()
        _load(empty_env, tmp_path / name, spec)
    assert _rows(empty_env, "SELECT format_version, admission_quota FROM unit_reports") == [(1, None)]
    assert _rows(empty_env, "SELECT count(*), count(regular_meetings) FROM cell_life") == [(3, 0)]
    assert _rows(empty_env, "SELECT count(*), count(dual_role) FROM cadre_dual_roles") == [(6, 0)]


def test_a_database_made_before_v2_gets_its_tables(sample_env, tmp_path):
    with write_session(sample_env) as con:  # as a database made before format v2
        for table in V2_TABLES:
            con.execute(f"DROP TABLE {table}")
    assert views_outdated(sample_env)
    ensure_database(sample_env)  # what the app does on start
    assert not views_outdated(sample_env)
    assert _rows(sample_env, "SELECT count(*) FROM cell_life") == [(0,)]  # the old loads: not reported
    _load(sample_env, tmp_path, v2_spec())
    assert _rows(sample_env, "SELECT count(regular_meetings) FROM cell_life") == [(3,)]


def test_a_load_into_a_database_made_before_v2_adds_the_tables(sample_env, tmp_path):
    with write_session(sample_env) as con:
        for table in V2_TABLES:
            con.execute(f"DROP TABLE {table}")
    _load(sample_env, tmp_path, v2_spec())  # `python -m etl load` straight away, no app start first
    assert _rows(sample_env, "SELECT count(regular_meetings) FROM cell_life") == [(3,)]
