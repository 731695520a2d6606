"""Meta-tests that keep the catalogue honest: indicators, pages, SQL, scope."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from queries.indicators import INDICATORS
from queries.sql import SQL_DIR
from tests.page_support import run_page
from tests.test_cli import CONTRACT_CODES

ROOT = Path(__file__).resolve().parent.parent
UNSCOPED_SQL = {"schema", "views", "prefill_cells", "prefill_cadres", "prefill_sources", "prefill_cell_life",
                "prefill_dual_roles"}


def test_indicator_catalog_is_the_contract():
    assert [i.code for i in INDICATORS] == CONTRACT_CODES


def test_every_indicator_is_on_the_overview_page(sample_env):
    at = run_page("pages/overview.py", year=2022)
    codes = set()
    for frame in at.dataframe:
        table = frame.value.data if hasattr(frame.value, "data") else frame.value
        if "Mã" in table.columns:
            codes |= set(table["Mã"])
    assert codes == set(CONTRACT_CODES)


def test_every_page_file_is_registered_in_app_py():
    registered = set(re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', (ROOT / "app.py").read_text()))
    files = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert files == registered


def test_pages_hold_no_sql():
    for page in (ROOT / "pages").glob("*.py"):
        text = page.read_text()
        assert not re.search(r"\b(SELECT|INSERT|DELETE)\b\s", text), page.name
        assert ".execute(" not in text and "duckdb" not in text, page.name


def test_every_sql_reading_unit_data_binds_the_reader_scope():
    for path in SQL_DIR.glob("*.sql"):
        if path.stem in UNSCOPED_SQL:
            continue
        assert "$allowed" in path.read_text(), f"{path.name} reads unit data without the $allowed scope"


def test_every_named_query_module_uses_sql_files_not_inline_sql():
    for module in (ROOT / "queries").glob("*.py"):
        tree = ast.parse(module.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not re.match(r"\s*(SELECT|WITH)\s", node.value), f"inline SQL in {module.name}"
