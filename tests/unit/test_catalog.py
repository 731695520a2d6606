"""Meta-tests that keep the catalogue honest: indicators, pages, SQL, scope."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from database.sql import read_sql
from queries.programme import programme
from queries.sql import SQL_DIR, query_sql
from tests.support import ROOT, parsed
from tests.support.cli import CONTRACT_CODES
from ui.navigation import ADMIN_SECTIONS, SECTIONS, all_specs

DDL_SQL = {"schema", "views"}  # table and view definitions: no query


def test_indicator_catalog_is_the_contract():
    assert list(programme().codes) == CONTRACT_CODES


def code_literals(path: Path) -> list[object]:
    """Every constant of a module's code: numbers, and strings that are not docstrings."""
    tree = parsed(path)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and id(node) not in docstrings]


def test_every_page_file_is_registered():
    registered = {spec.file for spec in all_specs(SECTIONS | ADMIN_SECTIONS)}
    files = {p.name for p in (ROOT / "pages").glob("*.py")}
    assert files == registered


DEADLINES_AND_BASELINE = {2022, 2025, 2030}


def test_no_page_names_an_indicator_or_a_deadline():
    """Pages ask the programme (data/programme.toml) for indicators, levels and deadlines: a page that
    names an indicator code or a deadline year would not follow a change of the file."""
    for path in [*(ROOT / "pages").glob("*.py"), ROOT / "app.py", ROOT / "router" / "main.py"]:
        assert not re.findall(r"T[1-7]_[a-z_]+", path.read_text()), path.name
        literals = code_literals(path)
        assert not [v for v in literals if isinstance(v, int) and v in DEADLINES_AND_BASELINE], path.name
        assert not [v for v in literals if isinstance(v, str) and re.search(r"\b(2022|2030)\b", v)], path.name


def scoped_macros() -> set[str]:
    """The table macros of views.sql that read units through `scoped_units`, directly or through another."""
    bodies = dict(re.findall(r"CREATE OR REPLACE MACRO (\w+)\(.*?\) AS TABLE(.*?)(?=\nCREATE |\Z)",
                             read_sql("views"), re.S))
    scoped = {"scoped_units"}
    while more := {name for name, body in bodies.items() if name not in scoped and
                   any(f"{macro}(" in body for macro in scoped)}:
        scoped |= more
    return scoped


def test_every_sql_file_reads_units_through_the_scope_macro():
    macros = scoped_macros()
    assert {"scoped_units", "selected_facts", "lineage_units"} <= macros
    for path in SQL_DIR.glob("*.sql"):
        if path.stem in DDL_SQL:
            continue
        called = set(re.findall(r"(\w+)\(\$boundary, \$allowed", query_sql(path.stem)))
        assert called & macros, f"{path.name} reads unit data without the reader's scope"


def test_thresholds_and_deadlines_live_in_the_programme_file_only():
    """No module that judges or shows a verdict knows a level, a deadline or the baseline year."""
    judged = ["queries/judgement.py", "queries/targets.py", "queries/scorecard.py", "queries/progress.py",
              "queries/pace.py", "queries/warnings.py", "queries/kpi.py", "queries/method.py",
              "queries/admissions.py", "queries/report_data.py", "report/tables.py", "report/sections.py",
              "report/figures.py", "report/cards.py", "report/pdf.py", "rendering/meeting_charts.py", "ui/slides.py"]
    levels = {0.9, 0.75, 0.25, 0.03, 0.04}
    for name in judged:
        literals = code_literals(ROOT / name)
        assert not [v for v in literals if isinstance(v, int | float) and (v in DEADLINES_AND_BASELINE or v in levels)
                    and not isinstance(v, bool)], name
        assert not [v for v in literals if isinstance(v, str) and re.search(r"\b(2022|2025|2030)\b", v)], name
