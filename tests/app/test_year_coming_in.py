"""A year still coming in: one ward has sent its 2026 report and the others not yet. The dashboard opens
on 2025, the last year all in; 2026 chosen, every page says how many units have reported and names the
others (the figures of the whole town are then one ward's); a ward that has reported shows no banner.
Nor is that one ward's 2026 compared with the whole town's 2025, or paced from its 2022: the cards show no
change and say why once, the pace is not judged (on the pages, the report, the slides, the KPI export and
the downloads), while the ward's own selection and the years all in are judged as before."""

from __future__ import annotations

import io
import json
import shutil

import openpyxl
import pandas as pd
import pytest

from cli import main
from database.db import cursor
from database.units import units_by_id, units_in_year
from etl.loading.batch import load_files
from queries.coverage import UNREPORTED, opening_year, partial_years, year_coverage
from queries.judgement import COMING_IN_WORDS
from queries.kpi import kpi_table
from queries.precompute import level
from queries.programme import programme
from queries.progress import SERIES_PROJECTED, pace_by_indicator, pace_by_unit
from queries.report_data import MeetingData, meeting_data, meeting_data_for
from queries.scorecard import NOT_COMPARED
from queries.targets import indicator_units
from queries.warnings import all_warnings
from report.html import report_html
from report.pdf import report_pdf
from report.tables import pace_table
from settings import settings
from tests.support import point_at
from tests.support.apptest_pages import table, texts
from tests.support.cli import kpi_rows
from tests.support.page_queries import named
from tests.support.page_support import app_test, run_page, shown_table, submission, url_filters, workbook_bytes
from tests.support.pdf_text import pdf_pages, squeeze
from tests.support.reads import Counting
from tests.support.scorecard_data import C
from ui import warm
from ui.slides import slides

SA_HUYNH = "21478-2025"
DUC_PHO = "21439-2025"  # not in for 2026
T5 = "T5_trung_cap_chuyen_mon"  # 57,14% of Sa Huỳnh in 2026: past the 2025 level, short of 2030's, paced
CHANGE_NOTE = "Chưa so với năm 2025: năm 2026 đang nhận báo cáo."
PACE_2030 = "tiến độ (mức 2030)"
NEEDED_2030 = "Cần tăng mỗi năm để đạt mức 2030 (điểm %/năm)"  # "Đúng tiến độ (mức 2030)", "Chậm tiến độ (mức 2030)": a pace judged in 2026


