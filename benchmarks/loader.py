"""The loader against three references over the same workbook files, in the same run.

- bare: python-calamine opening each file and decoding the four contract sheets to Python
  values, nothing else: the floor, no loader reads faster than that;
- loader: `etl.loading.batch.load_files` into a new database, as `python -m etl load FOLDER` does: sniff,
  container checks, decoding in the decoder process, every contract rule, the archive, the
  write session (copy, one transaction per workbook, checkpoint, publish);
- openpyxl: `pandas.read_excel(BytesIO(data), engine="openpyxl", sheet_name=None)`, what a
  user would write by hand, and which checks nothing;
- checks free: the loader as above with its checks costing nothing (`checks_free`): each file is still
  sniffed, guarded, decoded in the decoder process and its grids read back, then the submission
  `parse_workbook` made of it beforehand (outside the timings) is handed on, to the same archive and
  write session. The part of the loader's CPU that no way of writing the checks can remove;
- floor: checks free, and the container guard and the archive costing nothing too (`floor`): files
  decoded by a decoder whose guard passes every file, no blob written. What is left is calamine in
  the decoder process, the grids carried back and matched to the contract, and the write session:
  what no way of writing our checks, guard and archive can take off the loader's CPU.

Files are read from memory by all five; each repetition runs the five in turn (rotated), and
the figures are medians over the repetitions.
"""

from __future__ import annotations

import atexit
import dataclasses
import io
import itertools
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import duckdb
import pandas as pd
import python_calamine as calamine

from benchmarks.fill import write_workbooks
from benchmarks.machine import Timing, median, process_cpu, timed
from benchmarks.synthetic import Scale
from database.store import published_file
from etl.checking import contract as c
from etl.checking.model import Submission, WorkbookRejected
from etl.checking.tables import Findings
from etl.checking.validate import parse_workbook
from etl.checking.workbook import read_workbook
from etl.loading import loader
from etl.loading.archive import Archive
from etl.loading.batch import load_files
from etl.reading import spreadsheet
from etl.reading.decoder import DECODER, Decoder
from settings import settings

# The decoder of the floor (`floor`): the product's decoder process with its guard passing every file.
UNGUARDED = Decoder(module="benchmarks.unguarded_decoder")
atexit.register(UNGUARDED.close)

ROW_COUNT = """SELECT (SELECT count(*) FROM submissions) + (SELECT count(*) FROM cells)
                    + (SELECT count(*) FROM member_figures) + (SELECT count(*) FROM cadres)"""


@dataclass
class LoaderFigures:
    files: int
    megabytes: float
    rows: int  # submissions + cells + member figure rows + cadres written
    rejected: int
    loader: Timing  # medians over the repetitions
    bare: Timing
    openpyxl: Timing
    checks_free: Timing  # the loader with the submissions worked out beforehand (`checks_free`)
    floor: Timing  # checks, container guard and archive free (`floor`)
    decoder_start_s: float  # once per loading process, outside the timed loads
    decoder_cpu: float = float("nan")  # the decoder process's part of `loader.cpu` (median over the repetitions)

    @property
    def loader_over_bare(self) -> float:
        return self.loader.wall / self.bare.wall

    @property
    def loader_cpu_over_bare(self) -> float | None:
        """CPU of the loader (this process, its children, the decoder) over the bare decode's; None when the
        bare decode's CPU is below the clock's tick (a handful of small files)."""
        return self._cpu_over_bare(self.loader)

    @property
    def checks_free_cpu_over_bare(self) -> float | None:
        """The loader's CPU ratio if its checks cost nothing: the lowest any way of writing them can reach."""
        return self._cpu_over_bare(self.checks_free)

    @property
    def floor_cpu_over_bare(self) -> float | None:
        """The loader's CPU ratio if its checks, its container guard and its archive cost nothing."""
        return self._cpu_over_bare(self.floor)

    def _cpu_over_bare(self, timing: Timing) -> float | None:
        return timing.cpu / self.bare.cpu if self.bare.cpu > 0 else None

    @property
    def openpyxl_over_loader(self) -> float:
        return self.openpyxl.wall / self.loader.wall


