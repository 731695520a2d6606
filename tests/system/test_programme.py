"""The programme file as the command line reads it: a file that does not fit stops the KPI export with
its Vietnamese message; a second programme (a made-up province's plan to 2027) gives its own goals."""

from __future__ import annotations

from tests.support.cli import etl, kpi_rows
from tests.support.programme_files import OTHER_PROGRAMME, programme_copy, use_programme

T5 = "T5_trung_cap_chuyen_mon"


def test_the_kpi_cli_says_what_is_wrong_and_stops(tmp_path, monkeypatch, sample_env):
    use_programme(monkeypatch, programme_copy(tmp_path, (T5, "muc_2030", None)))
    result = etl("kpi")
    assert result.returncode != 0 and 'thiếu khóa "muc_2030"' in result.stderr


def test_the_kpi_cli_on_another_programme(sample_env):
    result = etl("kpi", "--year", "2025", env={"DP_PROGRAMME": str(OTHER_PROGRAMME)})
    assert result.returncode == 0, result.stderr
    rows = kpi_rows(result.stdout)
    assert (rows[T5]["goal"], rows["T3_admission_rate"]["goal"], rows["T7_training"]["goal"]) == ("0.7", "0.025", "")
