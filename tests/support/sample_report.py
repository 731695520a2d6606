"""The meeting report's data on the sample database, worked out once per process for each year and unit.

Several test modules read the same report of the untouched samples (tests/database/test_report.py,
test_pdf_tables.py); `meeting_data_for` takes ~0.6 s each time. Each caller gets its own deep copy, so that
nothing one test does to the frames reaches another.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from database.db import cursor
from queries.report_data import MeetingData, meeting_data_for

_DATA: dict[tuple[str, int, str | None], MeetingData] = {}


def sample_meeting_data(sample_var: Path, year: int, unit: str | None = None) -> MeetingData:
    """`meeting_data_for(cursor(), year, unit)` on the sample database `sample_var` (tests/conftest.py: built
    once per run, never changed)."""
    key = (str(sample_var), year, unit)
    if key not in _DATA:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("DP_VAR_DIR", str(sample_var))
            mp.delenv("DP_DB", raising=False)
            mp.delenv("DP_ARCHIVE", raising=False)
            _DATA[key] = meeting_data_for(cursor(), year, unit)
    return copy.deepcopy(_DATA[key])
