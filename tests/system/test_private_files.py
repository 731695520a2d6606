"""Everything the app writes holds personal data: files 0600 and folders 0700, whatever the umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from auth.login import LoginRefused, authenticate
from cli import main
from core.incidents import record_incident
from settings import settings
from tests.support.auth_fixtures import add_accounts
from tests.support.workbooks import default_spec, write


def too_open(root: Path) -> list[str]:
    """Files and folders under `root` (itself included) that a group or others may read, write or enter."""
    found = []
    for path in [root, *root.rglob("*")]:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            continue  # the published link: its rights are never used
        if mode & 0o077:
            found.append(f"{path.relative_to(root.parent)} {stat.filemode(mode)}")
    return found


@pytest.fixture
def shared_umask():
    """The umask of a typical server account: new files readable by everyone unless the code says otherwise."""
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.fixture
def loaded(tmp_path, monkeypatch, shared_umask):
    """A var/ folder the CLI made by loading one workbook; the settings and the workbook's path."""
    monkeypatch.setenv("DP_VAR_DIR", str(tmp_path / "var"))
    for name in ("DP_DB", "DP_ARCHIVE", "DP_AUTH_DB"):
        monkeypatch.delenv(name, raising=False)
    path, _ = write(default_spec(), tmp_path)
    assert main(["load", str(path), "--quiet"]) == 0
    return settings(), path


def test_database_versions_archive_manifest_backups_and_accounts_are_owner_only(loaded, tmp_path):
    cfg, path = loaded
    add_accounts(cfg, "quantri")
    with pytest.raises(LoginRefused):
        authenticate(cfg, "khongco", "sai-mat-khau-x")  # the login key is made
    record_incident(RuntimeError("for the errors file"), "test", cfg)
    backups = tmp_path / "sao-luu"
    backups.mkdir(mode=0o700)
    assert main(["backup", "--to", str(backups / "ban-sao.tar.gz")]) == 0
    assert main(["restore", str(backups / "ban-sao.tar.gz")]) == 0  # what a restore puts back, too
    assert main(["rebuild"]) == 0
    assert main(["load", str(path), "--quiet"]) == 0
    written = {p.name for p in cfg.db_path.parent.rglob("*")}
    assert {"manifest.jsonl", "ducpho-auth.sqlite", "ducpho-auth.key", "ducpho-errors.log", "ducpho.duckdb.lock",
            "ducpho.duckdb.versions", "blobs"} <= written
    assert too_open(cfg.db_path.parent) == []
    assert too_open(backups) == []


def test_folders_an_earlier_version_left_open_are_narrowed_on_the_next_load(loaded, tmp_path):
    cfg, _ = loaded
    for folder in [cfg.db_path.parent, *[p for p in cfg.db_path.parent.rglob("*") if p.is_dir()]]:
        folder.chmod(0o755)
    spec = default_spec()
    spec.info["Năm báo cáo"] = 2023
    other, _ = write(spec, tmp_path, "khac")
    assert main(["load", str(other), "--quiet"]) == 0
    for folder in (cfg.db_path.parent, cfg.archive_dir, cfg.archive_dir / "blobs", cfg.db_path.parent /
                   "ducpho.duckdb.versions"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder  # var/ itself closed: nothing below is reachable