def bare_decode(files: list[tuple[str, bytes]]) -> None:
    for _, data in files:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        for name in c.SHEETS:
            book.get_sheet_by_name(name).to_python()


def openpyxl_read(files: list[tuple[str, bytes]]) -> None:
    for _, data in files:
        pd.read_excel(io.BytesIO(data), engine="openpyxl", sheet_name=None)


def prechecked(files: list[tuple[str, bytes]]) -> dict[bytes, Submission]:
    """Each file's submission as the loader's checks make it (files that do not pass are left out)."""
    ready = {}
    for name, data in files:
        try:
            ready[data] = parse_workbook(data, name)
        except WorkbookRejected:
            continue
    return ready


@contextmanager
def checks_free(ready: dict[bytes, Submission]) -> Iterator[None]:
    """Inside: the loader reads each file as `parse_workbook` does first (`read_workbook`: sniff, the container
    guard, the decoder process, the grids read back and matched to the contract's sheets), then hands on the
    submission of `ready` instead of checking the grids (the unit restriction, one of those checks, with them).
    Everything after (archive, write session) runs as in a real load."""

    def parse(data: bytes, file_name: str, upcoming: bytes | None = None, cfg=None, allowed_units=None) -> Submission:
        read_workbook(data, Findings(file_name), upcoming, cfg)
        if data not in ready:
            raise WorkbookRejected(file_name, [])
        return dataclasses.replace(ready[data], warnings=list(ready[data].warnings))  # the load adds to them

    with mock.patch.object(loader, "parse_workbook", parse):
        yield


@contextmanager
def floor(ready: dict[bytes, Submission]) -> Iterator[None]:
    """Inside: `checks_free`, and the container guard and the archive costing nothing too: each file is decoded
    by `UNGUARDED` (the decoder process whose guard passes every file), and no blob is written or synced (the
    manifest still is). The rest (sniffing, the grids read back and matched to the contract's sheets, the write
    session) runs as in a real load."""
    with (checks_free(ready), mock.patch.object(spreadsheet, "DECODER", UNGUARDED),
          mock.patch.object(Archive, "store_blob", _blob_not_written), mock.patch.object(Archive, "sync", _no_sync)):
        yield


def _blob_not_written(archive: Archive, data: bytes, sha256: str, suffix: str) -> Path:
    return archive.blob_path(sha256, suffix)


def _no_sync(archive: Archive) -> None:
    return None


def _load_into_new_database(files: list[tuple[str, bytes]], folder: Path) -> int:
    """Files rejected by one load of every file into a database of its own in `folder` (an empty folder)."""
    results = load_files(files, settings(folder / "bench.duckdb"), loaded_by="benchmarks")
    return sum(not r.ok for r in results)


def _rows_written(folder: Path) -> int:
    with duckdb.connect(str(published_file(settings(folder / "bench.duckdb"))), read_only=True) as con:
        return con.execute(ROW_COUNT).fetchone()[0]


def _decoder_pids() -> tuple[int, ...]:
    """The decoder processes running: the product's and the floor's (`UNGUARDED`), idle but for its own loads."""
    return tuple(pid for pid in (DECODER.pid, UNGUARDED.pid) if pid)


def _decoder_cpu() -> float:
    return sum(process_cpu(DECODER.pid)) if DECODER.pid else 0.0


