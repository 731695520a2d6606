"""Units other than wards (agencies, schools, armed forces, enterprises) in a units CSV of their
own (DP_UNITS_CSV): the same workbook, without village or residential-group cells."""

from __future__ import annotations

import io

import openpyxl
import pytest

from database.units import ORGANISATION_UNIT_KINDS, load_units, resolve_unit, units_by_id
from etl.checking import contract as c
from rendering.template import write_template
from settings import UNITS_CSV
from tests.support.town_units import ARMY, army_spec
from tests.support.workbooks import parse, rejected, v2_spec


def test_organisations_are_units_named_in_full(town_csv):
    army = units_by_id()[ARMY]
    assert (army.kind, army.territorial, army.full_name) == ("Quân sự", False, "Đảng bộ Quân sự thị xã Đức Phổ")
    assert resolve_unit("dang bo quan su thi xa duc pho", 2024) == army
    assert resolve_unit("90002", 2025).full_name == "Chi bộ Trường THPT số 2 Đức Phổ"
    assert resolve_unit("Phổ Hòa", 2024).full_name == "Phường Phổ Hòa"
    assert len([u for u in load_units() if not u.territorial]) == 7


def test_an_organisation_has_no_village_cells(town_csv, tmp_path):
    spec = army_spec()
    spec.cells[1]["Loại chi bộ"] = "Thôn"
    [problem] = rejected(spec, tmp_path)
    others = ", ".join(t for t in c.CELL_TYPES_OFFERED if t not in c.VILLAGE_CELL_TYPES)
    assert (problem.sheet, problem.row, problem.column, problem.value, problem.expected) == (
        c.SHEET_CELLS, 3, "Loại chi bộ", "Thôn",
        f"phải là một trong: {others} (Đảng bộ Quân sự thị xã Đức Phổ không phải xã, phường nên không có chi bộ "
        "thôn, tổ dân phố)")


def test_a_ward_keeps_its_village_cells(town_csv, tmp_path):
    sub = parse(v2_spec(), tmp_path)  # Phường Phổ Hòa: a Tổ dân phố and a Thôn cell
    assert [x["cell_type"] for x in sub.cells] == ["Tổ dân phố", "Thôn", "Trường học"]


def test_an_organisation_template_offers_no_village_cells(town_csv):
    out = io.BytesIO()
    write_template(out, units_by_id()[ARMY], 2025)
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    lists = {dv.formula1 for dv in book[c.SHEET_CELLS].data_validations.dataValidation if dv.type == "list"}
    offered = tuple(t for t in c.CELL_TYPES_OFFERED if t not in c.VILLAGE_CELL_TYPES)
    assert '"' + ",".join(offered) + '"' in lists
    assert not any("Thôn" in text for text in lists)
    info = {row[0]: row[1] for row in book[c.SHEET_INFO].iter_rows(values_only=True)}
    assert info["Đơn vị"] == "Đảng bộ Quân sự thị xã Đức Phổ"


def test_an_unknown_kind_is_refused_naming_the_line(tmp_path, monkeypatch):
    path = tmp_path / "units.csv"
    path.write_text(UNITS_CSV.read_text(encoding="utf-8") + "90009-2015,90009,Hội Nông dân,Hội,2015,,\n", encoding="utf-8")
    monkeypatch.setenv("DP_UNITS_CSV", str(path))
    with pytest.raises(ValueError, match=r"dòng 27: loại đơn vị «Hội» phải là một trong: Phường, Xã"):
        load_units()


def test_the_bundled_organisations_are_sample_units_under_a_new_ward():
    """The town's other party organisations: fictional (marked `sample`), of every organisation kind,
    not merged on 1 July 2025 but sitting from then on under a new ward or commune party committee."""
    units = load_units(UNITS_CSV)
    organisations = [u for u in units if not u.territorial]
    assert {u.kind for u in organisations} == set(ORGANISATION_UNIT_KINDS)
    assert all(u.sample and u.valid_to is None and u.successor_id is None for u in organisations)
    assert not any(u.sample for u in units if u.territorial)
    by_id = units_by_id(units)
    assert {by_id[u.parent_id].full_name for u in organisations} == {"Phường Đức Phổ", "Phường Trà Câu",
                                                                     "Phường Sa Huỳnh"}
    assert all(by_id[u.parent_id].valid_to is None and u.current_id == u.parent_id for u in organisations)


def test_a_parent_must_be_a_unit_of_the_file(tmp_path, monkeypatch):
    path = tmp_path / "units.csv"
    path.write_text(UNITS_CSV.read_text(encoding="utf-8") + "90009-2015,90009,Đảng bộ Bệnh viện,Cơ quan,2015,,,"
                    "99999-2025,\n", encoding="utf-8")
    monkeypatch.setenv("DP_UNITS_CSV", str(path))
    with pytest.raises(ValueError, match=r"dòng 27: parent_id «99999-2025» phải là mã \(unit_id\) của một đơn vị"):
        load_units()
