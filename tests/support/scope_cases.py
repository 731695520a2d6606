"""The readers of unit data the scope tests run, with their arguments, and the units they run for."""

from __future__ import annotations

from collections.abc import Callable

from database.units import units_by_id
from queries.kpi import kpi_table

PHO_HOA = "21469-2015"
DUC_PHO = "21439-2025"  # Phổ Hòa, Nguyễn Nghiêm, Phổ Ninh, Phổ Minh, Phổ Vinh merged on 1 July 2025
NGUYEN_NGHIEM = "21439-2015"
OFFICER = (PHO_HOA, DUC_PHO)  # the README's example account: `--unit "Phổ Hòa" --year 2024 --unit 21439-2025`
UNITS = None
ARGS = {
    "admission_rate_by_year": ("reported", UNITS, 2020, 2025),
    "admission_rate_by_unit": ("reported", UNITS, 2024),
    "admission_groups_by_year": ("reported", UNITS, 2020, 2025),
    "admission_groups_by_unit": ("reported", UNITS, 2024),
    "cells_without_admission": ("current", UNITS, 2025, 3, True),
    "cadre_levels": ("reported", UNITS, 2024, "education"),
    "training_split": ("reported", UNITS, 2024),
    "extract": ("cadres", "reported", UNITS, 2024),
    "extract_rows": ("cadres", "reported", UNITS, 2024),
    "load_history": (),
    "prefill_sources": (DUC_PHO, 2025),
    "indicators_by_year": ("reported", UNITS, 2020, 2025),
    "indicators_by_unit": ("reported", UNITS, 2020, 2025),
    "membership_flow": ("reported", UNITS, 2024),
    "membership_exits_by_year": ("reported", UNITS, 2020, 2025),
    "membership_away_by_unit": ("reported", UNITS, 2024),
    "membership_away_by_year": ("reported", UNITS, 2020, 2025),
    "cell_life_by_kind": ("current", UNITS, 2024),
    "discipline_by_form": ("reported", UNITS, 2020, 2025),
    "pace_by_indicator": ("current", UNITS, 2025),
    "pace_by_unit": ("current", UNITS, 2025),
    "pace_path": ("current", UNITS, 2025, "T4_thpt"),
    "member_ratings_by_year": ("reported", UNITS, 2020, 2025),
    "org_ratings_by_year": ("reported", UNITS, 2020, 2025),
    "org_ratings_list": ("reported", UNITS, 2024),
    "cell_ratings": ("reported", UNITS, 2024),
    "four_good_cells": ("reported", UNITS, 2024),
    "meeting_data": ("current", UNITS, 2025, "Toàn địa bàn thị xã Đức Phổ (cũ)"),
    "year_figures": ("reported", UNITS, 2025),
    "ranking_and_scorecard": ("reported", UNITS, 2024),
    "years_loaded": (),
    "display_units": ("reported", None),
    "unit_menu": ("reported",),
    "data_status": (),
    "year_coverage": (),
    "year_units": ("reported", None, 2024),
    "unreported_units": ("reported", None, 2024),
    "partial_years": ("reported", None, 2020, 2025),
    "indicator_units": ("reported", UNITS, 2024, 2024, ("T4_thpt",)),
    "indicator_trend": ("reported", UNITS, 2020, 2025, ("T4_thpt",)),
    "warning_idle_cells": ("current", UNITS, 2025),
    "warning_below_target": ("reported", UNITS, 2024),
    "warning_rising_exits": ("reported", UNITS, 2024),
    "warning_training_gaps": ("reported", UNITS, 2024),
    "warning_weak_secretaries": ("reported", UNITS, 2024),
    "warning_excellent_share": ("reported", UNITS, 2024),
    "warning_cell_activity": ("reported", UNITS, 2024),
    "warning_rising_away": ("current", UNITS, 2025),
    "all_warnings": ("reported", UNITS, 2024),
    "unit_cells": ("current", UNITS, 2024),
    "cadres_short": ("current", UNITS, 2024),
}


def _prefill(con, unit_id: str, year: int):
    from queries.prefill import prefill_from_db

    return prefill_from_db(con, units_by_id()[unit_id], year)


def _template(con, unit_id: str, year: int):
    from queries.scope import allowed_param
    from ui.template_download import template_workbook

    allowed = allowed_param()  # the page passes the visitor's scope, taken when it drew the button
    return template_workbook(unit_id, year, True, None if allowed is None else tuple(allowed))


def _meeting_report(con, year: int, unit: str | None):
    from queries.report_data import meeting_data_for

    return meeting_data_for(con, year, unit)


# Functions outside the catalogue that read unit data (found by test_every_reader_of_unit_data_is_run_here),
# with the arguments they are run with: the template pre-fill, the KPI export, the CLI's report.
READERS: dict[str, tuple[Callable, list[tuple]]] = {
    "queries.prefill.prefill_from_db": (_prefill, [(DUC_PHO, 2025), (PHO_HOA, 2025), (NGUYEN_NGHIEM, 2025),
                                                (DUC_PHO, 2026)]),
    "ui.template_download.template_workbook": (_template, [(DUC_PHO, 2025), (DUC_PHO, 2026)]),
    "queries.kpi.kpi_table": (lambda con, year, unit: kpi_table(con, year, unit), [(2024, None), (2025, None)]),
    # its own part is the year and the scope's label: 2025 is meeting_data's case above under this boundary
    "queries.report_data.meeting_data_for": (_meeting_report, [(2024, None)]),
}
