"""One archive per database, whichever way its path is written: `backup` and `rebuild` after every form of `--db`."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from cli import main
from database.store import published_file
from settings import settings
from tests.support.workbooks import default_spec, write

FORMS = {
    "relative": lambda tmp: "var/ducpho.duckdb",
    "absolute": lambda tmp: str(tmp / "var" / "ducpho.duckdb"),
    "with dot-dot": lambda tmp: "var/../var/./ducpho.duckdb",
    "through a symlinked folder": lambda tmp: "lien-ket/ducpho.duckdb",
    "through a symlink to the database": lambda tmp: "bi-danh.duckdb",
}


@pytest.fixture
def place(tmp_path, monkeypatch) -> Path:
    """A working folder holding var/ (the default place, by DP_VAR_DIR), links to it, and one workbook."""
    monkeypatch.setenv("DP_VAR_DIR", str(tmp_path / "var"))
    for name in ("DP_DB", "DP_ARCHIVE", "DP_AUTH_DB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "var").mkdir()
    (tmp_path / "lien-ket").symlink_to(tmp_path / "var", target_is_directory=True)
    (tmp_path / "bi-danh.duckdb").symlink_to(tmp_path / "var" / "ducpho.duckdb")  # dangling until the first load
    write(default_spec(), tmp_path, "bao-cao")
    return tmp_path


def loads(cfg) -> int:
    with duckdb.connect(str(published_file(cfg)), read_only=True) as con:
        return con.execute("SELECT count(*) FROM load_history").fetchone()[0]


@pytest.mark.parametrize("form", list(FORMS))
def test_every_form_of_the_default_database_path_keeps_one_archive(place, form):
    db = FORMS[form](place)
    assert settings(Path(db)) == settings()
    assert main(["load", "bao-cao.xlsx", "--db", db, "--quiet"]) == 0
    assert sorted(p.name for p in (place / "var").iterdir() if "archive" in p.name) == ["archive"]
    assert len(list((place / "var" / "archive" / "blobs").rglob("*.xlsx"))) == 1
    assert main(["backup", "--to", "sao-luu.tar.gz"]) == 0  # by default: the archive agrees with the database
    assert main(["backup", "--to", "sao-luu-2.tar.gz", "--db", db]) == 0
    assert main(["rebuild", "--db", db]) == 0
    assert main(["rebuild"]) == 0
    assert loads(settings()) == 1
    assert os.readlink(place / "var" / "ducpho.duckdb").startswith("ducpho.duckdb.versions/")


def test_another_database_keeps_its_archive_beside_it(place):
    assert main(["load", "bao-cao.xlsx", "--db", "khac/du-lieu.duckdb", "--quiet"]) == 0
    assert (place / "khac" / "du-lieu-archive" / "manifest.jsonl").exists()
    assert not (place / "var" / "archive").exists()
    assert main(["backup", "--to", "sao-luu.tar.gz", "--db", "khac/../khac/du-lieu.duckdb"]) == 0
    assert main(["rebuild", "--db", str(place / "khac" / "du-lieu.duckdb")]) == 0
