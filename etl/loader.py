"""Load one checked workbook into an open database connection, in one transaction.

The CLI, the upload page, the sample builder and the tests all call `load_workbook`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import duckdb
import pyarrow as pa

from etl.archive import Archive, ArchiveEntry
from etl.model import Problem, Submission, WorkbookRejected
from etl.units import units_by_id
from etl.validate import parse_workbook

ACCEPTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
OUTCOME_NEW = "nạp mới"
OUTCOME_REPLACED = "thay thế"
OUTCOME_UNCHANGED = "không đổi"
OUTCOME_REJECTED = "bị từ chối"
DATA_TABLES = ("cadres", "member_figures", "cells", "submissions")


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

    def summary(self) -> str:
        if not self.ok:
            return f"{self.file_name}: bị từ chối, {len(self.problems)} lỗi"
        unit = units_by_id().get(self.unit_id or "")
        name = unit.full_name if unit else self.unit_id
        if self.outcome == OUTCOME_UNCHANGED:
            return f"{self.file_name}: {name} năm {self.year} đã có đúng tệp này, không thay đổi gì"
        return (
            f"{self.file_name}: {name} năm {self.year} — {self.outcome} "
            f"({self.cells} chi bộ, {self.members} đảng viên cuối năm, {self.cadres} cán bộ chi bộ)"
        )


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _active_submission(con: duckdb.DuckDBPyConnection, sha256: str) -> tuple | None:
    return con.execute(
        "SELECT unit_id, year FROM submissions WHERE file_hash = ?", [sha256]
    ).fetchone()


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, sub: Submission, rows: list[dict]) -> None:
    if not rows:
        return
    incoming = pa.Table.from_pylist([{**row, "unit_id": sub.unit_id, "year": sub.year} for row in rows])
    con.register("incoming_rows", incoming)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")


def _write_submission(
    con: duckdb.DuckDBPyConnection,
    sub: Submission,
    *,
    file_name: str,
    sha256: str,
    loaded_at: datetime,
    loaded_by: str | None,
) -> str:
    """Replace the (unit, year) submission with `sub`; returns the outcome."""
    key = [sub.unit_id, sub.year]
    replaced = con.execute(
        "SELECT count(*) FROM submissions WHERE unit_id = ? AND year = ?", key
    ).fetchone()[0]
    for table in DATA_TABLES:
        con.execute(f"DELETE FROM {table} WHERE unit_id = ? AND year = ?", key)
    info = sub.info
    con.execute(
        "INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            sub.unit_id, sub.year, file_name, sha256, loaded_at, loaded_by,
            bool(info.get("is_sample")), info.get("org_rating"), info.get("committee_members"),
            info.get("committee_trained"), info.get("prepared_by"), info.get("prepared_on"),
        ],
    )
    _insert_rows(con, "cells", sub, sub.cells)
    _insert_rows(con, "member_figures", sub, sub.members)
    _insert_rows(con, "cadres", sub, sub.cadres)
    outcome = OUTCOME_REPLACED if replaced else OUTCOME_NEW
    con.execute(
        """INSERT INTO load_history
           SELECT coalesce(max(load_id), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM load_history""",
        [
            loaded_at, loaded_by, file_name, sha256, sub.unit_id, sub.year, outcome,
            len(sub.cells), sum(m["end_count"] for m in sub.members), len(sub.cadres),
            len(sub.warnings),
        ],
    )
    return outcome


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
    data = fp.read()
    sha256 = file_hash(data)
    active = _active_submission(con, sha256)
    if active:
        return LoadResult(file_name, OUTCOME_UNCHANGED, unit_id=active[0], year=active[1])
    try:
        sub = parse_workbook(data, file_name)
    except WorkbookRejected as rejected:
        return LoadResult(file_name, OUTCOME_REJECTED, problems=rejected.problems)
    loaded_at = loaded_at or datetime.now().replace(microsecond=0)
    suffix = Path(file_name).suffix.lower() if Path(file_name).suffix.lower() in ACCEPTED_SUFFIXES else ""
    if archive is not None:
        archive.store_blob(data, sha256, suffix)
    con.execute("BEGIN TRANSACTION")
    try:
        outcome = _write_submission(
            con, sub, file_name=file_name, sha256=sha256, loaded_at=loaded_at, loaded_by=loaded_by
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    if archive is not None:
        archive.record(
            ArchiveEntry(sha256, file_name, suffix, loaded_at.isoformat(), loaded_by, sub.unit_id, sub.year)
        )
    return LoadResult(
        file_name,
        outcome,
        unit_id=sub.unit_id,
        year=sub.year,
        cells=len(sub.cells),
        members=sum(m["end_count"] for m in sub.members),
        cadres=len(sub.cadres),
        warnings=sub.warnings,
    )
