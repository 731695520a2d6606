"""Shared fixtures: a real DuckDB built from the bundled sample workbooks, copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.batch import ensure_database
from etl.config import Settings, settings

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
