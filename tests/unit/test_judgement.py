"""The one judgement (queries/judgement.py) on the Đề án's programme file: every kind of target at
every edge, the pace that decides on or behind, and the columnar form giving what the scalar gives
for every case, with one tolerance."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

from core.numbers import vi_number, vi_percent, vi_points
from core.rounding import percent, round_half_up
from queries.judgement import (
    COMING_IN,
    COMING_IN_WORDS,
    EPS,
    IN_ORDER,
    ROLES,
    WORDS,
    Status,
    gap_text,
    judge,
    judge_frame,
    people_short,
    summary_text,
)
from queries.pace import observed_per_year
from queries.programme import Kind, programme
from settings import PROGRAMME
from tests.support.programme_files import programme_copy, use_programme

T1, T2, T3, T4, T5, T6, T7 = ("T1_org_rating", "T2_member_rating", "T3_admission_rate", "T4_thpt_and_so_cap_llct",
                              "T5_trung_cap_chuyen_mon", "T6_trung_cap_llct", "T7_training")


def verdict(code: str, rate: float | None, year: int, pace: float | None = None, deadline: int | None = None,
            coming_in: bool = False):
    found = judge(code, rate, year, pace, deadline, coming_in=coming_in)
    return found.status, found.goal, found.text


# ---- every year: "Hằng năm có trên 90% …" ------------------------------------------------

@pytest.mark.parametrize(("rate", "status"), [
    (0.9, Status.BELOW),  # "trên 90%": 90% itself is not enough
    (0.9 + 1e-12, Status.BELOW),  # within the tolerance: still 90%
    (0.9 + 2 * EPS, Status.MET),
    (27 / 30, Status.BELOW),  # 90% as a ratio of whole numbers, a hair off in binary
    (28 / 30, Status.MET),
    (0.0, Status.BELOW),
])
def test_every_year_strict_level(rate, status):
    assert judge(T1, rate, 2024).status == status
    assert judge(T1, rate, 2027).status == status  # the 2030 level is 90% too


def test_a_missed_year_stays_missed_and_gets_no_arrival_year():
    assert judge(T2, 0.85, 2023, pace=0.05).status == Status.BELOW  # no "on track" for a yearly target
    assert summary_text(4, [2024, 2021]) == "đạt 2/4 năm (chưa đạt: 2021, 2024)"
    assert summary_text(0, []) == "chưa có năm nào được đánh giá"


def test_training_applies_from_2023():
    assert verdict(T7, 0.8, 2022) == (Status.NOT_APPLICABLE, None, "Không đánh giá")
    assert judge(T7, 0.8, 2022).target_text == "áp dụng từ năm 2023"
    assert verdict(T7, 1.0, 2023) == (Status.MET, 1.0, "Đạt")
    assert verdict(T7, 0.999, 2023)[0] == Status.BELOW


# ---- floor band: "đạt từ 3-4% tổng số đảng viên" -----------------------------------------

@pytest.mark.parametrize(("rate", "status", "distance"), [
    (0.0299, Status.BELOW, -0.0001),
    (0.03 - 1e-12, Status.MET, 0.0),
    (0.03, Status.MET, 0.0),
    (0.035, Status.MET, 0.0),
    (0.04, Status.MET, 0.0),
    (0.04 + 1e-12, Status.MET, 0.0),
    (12 / 186, Status.EXCEEDED, 0.0),  # Phổ Văn, 2024: 6,45% is above the band, not short of it
    (0.5, Status.EXCEEDED, 0.0),
])
def test_floor_band(rate, status, distance):
    found = judge(T3, rate, 2024)
    assert (found.status, found.goal, found.target_text) == (status, 0.03, "3–4%/năm")
    assert found.distance == pytest.approx(distance, abs=1e-12)
    assert found.role == {"below": "bad", "met": "good", "exceeded": "neutral"}[status]
    assert (status in IN_ORDER) == (status != Status.BELOW)  # above the band counts as met in the ranking


# ---- levels by a deadline: T4–T6 -----------------------------------------------------------

def test_a_deadline_year_is_met_or_below_its_own_level():
    assert verdict(T5, 0.5, 2025) == (Status.MET, 0.5, "Đạt (mức 2025)")
    assert verdict(T5, 0.4999, 2025, pace=0.5) == (Status.BELOW, 0.5, "Chưa đạt (mức 2025)")  # pace is moot
    assert verdict(T5, 0.74, 2030) == (Status.BELOW, 0.75, "Chưa đạt (mức 2030)")
    assert verdict(T5, 0.74, 2033) == (Status.BELOW, 0.75, "Chưa đạt (mức 2030)")  # after the last deadline


def test_between_deadlines_the_passed_level_the_next_level_and_the_pace():
    # 2026: 62% has the 2025 level (50%) and is on its way to 75% by 2030
    assert verdict(T5, 0.62, 2026, pace=0.04) == (Status.ON_TRACK, 0.75, "Đúng tiến độ (mức 2030)")  # 2030
    assert verdict(T5, 0.62, 2026, pace=0.02) == (Status.BEHIND, 0.75, "Chậm tiến độ (mức 2030)")  # 2033
    # the first year of a series: the figure is there, its pace needs a second year
    assert verdict(T5, 0.62, 2026) == (Status.NO_PACE, 0.75, "Năm gốc — chưa tính tiến độ")
    assert verdict(T5, 0.80, 2026) == (Status.MET, 0.75, "Đạt (mức 2030)")  # the next level already
    # under the level of a deadline already passed: below, whatever the pace
    assert verdict(T5, 0.45, 2026, pace=0.2) == (Status.BELOW, 0.5, "Chưa đạt (mức 2025)")
    assert judge(T5, 0.45, 2026).distance == pytest.approx(-0.05)
    # before the first deadline
    assert verdict(T5, 0.45, 2024, pace=0.05) == (Status.ON_TRACK, 0.5, "Đúng tiến độ (mức 2025)")
    assert verdict(T5, 0.45, 2024, pace=0.03) == (Status.BEHIND, 0.5, "Chậm tiến độ (mức 2025)")
    assert verdict(T4, 1.0, 2024) == (Status.MET, 1.0, "Đạt (mức 2025)")


def test_before_the_baseline_year_a_level_has_a_figure_but_no_pace():
    # the Đề án's figures are those of 2022 (footnote 1): a pace is measured from there, never before
    before = "Trước năm gốc 2022 — chưa tính tiến độ"
    for pace in (None, -0.05, 0.0, 0.05, 0.5):  # whatever pace a caller has measured from an earlier year
        assert verdict(T4, 0.6, 2021, pace=pace) == (Status.NO_PACE, 1.0, before)
        assert verdict(T5, 0.45, 2020, pace=pace) == (Status.NO_PACE, 0.5, before)
    found = judge(T4, 19 / 25, 2020)
    assert (found.role, found.target_text) == ("none", "100% (mức 2025)")
    assert found.distance == pytest.approx(19 / 25 - 1)  # a real figure: its distance, not "no data"
    assert verdict(T5, 0.56, 2020) == (Status.MET, 0.5, "Đạt (mức 2025)")  # a level reached needs no pace
    assert verdict(T4, 0.6, 2022) == (Status.NO_PACE, 1.0, "Năm gốc — chưa tính tiến độ")
    assert verdict(T4, 0.6, 2023, pace=0.2) == (Status.ON_TRACK, 1.0, "Đúng tiến độ (mức 2025)")
    assert verdict(T4, None, 2021) == (Status.NO_DATA, 1.0, "Chưa đủ số liệu")  # no figure at all
    assert verdict(T2, 0.85, 2021)[0] == Status.BELOW  # every year targets are judged every year


def test_the_baseline_year_is_the_programme_file_s(tmp_path, monkeypatch):
    text = PROGRAMME.read_text(encoding="utf-8").replace("nam_goc = 2022", "nam_goc = 2023")
    use_programme(monkeypatch, programme_copy(tmp_path, text=text))
    assert verdict(T5, 0.45, 2022, pace=0.05) == (Status.NO_PACE, 0.5, "Trước năm gốc 2023 — chưa tính tiến độ")
    frame = pd.DataFrame({"indicator": [T5, T5], "year": [2022, 2024], "rate": [0.45, 0.45],
                          "observed_per_year": [0.05, 0.05]})
    assert judge_frame(frame)["verdict"].tolist() == ["Trước năm gốc 2023 — chưa tính tiến độ",
                                                      "Đúng tiến độ (mức 2025)"]
    assert_columns_equal_scalar(cases())


def test_a_year_still_coming_in_keeps_its_level_but_has_no_pace():
    # 2026 with one ward in of ten: its figure against the level, never a pace from the whole town's 2022 to it
    for pace in (None, -0.05, 0.02, 0.04):
        assert verdict(T5, 0.62, 2026, pace, coming_in=True) == (Status.NO_PACE, 0.75, COMING_IN_WORDS)
        assert verdict(T5, 0.62, 2026, pace, deadline=2030, coming_in=True) == (
            Status.NO_PACE, 0.75, COMING_IN_WORDS)  # the pace page's column toward 2030
    found = judge(T5, 0.62, 2026, 0.02, coming_in=True)
    assert (found.role, found.target_text, found.distance) == ("none", "≥ 75% (mức 2030)", pytest.approx(-0.13))
    assert verdict(T5, 0.62, 2026, 0.02, deadline=2025, coming_in=True) == (Status.MET, 0.5, "Đạt (mức 2025)")
    assert verdict(T5, 0.80, 2026, 0.02, coming_in=True) == (Status.MET, 0.75, "Đạt (mức 2030)")
    assert verdict(T5, 0.45, 2026, 0.2, coming_in=True) == (Status.BELOW, 0.5, "Chưa đạt (mức 2025)")
    assert verdict(T5, 0.4999, 2025, 0.5, coming_in=True) == (Status.BELOW, 0.5, "Chưa đạt (mức 2025)")
    assert verdict(T2, 0.85, 2026, coming_in=True) == (Status.BELOW, 0.9, "Chưa đạt")  # every year: its level
    assert verdict(T3, 0.035, 2026, coming_in=True) == (Status.MET, 0.03, "Đạt")
    assert verdict(T5, None, 2026, coming_in=True)[0] == Status.NO_DATA
    # the year all in: judged by its pace as before
    assert verdict(T5, 0.62, 2026, 0.02) == (Status.BEHIND, 0.75, "Chậm tiến độ (mức 2030)")


def test_arrival_exactly_at_the_deadline_is_on_track():
    # 50% in 2026 at +6,25 points a year: 75% in 2030 exactly
    assert judge(T5, 0.5, 2026, pace=0.0625).status == Status.ON_TRACK
    assert judge(T5, 0.5, 2026, pace=0.0625 - 1e-6).status == Status.BEHIND
    # 7/12 in 2022, 8/12 in 2026: 75% is 4 years away, 4.000000000000005 in binary: on track, with EPS
    pace = observed_per_year(2022, 7 / 12, 2026, 8 / 12)
    assert judge(T5, 8 / 12, 2026, pace=pace).status == Status.ON_TRACK


def test_toward_a_given_deadline_as_the_pace_page_asks():
    assert verdict(T5, 0.589666, 2025, pace=0.04, deadline=2030) == (
        Status.ON_TRACK, 0.75, "Đúng tiến độ (mức 2030)")
    assert verdict(T5, 0.62, 2026, deadline=2025) == (Status.MET, 0.5, "Đạt (mức 2025)")


def test_no_figure_and_no_target():
    assert verdict(T5, None, 2024) == (Status.NO_DATA, 0.5, "Chưa đủ số liệu")
    assert verdict(T5, float("nan"), 2024)[0] == Status.NO_DATA


def test_every_status_has_words_a_colour_role_and_a_kpi_value():
    assert set(WORDS) == set(ROLES) == set(Status)
    assert {s.value for s in Status} == {"met", "exceeded", "below", "on_track", "behind", "not_applicable",
                                         "no_data", "no_pace", "not_submitted"}
    assert set(ROLES.values()) == {"good", "bad", "neutral", "none"}


def test_people_short_of_a_level():
    assert int(people_short(255, 329, 1.0, False)) == 74
    assert int(people_short(154, 329, 0.5, False)) == 11  # 165 of 329 reach 50%
    assert int(people_short(27, 30, 0.9, True)) == 1  # "trên 90%": 28 of 30
    assert int(people_short(200, 329, 0.5, False)) == 0
    ind = programme().indicator(T4)
    assert gap_text(ind, 74, 1.0) == "còn 74 người chưa có THPT và sơ cấp LLCT"
    assert gap_text(programme().indicator(T5), 11, 0.5) == (
        "cần thêm 11 người có trung cấp chuyên môn trở lên để đạt ≥ 50%")
    assert gap_text(programme().indicator(T1), 3, 0.9) is None  # not people with a qualification


def test_percentages_round_half_up():
    assert vi_percent(3 / 96) == "3,13%"  # 3,125: half up, not to even
    assert percent(3 / 96) == 3.13
    assert vi_percent(223 / 329) == "67,78%"
    assert vi_percent(1 / 800) == "0,13%"  # 0,125: half up
    assert vi_points(0.01125) == "+1,13 điểm %"
    assert vi_points(-0.1333333) == "−13,33 điểm %" and vi_number(-1.925, 2) == "−1,93"  # the typographic minus
    assert round_half_up(0.0115, 3) == 0.012 and round_half_up(2.5) == 3.0


# ---- one tolerance: the columnar form gives what the scalar gives, case by case ------------

def edge_rates(code: str) -> list[float]:
    ind = programme().indicator(code)
    edges = {*ind.levels.values(), *(() if ind.upper is None else (ind.upper,))}
    return [math.nan, 0.0, 1.0, 0.62, *(e + d for e in edges for d in (-1e-6, -1e-9, -1e-13, 0.0, 1e-13, 2e-9, 1e-6))]


PACES = [math.nan, -0.01, 0.0, 1e-12, 0.02, 0.0625, 0.0625 - 1e-12, 0.5]


def cases() -> pd.DataFrame:
    rows = [{"indicator": code, "year": year, "rate": rate, "observed_per_year": pace}
            for code in programme().codes for year in range(2019, 2033)
            for rate, pace in itertools.product(edge_rates(code), PACES)]
    return pd.DataFrame(rows)


def same(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return (a is None or pd.isna(a)) and (b is None or pd.isna(b)) or a == b
    return (a is None or a is pd.NA) and (b is None or b is pd.NA) or a == b


def assert_columns_equal_scalar(frame: pd.DataFrame) -> int:
    judged = judge_frame(frame)
    for row in judged.to_dict("records"):
        one = judge(row["indicator"], row["rate"], row["year"], row["observed_per_year"],
                    coming_in=bool(row.get(COMING_IN, False)))
        expected = (one.status.value, one.goal, one.target_text, one.level, one.distance, one.role, one.text)
        got = (row["status"], row["goal"], row["target_text"], row["level"], row["distance"], row["role"],
               row["verdict"])
        assert all(same(a, b) for a, b in zip(got, expected, strict=True)), (row, expected)
    return len(judged)


def test_columns_and_one_figure_agree_on_every_edge():
    count = assert_columns_equal_scalar(cases())
    assert count > 15_000
    # every status is reached, but not_submitted: a figure's caller knows the unit has not reported (not_submitted())
    assert set(judge_frame(cases())["status"]) == {s.value for s in Status} - {Status.NOT_SUBMITTED}


def test_columns_and_one_figure_agree_on_a_year_still_coming_in():
    frame = cases()
    frame[COMING_IN] = frame.index % 2 == 0  # every (indicator, year) has rows of both
    assert assert_columns_equal_scalar(frame) > 15_000
    judged = judge_frame(frame)
    assert set(judged.loc[judged[COMING_IN] & (judged["status"] == "no_pace"), "verdict"]) >= {COMING_IN_WORDS}
    assert COMING_IN_WORDS not in set(judged.loc[~judged[COMING_IN], "verdict"])


def test_no_target_is_a_kind_of_its_own(tmp_path, monkeypatch):
    use_programme(monkeypatch, programme_copy(tmp_path, (T6, "loai", '"khong"'), (T6, "muc_2025", None),
                                              (T6, "muc_2030", None)))
    assert programme().indicator(T6).kind is Kind.NONE
    found = judge(T6, 0.3, 2025)
    assert (found.status, found.goal, found.target_text, found.role) == (
        Status.NOT_APPLICABLE, None, "không đặt mục tiêu", "none")
    assert_columns_equal_scalar(cases())


def test_judging_the_country_is_one_pass_per_indicator_and_year():
    """600,000 cells: the columnar form works per (indicator, year), never per row (no time asserted)."""
    frame = pd.concat([cases()] * 2, ignore_index=True)
    judged = judge_frame(frame)
    assert len(judged) == len(frame) and judged["status"].notna().all()
    assert np.array_equal(judged["status"].iloc[: len(frame) // 2].to_numpy(),
                          judged["status"].iloc[len(frame) // 2:].to_numpy())
