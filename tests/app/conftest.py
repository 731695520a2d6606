"""The app tier: the real pages under Streamlit's AppTest, what a click on a download button fetches, and every
page run once for the checks that only read it."""

from __future__ import annotations

import functools

import pytest

from tests.support.every_page import run_every_page


@pytest.fixture(scope="session", autouse=True)
def installed_components_scanned_once():
    """Every new AppTest has Streamlit look through the metadata of every installed package for components
    (components.v2.manifest_scanner): a quarter of a second of CPU for each of this tier's hundreds of
    sessions, the same answer each time since nothing is installed during a run. The first answer is kept;
    each session still registers what it lists. (A server started by `streamlit run` scans once.)"""
    from streamlit.components.v2 import manifest_scanner

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(manifest_scanner, "scan_component_manifests",
                   functools.cache(manifest_scanner.scan_component_manifests))
        yield


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


@pytest.fixture(scope="session")
def every_page_run(sample_var, tmp_path_factory):
    """Every page run once in this worker under the sample data, access control off, 2024 (tests/support/
    every_page.py); tests read it, never act on its session."""
    return run_every_page(sample_var, tmp_path_factory.mktemp("every-page") / "var")
