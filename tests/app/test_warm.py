"""After a load the app's own thread writes the new version's stored frames and asks again, for the new
version, every query its visitors asked (ui/warm.py): the next visitor finds them in the cache."""

from __future__ import annotations

import errno
import logging
import shutil

import pytest

from core.incidents import errors_log
from database.db import cursor, data_version
from etl.loading.batch import load_files
from queries import catalog, precompute
from queries.precomputed import frames_file
from samples.builder import write_xlsx
from settings import settings
from tests.support.page_support import run_page
from tests.support.programme_files import OTHER_PROGRAMME, use_programme
from tests.support.workbooks import default_spec
from ui import data, warm


def _asked(cfg) -> list[tuple]:
    return [key for key in list(warm._asked) if key[0] == str(cfg.db_path)]


def test_a_load_is_followed_by_its_frames_and_the_queries_visitors_asked(sample_env, tmp_path, monkeypatch):
    run_page("pages/scorecard.py", year=2024)  # a visitor: the ranking, the filters' own queries
    asked = _asked(sample_env)
    assert "ranking_and_scorecard" in {name for _, name, _, _ in asked}
    before = data_version(sample_env)
    path = tmp_path / "pho_hoa_2024.xlsx"
    write_xlsx(default_spec(), path)
    (result,) = load_files([(path.name, path.read_bytes())], sample_env)  # as `python -m etl load`: no wake
    assert result.ok and data_version(sample_env) != before
    assert not frames_file(cursor(sample_env)).exists()
    assert warm.wait_warm(600)
    assert frames_file(cursor(sample_env)).exists()

    def computed_again(*args, **kwargs):
        raise AssertionError("asked on a visitor's request, not warmed")

    for name in {name for _, name, _, _ in asked}:
        monkeypatch.setitem(catalog.QUERIES, name, computed_again)
    for _, name, args, allowed in asked:  # what the page asks: every one a cache hit for the new version
        data._entry(data_version(sample_env), name, args, allowed)


def test_a_fault_of_the_thread_is_written_beside_the_database_it_followed(sample_env, tmp_path, monkeypatch):
    """The environment may point elsewhere by the time a step fails (a test's folder given back, its
    variables restored): the fault goes to the errors file of the database the step followed."""
    elsewhere = tmp_path / "elsewhere"

    def fails(cfg):
        monkeypatch.setenv("DP_VAR_DIR", str(elsewhere))
        raise OSError("the frames file is gone")

    monkeypatch.setattr(warm, "level", fails)
    warm._follow_once(lambda *args: None, {})
    assert "làm sẵn số liệu sau khi nạp" in errors_log(sample_env).read_text(encoding="utf-8")
    assert not errors_log(settings()).exists()


def _folder_deleted(cfg) -> None:
    shutil.rmtree(cfg.db_path.parent)


def _disk_full(cfg) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _folder_deleted_then_a_failure(cfg) -> None:  # e.g. DuckDB spilling into the frames' tmp folder, gone
    _folder_deleted(cfg)
    _disk_full(cfg)


@pytest.mark.parametrize(("meets", "reported"), [
    (_folder_deleted, False), (_folder_deleted_then_a_failure, False), (_disk_full, True)])
def test_a_frames_write_ends_quietly_only_when_its_database_folder_is_deleted_under_it(
        sample_env, monkeypatch, caplog, meets, reported):
    """A test's folder given back while the thread writes its frames: the write ends at the next year, and no
    incident is written (nor the folder made again to hold one); a real failure of the write is one, as ever."""
    use_programme(monkeypatch, OTHER_PROGRAMME)  # frames to write: another programme's
    computers, met = precompute._computers, []

    def meeting_it_at_the_first_frame():
        found = computers()
        first = next(iter(found))

        def compute(con, boundary, units, year):
            if not met:
                met.append(year)
                meets(sample_env)
            return found[first](con, boundary, units, year)
        return {**found, first: compute}

    monkeypatch.setattr(precompute, "_computers", meeting_it_at_the_first_frame)
    warm._follow_once(lambda *args: None, {})
    assert met
    assert errors_log(sample_env).exists() == reported
    assert any(r.levelno >= logging.ERROR for r in caplog.records) == reported
    if reported:
        assert "OSError" in errors_log(sample_env).read_text(encoding="utf-8")
