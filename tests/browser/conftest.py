"""The browser tier: Debian's headless Chromium and `streamlit run app.py` on a copy of the sample database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.browser import chromium, streamlit_server, warm_up


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, one per worker: each test opens its own context (tests.support.browser)."""
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def app_url(sample_var: Path, tmp_path_factory: pytest.TempPathFactory, browser):
    """`streamlit run app.py` on this module's copy of the sample database, opened once so it is warm."""
    var_dir = tmp_path_factory.mktemp("app") / "var"
    shutil.copytree(sample_var, var_dir, symlinks=True)
    with streamlit_server(var_dir) as url:
        warm_up(browser, url)
        yield url
