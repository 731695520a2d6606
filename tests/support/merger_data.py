"""Hand-made workbooks 2022-2026 across the 1 July 2025 merger (Phổ Hòa, Phổ Minh into Đức Phổ; Phổ Nhơn into Nguyễn Nghiêm)."""

from __future__ import annotations

import pytest

from tests.support.meeting_workbooks import built_var, copy_into, workbook

HOA, MINH, NHON = "21469-2015", "21463-2015", "21457-2015"  # Phổ Hòa, Phổ Minh → Đức Phổ; Phổ Nhơn → Nguyễn Nghiêm
DUC_PHO, NGHIEM = "21439-2025", "21457-2025"
T1, T2, T5 = "T1_org_rating", "T2_member_rating", "T5_trung_cap_chuyen_mon"
LEFT_OUT = "Không có số liệu năm 2025 của Phường Phổ Hòa (đã sáp nhập vào Phường Đức Phổ từ năm 2025)."  # with Đức Phổ
LEVERS = {
    # T5: Phổ Hòa and Phổ Minh 1 of 4 each in 2022 and 2023 (25%), 2 of 4 in 2024; Đức Phổ 2 of 4 (50%)
    # T1: Phổ Minh's committee HTNV (Đức Phổ's predecessors 1 of 2 in 2024); Đức Phổ's two cells HTTNV
    # exits (struck off): 2023 1, 2024 2 (the predecessors summed), 2025 3: rising under any boundary
    # cell T02 of Phổ Hòa, then of Đức Phổ, admits nobody from 2022 to 2026
    (HOA, 2022): {"t5": 1, "more_cells": {"T02": 0}},
    (HOA, 2023): {"t5": 1, "more_cells": {"T02": 0}, "struck_off": 1},
    (HOA, 2024): {"t5": 2, "more_cells": {"T02": 0}, "struck_off": 1},
    (MINH, 2022): {"t5": 1, "org": "HTNV"},
    (MINH, 2023): {"t5": 1, "org": "HTNV"},
    (MINH, 2024): {"t5": 2, "org": "HTNV", "struck_off": 1},
    (DUC_PHO, 2025): {"t5": 2, "more_cells": {"T02": 0}, "struck_off": 3, "good": 97},
    (DUC_PHO, 2026): {"t5": 2, "more_cells": {"T02": 0}},
    **{(NHON, year): {"t5": 1} for year in (2022, 2023, 2024)},
    **{(NGHIEM, year): {"t5": 1} for year in (2025, 2026)},
}


@pytest.fixture(scope="session")
def merger_var(request):
    return built_var(request, lambda: [workbook(unit, year, **levers) for (unit, year), levers in LEVERS.items()])


@pytest.fixture
def merger_env(empty_env, merger_var):
    return copy_into(empty_env, merger_var)
