"""Datasets the suite builds from the product (the sample var/ folder, the hand-made databases, the sample
workbooks read cell by cell) made once per run for every worker, and kept in pytest's cache between runs under
a key made of everything they are built from: a run whose inputs are those of an earlier run copies that run's
result instead of loading workbooks again (`pytest --cache-clear` forgets them). Never committed:
.pytest_cache/ is git-ignored."""

from __future__ import annotations

import fcntl
import hashlib
import inspect
import os
import pickle
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
import pytest

from tests.support import ROOT

T = TypeVar("T")

# Top-level folders that do not go into the datasets (the suite itself, benchmarks, docs, what runs make).
NOT_INPUTS = {".git", ".venv", ".pytest_cache", ".ruff_cache", ".ci", "var", "test-output", "tests", "benchmarks",
              "docs", "scripts"}


def inputs_key(*sources: Callable | Path) -> str:
    """A hash of every file of the product (code, SQL, programme, unit list, sample workbooks, requirements),
    the files of the suite that say how a dataset is built (`sources`: functions, by the file they are written
    in, or files), this module, the DP_ settings of the environment, Python's and DuckDB's versions."""
    digest = hashlib.sha256(f"{sys.version}\0{duckdb.__version__}\0".encode())
    files = {Path(s) if isinstance(s, Path) else Path(inspect.getsourcefile(s)) for s in sources}
    for path in sorted(files | {Path(__file__)}):
        digest.update(path.read_bytes())
    for name, value in sorted(os.environ.items()):
        if name.startswith("DP_") and name not in ("DP_VAR_DIR", "DP_DB", "DP_ARCHIVE"):
            digest.update(f"{name}={value}\0".encode())
    for folder, dirs, names in os.walk(ROOT):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not (here == ROOT and d in NOT_INPUTS))
        for name in sorted(n for n in names if not n.endswith(".md")):  # prose: the README, the guides
            path = here / name
            digest.update(f"{path.relative_to(ROOT).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def built_or_copied(cache_dir: Path | None, var_dir: Path, build: Callable[[Path], None], *sources: Callable | Path,
                    ) -> bool:
    """Make `var_dir` as `build(var_dir)` makes it: copied from `cache_dir` when a build of the same inputs
    (`build`, `sources`: `inputs_key`) is kept there, else built and kept (the only one kept). True if it was
    built."""
    if cache_dir is None:
        build(var_dir)
        return True
    kept = cache_dir / inputs_key(build, *sources)
    if kept.is_dir():
        shutil.copytree(kept, var_dir, symlinks=True)
        return False
    build(var_dir)
    for old in cache_dir.iterdir():
        shutil.rmtree(old, ignore_errors=True)
    partial = cache_dir / f"{kept.name}.partial-{os.getpid()}"
    shutil.copytree(var_dir, partial, symlinks=True)
    try:
        partial.rename(kept)  # whole or not there: another run may have kept the same at the same time
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
    return True


def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every worker of this run shares (xdist workers each have their own base temp below it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def shared_folder(tmp_path_factory: pytest.TempPathFactory, cache: pytest.Cache | None, name: str,
                  build: Callable[[Path], None], *sources: Callable | Path) -> Path:
    """The folder `build(folder)` makes, once per run: the first worker to ask makes it under a lock (copied
    from pytest's cache when a run with the same inputs kept it: `built_or_copied`), the others wait and use
    it. Tests copy it, never change it. `cache`: the run's (None under -p no:cacheprovider)."""
    shared = run_dir(tmp_path_factory)
    folder = shared / name
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / f"{name}.built").exists():
            shutil.rmtree(folder, ignore_errors=True)  # a build cut short
            built_or_copied(cache and cache.mkdir(name), folder, build, *sources)
            (shared / f"{name}.built").touch()
    return folder


_CACHE: list[pytest.Cache | None] = [None]


def use_cache(cache: pytest.Cache | None) -> None:
    """The cache `kept_value` keeps its values in: the run's (tests/conftest.py, at start)."""
    _CACHE[0] = cache


def kept_value(name: str, compute: Callable[[], T], *sources: Callable | Path) -> T:
    """`compute()`, pickled in pytest's cache under the key of its inputs (`compute`, `sources`: `inputs_key`):
    computed by the first worker that asks (the others wait under a lock and read it) and read back by later
    runs with the same inputs; the only one kept. Computed each time without a cache."""
    cache = _CACHE[0]
    if cache is None:
        return compute()
    folder = cache.mkdir(name)
    path = folder / f"{inputs_key(compute, *sources)}.pickle"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            return pickle.loads(path.read_bytes())
        value = compute()
        for old in folder.glob("*.pickle"):
            old.unlink()
        partial = folder / f"partial-{os.getpid()}"
        partial.write_bytes(pickle.dumps(value))
        partial.rename(path)
        return value
