"""The sample var/ folder (database, archive, frames) kept in pytest's cache between runs, under a key made of
everything it is built from: a run whose inputs are those of an earlier run copies that run's folder instead of
loading the samples and computing the frames again (`pytest --cache-clear` forgets it). Never committed:
.pytest_cache/ is git-ignored."""

from __future__ import annotations

import hashlib
import inspect
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb

from tests.support import ROOT

# Top-level folders that do not go into the sample database (the suite itself, benchmarks, docs, what runs make).
NOT_INPUTS = {".git", ".venv", ".pytest_cache", ".ruff_cache", ".ci", "var", "test-output", "tests", "benchmarks",
              "docs", "scripts"}


def inputs_key(build: Callable[[Path], None]) -> str:
    """A hash of every file of the product (code, SQL, programme, unit list, sample workbooks), the files of the
    suite that say how it is built (where `build` is written, and this module), the DP_ settings of the
    environment, Python's and DuckDB's versions."""
    digest = hashlib.sha256(f"{sys.version}\0{duckdb.__version__}\0".encode())
    for path in sorted({Path(inspect.getsourcefile(build)), Path(__file__)}):
        digest.update(path.read_bytes())
    for name, value in sorted(os.environ.items()):
        if name.startswith("DP_") and name not in ("DP_VAR_DIR", "DP_DB", "DP_ARCHIVE"):
            digest.update(f"{name}={value}\0".encode())
    for folder, dirs, files in os.walk(ROOT):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not (here == ROOT and d in NOT_INPUTS))
        for name in sorted(n for n in files if not n.endswith(".md")):  # prose: the README, the guides
            path = here / name
            digest.update(f"{path.relative_to(ROOT).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def built_or_copied(cache_dir: Path | None, var_dir: Path, build: Callable[[Path], None]) -> bool:
    """Make `var_dir` as `build(var_dir)` makes it: copied from `cache_dir` when a build of the same inputs is
    kept there, else built and kept (the only one kept). True if it was built."""
    if cache_dir is None:
        build(var_dir)
        return True
    kept = cache_dir / inputs_key(build)
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
