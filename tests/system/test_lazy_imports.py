"""What a page imports to be shown: the PDF's libraries (fpdf, matplotlib: 0,6 s) come with the first PDF."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.support import ROOT

PDF_ONLY = ("fpdf", "matplotlib", "report.pdf", "report.static")


def test_the_report_html_and_the_slides_load_without_the_pdf_libraries():
    probe = ("import sys\nimport report.html, report.sections, ui.slides\n"
             f"print(sorted(name for name in {PDF_ONLY!r} if name in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.stdout.splitlines()[-1] == "[]", result.stdout + result.stderr


def test_no_page_imports_the_pdf_libraries_when_it_is_shown():
    """A page script's own top-level imports (Streamlit runs them at every visit of a fresh process)."""
    found = [(path.name, name) for path in sorted((ROOT / "pages").glob("*.py"))
             for name in _imported(path.read_text(encoding="utf-8")) if name.startswith(PDF_ONLY)]
    assert found == []


def _imported(source: str) -> list[str]:
    """The modules a script imports at its top level."""
    names = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append(node.module or "")
    return names
