"""Counts that cannot be true, and faults of our own: refused or flagged in Vietnamese, never a crash.

A consistent workbook whose `Đầu năm` is 2^31 once crashed the loader (32-bit columns), took the
whole batch down with it and showed users a traceback; counts are 64-bit now, bounded by the
checks, one file's fault never touches the others, and an unexpected error is a Vietnamese
message quoting an id whose traceback is in the server's errors file.
"""

from __future__ import annotations

from auth import audit
from core.incidents import errors_log
from tests.support.auth_fixtures import audit_rows
from tests.support.cli import etl
from tests.support.implausible_files import HUGE, corrupt, files, good_in_2023, scaled


def test_the_cli_refuses_the_huge_file_in_vietnamese_loads_the_good_one_and_audits_both(empty_env, tmp_path):
    names = [name for name, _ in files(tmp_path, huge=scaled(1, start_plus=HUGE - 45), good=good_in_2023(tmp_path))]
    result = etl("load", *(str(tmp_path / "in" / n) for n in names), "--quiet")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "chi bộ «CB01» không thể có quá 2.000 đảng viên" in result.stdout
    assert "Tổng: 1 tệp nạp được, 1 tệp bị từ chối." in result.stdout
    rows = [row for row in audit_rows(empty_env) if row[1] == audit.LOAD]
    assert [(row[2], row[3].endswith("(dòng lệnh)")) for row in rows] == [("huge.xlsx", True), ("good.xlsx", True)]


def test_an_unexpected_error_in_the_cli_is_a_vietnamese_message_with_an_id_an_exit_code_and_an_audit_row(sample_env):
    corrupt(sample_env)
    result = etl("kpi", "--year", "2024")
    assert result.returncode == 3
    assert "Traceback" not in result.stderr and "duckdb" not in result.stderr.lower()
    first = result.stderr.splitlines()[0]
    error_id = first.split("mã lỗi ")[1][:8]
    assert first == (f"Đã xảy ra lỗi không mong đợi (mã lỗi {error_id}). Hãy thử lại; nếu vẫn lỗi, "
                     "hãy báo cán bộ kỹ thuật mã lỗi này.")
    assert f"mã lỗi {error_id}" in errors_log(sample_env).read_text(encoding="utf-8")
    [row] = [row for row in audit_rows(sample_env) if row[1] == audit.FAILED]
    assert row[2:] == ("python -m etl kpi (dòng lệnh)", f"mã lỗi {error_id}")