@pytest.fixture(scope="module")
def var_with_2026(sample_var, tmp_path_factory):
    """The sample database with Sa Huỳnh's 2026 loaded and its frames stored (as the app's thread stores them),
    made once for the module: each test copies it, and its pages find the frames written."""
    var_dir = tmp_path_factory.mktemp("one-ward-2026") / "var"
    shutil.copytree(sample_var, var_dir, symlinks=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DP_DECODE_IN_PROCESS", "1")
        point_at(mp, var_dir)
        content = submission(cursor(), SA_HUYNH, 2025)
        [result] = load_files([("sa-huynh-2026.xlsx", workbook_bytes(SA_HUYNH, 2026, content))], settings())
        assert result.ok, result.problems
        level(settings())
    return var_dir


@pytest.fixture
def one_ward_in_2026(var_with_2026, tmp_path, monkeypatch):
    var_dir = tmp_path / "var"
    shutil.copytree(var_with_2026, var_dir, symlinks=True)  # before the environment points at it
    point_at(monkeypatch, var_dir)
    yield settings()
    assert not warm.following() or warm.wait_warm(120)  # the version's caches ready before the test's folder
    # goes (a test that runs no page starts no thread)


def banners(at) -> list[str]:
    return [w.value for w in at.warning]


def test_the_dashboard_opens_on_the_last_year_all_in(one_ward_in_2026):
    coverage = year_coverage(cursor()).set_index("year")
    expected_2026 = len(units_in_year(2026))  # the sample's units all report
    assert tuple(coverage.loc[2026, ["expected", "reported"]]) == (expected_2026, 1)
    assert tuple(coverage.loc[2025, ["expected", "reported"]]) == (expected_2026, expected_2026)
    assert opening_year(year_coverage(cursor())) == 2025
    at = run_page("pages/overview.py")
    assert at.session_state["nam"] == 2025
    assert not [b for b in banners(at) if "mới có" in b]
    assert any(c.value.startswith(f"Năm 2026 đang nhận báo cáo: mới có 1/{expected_2026} đơn vị nộp") for c in at.caption)


def test_a_year_coming_in_names_the_units_not_in_yet_on_every_page(one_ward_in_2026):
    missing = [u.full_name for u in units_in_year(2026) if u.unit_id != SA_HUYNH]
    for page in ("pages/overview.py", "pages/pace.py", "pages/scorecard.py"):
        at = run_page(page, year=2026)
        [banner] = [b for b in banners(at) if "mới có" in b]
        assert banner.startswith(f"**Năm 2026 mới có 1/{len(missing) + 1} đơn vị nộp báo cáo**"), banner
        assert all(name in banner for name in missing[:6]), banner
        assert units_by_id()[SA_HUYNH].full_name not in banner.split("Chưa nộp:")[1]


def test_a_ward_that_has_reported_sees_no_banner(one_ward_in_2026):
    at = run_page("pages/overview.py", year=2026, units=[SA_HUYNH])
    assert not [b for b in banners(at) if "mới có" in b]


def test_the_slides_footer_says_how_many_units_are_in(one_ward_in_2026):
    at = run_page("pages/present.py", year=2026)
    footer = [c.value for c in at.caption if c.value.startswith("trang ")]
    assert footer and f"**mới có 1/{len(units_in_year(2026))} đơn vị nộp báo cáo**" in footer[0], footer
    at = run_page("pages/present.py", year=2025)
    assert not [c.value for c in at.caption if c.value.startswith("trang ") and "nộp báo cáo" in c.value]


@pytest.fixture(scope="module")
def report_2026(var_with_2026):
    """The whole town's 2026 meeting data and its report, HTML and PDF text, made once for the module."""
    with pytest.MonkeyPatch.context() as mp:
        point_at(mp, var_with_2026)
        data = meeting_data_for(cursor(), 2026)
        return data, report_html(data), squeeze("\n".join(pdf_pages(report_pdf(data))))


def test_the_meeting_report_of_a_year_coming_in_says_so(report_2026, one_ward_in_2026):
    expected = len(units_in_year(2026))
    said = f"Năm 2026 mới có 1/{expected} đơn vị nộp báo cáo: số liệu chỉ gồm các đơn vị đã nộp"
    _, html, pdf = report_2026
    assert said in html and said in pdf
    assert meeting_data_for(cursor(), 2025).coming_in is None


def card_changes(at) -> list[str]:
    return [metric.proto.delta for metric in at.metric]


def test_the_cards_of_a_year_coming_in_show_no_change_and_say_why_once(one_ward_in_2026):
    at = run_page("pages/overview.py", year=2026)
    assert card_changes(at) and set(card_changes(at)) == {""}, card_changes(at)
    assert [c.value for c in at.caption].count(CHANGE_NOTE) == 1
    assert f"[{COMING_IN_WORDS}" in texts(at) and PACE_2030 not in texts(at)  # T5's badge
    at = run_page("pages/overview.py", year=2026, units=[SA_HUYNH])  # the ward's own 2026: all of it in
    assert "±0,00 điểm % so với 2025" in card_changes(at) and "Chậm tiến độ (mức 2030)" in texts(at)
    assert COMING_IN_WORDS not in texts(at) and "Chưa so với" not in texts(at)
    at = run_page("pages/overview.py", year=2025)  # a year all in
    assert any(change.endswith("so với 2024") for change in card_changes(at)) and "Chưa so với" not in texts(at)


def test_the_pace_of_a_year_coming_in_is_not_judged_on_the_page_nor_in_its_downloads(one_ward_in_2026, fetch):
    at = run_page("pages/pace.py", year=2026)
    table = shown_table(at, "Tiến độ các chỉ tiêu")
    of_2026 = table[table["Năm gần nhất"] == 2026]
    assert len(of_2026) > 5 and of_2026["Tốc độ đã đạt (điểm %/năm)"].isna().all()
    assert set(of_2026["Năm đạt mức 2030 theo tốc độ hiện nay"]) <= {"—", "đã đạt"}
    assert COMING_IN_WORDS in set(of_2026["Đánh giá 2030"]) and COMING_IN_WORDS in set(of_2026["Đánh giá năm gần nhất"])
    assert not table["Đánh giá 2030"].str.contains(PACE_2030, regex=False).any()
    assert "năm 2026 đang nhận báo cáo, chưa tính tốc độ." in texts(at)
    csv = fetch(at.download_button(key="csv_tien_do_tong")).decode("utf-8-sig")
    sheet = openpyxl.load_workbook(io.BytesIO(fetch(at.download_button(key="xlsx_tien_do_tong")))).active
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row]
    for written in (csv, "\n".join(cells)):
        assert COMING_IN_WORDS in written and PACE_2030 not in written
    # nor the increase needed each year to reach the level: `—` on screen (the reason in the verdict), blank in files
    assert of_2026[NEEDED_2030].isna().all() and table[NEEDED_2030].isna().all()
    rows = list(sheet.iter_rows(values_only=True))
    for written in (pd.read_csv(io.StringIO(csv)), pd.DataFrame(rows[1:], columns=rows[0])):
        assert written[NEEDED_2030].isna().all(), written[NEEDED_2030]

    at = run_page("pages/pace.py", year=2026, units=[SA_HUYNH])
    paced = shown_table(at, "Tiến độ các chỉ tiêu")
    assert "Chậm tiến độ (mức 2030)" in set(paced["Đánh giá 2030"]) and paced["Tốc độ đã đạt (điểm %/năm)"].notna().all()
    assert paced[NEEDED_2030].notna().any()
    assert COMING_IN_WORDS not in set(paced["Đánh giá 2030"]) and "đang nhận báo cáo, chưa tính tốc độ" not in texts(at)
    at = run_page("pages/pace.py", year=2024)  # a year all in, between the baseline and 2025: paced
    assert shown_table(at, "Tiến độ các chỉ tiêu")["Đánh giá 2025"].str.contains("tiến độ (mức 2025)",
                                                                                   regex=False).any()


