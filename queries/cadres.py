"""Cell cadres of village / residential-group cells: qualifications (T4–T6) and training (T7)."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from etl.checking.contract import POLITICAL_LEVELS, PROFESSIONAL_LEVELS
from queries.indicators import with_rate
from queries.scope import scope_params
from queries.sql import read_sql
from queries.targets import label_units

# The indicators a user can chart on the qualifications page, in the Đề án's order.
QUALIFICATION_CODES = ("T4_thpt", "T4_so_cap_llct", "T4_thpt_and_so_cap_llct",
                       "T5_trung_cap_chuyen_mon", "T6_trung_cap_llct")
# Footnote 1 of the Đề án (the 2022 baseline), then the T4 target itself.
BASELINE_CODES = ("T4_thpt", "T4_thpt_chi_uy_vien", "T4_thpt_bi_thu_pho_bi_thu", "T4_so_cap_llct",
                  "T6_trung_cap_llct", "T5_trung_cap_chuyen_mon", "T4_thpt_and_so_cap_llct")
THPT_CODE = "T4_thpt"
# THPT by role: the indicator of each group and the group's name.
ROLE_CODES = {"T4_thpt_bi_thu_pho_bi_thu": "Bí thư, phó bí thư", "T4_thpt_chi_uy_vien": "Chi ủy viên"}

EDUCATION_LEVELS = ("Chưa tốt nghiệp THPT", "Tốt nghiệp THPT")
LADDERS: dict[str, tuple[str, ...]] = {
    "education": EDUCATION_LEVELS,
    "professional": PROFESSIONAL_LEVELS,
    "political": POLITICAL_LEVELS,
}
LADDER_TITLES = {"education": "Học vấn", "professional": "Trình độ chuyên môn",
                 "political": "Trình độ lý luận chính trị"}

TRAINING_CODE = "T7_training"
TRAINING_PARTS = {1: "Cán bộ chi bộ thôn, tổ dân phố", 2: "Cấp ủy viên cơ sở"}


def cadre_levels(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int, ladder: str
) -> pd.DataFrame:
    """display_id, unit, is_total, year, rank, level, cadres, share: village-cell cadres of `year`
    by level of `ladder` ('education', 'professional', 'political'), each unit listing every level."""
    if ladder not in LADDERS:
        raise ValueError(f"unknown ladder {ladder!r}")
    params = scope_params(boundary, units, year=year, ladder=ladder, levels=list(LADDERS[ladder]))
    frame = con.execute(read_sql("cadre_levels"), params).df()
    frame["cadres"] = frame["cadres"].astype("int64")
    return label_units(frame, units, year)[
        ["display_id", "unit", "is_total", "year", "rank", "level", "cadres", "share"]
    ]


def training_split(
    con: duckdb.DuckDBPyConnection, boundary: str, units: Sequence[str] | None, year: int
) -> pd.DataFrame:
    """display_id, unit, is_total, year, part, group, trained, members, rate: the two parts of T7
    (cell cadres, grassroots committee members), which sum to T7's numerator and denominator."""
    params = scope_params(boundary, units, year=year)
    frame = con.execute(read_sql("training_split"), params).df()
    frame["group"] = frame["part"].map(TRAINING_PARTS)
    for column in ("trained", "members"):
        frame[column] = frame[column].astype("int64")
    frame = with_rate(label_units(frame, units, year), "trained", "members")
    return frame[["display_id", "unit", "is_total", "year", "part", "group", "trained", "members", "rate"]]


NAMED_QUERIES = {
    "cadre_levels": cadre_levels,
    "training_split": training_split,
}
