"""The settings are resolved once per environment, and follow the environment as it changes."""

from __future__ import annotations

from pathlib import Path

from settings import settings


def test_settings_follow_the_environment_within_a_process(tmp_path: Path, monkeypatch):
    """A test or a command that points the environment elsewhere gets the new paths at once, the cache notwithstanding."""
    monkeypatch.setenv("DP_VAR_DIR", str(tmp_path / "a"))
    first = settings()
    assert first.db_path == (tmp_path / "a" / "ducpho.duckdb").resolve()
    assert settings() is first  # resolved once
    monkeypatch.setenv("DP_VAR_DIR", str(tmp_path / "b"))
    monkeypatch.setenv("DP_SESSION_MINUTES", "5")
    second = settings()
    assert (second.db_path, second.archive_dir) == ((tmp_path / "b" / "ducpho.duckdb").resolve(), (tmp_path / "b" / "archive").resolve())
    assert second.session_minutes == 5


def test_a_relative_database_is_resolved_against_the_working_folder(tmp_path: Path, monkeypatch):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        monkeypatch.chdir(tmp_path / folder)
        assert settings(Path("ban.duckdb")).db_path == (tmp_path / folder / "ban.duckdb").resolve()