def test_the_report_and_the_kpi_export_of_a_year_coming_in_judge_no_pace(report_2026, one_ward_in_2026):
    data, html, pdf = report_2026
    assert data.cards["change"].isna().all() and data.indicators["previous_rate"].isna().all()
    judged = {"cards": data.cards["verdict"], "indicators": data.indicators["verdict"],
              "pace": data.pace["status_2030"], "trend": data.trend.loc[data.trend["year"] == 2026, "verdict"]}
    for name, verdicts in judged.items():
        assert COMING_IN_WORDS in set(verdicts) and not verdicts.str.contains(PACE_2030, regex=False).any(), name
    assert not (data.pace_paths["series"] == SERIES_PROJECTED).any()  # no pace extended from 2026
    for written in (html, pdf):  # up to the warnings, which judge each unit, the one ward in against its own 2025
        judged_part = written[:written.rindex("4. Cảnh báo")]
        assert judged_part.count(CHANGE_NOTE) == 1 and COMING_IN_WORDS in judged_part and PACE_2030 not in judged_part
    assert kpi_table(cursor(), 2026).set_index("indicator").at[T5, "status"] == "no_pace"
    assert set(pace_table(data, 2030)["Cần tăng mỗi năm"]) == {"—"}

    ward = meeting_data_for(cursor(), 2026, "21478")  # the ward's own 2026: all of it in
    assert ward.cards["change"].notna().all() and COMING_IN_WORDS not in set(ward.pace["status_2030"])
    assert (ward.pace_paths["series"] == SERIES_PROJECTED).any() and CHANGE_NOTE not in report_html(ward)
    assert kpi_table(cursor(), 2026, "21478").set_index("indicator").at[T5, "status"] == "behind"
    assert set(pace_table(ward, 2030)["Cần tăng mỗi năm"]) != {"—"}
    assert meeting_data_for(cursor(), 2025).cards["change"].notna().any()


