"""Counts that cannot be true, and faults of our own: refused or flagged in Vietnamese, never a crash.

A consistent workbook whose `Đầu năm` is 2^31 once crashed the loader (32-bit columns), took the
whole batch down with it and showed users a traceback; counts are 64-bit now, bounded by the
checks, one file's fault never touches the others, and an unexpected error is a Vietnamese
message quoting an id whose traceback is in the server's errors file.
"""

from __future__ import annotations

import duckdb

from core.incidents import errors_log
from core.numbers import vi_number
from database.store import published_file
from etl.loading import loader
from etl.loading.batch import ensure_database, load_files
from tests.support.implausible_files import HUGE, files, good_in_2023, scaled
from tests.support.workbooks import default_spec


def column_types(cfg) -> dict[str, str]:
    with duckdb.connect(str(published_file(cfg)), read_only=True) as con:
        rows = con.execute("SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
                           "WHERE table_name IN ('member_figures', 'submissions', 'load_history')").fetchall()
    return dict(rows)


def test_a_cell_above_2000_members_is_refused_naming_the_cell_and_the_good_file_beside_it_loads(empty_env, tmp_path):
    """The issue's case: 2^31 in `Đầu năm`, every identity holding, sent with a valid workbook."""
    bad, good = load_files(files(tmp_path, huge=scaled(1, start_plus=HUGE - 45), good=good_in_2023(tmp_path)),
                           empty_env)
    assert good.ok and good.outcome == loader.OUTCOME_NEW
    assert not bad.ok
    expected = ("chi bộ «CB01» không thể có quá 2.000 đảng viên; hãy kiểm tra lại số này "
                "(có thể gõ thừa chữ số)")
    assert [(p.sheet, p.column, p.value, p.expected) for p in bad.problems] == [
        ("Đảng viên", "Đầu năm", vi_number(HUGE), expected),
        ("Đảng viên", "Cuối năm", vi_number(HUGE + 1), expected),
        ("Đảng viên", "HTTNV", vi_number(HUGE - 15), expected),
    ]
    [rejected] = load_files(files(tmp_path, big=scaled(1, start_plus=2001 - 45)), empty_env)
    assert [(p.column, p.value) for p in rejected.problems] == [("Đầu năm", "2.001"), ("Cuối năm", "2.002")]


def test_a_committee_above_100_is_refused(empty_env, tmp_path):
    spec = default_spec()
    spec.info["Số cấp ủy viên cơ sở"] = HUGE
    [refused] = load_files(files(tmp_path, committee=spec), empty_env)
    assert [(p.sheet, p.column, p.value, p.expected) for p in refused.problems] == [
        ("Thông tin", "Số cấp ủy viên cơ sở", vi_number(HUGE),
         "một ban chấp hành đảng bộ cơ sở không quá 100 người; hãy kiểm tra lại số này")]


def test_counts_are_64_bit_in_storage_and_older_databases_are_widened(empty_env):
    ensure_database(empty_env)
    types = column_types(empty_env)
    counts = {k: v for k, v in types.items() if k.startswith("member_figures.") and not k.endswith(("year", "_id",
                                                                                                        "cell_code"))}
    assert len(counts) == 19 and set(counts.values()) == {"BIGINT"}
    for name in ("submissions.committee_members", "load_history.members"):
        assert types[name] == "BIGINT"
    # a database made by the earlier code: 32-bit counts, its views' fingerprint from then
    with duckdb.connect(str(published_file(empty_env))) as con:
        con.execute("ALTER TABLE member_figures ALTER COLUMN start_count SET DATA TYPE INTEGER")
        con.execute("ALTER TABLE submissions ALTER COLUMN committee_members SET DATA TYPE INTEGER")
        con.execute("UPDATE meta SET value = 'earlier' WHERE key = 'views_hash'")
    ensure_database(empty_env)
    types = column_types(empty_env)
    assert types["member_figures.start_count"] == types["submissions.committee_members"] == "BIGINT"


