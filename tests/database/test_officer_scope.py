"""What the officer of Phổ Hòa sees, as the pages show it: only their own unit, even summed into the ward
it merged into on 1 July 2025, and no template or load for another unit."""

from __future__ import annotations

import duckdb
import pytest

from database.db import cursor
from database.store import published_file
from queries.catalog import QUERIES
from queries.kpi import kpi_table
from queries.scope import restricted_to
from tests.support.scope_cases import DUC_PHO, OFFICER, PHO_HOA, _prefill


def test_officer_sees_only_own_unit_under_its_own_name_under_the_new_units(sample_env):
    with restricted_to((PHO_HOA,)):
        cadres = QUERIES["extract"](cursor(), "cadres", "reported", None, 2024)
        merged = QUERIES["indicators_by_unit"](cursor(), "current", None, 2024, 2024)
        units = QUERIES["display_units"](cursor(), "reported", None)
    assert len(cadres) > 0
    assert set(units["display_id"]) == {PHO_HOA}
    # under the 5-new-unit boundary too the officer sees Phổ Hòa under its own name: Phường Đức Phổ, of which
    # they may see only that part, is not summed for them (database/sql/views.sql `scoped_units`, queries.scope.partly_shown)
    assert set(merged["display_id"]) == {PHO_HOA}
    own = kpi_table(cursor(), 2024, "21469").set_index("indicator")
    shown = merged.set_index("indicator")
    for code in ("T4_thpt", "T3_admission_rate", "T2_member_rating"):
        assert (shown.at[code, "numerator"], shown.at[code, "denominator"]) == (
            own.at[code, "numerator"], own.at[code, "denominator"])


def test_the_officers_template_of_the_merged_ward_holds_only_its_own_cadres(sample_env):
    """The issue's case: Phổ Hòa's officer takes the 2025 template of Phường Đức Phổ."""
    import io

    import openpyxl

    from ui.template_download import template_workbook

    with restricted_to(None):
        everyone = _prefill(cursor(), DUC_PHO, 2025)
    sheet = openpyxl.load_workbook(io.BytesIO(template_workbook(DUC_PHO, 2025, True, OFFICER)))["Cán bộ chi bộ"]
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    with duckdb.connect(str(published_file(sample_env)), read_only=True) as con:
        own = {r[0] for r in con.execute("SELECT full_name FROM cadres WHERE unit_id = ? AND year = 2024",
                                          [PHO_HOA]).fetchall()}
    assert len(everyone.cadres) > len(own) > 0
    assert names == own


def test_whole_town_outside_any_restriction(sample_env):
    units = QUERIES["display_units"](cursor(), "reported", None)
    assert len(units) == 25  # 15 units to 2024, 5 from 2025, and the town's 5 other organisations


def test_ward_officer_cannot_load_another_units_workbook(empty_env, tmp_path):
    from etl.loading.batch import load_files
    from tests.support.workbooks import default_spec, write

    folder = tmp_path / "in"
    folder.mkdir()
    path, _ = write(default_spec(), folder)  # Phường Phổ Hòa, 2024
    [refused] = load_files([(path.name, path.read_bytes())], empty_env, allowed_units=("21466-2015",))
    assert refused.outcome == "bị từ chối"
    assert refused.problems[0].column == "Đơn vị"
    assert refused.problems[0].expected == "tài khoản này chỉ được nạp báo cáo của đơn vị mình phụ trách (Phường Phổ Vinh)"
    [loaded] = load_files([(path.name, path.read_bytes())], empty_env, allowed_units=(PHO_HOA,))
    assert loaded.ok
    # the very file in force for Phổ Hòa, from another unit's officer: refused, not «đã có đúng tệp này»
    [again] = load_files([(path.name, path.read_bytes())], empty_env, allowed_units=("21466-2015",))
    assert again.outcome == "bị từ chối" and "đơn vị mình phụ trách" in again.problems[0].expected


def test_another_units_workbook_with_data_errors_is_refused_for_the_unit_alone(empty_env, tmp_path):
    """Phổ Vinh's officer was shown Phổ Hòa's data errors, and the refusal only once they were fixed; Phổ Hòa's
    own officer still sees every one of them, as an unrestricted load does."""
    from etl.loading.batch import load_files
    from tests.support.workbooks import default_spec, write

    spec = default_spec()
    spec.info["Xếp loại TCCSĐ"] = "Giỏi"
    spec.cells[0]["Xếp loại"] = "Tốt lắm"
    path, _ = write(spec, tmp_path)
    files = [(path.name, path.read_bytes())]
    [refused] = load_files(files, empty_env, allowed_units=("21466-2015", "21463-2015"))
    assert [(p.sheet, p.column, p.value, p.expected) for p in refused.problems] == [
        ("Thông tin", "Đơn vị", "Phường Phổ Hòa",
         "tài khoản này chỉ được nạp báo cáo của đơn vị mình phụ trách (Phường Phổ Minh, Phường Phổ Vinh)")]
    [own] = load_files(files, empty_env, allowed_units=(PHO_HOA,))
    [anyone] = load_files(files, empty_env)
    assert not own.ok and own.problems == anyone.problems
    assert {p.column for p in own.problems} == {"Xếp loại TCCSĐ", "Xếp loại"}


def test_template_for_another_unit_is_refused(sample_env):
    from ui.template_download import template_workbook

    with pytest.raises(PermissionError):
        template_workbook("21466-2015", 2024, True, (PHO_HOA,))
    assert template_workbook(PHO_HOA, 2024, True, (PHO_HOA,))[:2] == b"PK"
