"""`python -m etl backup` and `restore`: back up, change everything, restore, and get the backed-up
database, archive and accounts back exactly; a doctored backup changes nothing."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from auth.model import ADMIN
from auth.users import add_user, list_users
from database.store import StoreBusy, restore_journal
from etl.loading.archive import Archive
from etl.loading.backup import BackupError, backup, restore
from etl.loading.batch import load_files
from tests.support.cli import etl
from tests.support.loads import history, manifest, snapshot, unit_set

PASSWORD = "mat-khau-du-dai-1"


def load(cfg, folder: Path) -> None:
    assert all(r.ok for r in load_files([(p.name, p.read_bytes()) for p in sorted(folder.iterdir())], cfg))


def test_backup_change_restore_gives_the_backed_up_state(empty_env, tmp_path):
    cfg = empty_env
    load(cfg, unit_set(tmp_path / "A", "Người lập A", ("Phổ Vinh", "Phổ Minh")))
    add_user(cfg, "admin", PASSWORD, ADMIN)
    saved = tmp_path / "sao-luu.tar.gz"
    made = etl("backup", "--to", str(saved))
    assert made.returncode == 0, made.stderr
    assert made.stdout == f"Đã sao lưu vào {saved}: 2 lượt nạp, 2 tệp trong kho lưu trữ, tài khoản người dùng.\n"
    state, loads, users = snapshot(cfg), manifest(cfg), list_users(cfg)

    load(cfg, unit_set(tmp_path / "B", "Người lập B", ("Phổ Vinh", "Phổ An")))  # everything changes
    add_user(cfg, "phohoa", PASSWORD, ADMIN)
    assert snapshot(cfg) != state and manifest(cfg) != loads and list_users(cfg) != users

    done = etl("restore", str(saved))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Đã khôi phục từ {saved}: 2 lượt nạp, 2 tệp, tài khoản người dùng.\n")
    assert (snapshot(cfg), manifest(cfg), list_users(cfg)) == (state, loads, users)
    kept = [Path(line.split(" ở ", 1)[1]) for line in done.stdout.splitlines()[1:]]
    assert {p.name.split(".before-restore-")[0] for p in kept} == {"archive", "ducpho-auth.sqlite"}
    assert len(list(Archive(kept[0]).entries())) == 4  # what was replaced is kept, not deleted
    assert not restore_journal(cfg).exists()
    rebuilt = etl("rebuild")
    assert rebuilt.returncode == 0 and snapshot(cfg) == state and manifest(cfg) == history(cfg)
    load(cfg, unit_set(tmp_path / "C", "Người lập C", ("Phổ Khánh",)))  # and loading goes on from there
    assert manifest(cfg) == history(cfg)


def _doctored(saved: Path, target: Path, name: str, kind: bytes = tarfile.REGTYPE) -> Path:
    with tarfile.open(saved, "r:gz") as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            out.addfile(member, source.extractfile(member))
        extra = tarfile.TarInfo(name)
        extra.type = kind
        if kind == tarfile.SYMTYPE:
            extra.linkname = "/etc/passwd"
        out.addfile(extra, io.BytesIO(b""))
    return target


@pytest.mark.parametrize(("name", "kind"), [
    ("../../evil.sh", tarfile.REGTYPE), ("/tmp/evil.sh", tarfile.REGTYPE), ("archive/blobs/ab/link", tarfile.SYMTYPE),
    ("database.duckdb", tarfile.REGTYPE),
])
def test_a_doctored_backup_is_refused_and_changes_nothing(empty_env, tmp_path, name, kind):
    cfg = empty_env
    load(cfg, unit_set(tmp_path / "A", "Người lập A", ("Phổ Vinh",)))
    saved = backup(cfg, tmp_path / "ok.tar.gz").path
    load(cfg, unit_set(tmp_path / "B", "Người lập B", ("Phổ Vinh",)))
    state = snapshot(cfg)
    with pytest.raises(BackupError, match="không hợp lệ"):
        restore(cfg, _doctored(saved, tmp_path / "bad.tar.gz", name, kind))
    assert snapshot(cfg) == state
    assert not (tmp_path / "evil.sh").exists() and not Path("/tmp/evil.sh").exists()
    assert sorted(p.name for p in cfg.db_path.parent.iterdir() if p.name.startswith(".restore")) == []


def test_loads_wait_for_an_unfinished_restore(empty_env, tmp_path):
    cfg = empty_env
    load(cfg, unit_set(tmp_path / "A", "Người lập A", ("Phổ Vinh",)))
    restore_journal(cfg).write_text("{}")  # a restore killed half way
    with pytest.raises(StoreBusy, match="khôi phục"):
        load(cfg, unit_set(tmp_path / "B", "Người lập B", ("Phổ Vinh",)))
    with pytest.raises(BackupError, match="khôi phục"):
        backup(cfg, tmp_path / "x.tar.gz")
