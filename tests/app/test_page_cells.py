"""Chi bộ và cán bộ của đơn vị: a unit's cells with their figures and the cadres short of T4–T6, the
tables its named queries return (tests/database/test_cells_queries.py: the same people the indicators
count), and only the reader's own units (personal data)."""

from __future__ import annotations

from core.wording import as_typed
from queries.cells import ADMISSION_CODE, STANDARDS
from queries.programme import programme
from tests.support.apptest_pages import table
from tests.support.auth_fixtures import add_accounts, login
from tests.support.page_queries import assert_shows, named
from tests.support.page_support import run_page

PAGE = "pages/cells.py"
PHO_HOA, PHO_VINH = "21469-2015", "21466-2015"
CELLS = "Chi bộ năm 2024"
SHORT = "Cán bộ chi bộ chưa đạt chuẩn năm 2024"


def cell_labels() -> dict[str, str]:
    """The cells table's own names of `unit_cells` columns: the standards by their target's short name."""
    labels = {"admission_rate": f"Tỷ lệ kết nạp ({programme().indicator(ADMISSION_CODE).short})"}
    for column, code in STANDARDS.items():
        short = programme().indicator(code).short
        labels |= {column: f"Đạt chuẩn {short}", f"{column}_rate": f"Tỷ lệ đạt chuẩn {short}"}
    return labels


def test_a_unit_chosen_on_the_page_shows_its_cells_and_short_cadres_as_the_queries_give_them(sample_env):
    at = run_page(PAGE, year=2024)
    assert "chi_bo_chon_21469-2015" in [b.key for b in at.button]
    at.button(key="chi_bo_chon_21469-2015").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["don_vi"] == [PHO_HOA]
    cells, shown = table(at, CELLS)
    assert_shows(cells, named("unit_cells", "reported", (PHO_HOA,), 2024), **cell_labels())
    short, _ = table(at, SHORT)
    assert_shows(short, named("cadres_short", "reported", (PHO_HOA,), 2024), lacking="Chưa đạt chuẩn")
    first = cells.iloc[0]
    assert shown.iloc[0]["Tỷ lệ kết nạp (T3)"] == f"{first['Tỷ lệ kết nạp (T3)'] * 100:.2f}%".replace(".", ",")
    assert set(shown["Chi bộ bốn tốt"]) <= {"Có", "Không"}  # words, not True/False
    assert not short["Chưa đạt chuẩn"].str.contains("_").any()  # short names (T4…), never codes


def test_past_a_few_units_the_page_offers_one_list_to_choose_from(sample_env, monkeypatch):
    """A province or the country: one list instead of thousands of buttons, the same choice."""
    monkeypatch.setattr("ui.drill.BUTTONS_UP_TO", 3)
    at = run_page(PAGE, year=2024)
    assert not [b for b in at.button if b.key and b.key.startswith("chi_bo_chon")]
    chooser = at.selectbox(key="chi_bo_chon")
    assert "Phường Phổ Hòa" in chooser.options and len(chooser.options) == 20  # names, every unit of the year
    chooser.set_value(PHO_HOA).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["don_vi"] == [PHO_HOA]
    assert table(at, CELLS)[0]["Mã chi bộ"].str.startswith("21469-").all()


def test_an_officer_sees_only_the_cells_and_cadres_of_their_own_units(sample_env):
    """The officer of Phổ Hòa is offered their units only, and a unit of another ward slipped into
    the filter (as a shared link would) shows none of its cells or cadres."""
    add_accounts(sample_env, "phohoa")
    at = login("phohoa")
    at.selectbox(key="nam").set_value(2024).run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    offered = sorted(b.key for b in at.button if b.key and b.key.startswith("chi_bo_chon_"))
    assert offered == [f"chi_bo_chon_{PHO_HOA}"]
    at.button(key=f"chi_bo_chon_{PHO_HOA}").click().run()
    cells, _ = table(at, CELLS)
    short, _ = table(at, SHORT)
    assert cells["Mã chi bộ"].str.startswith("21469-").all() and len(cells) > 0
    assert short["Mã chi bộ"].str.startswith("21469-").all() and len(short) > 0

    at.query_params["don_vi"] = PHO_VINH  # a link naming another ward
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(as_typed("21466-2015") in w.value and "đã bỏ qua" in w.value for w in at.warning)
    shown = [e.dataframe[0].value for e in at.expander if e.dataframe]
    assert shown and not any(frame.astype(str).apply(lambda c: c.str.contains("21466-")).any().any()
                             for frame in shown)
