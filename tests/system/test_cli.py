"""`python -m etl` as a user runs it: separate processes, real files, exit codes."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from cli import _parser
from core.incidents import errors_log
from database.db import cursor
from database.store import published_file
from queries.kpi import kpi_table
from settings import SAMPLES_DIR, settings
from tests.support import ROOT
from tests.support.cli import CONTRACT_CODES, etl, etl_into_closed_pipe, kpi_rows
from tests.support.workbooks import default_spec
from tests.support.workbooks import write as write_in

BASELINE_2022 = {
    "T4_thpt": (223, 329),
    "T4_thpt_chi_uy_vien": (128, 165),
    "T4_thpt_bi_thu_pho_bi_thu": (95, 164),
    "T4_so_cap_llct": (274, 329),
    "T6_trung_cap_llct": (62, 329),
    "T5_trung_cap_chuyen_mon": (154, 329),
}
def unit_workbook(folder: Path, unit: str) -> Path:
    spec = default_spec()
    spec.info["Đơn vị"] = unit
    folder.mkdir(parents=True, exist_ok=True)
    path, _ = write_in(spec, folder)
    return path.rename(folder / f"{unit}.xlsx")


def test_kpi_on_a_fresh_database_builds_the_samples_and_prints_the_baseline(tmp_path):
    db = tmp_path / "fresh.duckdb"
    result = etl("kpi", "--db", str(db), "--year", "2022")
    assert result.returncode == 0, result.stderr
    rows = kpi_rows(result.stdout)
    assert list(rows) == CONTRACT_CODES
    for code, (numerator, denominator) in BASELINE_2022.items():
        assert (int(rows[code]["numerator"]), int(rows[code]["denominator"])) == (numerator, denominator)
    assert rows["T4_thpt"]["rate"] == "0.677812"
    # without --year: the latest year loaded; with --unit: that unit, resolved for the year
    latest = kpi_rows(etl("kpi", "--db", str(db)).stdout)
    assert {r["year"] for r in latest.values()} == {"2025"}
    unit = kpi_rows(etl("kpi", "--db", str(db), "--year", "2024", "--unit", "phuong pho hoa").stdout)
    assert {r["unit"] for r in unit.values()} == {"Phường Phổ Hòa"}
    merged = etl("kpi", "--db", str(db), "--year", "2025", "--unit", "Phổ Hòa")
    assert merged.returncode == 2 and "Phường Đức Phổ" in merged.stderr


def test_load_exit_codes(tmp_path):
    db = tmp_path / "x.duckdb"
    good = unit_workbook(tmp_path / "in", "Phổ Vinh")
    assert etl("load", str(good), "--db", str(db)).returncode == 0
    bad = tmp_path / "in" / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    result = etl("load", str(tmp_path / "in"), "--db", str(db))
    assert result.returncode == 1
    assert "broken.xlsx: bị từ chối" in result.stdout
    assert "không thay đổi" in result.stdout  # the good one again
    assert "Tổng: 0 tệp nạp được, 1 tệp không đổi (đã có đúng tệp này), 1 tệp bị từ chối." in result.stdout
    assert etl("load", str(tmp_path / "missing.xlsx"), "--db", str(db)).returncode == 2
    assert etl("load", "--db", str(db)).returncode == 2
    assert etl("frobnicate").returncode == 2


def test_template_command_writes_a_prefilled_workbook(sample_env, tmp_path):
    out = tmp_path / "pho_hoa_2025.xlsx"  # the sample database: DP_VAR_DIR, as the app's own
    result = etl("template", "--unit", "Đức Phổ", "--year", "2025", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "đã điền sẵn" in result.stdout
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(out))
    assert {"Hướng dẫn", "Thông tin", "Chi bộ", "Đảng viên", "Cán bộ chi bộ"} <= set(book.sheet_names)
    cells = book.get_sheet_by_name("Chi bộ").to_python()
    assert len(cells) > 10  # the merged predecessors' cells are pre-filled


def test_two_concurrent_loads_both_land(tmp_path):
    db = tmp_path / "c.duckdb"
    first = unit_workbook(tmp_path / "a", "Phổ Vinh")
    second = unit_workbook(tmp_path / "b", "Phổ Minh")
    processes = [
        subprocess.Popen([sys.executable, "-m", "etl", "load", str(p), "--db", str(db)], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for p in (first, second)
    ]
    assert [p.wait(timeout=120) for p in processes] == [0, 0]
    with duckdb.connect(str(published_file(settings(db))), read_only=True) as con:
        units = sorted(r[0] for r in con.execute("SELECT unit_id FROM submissions").fetchall())
    assert units == ["21463-2015", "21466-2015"]


READER = textwrap.dedent("""
    import sys, time
    from settings import settings
    from database.db import cursor
    from pathlib import Path
    cfg, stop = settings(Path(sys.argv[1])), Path(sys.argv[2])
    seen, deadline = [], time.monotonic() + 120
    while not stop.exists() and time.monotonic() < deadline:  # until the test says the load is over
        cur = cursor(cfg)
        count, members = cur.execute(
            "SELECT count(*), coalesce(sum(end_count), 0) FROM submissions JOIN member_figures USING (unit_id, year)"
        ).fetchone()
        seen.append((count, members))
        if len(seen) == 1:
            print("reading", flush=True)
        time.sleep(0.01)  # the loader keeps its core
    print(len(seen), min(seen), max(seen))
