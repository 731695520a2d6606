"""A page's run ends with it: nothing kept for the session (a widget's callback or format_func, which
Streamlit keeps until the session ends) or for the process (a library's stored traceback) holds the page's
variables, and with them its figures: the meeting's were 170 MB per visitor at national scale."""

from __future__ import annotations

import gc
import importlib

from tests.support import ROOT

PAGES = ROOT / "pages"


def _page_runs_alive() -> set[str]:
    """The pages whose run's variables (the namespace a page is run in) are still reachable."""
    gc.collect()
    return {str(o["__file__"]).rsplit("/", 1)[-1] for o in gc.get_objects()
            if isinstance(o, dict) and str(o.get("__file__", "")).startswith(str(PAGES))}


def test_no_page_run_outlives_the_visit(every_page_run):
    """The session that visited every page (tests/support/every_page.py), still open with whatever it keeps,
    holds none of their runs."""
    for page, drawn in every_page_run.drawn.items():
        assert not drawn.exception, (page, [e.value for e in drawn.exception])
    assert _page_runs_alive() == set()


def test_the_pdf_writer_keeps_no_frames_of_its_import():
    """fpdf stores the ImportError of its optional `cryptography`; its traceback would hold every frame of
    the import, the page's that first imported report.pdf among them."""
    encryption = importlib.import_module("fpdf.encryption")
    importlib.import_module("report.pdf")
    assert encryption.import_error is None or encryption.import_error.__traceback__ is None
