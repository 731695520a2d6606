"""T5's 2025 level at 50% (the Đề án's) or 60% in a copy of the programme file, on two units' workbooks of 2023-2024."""

from __future__ import annotations

import pytest

from tests.support.meeting_workbooks import built_var, copy_into, workbook
from tests.support.programme_files import programme_copy, use_programme

T5 = "T5_trung_cap_chuyen_mon"
UNIT, FELL = "21469-2015", "21451-2015"  # Phổ Hòa; Phổ Văn, whose T2 fell in 2024


@pytest.fixture(scope="session")
def level_var(request):
    """T5 at 2/4 = 50% in 2023 and 2024 in both units: the 2025 level exactly, or 10 points short of 60%."""
    return built_var(request, _books)


def _books() -> list[tuple[str, bytes]]:
    return [workbook(UNIT, 2023), workbook(UNIT, 2024), workbook(FELL, 2023), workbook(FELL, 2024, good=85)]


@pytest.fixture(params=["0.50", "0.60"], ids=["de-an", "t5-60"])
def level(request, empty_env, level_var, tmp_path, monkeypatch):
    copy_into(empty_env, level_var)
    use_programme(monkeypatch, programme_copy(tmp_path, (T5, "muc_2025", request.param)))
    return float(request.param)
