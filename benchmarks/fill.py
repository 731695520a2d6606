"""A database at a scale, filled through the loader's own write path, and workbook files to load.

The page benchmark needs 60,000 unit-years at national scale: writing and parsing that many
workbooks would take hours and measure nothing new, so `fill_database` hands the submissions the
parser would make (`synthetic.submission`, checked equal to the parser's in the tests) to
`etl.loading.loader.write_submissions` inside `database.store.write_session`: the same tables, statements and
publishing as an upload, several hundred unit-years per transaction.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from benchmarks.machine import load_average
from benchmarks.synthetic import SCALES, YEARS, Scale, generate, scale_units, submission
from database.store import install_views, published_file, views_outdated, write_session
from database.units import Unit
from etl.loading.archive import Archive
from etl.loading.batch import reconcile_archive
from etl.loading.loader import Delivery, write_submissions
from queries.precompute import level
from rendering.template import write_workbook
from settings import ROOT, Settings, settings

GENERATOR_VERSION = "1"  # bump when the generated data changes: cached databases are rebuilt
BATCH = 400  # unit-years per transaction of the bulk fill
LOADED_AT = datetime(2026, 1, 15, 8, 0)
LOADED_BY = "benchmarks"


@dataclass
class FillStats:
    scale: str
    generator: str
    unit_years: int
    cells: int
    cadres: int
    members: int  # at year end, summed over the unit-years of the last year
    seconds: float
    db_bytes: int
    load_average: tuple[float, float, float]
    frames_s: float | None = None  # writing the frames stored for the pages (queries.precompute), when they were
    frames_bytes: int | None = None


def scale_dir(scale: Scale) -> Path:
    """benchmarks/out/<scale>/, or under DP_BENCH_OUT: units, database, workbooks, logs."""
    return Path(os.environ.get("DP_BENCH_OUT", ROOT / "benchmarks" / "out")) / scale.name


def scale_env(scale: Scale) -> dict[str, str]:
    """The environment a process needs to see this scale's database and units."""
    env = {"DP_VAR_DIR": str(scale_dir(scale) / "var")}
    if scale.units is not None:
        env["DP_UNITS_CSV"] = str(scale_dir(scale) / "units.csv")
    return env


def units_of(scale: Scale) -> tuple[Unit, ...]:
    return scale_units(scale, scale_dir(scale) / "units.csv" if scale.units is not None else None)


def _stats_path(scale: Scale) -> Path:
    return scale_dir(scale) / "fill.json"


def cached_fill(scale: Scale) -> FillStats | None:
    """The stats of a database built earlier by this generator version, if it is still there.

    One made with older views gets this views.sql first, the way the app upgrades a database.
    """
    path = _stats_path(scale)
    if not path.exists():
        return None
    known = set(FillStats.__dataclass_fields__)  # a step's result written over it carries more keys
    stats = FillStats(**{k: v for k, v in json.loads(path.read_text()).items() if k in known})
    cfg = settings_for(scale)
    current = published_file(cfg)
    if stats.generator != GENERATOR_VERSION or current is None or not current.exists():
        return None
    if views_outdated(cfg):
        with write_session(cfg) as con:
            install_views(con)
        stats.db_bytes = published_file(cfg).stat().st_size
    level_manifest(cfg)
    write_frames(cfg, stats)
    return stats


def write_frames(cfg: Settings, stats: FillStats) -> None:
    """The frames stored for the pages of the published version (queries.precompute), when this code has
    not written them yet (the first run after a change of the queries or the programme file)."""
    started = time.perf_counter()
    written = level(cfg)
    if written is not None:
        stats.frames_s, stats.frames_bytes = round(time.perf_counter() - started, 1), written.stat().st_size
        _stats_path(SCALES[stats.scale]).write_text(json.dumps(asdict(stats)))


def level_manifest(cfg: Settings) -> None:
    """The archive manifest as the loader would have left it (one line per load), so a benchmark's
    upload starts as a real one does; the synthetic files themselves are not archived."""
    reconcile_archive(cfg, Archive(cfg.archive_dir))


def settings_for(scale: Scale) -> Settings:
    """Settings of the scale's database; the process must run with `scale_env(scale)`."""
    for name, value in scale_env(scale).items():
        assert os.environ.get(name) == value, f"run with {name}={value}"
    return settings()


def fill_database(scale: Scale, progress=None) -> FillStats:
    """Build the scale's database from scratch (fresh write session), BATCH unit-years per transaction."""
    cfg = settings_for(scale)
    shutil.rmtree(cfg.db_path.parent, ignore_errors=True)  # old versions of a national database weigh GBs
    units = units_of(scale)
    started = time.perf_counter()
    counts = {"unit_years": 0, "cells": 0, "cadres": 0, "members": 0}
    with write_session(cfg, fresh=True) as con:
        batch: list[Delivery] = []

        def flush() -> None:
            con.execute("BEGIN TRANSACTION")
            write_submissions(con, batch, loaded_at=LOADED_AT, loaded_by=LOADED_BY)
            con.execute("COMMIT")
            batch.clear()

        for unit, year, content in generate(scale, units):
            sub = submission(unit, year, content)
            name = f"synthetic_{scale.name}_{unit.code}_{year}.xlsx"
            batch.append(Delivery(sub, name, hashlib.sha256(f"{GENERATOR_VERSION}/{name}".encode()).hexdigest()))
            counts["unit_years"] += 1
            counts["cells"] += len(sub.cells)
            counts["cadres"] += len(sub.cadres)
            if year == YEARS[-1]:
                counts["members"] += sum(m["end_count"] for m in sub.members)
            if len(batch) >= BATCH:
                flush()
                if progress and counts["unit_years"] % (BATCH * 10) == 0:
                    progress(f"  {scale.name}: {counts['unit_years']:,} unit-years, "
                             f"{time.perf_counter() - started:.0f} s")
        if batch:
            flush()
    level_manifest(cfg)
    current = published_file(cfg)
    stats = FillStats(scale.name, GENERATOR_VERSION, seconds=round(time.perf_counter() - started, 1),
                      db_bytes=current.stat().st_size, load_average=load_average(), **counts)
    _stats_path(scale).write_text(json.dumps(asdict(stats)))
    write_frames(cfg, stats)
    return stats


def write_workbooks(scale: Scale, count: int, folder: Path | None = None) -> list[Path]:
    """`count` real workbook files of the scale (rendering.template.write_workbook), kept between runs.

    The first units of the unit table, every year of each, so files cover replacements too.
    """
    folder = folder or scale_dir(scale) / "workbooks"
    folder.mkdir(parents=True, exist_ok=True)
    units = units_of(scale)
    wanted = []
    for unit in units:
        for year in YEARS:
            if unit.valid_in(year) and len(wanted) < count:
                wanted.append((unit, year))
    paths = {(u.unit_id, y): folder / f"v{GENERATOR_VERSION}_{u.code}_{y}.xlsx" for u, y in wanted}
    missing = {u.unit_id for (u, y) in wanted if not paths[u.unit_id, y].exists()}
    if missing:
        for unit, year, content in generate(scale, units, only=missing):
            path = paths.get((unit.unit_id, year))
            if path is not None and not path.exists():
                write_workbook(path, unit, year, sample=True, **content)
    return [paths[u.unit_id, y] for u, y in wanted]


def scale_by_name(name: str) -> Scale:
    return SCALES[name]
