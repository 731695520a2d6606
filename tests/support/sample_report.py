"""The meeting report's data on the sample database, worked out once per process for each year and unit.

Several test modules read the same report of the untouched samples (tests/database/test_report.py,
test_pdf_tables.py); `meeting_data_for` takes ~0.5 s each time. Each caller gets its own deep copy, so that
nothing one test does to the frames reaches another.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path

import pytest

from database.db import cursor
from queries.report_data import MeetingData, meeting_data_for
from tests.support import point_at
from tests.support.sample_cache import kept_value

_DATA: dict[tuple[str, int, str | None], MeetingData] = {}


def sample_meeting_data(sample_var: Path, year: int, unit: str | None = None) -> MeetingData:
    """`meeting_data_for(cursor(), year, unit)` on the sample database `sample_var` (tests/conftest.py: built
    once per run, never changed): worked out once for every worker of a run, and kept for the next run with
    the same code and the same sample database, byte for byte (tests.support.sample_cache)."""
    key = (str(sample_var), year, unit)
    if key not in _DATA:
        def compute() -> MeetingData:
            # On a copy: while the environment points at a folder, this worker's app thread (ui.warm, started
            # by an app test) may write into it, and the other worker copies `sample_var` at any time.
            with tempfile.TemporaryDirectory(prefix="sample-report-") as scratch, \
                    pytest.MonkeyPatch.context() as mp:
                var_dir = Path(scratch) / "var"
                shutil.copytree(sample_var, var_dir, symlinks=True)
                point_at(mp, var_dir)
                return meeting_data_for(cursor(), year, unit)

        database = sorted(path for path in sample_var.rglob("*") if path.is_file())
        _DATA[key] = kept_value(f"meeting-data-{year}-{unit or 'all'}", compute, *database)
    return copy.deepcopy(_DATA[key])
