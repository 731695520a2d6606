"""The sample var/ folder kept in pytest's cache (tests.support.sample_cache) is copied only for the same
inputs: a changed setting or a changed build builds it again."""

from __future__ import annotations

from pathlib import Path

from tests.support import sample_cache
from tests.support.sample_cache import built_or_copied

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
