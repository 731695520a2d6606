"""Bảng xếp hạng đơn vị: every unit against the headline targets as a heat map, the ranking and its change.

Clicking a unit (a cell of the heat map, or its button) filters every page to that unit.
"""

import streamlit as st

from auth.session import allowed_units
from core.wording import in_sentence
from queries.coverage import unreported_text
from queries.scorecard import (
    RANK_SORT,
    heatmap_note,
    in_order,
    rank_definition,
    ranked_units,
    ranking_table,
    scorecard_order,
    sort_options,
)
from rendering.limits import first_and_selected
from rendering.meeting_charts import HEATMAP_CELL_WORDS, scorecard_heatmap
from rendering.tables import vi_columns, vi_table
from ui.blocks import chart_block, table_block
from ui.data import query
from ui.drill import cells_link, clear_units, focus_unit
from ui.filters import current, whole_area_label
from ui.layout import stop_if_empty

CHART = "xep_hang"
CELL_COLUMNS = vi_columns("rank", "unit", "year", "short_label", "numerator", "denominator", "rate", "target_text",
                          "distance_points", "verdict")
RANK_COLUMNS = vi_columns("rank", "unit", "note", "year", "targets_met", "indicators_rated", "mean_distance_points",
                          "previous_rank", "rank_change_text")


st.title("Bảng xếp hạng đơn vị")
filters = current()
year = filters.year
ranking, cells = query("ranking_and_scorecard", filters.boundary, None, year)
missing = query("unreported_units", filters.boundary, None, year)  # not ranked: not all of it in
unranked = unreported_text(missing, year, "chưa được xếp hạng")
stop_if_empty(ranking, unranked or f"Chưa có số liệu năm {year} để xếp hạng các đơn vị. Hãy chọn năm khác.")

ranked = ranked_units(allowed_units() is not None, len(ranking), all_in=missing.empty)
st.caption(f"{ranked} năm {year} so với các chỉ tiêu chính của Đề án. Màu xanh: đạt mục tiêu hoặc đúng tiến độ; "
           "màu đỏ: chưa đạt hoặc chậm tiến độ; màu xanh lam: kết nạp vượt khung (không phải thiếu sót); màu càng "
           "đậm, khoảng cách đến mục tiêu càng lớn; màu xám: chưa có số liệu hoặc mục tiêu chưa áp dụng năm này. "
           f"{HEATMAP_CELL_WORDS}")
if unranked:
    st.info(unranked, icon=":material/hourglass_top:")
st.markdown(f"**Cách xếp hạng.** {rank_definition()}")
if filters.units:
    st.info(f"Đang lọc theo **{in_sentence(filters.scope_label)}** (in đậm, có dấu ►). Bảng xếp hạng luôn so sánh "
            f"{in_sentence(ranked)}.")
    st.button(f"Bỏ lọc đơn vị (xem {in_sentence(whole_area_label(year))})", key="xep_hang_bo_loc",
              on_click=clear_units, icon=":material/filter_alt_off:")
    cells_link(filters)

options = sort_options()
sort_by = st.selectbox("Sắp xếp theo", list(options), format_func=options.get, key="xep_hang_sap_xep")
order = scorecard_order(ranking, cells, sort_by)
sorted_by = "thứ hạng" if sort_by == RANK_SORT else options[sort_by]
chart_block(
    scorecard_heatmap(cells, order, f"Bảng xếp hạng đơn vị năm {year} (sắp xếp theo {sorted_by})",
                      selected=filters.units, note=heatmap_note(year, missing)),
    vi_table(in_order(cells, order), CELL_COLUMNS), "Bảng xếp hạng đơn vị", filters, key=CHART, drill=True,
)
st.caption("Nhấn vào một ô của bảng, hoặc vào tên đơn vị dưới đây, để lọc mọi trang theo đơn vị đó.")

names = dict(zip(ranking["display_id"], ranking["unit"], strict=True))
with st.container(horizontal=True, gap="small"):  # whole names, as many to a line as fit
    for display_id in first_and_selected(order, filters.units):  # the units of the chart
        st.button(names[display_id], key=f"xep_hang_chon_{display_id}", on_click=focus_unit, args=(display_id,),
                  type="primary" if filters.units and display_id in filters.units else "secondary")

st.subheader(f"Thứ hạng năm {year} và thay đổi so với năm {year - 1}")
table_block(vi_table(ranking_table(ranking, missing, year), RANK_COLUMNS), "Thứ hạng đơn vị", filters,
            key="xep_hang_thu_hang")
