"""No English, no emoji and no private Streamlit parts: a missing figure reads `—`, the unit list
offers no English "Select all", every icon is one of Streamlit's bundled Material icons, and the
app starts with `streamlit run app.py` without patching Streamlit."""

from __future__ import annotations

from tests.support.apptest_pages import table
from tests.support.page_support import run_page


def test_the_first_year_ranking_says_dash_for_no_previous_rank(sample_env):
    """Streamlit draws a missing cell as "None" whatever the table's formats say, unless told."""
    at = run_page("pages/scorecard.py", year=2020)
    _, shown = table(at, "Thứ hạng đơn vị")
    assert set(shown["Thứ hạng năm trước"]) == {"—"}
    assert [frame.proto.placeholder for frame in at.dataframe] == ["—"] * len(at.dataframe)


def test_the_unit_list_offers_no_english_select_all(every_page_run):
    for page, drawn in every_page_run.drawn.items():
        assert drawn.multiselect(key="don_vi").proto.select_all == 0, page
