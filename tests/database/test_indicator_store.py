"""The stored indicator facts are always the definition's rows: after loading, replacing, upgrading."""

from __future__ import annotations

import duckdb

from database.db import cursor
from database.facts import refresh_all
from database.store import install_views, published_file, write_session
from etl.loading.batch import load_files
from queries.programme import known_facts
from tests.support.page_support import submission, workbook_bytes

PHO_HOA = "21469-2015"
# the 21 indicators of the contract (11 targets, 10 of the format v2 fields), and T1 counted on the grassroots
# organisations under each unit (from 2025)
FACTS = 22
SUBMISSIONS = 110  # 15 units 2020–2024, 5 from 2025, 5 organisations every year
COLUMNS = "unit_id, year, indicator, numerator, denominator, not_reported"
DIFFERENCE = f"""SELECT count(*) FROM (
    (SELECT {COLUMNS} FROM indicator_facts EXCEPT ALL SELECT {COLUMNS} FROM indicator_definition)
    UNION ALL
    (SELECT {COLUMNS} FROM indicator_definition EXCEPT ALL SELECT {COLUMNS} FROM indicator_facts))"""


def _differences(cfg) -> int:
    with duckdb.connect(str(published_file(cfg)), read_only=True) as con:
        return con.execute(DIFFERENCE).fetchall()[0][0]


def test_loaded_samples_store_exactly_the_definition(sample_env):
    assert len(known_facts()) == FACTS
    assert _differences(sample_env) == 0
    with duckdb.connect(str(published_file(sample_env)), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM indicator_facts").fetchall()[0][0] == FACTS * SUBMISSIONS


def test_a_replaced_report_replaces_its_facts(sample_env):
    content = submission(cursor(), PHO_HOA, 2024)
    first = content["members"][0]
    first.update(admitted=first["admitted"] + 3, end_count=first["end_count"] + 3, unrated=first["unrated"] + 3)
    [result] = load_files([("pho-hoa.xlsx", workbook_bytes(PHO_HOA, 2024, content))], sample_env)
    assert result.ok
    assert _differences(sample_env) == 0
    with duckdb.connect(str(published_file(sample_env)), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM indicator_facts WHERE unit_id = ? AND year = 2024",
                           [PHO_HOA]).fetchall()[0][0] == FACTS


def test_installing_views_on_an_old_database_stores_every_fact(sample_env):
    with write_session(sample_env) as con:  # as a database made before the store was
        con.execute("DROP VIEW indicator_facts")
        con.execute("DROP TABLE indicator_facts_store")
        con.execute("DELETE FROM meta WHERE key = 'views_hash'")
    with write_session(sample_env) as con:
        install_views(con)
    assert _differences(sample_env) == 0


def test_tables_changed_by_hand_are_brought_level_by_refresh_all(sample_env):
    with write_session(sample_env) as con:
        con.execute("DELETE FROM cadres WHERE year = 2023")
        refresh_all(con)
    assert _differences(sample_env) == 0