def bench_loader(scale: Scale, count: int, repeat: int) -> LoaderFigures:
    paths = write_workbooks(scale, count)
    files = [(path.name, path.read_bytes()) for path in paths]
    started = time.perf_counter()
    DECODER.ask((b"", (), settings()), 60)  # start the decoder once, as any loading process does
    decoder_start = time.perf_counter() - started
    UNGUARDED.ask((b"", (), settings()), 60)
    ready = prechecked(files)
    runs: dict[str, list[Timing]] = {"bare": [], "loader": [], "openpyxl": [], "checks_free": [], "floor": []}
    decoder_cpu: list[float] = []
    rows = rejected = 0
    # in the scale's data folder, the file system the product writes its versions and archive on (a load's
    # 240 blobs and its database files are created there); not the system's temporary folder
    with tempfile.TemporaryDirectory(prefix="bench-loader-", dir=settings().db_path.parent.parent) as scratch:
        # Every load makes its files in a new folder and none is deleted before the last: the previous load's
        # folder deleted just before a load made that load's kernel CPU ten times what it is (ext4 without a
        # journal walks past every inode deleted in the last minutes when it makes a file: `recently_deleted`),
        # which no real load meets (an archive only grows).
        folders = (Path(scratch) / f"load-{number}" for number in itertools.count())

        def load() -> None:
            nonlocal rejected
            rejected = _load_into_new_database(files, next(folders))

        def load_checks_free() -> None:
            with checks_free(ready):
                _load_into_new_database(files, next(folders))

        def load_floor() -> None:
            with floor(ready):
                _load_into_new_database(files, next(folders))

        methods = {"bare": lambda: bare_decode(files), "loader": load, "openpyxl": lambda: openpyxl_read(files),
                   "checks_free": load_checks_free, "floor": load_floor}
        names = list(methods)
        for round_ in range(repeat):
            turn = round_ % len(names)
            for name in names[turn:] + names[:turn]:
                decoder, decoder_before = DECODER.pid, _decoder_cpu()
                timing, _ = timed(methods[name], _decoder_pids)
                runs[name].append(timing)
                if name == "loader" and DECODER.pid == decoder:  # the same decoder throughout
                    decoder_cpu.append(_decoder_cpu() - decoder_before)
        if repeat:  # counted once, outside the timings
            folder = next(folders)
            rejected = _load_into_new_database(files, folder)
            rows = _rows_written(folder)
    return LoaderFigures(
        files=len(files), megabytes=round(sum(len(d) for _, d in files) / 2**20, 1), rows=rows, rejected=rejected,
        loader=_median(runs["loader"]), bare=_median(runs["bare"]), openpyxl=_median(runs["openpyxl"]),
        checks_free=_median(runs["checks_free"]), floor=_median(runs["floor"]), decoder_start_s=round(decoder_start, 3),
        decoder_cpu=median(decoder_cpu),
    )


def _median(timings: list[Timing]) -> Timing:
    return Timing(median([t.wall for t in timings]), median([t.cpu for t in timings]), max(t.load for t in timings),
                  median([t.kernel for t in timings]))


@dataclass
class StoreFigures:
    """What one upload costs against the scale's database: the whole file is copied first."""

    db_mb: float
    copy_s: float  # shutil.copyfile of the published version, same file system
    upload_s: float  # load_files of one workbook: copy, check, one transaction, checkpoint, publish
    outcome: str


def bench_store(scale: Scale) -> StoreFigures:
    """One workbook uploaded into a copy of the scale's database (the copy itself timed apart)."""
    cfg = settings()
    current = published_file(cfg)
    [path] = write_workbooks(scale, 1)
    with tempfile.TemporaryDirectory(prefix="bench-store-", dir=cfg.db_path.parent.parent) as scratch:
        folder = Path(scratch) / "var" / (cfg.db_path.name + ".versions")
        folder.mkdir(parents=True)
        started = time.perf_counter()
        shutil.copyfile(current, folder / current.name)
        copy_s = time.perf_counter() - started
        (folder.parent / cfg.db_path.name).symlink_to(Path(folder.name) / current.name)
        copy_cfg = settings(folder.parent / cfg.db_path.name)
        copy_archive = Archive(copy_cfg.archive_dir)  # the manifest level with the database, as after real loads
        copy_archive.root.mkdir(parents=True)
        shutil.copyfile(Archive(cfg.archive_dir).manifest, copy_archive.manifest)
        timing, results = timed(lambda: load_files([(path.name, path.read_bytes())], copy_cfg, loaded_by="benchmarks"))
    return StoreFigures(round(current.stat().st_size / 2**20, 1), round(copy_s, 2), round(timing.wall, 2),
                        results[0].outcome)