""")


def test_reader_keeps_reading_while_the_cli_loads(tmp_path):
    db = tmp_path / "r.duckdb"
    assert etl("load", str(unit_workbook(tmp_path / "a", "Phổ Vinh")), "--db", str(db)).returncode == 0
    stop = tmp_path / "loaded"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db), str(stop)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert reader.stdout.readline() == "reading\n", reader.stderr.read()  # reading before the load begins
    try:
        loaded = etl("load", str(SAMPLES_DIR / "mau_2023_21469_pho_hoa.xlsx"), str(SAMPLES_DIR), "--db", str(db),
                     "--quiet")
    finally:
        stop.touch()
    out, err = reader.communicate(timeout=60)
    assert loaded.returncode == 0, loaded.stdout
    assert reader.returncode == 0, err  # never a lock error, never half a load
    reads = int(out.split()[0])
    assert reads > 10


def test_kpi_gives_the_goal_and_the_verdict_of_the_pages(sample_env):
    """On the sample database (DP_VAR_DIR); the build of a fresh one is the test above."""
    result = etl("kpi", "--year", "2024", "--unit", "Phổ Văn")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == ("indicator,target,label,year,unit,numerator,denominator,rate,goal,status,"
                                             "not_reported")
    rows = kpi_rows(result.stdout)
    t3 = rows["T3_admission_rate"]
    assert (t3["numerator"], t3["denominator"], t3["rate"], t3["goal"], t3["status"]) == (
        "12", "186", "0.064516", "0.03", "exceeded")  # 6,45%: above the 3–4% band, not short of it
    assert {row["status"] for row in rows.values()} <= {"met", "exceeded", "below", "on_track", "behind",
                                                        "not_applicable", "no_data", "no_pace", "not_submitted"}
    # --boundary current: a unit of today, its 2024 figures the sum of the units merged into it and of the
    # organisations that sit under it from 1 July 2025 (data/units.csv `parent_id`)
    current = kpi_rows(etl("kpi", "--year", "2024", "--unit", "Đức Phổ", "--boundary", "current").stdout)
    predecessors = [kpi_table(cursor(), 2024, name).set_index("indicator").at["T1_org_rating", "denominator"]
                    for name in ("Nguyễn Nghiêm", "Phổ Hòa", "Phổ Minh", "Phổ Vinh", "Phổ Ninh", "53401", "53403",
                                 "53404")]  # the named query the command prints, in this process
    assert current["T1_org_rating"]["unit"] == "Phường Đức Phổ"
    assert int(current["T1_org_rating"]["denominator"]) == sum(predecessors) == 8
    assert etl("kpi", "--year", "2024", "--unit", "Đức Phổ").returncode == 2  # not a unit of 2024
    assert etl("kpi", "--boundary", "moi").returncode == 2


def test_a_unit_id_is_taken_wherever_a_unit_is(sample_env, tmp_path):
    """`--unit` of kpi, report and template takes the id the pages' addresses and `users add` use."""
    by_id = etl("kpi", "--unit", "21439-2025")
    assert by_id.returncode == 0, by_id.stderr
    assert by_id.stdout == etl("kpi", "--unit", "Đức Phổ").stdout
    assert {row["unit"] for row in kpi_rows(by_id.stdout).values()} == {"Phường Đức Phổ"}
    old = etl("kpi", "--year", "2024", "--unit", "21469-2015", "--boundary", "current")
    assert old.stdout == etl("kpi", "--year", "2024", "--unit", "Phổ Hòa", "--boundary", "current").stdout
    refused = etl("kpi", "--year", "2025", "--unit", "21469-2015")
    assert refused.returncode == 2
    assert refused.stderr.strip() == ("Đơn vị: «21469-2015» (Phường Phổ Hòa, mã 21469) không còn tồn tại từ năm 2025; "
                                      "từ năm 2025 báo cáo theo đơn vị Phường Đức Phổ (mã 21439)")
    assert etl("kpi", "--year", "2024", "--unit", "21439-2025").stderr.strip() == (
        "Đơn vị: «21439-2025» (Phường Đức Phổ) chỉ có từ năm 2025")
    report = etl("report", "--year", "2024", "--unit", "21451-2015", "--html", str(tmp_path / "r.html"))
    assert report.returncode == 0, report.stderr
    assert "Phường Phổ Văn" in (tmp_path / "r.html").read_text(encoding="utf-8")
    template = etl("template", "--unit", "21439-2025", "--year", "2025", "-o", str(tmp_path / "t.xlsx"))
    assert template.returncode == 0, template.stderr
    assert "cho Phường Đức Phổ năm 2025" in template.stdout


