"""The app tier: the real pages under Streamlit's AppTest, and what a click on a download button fetches."""

from __future__ import annotations

import pytest


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
