"""The browser tier: Debian's headless Chromium and `streamlit run app.py` on a copy of the sample database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.browser import VIEWPORT, chromium, new_page, streamlit_server, warm_up


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, one per worker: each test opens its own context (tests.support.browser)."""
    with chromium() as running:
        yield running


@pytest.fixture(scope="session")
def app_url(sample_var: Path, tmp_path_factory: pytest.TempPathFactory, browser):
    """`streamlit run app.py` on this worker's copy of the sample database, opened once so it is warm. The tests
    that use it only read (each `goto` is a new visitor's session); a test that loads data, needs accounts or
    a server's first visit starts a server of its own."""
    var_dir = tmp_path_factory.mktemp("app") / "var"
    shutil.copytree(sample_var, var_dir, symlinks=True)
    with streamlit_server(var_dir) as url:
        warm_up(browser, url)
        yield url


@pytest.fixture(scope="session")
def worker_tab(browser):
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def tab(worker_tab):
    """The worker's one browser tab, at the size a new one has, for a test that opens the app by its URLs. Each
    `goto` starts a new session of the app as a new visitor's would; the tab keeps Streamlit's scripts loaded and
    compiled, which a new tab (a new renderer process) pays for again at every test."""
    worker_tab.set_viewport_size(VIEWPORT)
    yield worker_tab
    worker_tab.goto("about:blank")  # the app's session ends with the test
