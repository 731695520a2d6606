"""The indicators of the Đề án: their definition lives in views.sql; their meaning and targets here."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from queries.scope import BOUNDARIES, BOUNDARY_CURRENT, BOUNDARY_REPORTED, scope_params  # noqa: F401 (re-exported)
from queries.sql import read_sql


@dataclass(frozen=True)
class Indicator:
    code: str
    target: str  # T1 … T7
    label: str  # Vietnamese, for cards and axis titles
    numerator_label: str
    denominator_label: str
    target_2025: float
    target_2030: float
    upper_2025: float | None = None  # a band's upper bound (T3)
    strict: bool = False  # "> 90%" rather than "≥"
    from_year: int | None = None  # the target applies from this year on (T7: 2023)

    def met(self, rate: float | None, year: int) -> bool | None:
        """Whether `rate` meets the target in force for `year` (None: no rate, or no target yet)."""
        if rate is None or pd.isna(rate) or (self.from_year is not None and year < self.from_year):
            return None
        low = self.target_for(year)
        if self.upper_2025 is not None:
            return low - 1e-12 <= rate <= self.upper_2025 + 1e-12
        return rate > low if self.strict else rate >= low - 1e-12

    def target_for(self, year: int) -> float:
        return self.target_2025 if year <= 2025 else self.target_2030

    def target_text(self, year: int) -> str:
        """`> 90%`, `3–4%/năm`, `≥ 50%`: the target in force for `year`, in Vietnamese."""
        low = self.target_for(year)
        if self.upper_2025 is not None:
            return f"{_pct(low)}–{_pct(self.upper_2025)}/năm"
        if low >= 1:
            return "100%"
        return f"{'>' if self.strict else '≥'} {_pct(low)}"


def _pct(rate: float) -> str:
    return f"{rate * 100:g}%".replace(".", ",")


VILLAGE = "cán bộ chi bộ thôn, tổ dân phố"
INDICATORS: tuple[Indicator, ...] = (
    Indicator("T1_org_rating", "T1", "TCCSĐ hoàn thành tốt nhiệm vụ trở lên",
              "TCCSĐ đạt HTTNV trở lên", "TCCSĐ được xếp loại", 0.90, 0.90, strict=True),
    Indicator("T2_member_rating", "T2", "Đảng viên hoàn thành tốt nhiệm vụ trở lên",
              "đảng viên HTXSNV + HTTNV", "đảng viên được xếp loại", 0.90, 0.90, strict=True),
    Indicator("T3_admission_rate", "T3", "Tỷ lệ kết nạp đảng viên mới",
              "đảng viên kết nạp", "đảng viên đầu năm", 0.03, 0.03, upper_2025=0.04),
    Indicator("T4_thpt", "T4", "Tốt nghiệp THPT",
              f"{VILLAGE} tốt nghiệp THPT", VILLAGE, 1.0, 1.0),
    Indicator("T4_thpt_chi_uy_vien", "T4", "Tốt nghiệp THPT — chi ủy viên",
              "chi ủy viên tốt nghiệp THPT", "chi ủy viên", 1.0, 1.0),
    Indicator("T4_thpt_bi_thu_pho_bi_thu", "T4", "Tốt nghiệp THPT — bí thư, phó bí thư",
              "bí thư, phó bí thư tốt nghiệp THPT", "bí thư, phó bí thư", 1.0, 1.0),
    Indicator("T4_so_cap_llct", "T4", "Sơ cấp LLCT trở lên",
              f"{VILLAGE} có sơ cấp LLCT trở lên", VILLAGE, 1.0, 1.0),
    Indicator("T4_thpt_and_so_cap_llct", "T4", "THPT và sơ cấp LLCT trở lên",
              f"{VILLAGE} có THPT và sơ cấp LLCT", VILLAGE, 1.0, 1.0),
    Indicator("T5_trung_cap_chuyen_mon", "T5", "Trung cấp chuyên môn trở lên",
              f"{VILLAGE} có trung cấp chuyên môn trở lên", VILLAGE, 0.50, 0.75),
    Indicator("T6_trung_cap_llct", "T6", "Trung cấp LLCT trở lên",
              f"{VILLAGE} có trung cấp LLCT trở lên", VILLAGE, 0.25, 0.50),
    Indicator("T7_training", "T7", "Cấp ủy viên được bồi dưỡng nghiệp vụ",
              "cấp ủy viên được bồi dưỡng", "cấp ủy viên chi bộ thôn, TDP và cấp ủy cơ sở", 1.0, 1.0,
              from_year=2023),
)
BY_CODE = {i.code: i for i in INDICATORS}
HEADLINE = ("T1_org_rating", "T2_member_rating", "T3_admission_rate", "T4_thpt_and_so_cap_llct",
            "T5_trung_cap_chuyen_mon", "T6_trung_cap_llct", "T7_training")


def _with_rate(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    denominator = frame["denominator"].where(frame["denominator"] != 0)
    frame["rate"] = frame["numerator"] / denominator
    return frame


def indicator_params(boundary: str, units: list[str] | None, year_from: int, year_to: int) -> dict:
    return scope_params(boundary, units, year_from=year_from, year_to=year_to)


def indicators_by_year(
    con: duckdb.DuckDBPyConnection, boundary: str, units: list[str] | None, year_from: int, year_to: int
) -> pd.DataFrame:
    """year, indicator, numerator, denominator, rate: the selected units summed."""
    frame = con.execute(read_sql("indicators_by_year"), indicator_params(boundary, units, year_from, year_to)).df()
    return _with_rate(frame)


def indicators_by_unit(
    con: duckdb.DuckDBPyConnection, boundary: str, units: list[str] | None, year_from: int, year_to: int
) -> pd.DataFrame:
    """display unit, year, indicator, numerator, denominator, rate."""
    frame = con.execute(read_sql("indicators_by_unit"), indicator_params(boundary, units, year_from, year_to)).df()
    return _with_rate(frame)


def _state(ind: Indicator, rate: float | None, year: int) -> str:
    """met / not_met / no_data / not_applicable (a target that starts later, T7 before 2023)."""
    if rate is None or pd.isna(rate):
        return "no_data"
    met = ind.met(rate, year)
    return "not_applicable" if met is None else ("met" if met else "not_met")


def card_figures(by_year: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per headline indicator for `year`: figures, change from the year before, targets met."""
    rows = []
    for code in HEADLINE:
        ind = BY_CODE[code]
        series = by_year[by_year["indicator"] == code].set_index("year")
        now = series.loc[year] if year in series.index else None
        before = series.loc[year - 1] if year - 1 in series.index else None
        rate = None if now is None else now["rate"]
        previous = None if before is None else before["rate"]
        rows.append({
            "indicator": code, "target": ind.target, "label": ind.label, "year": year,
            "numerator": None if now is None else int(now["numerator"]),
            "denominator": None if now is None else int(now["denominator"]),
            "rate": rate, "previous_rate": previous,
            "change": None if rate is None or previous is None or pd.isna(rate) or pd.isna(previous)
            else rate - previous,
            "target_2025": ind.target_text(2025), "target_2030": ind.target_text(2030),
            "met": ind.met(rate, year),
            "state": _state(ind, rate, year),
        })
    return pd.DataFrame(rows)


def _units(units) -> list[str] | None:
    return list(units) if units else None


NAMED_QUERIES = {
    "indicators_by_year": lambda con, boundary, units, y0, y1: indicators_by_year(con, boundary, _units(units), y0, y1),
    "indicators_by_unit": lambda con, boundary, units, y0, y1: indicators_by_unit(con, boundary, _units(units), y0, y1),
}
