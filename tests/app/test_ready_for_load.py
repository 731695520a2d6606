"""What the next load would otherwise do on its uploader's time is made ready beforehand: the app's own
thread builds the loader's index of the units before it announces a version warm (the upload page also
starts building it when it is shown) and copies each version it has warmed for the next write session
(database.store.prepare_spare)."""

from __future__ import annotations

import threading
import time

from database import units
from database.db import data_version
from database.store import published_file
from etl.loading.batch import load_files
from samples.builder import write_xlsx
from tests.support.page_support import run_page
from tests.support.workbooks import default_spec
from ui import upload, warm


def _soon(condition, timeout_s: float = 120) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_app_thread_copies_each_new_version_for_the_next_load(sample_env, tmp_path, monkeypatch):
    monkeypatch.setattr(units._index, "made", {})
    run_page("pages/overview.py", year=2024)  # a visitor: the app's thread follows the published version
    path = tmp_path / "pho_hoa_2024.xlsx"
    write_xlsx(default_spec(), path)
    before = data_version(sample_env)
    (result,) = load_files([(path.name, path.read_bytes())], sample_env)
    assert result.ok and data_version(sample_env) != before
    warm.wake()
    assert warm.wait_warm(600)
    current = published_file(sample_env)
    spare = current.with_name(current.name + ".spare")
    assert _soon(spare.exists), "no spare copy of the new version"
    assert spare.read_bytes() == current.read_bytes()
    assert _soon(lambda: id(units.load_units()) in units._index.made)


def test_the_unit_index_is_ready_before_a_new_version_is_announced_warm(sample_env, tmp_path, monkeypatch):
    """Built on the app's thread before the version's first visitors are served, never beside them (the index
    of 10,000 units takes half a second of the interpreter's time)."""
    run_page("pages/overview.py", year=2024)  # a visitor: the app's thread follows the published version
    path = tmp_path / "pho_hoa_2024.xlsx"
    write_xlsx(default_spec(), path)
    (result,) = load_files([(path.name, path.read_bytes())], sample_env)
    assert result.ok
    monkeypatch.setattr(units._index, "made", {})  # as in a process that has not built it yet (the load did)
    fold = units.fold

    def slow_fold(value):
        time.sleep(0.005)  # an index that takes long enough to be seen unbuilt if it came after
        return fold(value)

    monkeypatch.setattr(units, "fold", slow_fold)
    warm.wake()
    assert warm.wait_warm(600)
    assert id(units.load_units()) in units._index.made


def test_the_upload_page_builds_the_unit_index_while_files_are_picked(sample_env, monkeypatch):
    monkeypatch.setattr(units._index, "made", {})
    upload.get_ready()
    for thread in upload._indexing:
        thread.join(60)
    assert id(units.load_units()) in units._index.made


def test_two_threads_asking_for_the_unit_index_build_it_once(monkeypatch):
    monkeypatch.setattr(units._index, "made", {})
    folded: list[object] = []
    fold = units.fold

    def slow_fold(value):
        folded.append(value)
        time.sleep(0.002)  # long enough for the second thread to arrive while the first builds
        return fold(value)

    monkeypatch.setattr(units, "fold", slow_fold)
    threads = [threading.Thread(target=units.prepare_index) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    once = 2 * len(units.load_units())  # the full and the short name of each unit
    assert len(folded) == once
