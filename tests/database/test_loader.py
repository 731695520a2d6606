"""The load path end to end: real workbooks on disk, a real DuckDB, the archive, the CLI."""

from __future__ import annotations

import io

import duckdb
import pytest

from database.store import published_file
from etl.loading.archive import Archive
from etl.loading.batch import load_files, rebuild
from etl.loading.loader import OUTCOME_NEW, OUTCOME_REJECTED, OUTCOME_REPLACED, OUTCOME_UNCHANGED, tally
from tests.support.loads import snapshot
from tests.support.workbooks import default_spec, edited
from tests.support.workbooks import write as write_in


def write(spec, folder):
    folder.mkdir(parents=True, exist_ok=True)
    return write_in(spec, folder)


def load(cfg, *paths):
    return load_files([(p.name, p.read_bytes()) for p in paths], cfg)


def test_load_stores_exact_figures_and_history(empty_env, tmp_path):
    path, _ = write(default_spec(), tmp_path)
    [result] = load(empty_env, path)
    assert (result.outcome, result.unit_id, result.year) == (OUTCOME_NEW, "21469-2015", 2024)
    assert (result.cells, result.members, result.cadres) == (3, 98, 6)
    with duckdb.connect(str(published_file(empty_env)), read_only=True) as con:
        assert con.execute("SELECT sum(end_count), sum(admitted) FROM member_figures").fetchone() == (98, 4)
        assert con.execute("SELECT outcome, file_name, cells, members, cadres FROM load_history").fetchall() == [
            (OUTCOME_NEW, path.name, 3, 98, 6)
        ]
        org = con.execute("SELECT org_rating, committee_members, committee_trained FROM submissions").fetchone()
        assert org == ("HTTNV", 13, 12)


def test_identical_file_changes_nothing(empty_env, tmp_path):
    path, _ = write(default_spec(), tmp_path)
    load(empty_env, path)
    before, version = snapshot(empty_env), published_file(empty_env)
    [again] = load(empty_env, path)
    assert published_file(empty_env) == version  # nothing published: the pages keep their caches
    assert again.outcome == OUTCOME_UNCHANGED
    assert "không thay đổi" in again.summary()
    assert tally([again]) == "0 tệp nạp được, 1 tệp không đổi (đã có đúng tệp này), 0 tệp bị từ chối"
    assert snapshot(empty_env) == before
    assert len(list(Archive(empty_env.archive_dir).entries())) == 1


def test_replacement_is_whole_and_keeps_the_old_file_in_the_archive(empty_env, tmp_path):
    first, _ = write(default_spec(), tmp_path / "a")
    second_spec = default_spec()
    second_spec.cells = second_spec.cells[:2]
    second_spec.members = second_spec.members[:2]
    second_spec.cadres = second_spec.cadres[:5]
    second, _ = write(second_spec, tmp_path / "b")
    load(empty_env, first)
    [result] = load(empty_env, second)
    assert result.outcome == OUTCOME_REPLACED
    with duckdb.connect(str(published_file(empty_env)), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM cells").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM cadres").fetchone() == (5,)
        assert con.execute("SELECT count(*) FROM submissions").fetchone() == (1,)
        assert con.execute("SELECT outcome FROM load_history ORDER BY load_id").fetchall() == [
            (OUTCOME_NEW,), (OUTCOME_REPLACED,)
        ]
    archive = Archive(empty_env.archive_dir)
    assert [e.file_name for e in archive.entries()] == [first.name, second.name]
    assert all(archive.blob_path(e.sha256, e.suffix).exists() for e in archive.entries())


def test_rejected_workbook_changes_nothing(empty_env, tmp_path):
    good, _ = write(default_spec(), tmp_path / "good")
    load(empty_env, good)
    before, version = snapshot(empty_env), published_file(empty_env)
    bad_spec = edited([("members", 0, "Cuối năm", 99)])
    bad_spec.info["Xếp loại TCCSĐ"] = "HTXSNV"  # a different, otherwise valid, replacement
    bad, _ = write(bad_spec, tmp_path / "bad")
    not_a_workbook = tmp_path / "not-a-workbook.xlsx"
    not_a_workbook.write_bytes(b"just some text, renamed")
    result, unreadable = load(empty_env, bad, not_a_workbook)
    assert published_file(empty_env) == version  # every file refused: nothing published, the pages keep their caches
    assert tally([result, unreadable]) == "0 tệp nạp được, 2 tệp bị từ chối"
    assert (result.outcome, unreadable.outcome) == (OUTCOME_REJECTED, OUTCOME_REJECTED)
    # the wrong year-end count breaks the balance; the ratings total it also breaks is its knock-on
    assert [(p.sheet, p.column) for p in result.problems] == [("Đảng viên", "Cuối năm")]
    assert snapshot(empty_env) == before
    assert len(list(Archive(empty_env.archive_dir).entries())) == 1


