"""Shared fixtures: a real DuckDB built from the bundled sample workbooks, copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.loading.batch import ensure_database
from settings import Settings, settings

ROOT = Path(__file__).resolve().parent.parent


def _point_env_at(monkeypatch: pytest.MonkeyPatch, var_dir: Path) -> Settings:
    monkeypatch.setenv("DP_VAR_DIR", str(var_dir))
    monkeypatch.delenv("DP_DB", raising=False)
    monkeypatch.delenv("DP_ARCHIVE", raising=False)
    return settings()


@pytest.fixture(scope="session")
def sample_var(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A var/ folder (database + archive) built once from data/samples through the loader."""
    var_dir = tmp_path_factory.mktemp("sample-var")
    with pytest.MonkeyPatch.context() as mp:
        ensure_database(_point_env_at(mp, var_dir))
    return var_dir


@pytest.fixture
def sample_env(sample_var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """This test's own copy of the sample database; the environment points at it."""
    var_dir = tmp_path / "var"
    shutil.copytree(sample_var, var_dir, symlinks=True)
    return _point_env_at(monkeypatch, var_dir)


@pytest.fixture
def empty_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """No database yet; the environment points at an empty var/ folder."""
    return _point_env_at(monkeypatch, tmp_path / "var")


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, one per test module (tests/browser.py)."""
    from tests.support.browser import chromium  # playwright only where a browser test asks for it

    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def app_url(sample_var: Path, tmp_path_factory: pytest.TempPathFactory, browser):
    """`streamlit run app.py` on this module's copy of the sample database, opened once so it is warm."""
    from tests.support.browser import streamlit_server, warm_up

    var_dir = tmp_path_factory.mktemp("app") / "var"
    shutil.copytree(sample_var, var_dir, symlinks=True)
    with streamlit_server(var_dir) as url:
        warm_up(browser, url)
        yield url


@pytest.fixture
def fetch(monkeypatch):
    """What the server does when a browser clicks a download button (AppTest only draws it): run its
    data function, store the file, return its bytes. `fetch.file_name(button)` is the name it goes by."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    drawn: dict[str, tuple[MediaFileManager, str]] = {}
    original = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, *, element_id=""):
        file_id = original(self, data_callable, mimetype, coordinates, file_name, element_id=element_id)
        drawn[file_id] = (self, file_name)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)

    def click(button) -> bytes:
        manager, _name = drawn[button.proto.deferred_file_id]
        url = manager.execute_deferred(button.proto.deferred_file_id)
        return manager.read_file(url.rsplit("/", 1)[1]).content

    click.file_name = lambda button: drawn[button.proto.deferred_file_id][1]
    return click