def slide(year: int, number: int):
    return slide_of(year, None, number)


def slide_of(year: int, boundary: str | None, number: int):
    at = app_test()
    at.run()
    at.query_params.update({**url_filters(year, boundary, None), "trang": str(number)})
    at.switch_page("pages/present.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_slides_of_a_year_coming_in_show_no_change_and_no_pace(one_ward_in_2026):
    cards = "".join(h.proto.body for h in slide(2026, 2).get("html"))
    assert cards.count(CHANGE_NOTE) == 1 and 'class="dp-change"' not in cards and COMING_IN_WORDS in cards
    cards = "".join(h.proto.body for h in slide(2025, 2).get("html"))
    assert CHANGE_NOTE not in cards and 'class="dp-change"' in cards
    for year, projected in ((2026, False), (2025, True)):  # the last slides but the warnings: the pace of each level
        charts = [json.loads(chart.proto.spec) for chart in slide(year, 12).get("plotly_chart")]
        names = {trace.get("name") for spec in charts for trace in spec["data"]}
        assert charts and (SERIES_PROJECTED in names) is projected, (year, names)


def subtitles(at) -> list[str]:
    """The lines under the titles of the page's charts."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return [spec["layout"].get("title", {}).get("subtitle", {}).get("text", "") for spec in specs]


def slide_number(data, title: str) -> int:
    return [s.title for s in slides(data)].index(title) + 1


def test_a_year_coming_in_ranks_only_the_units_in_and_names_the_others(report_2026, one_ward_in_2026, fetch):
    missing = [u.full_name for u in units_in_year(2026) if u.unit_id != SA_HUYNH]
    said = f"{len(missing)} đơn vị chưa nộp báo cáo năm 2026 nên chưa được xếp hạng: "
    unranked = "Chưa nộp báo cáo năm 2026, chưa xếp hạng"
    at = run_page("pages/scorecard.py", year=2026)
    assert any(i.value.startswith(said) for i in at.info), [i.value for i in at.info]
    assert any(c.value.startswith("Các đơn vị đã nộp đủ báo cáo năm 2026 so với") for c in at.caption)
    ranking = shown_table(at, "Thứ hạng đơn vị")
    ranked = ranking[ranking["Thứ hạng"].notna()]  # among the one unit in: its change from 2025 is not told
    assert list(ranked["Đơn vị"]) == [units_by_id()[SA_HUYNH].full_name]
    assert list(ranked["Thay đổi thứ hạng"]) == [NOT_COMPARED] and list(ranked["Ghi chú"]) == [""]
    left = ranking[ranking["Thứ hạng"].isna()]
    assert sorted(left["Đơn vị"]) == sorted(missing) and set(left["Ghi chú"]) == {unranked}
    assert fetch(at.download_button(key="csv_xep_hang_thu_hang")).decode("utf-8-sig").count(unranked) == len(missing)
    note = f"Chưa xếp hạng {len(missing)} đơn vị chưa nộp báo cáo năm 2026"
    assert any(note in line for line in subtitles(at)), subtitles(at)

    data, html, pdf = report_2026
    assert said in html and said in pdf
    assert "Bảng xếp hạng so sánh các đơn vị đã nộp đủ báo cáo." in html
    assert any(note in line for line in subtitles(slide(2026, slide_number(data, "Bảng xếp hạng đơn vị năm 2026"))))

    at = run_page("pages/scorecard.py", year=2026, boundary="current")  # Sa Huỳnh's company has not reported
    [told] = [i.value for i in at.info]
    assert told.startswith("5 đơn vị chưa nộp đủ báo cáo năm 2026 nên chưa được xếp hạng: ") and \
        "Phường Sa Huỳnh (mới có 1/2 đơn vị nộp)" in told
    assert not at.get("plotly_chart")

    at = run_page("pages/scorecard.py", year=2025)  # a year all in
    assert any(c.value.startswith("Mọi đơn vị năm 2025 so với") for c in at.caption)
    assert not [i.value for i in at.info] and NOT_COMPARED not in set(shown_table(at, "Thứ hạng đơn vị")[
        "Thay đổi thứ hạng"])


def test_a_unit_not_all_in_is_not_warned_about(one_ward_in_2026):
    said = "đơn vị chưa nộp báo cáo năm 2026 nên chưa được xét cảnh báo: "
    at = run_page("pages/warnings.py", year=2026)
    assert any(said in i.value for i in at.info), [i.value for i in at.info]
    reported = all_warnings(cursor(), "reported", None, 2026)
    assert len(reported) and set(reported["display_id"]) == {SA_HUYNH}  # all of it in: warned about

    at = run_page("pages/warnings.py", year=2026, boundary="current")  # Sa Huỳnh without its company
    [told] = [i.value for i in at.info]
    assert "Phường Sa Huỳnh (mới có 1/2 đơn vị nộp)" in told and "chưa được xét cảnh báo" in told
    assert any(s.value.startswith("Không có cảnh báo nào") for s in at.success)
    assert named("warning_weak_secretaries", "current", None, 2026).empty
    assert not named("warning_weak_secretaries", "reported", None, 2026).empty

    data = meeting_data(cursor(), "current", None, 2026, "Toàn địa bàn")
    assert data.warnings.empty and "Phường Sa Huỳnh (mới có 1/2 đơn vị nộp)" in report_html(data)
    at = slide_of(2026, "current", slide_number(data, "Cảnh báo năm 2026"))
    assert [s.value for s in at.success] == ["Không có cảnh báo nào cho toàn địa bàn thị xã Đức Phổ (cũ) năm 2026; chưa "
                                             "xét 5 đơn vị chưa nộp đủ báo cáo năm 2026."]


def test_a_unit_only_part_of_which_is_in_is_not_paced_in_the_tables_by_unit(one_ward_in_2026):
    name = units_by_id()[SA_HUYNH].full_name
    for boundary, words in (("current", COMING_IN_WORDS), ("reported", "Chậm tiến độ (mức 2030)")):
        rows = indicator_units(cursor(), boundary, None, 2026, 2026, (T5,)).set_index("unit")
        assert rows.at[name, "verdict"] == words, boundary
        pace = pace_by_unit(cursor(), boundary, None, 2026, (T5,)).set_index("unit")
        assert pace.at[name, "status_2030"] == words and pace.at[name, "verdict"] == words, boundary
        assert pd.isna(pace.at[name, "needed_2030"]) == (boundary == "current"), boundary
        # as when it alone is chosen
        alone = pace_by_indicator(cursor(), boundary, [SA_HUYNH], 2026, (T5,)).iloc[0]
        assert alone["status_2030"] == words and pd.isna(alone["needed_2030"]) == (boundary == "current")
        others = pace.drop(index=name)
        assert set(others["latest_year"]) == {2025} and COMING_IN_WORDS not in set(others["status_2030"])


def test_an_earlier_year_only_part_of_whose_units_reported_is_said_so(scorecard_env):
    said = "Năm 2023 chỉ có 5/6 đơn vị nộp báo cáo: số liệu năm đó chỉ gồm các đơn vị đã nộp."
    assert partial_years(cursor(), "reported", None, 2023, 2024) == {2023: "chỉ có 5/6 đơn vị nộp báo cáo"}
    assert partial_years(cursor(), "reported", (C,), 2023, 2024) == {}  # Phổ An reported both years
    at = run_page("pages/ratings.py", year=2024)
    assert said in [c.value for c in at.caption]
    trend = shown_table(at, "Tỷ lệ HTTNV trở lên qua các năm")
    assert set(trend.loc[trend["Năm"] == 2023, "Ghi chú"]) == {"Chỉ có 5/6 đơn vị nộp báo cáo"}
    assert not trend.loc[trend["Năm"] == 2024, "Ghi chú"].str.contains("đơn vị nộp").any()
    assert said in report_html(meeting_data_for(cursor(), 2024))


def test_a_unit_yet_to_report_shows_dashes_not_0_of_0_compared_and_in_the_kpi_export(one_ward_in_2026, capsys):
    # Phường Đức Phổ has sent nothing for 2026: its figures are unknown, not 0/0 «Chưa đủ số liệu»
    said = f"{UNREPORTED} năm 2026"
    at = run_page("pages/overview.py", year=2026, units=[SA_HUYNH, DUC_PHO])
    grid = next(h.proto.body for h in at.get("html") if "dp-compare" in h.proto.body)
    headline = programme().headline
    for code in headline:
        assert (f'<div class="dp-card dp-none" data-indicator="{code}"><div class="dp-rate">—</div>'
                f'<div class="dp-count">—</div><div class="dp-state">{said}</div></div>') in grid, code
    assert "0/0" not in grid and "Chưa đủ số liệu" not in grid and grid.count(said) == len(headline)
    assert "17/18" in grid  # Sa Huỳnh's own T1
    _, shown = table(at, "Chỉ tiêu")
    yet = shown[shown["Đơn vị"] == units_by_id()[DUC_PHO].full_name]
    assert len(yet) == len(programme().codes) and set(yet["Đánh giá"]) == {said}
    assert set(yet["Tử số"]) == set(yet["Mẫu số"]) == set(yet["Tỷ lệ"]) == {"—"}

    assert main(["kpi", "--year", "2026", "--unit", DUC_PHO]) == 0  # the command, as a user runs it
    rows = kpi_rows(capsys.readouterr().out)
    assert {(r["numerator"], r["denominator"], r["rate"], r["status"]) for r in rows.values()} == {
        ("", "", "", "not_submitted")}
    assert rows["T5_trung_cap_chuyen_mon"]["goal"] == "0.75"  # the level in force, as for any unit
    assert main(["kpi", "--year", "2026", "--unit", SA_HUYNH, "--boundary", "current"]) == 0  # its company not in
    in_part = kpi_rows(capsys.readouterr().out)["T1_org_rating"]
    assert (in_part["numerator"], in_part["denominator"], in_part["status"]) == ("17", "18", "met")


@pytest.mark.parametrize("units", [None, (SA_HUYNH, "21439-2025")], ids=["whole area", "two units"])
def test_the_meeting_data_reads_which_units_are_in_once_and_as_each_query_alone(one_ward_in_2026, units):
    """The ranking's whole area read once a year (queries.coverage.read_once): the banner, the trend, the tables by
    unit and the warnings take their selection's rows from it, and come out as when each reads its own."""
    con = Counting(cursor())
    once = meeting_data(con, "current", units, 2026, "x")  # Sa Huỳnh partly in: not ranked, not warned about
    assert con.reads == {"year_units": 2, "year_counts": 1}  # 2025 and 2026
    alone = meeting_data.__wrapped__(cursor(), "current", units, 2026, "x")
    assert len(once.unreported) and once.coming_in
    for name in MeetingData.__dataclass_fields__:
        if isinstance(getattr(once, name), pd.DataFrame):
            pd.testing.assert_frame_equal(getattr(once, name), getattr(alone, name), obj=name)
        else:
            assert getattr(once, name) == getattr(alone, name), name