def test_the_help_names_the_boundaries_as_the_app_does():
    help_text = " ".join(etl("kpi", "--help").stdout.split())
    assert "reported = «Đơn vị theo từng năm» (mặc định), current = «5 đơn vị mới (từ 2025)»" in help_text
    assert "khi báo cáo" not in help_text


@pytest.mark.parametrize(("args", "unbuffered"), [(("kpi",), False), (("kpi",), True), (("kpi", "--help"), False),
                                                (("--help",), False)])
def test_a_closed_output_pipe_ends_the_command_quietly(sample_env, args, unbuffered):
    result = etl_into_closed_pipe(*args, unbuffered=unbuffered)
    assert (result.returncode, result.stderr) == (141, "")  # 128 + SIGPIPE, as `seq 1 100000 | head` gives
    assert not errors_log(sample_env).exists()  # no incident recorded


# argparse's own English (its help and its errors); our words and the choices' codes are not in it
ARGPARSE_ENGLISH = re.compile(r"\b(usage|options|positional arguments|show this help|error|invalid|required|expected|"
                              r"unrecognized|choose from|argument)\b", re.IGNORECASE)


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command of the parser and of its subcommands, as the words typed after `python -m etl`."""
    found = [path]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += commands(sub, (*path, name))
    return found


def test_the_help_of_every_command_is_in_vietnamese():
    every = commands(_parser()[0])
    assert len(every) == 14 and ("users", "unlock") in every
    for command in every:
        result = etl(*command, "--help")
        assert result.returncode == 0 and result.stderr == "", command
        assert result.stdout.startswith("cách dùng: python -m etl"), command
        assert "tùy chọn:" in result.stdout and "hiện hướng dẫn này rồi thoát" in result.stdout, command
        assert not ARGPARSE_ENGLISH.search(result.stdout), (command, result.stdout)


HEAVY = ("pandas", "duckdb", "streamlit", "plotly", "pyarrow")


@pytest.mark.parametrize("args", [("--help",), ("users", "add", "--help"), ("kpi", "--year", "abc")])
def test_help_and_usage_errors_answer_without_the_data_libraries(args):
    """`--help` and a mistyped command answer at once (0,07 s against 0,7 s with pandas imported):
    the commands import what they use when they run, so nothing heavy is loaded to print a usage."""
    probe = ("import sys\nfrom cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
             f"print(sorted(name for name in {HEAVY!r} if name in sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe, *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stderr.splitlines()[-1] == "[]", result.stderr


@pytest.mark.parametrize(("args", "error"), [
    (("kpi", "--year", "abc"), "python -m etl kpi: lỗi: đối số --year: giá trị «abc» không hợp lệ"),
    (("template",), "python -m etl template: lỗi: thiếu đối số bắt buộc: --unit, --year, -o/--output"),
    (("kpi", "--boundary"), "python -m etl kpi: lỗi: đối số --boundary: cần một giá trị"),
    (("kpi", "thua"), "python -m etl: lỗi: không hiểu các đối số: thua"),
    (("frobnicate",), "python -m etl: lỗi: đối số LỆNH: không có lựa chọn «frobnicate» (chọn một trong: load, "
                      "rebuild, backup, restore, kpi, template, report, users)"),
], ids=["not-a-number", "required", "no-value", "extra", "no-such-command"])
def test_a_mistyped_command_is_answered_in_vietnamese(args, error):
    result = etl(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("cách dùng: python -m etl") and result.stderr.splitlines()[-1] == error
    assert not ARGPARSE_ENGLISH.search(result.stderr), result.stderr
