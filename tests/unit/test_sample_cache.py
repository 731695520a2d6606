"""The datasets kept in pytest's cache (tests.support.sample_cache) are copied or read back only for the same
inputs: a changed setting or a changed build builds them again; a run builds a shared folder once."""

from __future__ import annotations

from pathlib import Path

from tests.support import sample_cache
from tests.support.sample_cache import built_or_copied, kept_value, shared_folder

BUILDS: list[Path] = []


def build(var_dir: Path) -> None:
    BUILDS.append(var_dir)
    var_dir.mkdir(parents=True)
    (var_dir / "sample.txt").write_text(f"build {len(BUILDS)}", encoding="utf-8")


def test_the_same_inputs_copy_and_other_inputs_build_again(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    BUILDS.clear()
    assert built_or_copied(cache, tmp_path / "first", build)
    assert not built_or_copied(cache, tmp_path / "second", build)
    assert (tmp_path / "second" / "sample.txt").read_text(encoding="utf-8") == "build 1"
    monkeypatch.setenv("DP_MAX_UPLOAD_MB", "7")  # a setting the product reads
    assert built_or_copied(cache, tmp_path / "third", build)
    monkeypatch.setattr(sample_cache.inspect, "getsourcefile", lambda _: tmp_path / "changed_build.py")
    (tmp_path / "changed_build.py").write_text("# the suite's build written otherwise\n", encoding="utf-8")
    assert built_or_copied(cache, tmp_path / "fourth", build)
    assert len(BUILDS) == 3 and len(list(cache.iterdir())) == 1  # one build kept


COMPUTED: list[int] = []


def compute() -> dict[str, int]:
    COMPUTED.append(1)
    return {"computed": len(COMPUTED)}


def test_a_kept_value_is_computed_once_for_the_same_inputs(tmp_path, monkeypatch):
    COMPUTED.clear()

    class Folder:  # pytest.Cache's one method kept_value uses
        @staticmethod
        def mkdir(name: str) -> Path:
            (tmp_path / name).mkdir(exist_ok=True)
            return tmp_path / name

    monkeypatch.setattr(sample_cache, "_CACHE", [None])
    assert kept_value("v", compute) == {"computed": 1}
    assert kept_value("v", compute) == {"computed": 2}  # no cache: computed each time
    monkeypatch.setattr(sample_cache, "_CACHE", [Folder()])
    assert kept_value("v", compute) == {"computed": 3}
    assert kept_value("v", compute) == {"computed": 3}  # read back
    monkeypatch.setenv("DP_MAX_UPLOAD_MB", "7")
    assert kept_value("v", compute) == {"computed": 4}
    assert len(list((tmp_path / "v").glob("*.pickle"))) == 1  # one kept


def test_a_shared_folder_is_built_once_per_run(tmp_path_factory, tmp_path):
    BUILDS.clear()
    name = f"shared-{tmp_path.name}"
    first = shared_folder(tmp_path_factory, None, name, build)
    again = shared_folder(tmp_path_factory, None, name, build)
    assert first == again and len(BUILDS) == 1
    assert (first / "sample.txt").read_text(encoding="utf-8") == "build 1"


def test_the_sample_report_is_worked_out_on_a_copy_of_the_shared_folder(tmp_path, monkeypatch):
    """While the environment points at a folder, an app thread of the worker (ui.warm) may write into it: the
    shared sample folder, which the other worker copies at any time, is never the one pointed at."""
    from settings import settings
    from tests.support import sample_report

    shared = tmp_path / "sample-var"
    shared.mkdir()
    (shared / "ducpho.duckdb").write_bytes(b"the database")
    seen: list[Path] = []

    def meeting_data_for(_cursor, year, unit):
        seen.append(settings().db_path.parent)
        return {"year": year, "unit": unit, "database": settings().db_path.read_bytes()}

    monkeypatch.setattr(sample_cache, "_CACHE", [None])
    monkeypatch.setattr(sample_report, "meeting_data_for", meeting_data_for)
    monkeypatch.setattr(sample_report, "cursor", lambda: None)
    assert sample_report.sample_meeting_data(shared, 2024) == {"year": 2024, "unit": None,
                                                               "database": b"the database"}
    assert seen and shared not in seen
    assert not any(p.exists() for p in seen)  # the copy is gone
