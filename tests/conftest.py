"""The tiers of the suite and what each may use; the sample database, built once per run.

A test's tier is the folder it lives in, and its marker (`-m unit`, `-m "not browser"`) is set from
that folder:

- unit: no child process, no database file (DuckDB in memory only), spreadsheets decoded in-process;
- database: a real DuckDB on disk (the sample database, or one the test loads), no child process;
- app: the real pages under Streamlit's AppTest;
- system: the command line and the decoder as separate processes, kills, concurrency, backups, hostile files;
- browser: `streamlit run app.py` driven by headless Chromium.

`make test-fast` runs unit and database, `make test` every tier.
"""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from argon2 import PasswordHasher

from auth import passwords
from etl.loading.batch import ensure_database
from queries.precompute import level
from settings import Settings, settings
from tests.support import ROOT, point_at
from tests.support.sample_cache import shared_folder, use_cache

# The collector of the test processes runs less often than CPython's default (700, 10, 10): a worker holds
# millions of long-lived objects (pandas, pyarrow, plotly, Streamlit, the parsed samples), and each full collection
# walks them all, 13 of them in a 28 s run of three database-tier files (2.2 s). Fewer, larger young collections
# free the same cycles; no test depends on when (the app and the command line run with the default).
gc.set_threshold(50_000, 20, 10)

TIERS = ("unit", "database", "app", "system", "browser")
IN_PROCESS_DECODING = {"unit", "database", "app"}  # trusted workbooks; the decoder process is the system tier's
NO_CHILD_PROCESS = {"unit", "database"}
# Passwords hashed at Argon2id's lowest cost where the test is about what surrounds a hash (accounts, lockout,
# roles, the pages behind the login); a test of the cost itself asks for `real_password_cost`, and the system
# and browser tiers run the app as deployed.
CHEAP_PASSWORDS = {"unit", "database", "app"}
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)

# fixtures of the datasets several tiers share (tests/support)
pytest_plugins = [
    "tests.support.hostile_text",
    "tests.support.merger_data",
    "tests.support.programme_levels",
    "tests.support.scorecard_data",
    "tests.support.town_units",
    "tests.support.warnings_data",
]


def tier_of(path: Path) -> str:
    """The tier of a test file: the folder under tests/ it lives in."""
    parts = Path(path).resolve().relative_to(ROOT / "tests").parts
    if len(parts) < 2 or parts[0] not in TIERS:
        raise pytest.UsageError(f"{path}: every test lives in one of tests/{{{','.join(TIERS)}}}/")
    return parts[0]


# The order files are handed to the workers (`make test` keeps it: --no-loadscope-reorder): the tiers whose files
# take longest first, the many short unit and database tests last, so that neither worker is left with one long
# file while the other is done. The unit tier comes before the database tier: under `make test-fast` the workers
# start on tests that need no sample database while the first of them builds it.
RUN_ORDER = ("browser", "system", "app", "unit", "database")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(getattr(pytest.mark, tier_of(item.path)))
    items.sort(key=lambda item: RUN_ORDER.index(tier_of(item.path)))


class ChildProcessRefused(AssertionError):
    pass


def _no_child_process(*args, **kwargs):
    raise ChildProcessRefused(f"a unit or database test starts no process (tests/system/ does): {args[:1]}")


def _memory_only(database: str = ":memory:", *args, **kwargs):
    if str(database) not in (":memory:", ""):
        raise AssertionError(f"a unit test opens no database file (tests/database/ does): {database}")
    return _DUCKDB_CONNECT(database, *args, **kwargs)


_DUCKDB_CONNECT = duckdb.connect


@pytest.fixture(autouse=True)
def tier_rules(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the test's tier allows (see the module's docstring), enforced: a test that needs more
    belongs to another tier."""
    tier = tier_of(request.node.path)
    if tier in IN_PROCESS_DECODING:
        monkeypatch.setenv("DP_DECODE_IN_PROCESS", "1")
    if tier in NO_CHILD_PROCESS:
        monkeypatch.setattr(subprocess, "Popen", _no_child_process)
    if tier == "unit":
        monkeypatch.setattr(duckdb, "connect", _memory_only)
    if tier in CHEAP_PASSWORDS and "real_password_cost" not in request.fixturenames:
        monkeypatch.setattr(passwords, "_hasher", CHEAP_HASHER)
        # the unknown user's throwaway hash is made again with the hasher in use, before and after
        passwords._dummy_hash.cache_clear()
        request.addfinalizer(passwords._dummy_hash.cache_clear)
    if tier != "app" and "ui.warm" in sys.modules:
        # the app's thread following the published version (ui.warm), started by an app test earlier in this
        # process, does nothing to this test's database (no frames, no spare copy): the test itself says when
        monkeypatch.setattr(sys.modules["ui.warm"], "_step", lambda run, seen, cfg: None)


@pytest.fixture
def real_password_cost() -> None:
    """Argon2id with the parameters the product uses (tier_rules leaves the hasher alone for this test)."""
    assert passwords._hasher.time_cost == PasswordHasher().time_cost
    passwords._dummy_hash.cache_clear()


def _point_env_at(monkeypatch: pytest.MonkeyPatch, var_dir: Path) -> Settings:
    point_at(monkeypatch, var_dir)
    return settings()


def _build_sample_var(var_dir: Path) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DP_DECODE_IN_PROCESS", "1")  # the bundled samples: trusted files
        cfg = _point_env_at(mp, var_dir)
        ensure_database(cfg)
        level(cfg)  # the frames stored for the pages, as the app's thread writes them at start


def pytest_configure(config: pytest.Config) -> None:
    use_cache(getattr(config, "cache", None))  # None under -p no:cacheprovider


@pytest.fixture(scope="session")
def sample_var(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> Path:
    """A var/ folder (database + archive) built from data/samples as the app builds it on first start,
    once per run for every worker, or copied from pytest's cache (tests.support.sample_cache). Tests copy it
    (`sample_env`), never change it."""
    return shared_folder(tmp_path_factory, getattr(pytestconfig, "cache", None), "sample-var", _build_sample_var)


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
