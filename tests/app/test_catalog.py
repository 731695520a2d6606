"""Meta-tests that keep the catalogue honest: indicators, pages, SQL, scope."""

from __future__ import annotations

from database.db import cursor
from queries.kpi import kpi_table
from queries.programme import programme
from tests.support.cli import CONTRACT_CODES
from tests.support.page_support import run_page


def test_every_indicator_is_in_the_kpi_export_and_on_the_overview_page(sample_env):
    """Every indicator of the programme file, in its order, in the KPI export (the targets' rows first,
    then those of the format v2 fields) and in the overview's table of every indicator."""
    assert list(kpi_table(cursor(), 2022)["indicator"]) == list(programme().codes) == CONTRACT_CODES
    at = run_page("pages/overview.py", year=2022)
    codes = set()
    for frame in at.dataframe:
        table = frame.value.data if hasattr(frame.value, "data") else frame.value
        if "Mã" in table.columns:
            codes |= set(table["Mã"])
    assert codes == {programme().indicator(code).short for code in CONTRACT_CODES}  # T1 … T4a … T7
