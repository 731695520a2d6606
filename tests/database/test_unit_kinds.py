"""Units other than wards (agencies, schools, armed forces, enterprises) in a units CSV of their
own (DP_UNITS_CSV): the same workbook, without village or residential-group cells."""

from __future__ import annotations

import duckdb

from database.store import published_file
from etl.loading.batch import load_files
from tests.support.town_units import ARMY, army_spec
from tests.support.workbooks import write


def test_an_organisation_workbook_loads(town_csv, empty_env, tmp_path):
    path, _ = write(army_spec(), tmp_path)
    [result] = load_files([(path.name, path.read_bytes())], empty_env)
    assert result.ok, [str(p) for p in result.problems]
    with duckdb.connect(str(published_file(empty_env)), read_only=True) as con:
        assert con.execute("SELECT kind FROM units WHERE unit_id = ?", [ARMY]).fetchone() == ("Quân sự",)
        assert con.execute("SELECT cell_type FROM cells WHERE unit_id = ? ORDER BY cell_code", [ARMY]).fetchall() == [
            ("Quân sự",), ("Cơ quan",), ("Trường học",)]
        assert con.execute("SELECT sum(disciplined), count(*) FROM cell_life WHERE unit_id = ?", [ARMY]).fetchone() == (1, 3)