def test_batch_loads_the_good_and_explains_the_bad(empty_env, tmp_path):
    good, _ = write(default_spec(), tmp_path / "good")
    bad = tmp_path / "not-a-workbook.xlsx"
    bad.write_bytes(b"just some text, renamed")
    results = load(empty_env, good, bad)
    assert [r.outcome for r in results] == [OUTCOME_NEW, OUTCOME_REJECTED]
    assert results[1].problems and results[1].problems[0].file == bad.name


def test_size_limit_rejects_before_parsing(empty_env, tmp_path, monkeypatch):
    monkeypatch.setenv("DP_MAX_UPLOAD_MB", "0")
    from settings import settings

    path, _ = write(default_spec(), tmp_path)
    [result] = load(settings(), path)
    assert result.outcome == OUTCOME_REJECTED
    assert "giới hạn" in result.problems[0].expected


def test_rebuild_reproduces_the_database_from_the_archive(empty_env, tmp_path):
    first, _ = write(default_spec(), tmp_path / "a")
    other = default_spec()
    other.info["Đơn vị"] = "Phổ Vinh"
    second, _ = write(other, tmp_path / "b")
    replacement = edited([("cadres", 0, "Học vấn", "9/12")])
    third, _ = write(replacement, tmp_path / "c")
    for path in (first, second, third):
        load(empty_env, path)
    before = snapshot(empty_env)
    assert rebuild(empty_env) == 3
    assert snapshot(empty_env) == before


def test_kill_safety_unfinished_session_publishes_nothing(empty_env, tmp_path):
    from database.store import write_session
    from etl.loading.loader import load_workbook

    path, _ = write(default_spec(), tmp_path)
    load(empty_env, path)
    before = snapshot(empty_env)
    other = default_spec()
    other.info["Đơn vị"] = "Phổ Vinh"
    other_path, _ = write(other, tmp_path / "o")
    with pytest.raises(RuntimeError), write_session(empty_env) as con:
        load_workbook(io.BytesIO(other_path.read_bytes()), con, file_name="x.xlsx", archive=None)
        raise RuntimeError("the process dies here")
    assert snapshot(empty_env) == before


def test_every_archived_file_is_on_disk_before_the_load_is_published(empty_env, tmp_path, monkeypatch):
    """Each blob's content is synced before it takes its name, its folder and the folders above it (made by
    this load) before the database is published: the archive, replayed by `rebuild`, never names a file a
    power cut could leave empty or unnamed."""
    import os

    import database.store

    first, _ = write(default_spec(), tmp_path / "a")
    earlier = default_spec()
    earlier.info["Năm báo cáo"] = 2023
    second, _ = write(earlier, tmp_path / "b")
    events = []
    real_fsync, real_replace, real_publish = os.fsync, os.replace, database.store._publish

    def fsync(fd):
        events.append(("synced", os.readlink(f"/proc/self/fd/{fd}")))
        return real_fsync(fd)

    def replace(source, target, *args, **kwargs):
        events.append(("named", str(source), str(target)))
        return real_replace(source, target, *args, **kwargs)

    def publish(*args, **kwargs):
        events.append(("published",))
        return real_publish(*args, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(database.store, "_publish", publish)
    assert [r.outcome for r in load(empty_env, first, second)] == [OUTCOME_NEW, OUTCOME_NEW]
    archive = Archive(empty_env.archive_dir)
    blobs = [archive.blob_path(e.sha256, e.suffix) for e in archive.entries()]
    published = events.index(("published",))
    assert len(blobs) == 2
    for blob in blobs:
        [named] = [i for i, e in enumerate(events) if e[0] == "named" and e[2] == str(blob)]
        assert ("synced", events[named][1]) in events[:named]  # the content, under its temporary name
        for folder in (blob.parent, blob.parent.parent, archive.root, archive.root.parent):  # naming it, up to the archive
            assert ("synced", str(folder)) in events[named:published]
