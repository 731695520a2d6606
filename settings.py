"""Every path the project uses, resolved from this file and overridable by environment."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA_DIR = ROOT / "data"
SAMPLES_DIR = DATA_DIR / "samples"
UNITS_CSV = DATA_DIR / "units.csv"
PROGRAMME = DATA_DIR / "programme.toml"
FIRST_REPORT_YEAR = 2015  # the first year a workbook may report on (and the template accepts)
# DuckDB's memory limit per database a process opens: the national server peaks at 1,1 GB with every page
# served under these (benchmarks/RESULTS.md); the work past them spills to a temporary directory
READER_MEMORY = "256MB"
FRAMES_MEMORY = "256MB"


def units_csv() -> Path:
    """The unit reference in force: data/units.csv, or DP_UNITS_CSV (the benchmarks' synthetic units)."""
    return Path(os.environ.get("DP_UNITS_CSV", UNITS_CSV))


def programme_path() -> Path:
    """The programme judged against: data/programme.toml, or DP_PROGRAMME (another committee's plan, tests)."""
    return Path(os.environ.get("DP_PROGRAMME", PROGRAMME))


@dataclass(frozen=True)
class Settings:
    """Where the database and the archive of uploads live."""

    db_path: Path
    archive_dir: Path
    max_upload_bytes: int
    auth_db: Path  # users, failed logins, audit log (SQLite: small, many writers)
    session_minutes: int
    # a workbook is a zip (xlsx, ods): limits checked before any parser sees it (etl/reading/guard.py)
    zip_max_entries: int = 1000
    zip_max_uncompressed_bytes: int = 200 * 1024 * 1024
    zip_max_ratio: int = 100  # uncompressed / compressed, for entries above ZIP_RATIO_GRACE_BYTES
    # DuckDB's buffers for the app's read connections (its default, 80 % of the machine, lets one
    # process of a national server grow past what the pages need); larger work spills to disk
    reader_memory_limit: str = READER_MEMORY
    # the same for the writer of the stored frames (queries.precompute), which runs in the app's process too
    frames_memory_limit: str = FRAMES_MEMORY
    # a built download stays at its /media/ address this long, then is dropped (auth.downloads)
    download_link_seconds: float = 60.0
    # spreadsheets are decoded in a separate process (etl.reading.decoder) that a hostile file may kill; the
    # unit tests decode trusted workbooks in their own process instead (DP_DECODE_IN_PROCESS=1)
    decode_in_process: bool = False

    @property
    def lock_path(self) -> Path:
        return self.db_path.with_name(self.db_path.name + ".lock")


def database_path(path: Path) -> Path:
    """One name for one database, however it is written: absolute, its folders resolved (relative
    parts, `..`, symlinked folders), and followed through a symlink to another database path, but
    not through the link a load publishes (to its `.versions` folder)."""
    path = Path(os.path.abspath(path))
    for _ in range(40):
        path = path.parent.resolve() / path.name
        if not path.is_symlink():
            break
        target = Path(os.path.normpath(path.parent / os.readlink(path)))
        if target.parent.name == path.name + ".versions":
            break  # the published version: this is the database's own path
        path = target
    return path


def settings(db_path: Path | None = None) -> Settings:
    """The settings of the environment as it is now, so tests and subprocesses can point elsewhere by it.

    Paths are resolved first (`database_path`), so the default database keeps `var/archive/` however
    it is named (`--db var/ducpho.duckdb`, an absolute path, a symlink); another database keeps its
    archive beside it in `NAME-archive/`, unless DP_ARCHIVE says otherwise. Resolved once for each
    environment (the DP_ variables and the working folder): a page run asks for them at every query,
    and resolving the paths costs 0,2 ms each time; a symlink re-pointed while a process runs is
    seen by the next process.
    """
    environment = tuple(sorted((name, value) for name, value in os.environ.items() if name.startswith("DP_")))
    return _resolved(db_path, os.getcwd(), environment)


@functools.lru_cache(maxsize=64)
def _resolved(db_path: Path | None, cwd: str, environment: tuple[tuple[str, str], ...]) -> Settings:
    del cwd  # a key only: relative paths below are resolved against it
    env = dict(environment)
    var_dir = Path(env.get("DP_VAR_DIR", ROOT / "var")).resolve()
    default_db = database_path(var_dir / "ducpho.duckdb")
    db_path = database_path(db_path or Path(env.get("DP_DB", default_db)))
    default_archive = var_dir / "archive" if db_path == default_db else db_path.with_name(f"{db_path.stem}-archive")
    return Settings(
        db_path=db_path,
        archive_dir=Path(env.get("DP_ARCHIVE", default_archive)).resolve(),
        max_upload_bytes=int(float(env.get("DP_MAX_UPLOAD_MB", "20")) * 1024 * 1024),
        auth_db=Path(env.get("DP_AUTH_DB", db_path.with_name(db_path.stem + "-auth.sqlite"))).resolve(),
        session_minutes=int(env.get("DP_SESSION_MINUTES", "60")),
        zip_max_entries=int(env.get("DP_ZIP_MAX_ENTRIES", "1000")),
        zip_max_uncompressed_bytes=int(float(env.get("DP_ZIP_MAX_UNCOMPRESSED_MB", "200")) * 1024 * 1024),
        zip_max_ratio=int(env.get("DP_ZIP_MAX_RATIO", "100")),
        reader_memory_limit=env.get("DP_READER_MEMORY", READER_MEMORY),
        frames_memory_limit=env.get("DP_FRAMES_MEMORY", FRAMES_MEMORY),
        download_link_seconds=float(env.get("DP_DOWNLOAD_LINK_SECONDS", "60")),
        decode_in_process=env.get("DP_DECODE_IN_PROCESS", "") == "1",
    )
