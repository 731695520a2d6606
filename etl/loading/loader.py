"""Load one checked workbook into an open database connection, in one transaction.

The CLI, the upload page, the sample builder and the tests all call `load_workbook`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, repeat
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO

import duckdb
import pyarrow as pa

from core.incidents import record_incident
from core.numbers import vi_number
from core.safe_text import clean_text, display_name
from database.store import refresh_facts
from database.units import units_by_id
from etl.checking.model import Problem, Submission, WorkbookRejected
from etl.checking.plausible import jump_warnings
from etl.checking.validate import parse_workbook
from etl.loading.archive import Archive, ArchiveEntry
from settings import settings

ACCEPTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
OUTCOME_NEW = "nạp mới"
OUTCOME_REPLACED = "thay thế"
OUTCOME_UNCHANGED = "không đổi"
OUTCOME_REJECTED = "bị từ chối"
DATA_TABLES = ("cadre_dual_roles", "cadres", "cell_life", "member_figures", "cells", "unit_reports", "submissions")
INFO_TYPES = {"org_rating": pa.string(), "committee_members": pa.int64(), "committee_trained": pa.int64(),
              "prepared_by": pa.string(), "prepared_on": pa.string()}


@dataclass
class LoadResult:
    """What happened to one file, in words a ward officer can act on."""

    file_name: str
    outcome: str
    unit_id: str | None = None
    year: int | None = None
    cells: int = 0
    members: int = 0
    cadres: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome != OUTCOME_REJECTED

    @property
    def wrote(self) -> bool:
        """Whether the file was written to the database (new or replacing): not refused, not the file in force."""
        return self.outcome in (OUTCOME_NEW, OUTCOME_REPLACED)

    def summary(self) -> str:
        if not self.ok:
            return f"{self.file_name}: bị từ chối, {vi_number(len(self.problems))} lỗi"
        unit = units_by_id().get(self.unit_id or "")
        name = unit.full_name if unit else self.unit_id
        if self.outcome == OUTCOME_UNCHANGED:
            return f"{self.file_name}: {name} năm {self.year} đã có đúng tệp này, không thay đổi gì"
        return (
            f"{self.file_name}: {name} năm {self.year} — {self.outcome} "
            f"({vi_number(self.cells)} chi bộ, {vi_number(self.members)} đảng viên cuối năm, "
            f"{vi_number(self.cadres)} cán bộ chi bộ)"
        )


def tally(results: Iterable[LoadResult]) -> str:
    """How many files of a load were loaded, unchanged, rejected: `1 tệp nạp được, 1 tệp không đổi (đã có
    đúng tệp này), 0 tệp bị từ chối`. An unchanged file was not loaded: it is counted apart (the upload
    page and `python -m etl load` say the same)."""
    outcomes = Counter(r.outcome if r.ok else OUTCOME_REJECTED for r in results)
    unchanged = outcomes.pop(OUTCOME_UNCHANGED, 0)
    rejected = outcomes.pop(OUTCOME_REJECTED, 0)
    parts = [f"{vi_number(outcomes.total())} tệp nạp được"]
    if unchanged:
        parts.append(f"{vi_number(unchanged)} tệp không đổi (đã có đúng tệp này)")
    return ", ".join([*parts, f"{vi_number(rejected)} tệp bị từ chối"])


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _in_force(con: duckdb.DuckDBPyConnection, hashes: list[str]) -> dict[str, tuple[str, int]]:
    """File hash → (unit, year) of the submissions in force that came in one of these files."""
    rows = con.execute("SELECT file_hash, unit_id, year FROM submissions WHERE list_contains(?, file_hash)",
                       [hashes]).fetchall()
    return {sha256: (unit_id, year) for sha256, unit_id, year in rows}


@dataclass(frozen=True)
class Delivery:
    """A checked submission and the file it came in."""

    submission: Submission
    file_name: str
    sha256: str


def _columns(deliveries: list[Delivery], part: str) -> pa.Table | None:
    """The rows of `part` (cells, members, cadres) of every delivery as one table, with unit and year."""
    parts = [(d.submission, getattr(d.submission, part)) for d in deliveries]
    first = next((rows[0] for _, rows in parts if rows), None)
    if first is None:
        return None
    every = list(chain.from_iterable(rows for _, rows in parts))
    columns = {
        "unit_id": list(chain.from_iterable(repeat(sub.unit_id, len(rows)) for sub, rows in parts)),
        "year": list(chain.from_iterable(repeat(sub.year, len(rows)) for sub, rows in parts)),
    }
    for name in first:
        columns[name] = list(map(itemgetter(name), every))
    return pa.table(columns)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table | None) -> None:
    if rows is None:
        return
    con.register("incoming_rows", rows)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")


def write_submissions(
    con: duckdb.DuckDBPyConnection, deliveries: list[Delivery], *, loaded_at: datetime, loaded_by: str | None,
) -> list[str]:
    """Replace the (unit, year) submissions of `deliveries`, each with its own; returns their outcomes.

    The caller holds the transaction. One insert per table whatever the number of deliveries (a
    workbook upload passes one, the benchmarks' bulk fill hundreds); deletes only for pairs that
    were there; the stored indicator facts of the pairs refreshed (database.store.refresh_facts).
    """
    subs = [d.submission for d in deliveries]
    keys = pa.table({"unit_id": [s.unit_id for s in subs], "year": [s.year for s in subs]})
    if len(set(zip(keys["unit_id"].to_pylist(), keys["year"].to_pylist(), strict=True))) != len(subs):
        raise ValueError("one (unit, year) twice in one write")
    con.register("incoming_keys", keys)
    try:
        replaced = set(con.execute(
            "SELECT unit_id, year FROM submissions JOIN incoming_keys USING (unit_id, year)"
        ).fetchall())
    finally:
        con.unregister("incoming_keys")
    for key in sorted(replaced):  # constant keys: DuckDB skips row groups by their min / max
        for table in DATA_TABLES:
            con.execute(f"DELETE FROM {table} WHERE unit_id = ? AND year = ?", list(key))
    outcomes = [OUTCOME_REPLACED if (s.unit_id, s.year) in replaced else OUTCOME_NEW for s in subs]
    _insert(con, "submissions", pa.table({
        "unit_id": [s.unit_id for s in subs], "year": [s.year for s in subs],
        "file_name": [d.file_name for d in deliveries], "file_hash": [d.sha256 for d in deliveries],
        "loaded_at": pa.array([loaded_at] * len(subs), pa.timestamp("us")),
        "loaded_by": pa.array([loaded_by] * len(subs), pa.string()),
        "is_sample": [bool(s.info.get("is_sample")) for s in subs],
        **{name: pa.array([s.info.get(name) for s in subs], kind) for name, kind in INFO_TYPES.items()},
    }))
    _insert(con, "cells", _columns(deliveries, "cells"))
    _insert(con, "member_figures", _columns(deliveries, "members"))
    _insert(con, "cadres", _columns(deliveries, "cadres"))
    _write_v2(con, deliveries)
    history = pa.table({
        "position": list(range(1, len(subs) + 1)),
        "loaded_at": pa.array([loaded_at] * len(subs), pa.timestamp("us")),
        "loaded_by": pa.array([loaded_by] * len(subs), pa.string()),
        "file_name": [d.file_name for d in deliveries], "file_hash": [d.sha256 for d in deliveries],
        "unit_id": [s.unit_id for s in subs], "year": [s.year for s in subs], "outcome": outcomes,
        "cells": [len(s.cells) for s in subs], "members": [sum(m["end_count"] for m in s.members) for s in subs],
        "cadres": [len(s.cadres) for s in subs], "warnings": [len(s.warnings) for s in subs],
    })
    refresh_facts(con, [(s.unit_id, s.year) for s in subs])
    con.register("incoming_history", history)
    try:
        con.execute(
            """INSERT INTO load_history
               SELECT (SELECT coalesce(max(load_id), 0) FROM load_history) + position, loaded_at, loaded_by,
                      file_name, file_hash, unit_id, year, outcome, cells, members, cadres, warnings
               FROM incoming_history ORDER BY position"""
        )
    finally:
        con.unregister("incoming_history")
    return outcomes


def _write_v2(con: duckdb.DuckDBPyConnection, deliveries: list[Delivery]) -> None:
    """The format v2 tables (database/sql/schema.sql): one row per submission, cell and cadre,
    NULL where the workbook did not report."""
    subs = [d.submission for d in deliveries]
    _insert(con, "unit_reports", pa.table({
        "unit_id": [s.unit_id for s in subs], "year": [s.year for s in subs],
        "format_version": pa.array([s.report.get("format_version", 1) for s in subs], pa.int32()),
        "admission_quota": pa.array([s.report.get("admission_quota") for s in subs], pa.int64()),
        "four_good_unit": pa.array([s.report.get("four_good_unit") for s in subs], pa.bool_()),
    }))
    _insert(con, "cell_life", _columns(deliveries, "cell_life"))
    _insert(con, "cadre_dual_roles", _columns(deliveries, "dual_roles"))


def _suffix(file_name: str) -> str:
    suffix = Path(file_name).suffix.lower()
    return suffix if suffix in ACCEPTED_SUFFIXES else ""


def _loaded(delivery: Delivery, outcome: str) -> LoadResult:
    sub = delivery.submission
    return LoadResult(
        delivery.file_name, outcome, unit_id=sub.unit_id, year=sub.year, cells=len(sub.cells),
        members=sum(m["end_count"] for m in sub.members), cadres=len(sub.cadres), warnings=sub.warnings,
    )


def load_workbooks(
    files: Iterable[tuple[str, bytes]],
    con: duckdb.DuckDBPyConnection,
    *,
    archive: Archive | None,
    loaded_by: str | None = None,
    loaded_at: datetime | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    allowed_units: Collection[str] | None = None,
) -> list[LoadResult]:
    """Check each (name, content) workbook; write the ones that pass together, in one transaction.

    `allowed_units` (unit ids; None = any) refuses a workbook of another unit: a ward officer
    loads only their own unit's reports.
    A rejected workbook changes nothing; a file identical to the one in force changes nothing.
    Files apply in their order: one for a (unit, year) already waiting first writes those
    waiting. Writing together costs a few statements per load, not per file (the write session
    publishes all of a load or none of it anyway).
    """
    loaded_at = loaded_at or datetime.now().replace(microsecond=0)
    files = [(display_name(name), data, file_hash(data)) for name, data in files]
    loaded_by = None if loaded_by is None else clean_text(loaded_by) or None
    reading = settings()  # limits and where to decode, read once a load: they resolve paths on disk
    in_force = _in_force(con, [sha256 for _, _, sha256 in files])  # kept level with the files as they apply
    results: list[LoadResult | None] = []
    waiting: list[tuple[int, Delivery]] = []
    unwarned: list[tuple[int, Delivery]] = []  # waiting, not yet compared with their unit's last report
    waiting_keys: set[tuple[str, int]] = set()  # (unit, year) of the waiting submissions

    def warn_of_jumps() -> None:
        """Each waiting submission's jump warning (etl.checking.plausible), one query for all, before any is
        written: the database is then as it was when each of them was checked."""
        batch = list(unwarned)
        unwarned.clear()
        try:
            found = jump_warnings(con, [d.submission for _, d in batch])
        except Exception as exc:  # a fault of ours, not of the files: these fail, the others go on
            for item in batch:
                waiting.remove(item)
                results[item[0]] = _failed(item[1].file_name, exc)
            return
        for (_, delivery), warning in zip(batch, found, strict=True):
            delivery.submission.warnings += filter(None, [warning])

    def write_waiting() -> None:
        if unwarned:
            warn_of_jumps()
        if not waiting:
            return
        con.execute("BEGIN TRANSACTION")
        try:
            outcomes = write_submissions(con, [d for _, d in waiting], loaded_at=loaded_at, loaded_by=loaded_by)
            con.execute("COMMIT")
        except Exception as exc:  # a fault of ours: write them one by one, so only the faulty one fails
            con.execute("ROLLBACK")
            if len(waiting) == 1:
                index, delivery = waiting.pop()
                results[index] = _failed(delivery.file_name, exc)
                return
            batch = list(waiting)
            waiting.clear()
            for item in batch:
                waiting.append(item)
                write_waiting()
            return
        except BaseException:
            con.execute("ROLLBACK")
            raise
        for (index, delivery), outcome in zip(waiting, outcomes, strict=True):
            sub = delivery.submission
            if archive is not None:
                archive.record(ArchiveEntry(delivery.sha256, delivery.file_name, _suffix(delivery.file_name),
                                            loaded_at.isoformat(), loaded_by, sub.unit_id, sub.year))
            results[index] = _loaded(delivery, outcome)
        waiting.clear()

    for index, (file_name, data, sha256) in enumerate(files):
        if progress:
            progress(len(results), len(files), file_name)
        active = in_force.get(sha256)
        if active and (allowed_units is None or active[0] in allowed_units):  # else refused once read, below
            results.append(LoadResult(file_name, OUTCOME_UNCHANGED, unit_id=active[0], year=active[1]))
            continue
        upcoming = next((later for _, later, h in files[index + 1:] if h not in in_force), None)
        try:
            sub = parse_workbook(data, file_name, upcoming, reading, allowed_units)  # another unit's: refused for that
        except WorkbookRejected as rejected:
            results.append(LoadResult(file_name, OUTCOME_REJECTED, problems=rejected.problems))
            continue
        except Exception as exc:  # a fault of ours, not of the file: this file fails, the others go on
            results.append(_failed(file_name, exc))
            continue
        if (sub.unit_id, sub.year) in waiting_keys:
            write_waiting()  # which leaves nothing waiting
            waiting_keys.clear()
        waiting_keys.add((sub.unit_id, sub.year))
        if archive is not None:
            archive.store_blob(data, sha256, _suffix(file_name))
        waiting.append((len(results), Delivery(sub, file_name, sha256)))
        unwarned.append(waiting[-1])
        for replaced in [h for h, key in in_force.items() if key == (sub.unit_id, sub.year)]:
            del in_force[replaced]
        in_force[sha256] = (sub.unit_id, sub.year)
        results.append(None)
    write_waiting()
    return results


def _failed(file_name: str, exc: Exception) -> LoadResult:
    """A file our code failed on: logged under an id, refused with a Vietnamese message quoting it."""
    error_id = record_incident(exc, f"nạp tệp {file_name}")  # the load's own audit row names it
    return LoadResult(file_name, OUTCOME_REJECTED, problems=[Problem(
        file_name, None, None, None, None,
        f"hệ thống gặp lỗi không mong đợi khi xử lý tệp này (mã lỗi {error_id}); không có gì của tệp được ghi, "
        "các tệp khác không bị ảnh hưởng; hãy báo cán bộ kỹ thuật mã lỗi này")])


def load_workbook(
    fp: BinaryIO,
    con: duckdb.DuckDBPyConnection,
    *,
    file_name: str,
    archive: Archive | None,
    loaded_by: str | None = None,
    loaded_at: datetime | None = None,
) -> LoadResult:
    """Check one workbook and, if it passes, replace its (unit, year) in one transaction.

    A rejected workbook changes nothing. A file identical to the one in force changes nothing.
    """
    return load_workbooks([(file_name, fp.read())], con, archive=archive, loaded_by=loaded_by,
                          loaded_at=loaded_at)[0]
