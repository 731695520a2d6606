"""`python -m etl` as a user runs it, in a child process, and what its KPI export prints."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

from tests.support import ROOT

# the indicators of the KPI export, in its order: the targets' rows, then the Đề án's named weaknesses
# from the format v2 fields
CONTRACT_CODES = [
    "T1_org_rating", "T2_member_rating", "T3_admission_rate", "T4_thpt", "T4_thpt_chi_uy_vien",
    "T4_thpt_bi_thu_pho_bi_thu", "T4_so_cap_llct", "T4_thpt_and_so_cap_llct",
    "T5_trung_cap_chuyen_mon", "T6_trung_cap_llct", "T7_training",
    "T3_admission_quota", "cell_regular_meetings", "cell_thematic_meetings", "cell_inspection", "cell_working_rules",
    "member_discipline", "admission_candidates", "secretary_dual_role", "unit_four_good", "private_enterprise_cells",
]


def etl(*args: str, env: dict | None = None, timeout: float = 240) -> subprocess.CompletedProcess:
    """`python -m etl ARGS` in the repository, the environment as the test left it (plus `env`)."""
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, env={**os.environ, **(env or {})},
                          capture_output=True, text=True, timeout=timeout)


def etl_into_closed_pipe(*args: str, unbuffered: bool = False, timeout: float = 240) -> subprocess.CompletedProcess:
    """`python -m etl ARGS | head` once head has gone: the output is a pipe nobody reads any more. Python
    buffers it, as in a user's shell, unless `unbuffered` (PYTHONUNBUFFERED, which a test runner may set)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT,
                              env={**env, **({"PYTHONUNBUFFERED": "1"} if unbuffered else {})}, stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=timeout)
    finally:
        os.close(write_end)


def kpi_rows(stdout: str) -> dict[str, dict]:
    return {row["indicator"]: row for row in csv.DictReader(io.StringIO(stdout))}
