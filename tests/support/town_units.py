"""A town's unit reference with more organisations (agency, school, enterprise) beside its wards."""

from __future__ import annotations

import pytest

from settings import UNITS_CSV
from tests.support.workbooks import v2_spec

ORGANISATIONS = [  # beside the bundled ones (the army's organisation is one of those)
    "90002-2015,90002,Chi bộ Trường THPT số 2 Đức Phổ,Trường học,2015,,,,",
    "90003-2015,90003,Đảng bộ Công ty CP Đường Phổ Phong,Doanh nghiệp,2015,,,,",
]
ARMY = "53403-2015"


@pytest.fixture
def town_csv(tmp_path, monkeypatch):
    path = tmp_path / "units.csv"
    path.write_text(UNITS_CSV.read_text(encoding="utf-8") + "\n".join(ORGANISATIONS) + "\n", encoding="utf-8")
    monkeypatch.setenv("DP_UNITS_CSV", str(path))
    return path


def army_spec():
    spec = v2_spec()
    spec.info["Đơn vị"] = "Đảng bộ Quân sự thị xã Đức Phổ"
    spec.cells[0]["Loại chi bộ"] = "Quân sự"
    spec.cells[1]["Loại chi bộ"] = "Cơ quan"
    spec.cadres[0]["Kiêm nhiệm"] = "Không"
    spec.cadres[3]["Kiêm nhiệm"] = "Thủ trưởng cơ quan"
    return spec