def test_a_unit_jumping_tenfold_from_its_last_report_is_loaded_with_a_warning(empty_env, tmp_path):
    [before] = load_files(files(tmp_path, y2023=scaled(1, year=2023)), empty_env)
    [steady, tenfold] = load_files(files(tmp_path, y2024=scaled(9)), empty_env) + load_files(
        files(tmp_path, y2024b=scaled(11)), empty_env)
    assert before.ok and steady.ok and tenfold.ok
    assert not [w for w in steady.warnings if "lần" in w]
    assert [w for w in tenfold.warnings if "chênh lệch" in w] == [
        "Sheet «Đảng viên»: tổng số đảng viên cuối năm là 1.078, so với 98 trong báo cáo năm 2023 — chênh lệch "
        "hơn 10 lần. Hãy kiểm tra lại số liệu của từng chi bộ; báo cáo vẫn được nạp"]


def test_an_unexpected_fault_while_checking_one_file_fails_that_file_only(empty_env, tmp_path, monkeypatch):
    real = loader.parse_workbook

    def faulty(data, file_name, upcoming=None, cfg=None, allowed_units=None):
        if file_name == "hong.xlsx":
            raise RuntimeError("fault injected by the test")
        return real(data, file_name, upcoming, cfg, allowed_units)

    monkeypatch.setattr(loader, "parse_workbook", faulty)
    broken, good = load_files(files(tmp_path, hong=default_spec(), good=good_in_2023(tmp_path)), empty_env)
    assert good.ok and not broken.ok
    [problem] = broken.problems
    error_id = problem.expected.split("mã lỗi ")[1][:8]
    assert problem.expected == (
        f"hệ thống gặp lỗi không mong đợi khi xử lý tệp này (mã lỗi {error_id}); không có gì của tệp được ghi, "
        "các tệp khác không bị ảnh hưởng; hãy báo cán bộ kỹ thuật mã lỗi này")
    log = errors_log(empty_env).read_text(encoding="utf-8")
    assert f"mã lỗi {error_id}" in log and "Traceback" in log and "fault injected by the test" in log
    assert errors_log(empty_env).stat().st_mode & 0o777 == 0o600


def test_an_unexpected_fault_while_writing_fails_that_file_only(empty_env, tmp_path, monkeypatch):
    real = loader.write_submissions

    def faulty(con, deliveries, **kwargs):
        if any(d.file_name == "hong.xlsx" for d in deliveries):
            raise RuntimeError("fault injected by the test")
        return real(con, deliveries, **kwargs)

    monkeypatch.setattr(loader, "write_submissions", faulty)
    broken, good = load_files(files(tmp_path, hong=default_spec(), good=good_in_2023(tmp_path)), empty_env)
    assert good.ok and not broken.ok and "mã lỗi" in broken.problems[0].expected
    with duckdb.connect(str(published_file(empty_env)), read_only=True) as con:
        assert con.execute("SELECT unit_id, year FROM submissions").fetchall() == [("21466-2015", 2023)]


def test_the_format_v2_counts_are_bounded_too(empty_env, tmp_path):
    """Inspections, candidates and the admission quota cannot reach 64 bits either: refused, not a crash."""
    from tests.support.workbooks import v2_spec

    spec = v2_spec()
    spec.info["Chỉ tiêu kết nạp được giao"] = 2**63
    spec.cells[0]["Cuộc kiểm tra"] = 10**12
    spec.members[0]["Đối tượng được bồi dưỡng"] = 2001
    [refused] = load_files(files(tmp_path, v2=spec), empty_env)
    bound = "không quá 2.000; hãy kiểm tra lại số này (có thể gõ thừa chữ số)"
    assert sorted((p.sheet, p.column, p.value, p.expected) for p in refused.problems) == sorted([
        ("Thông tin", "Chỉ tiêu kết nạp được giao", vi_number(2**63), bound),
        ("Chi bộ", "Cuộc kiểm tra", vi_number(10**12), bound),
        ("Đảng viên", "Đối tượng được bồi dưỡng", "2.001", bound),
    ])
