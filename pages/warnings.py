"""Cảnh báo: what the committee should act on, each warning with the figures that triggered it
and a link to the page that shows them. The rules live in queries/warnings.py."""

from functools import partial

import streamlit as st

from core.numbers import vi_number
from core.wording import in_sentence
from queries.coverage import unreported_text
from queries.warning_words import COUNTED
from queries.warnings import (
    DEFAULT_IDLE_YEARS,
    RULES,
    WARNING_COLUMNS,
    criteria,
    warning_counts,
)
from rendering.tables import IDLE_CELL_COLUMNS, vi_columns, vi_table
from ui.blocks import table_block
from ui.data import query, reading_once
from ui.filters import current
from ui.layout import NO_FIGURES_IN_YEAR, stop_without_figures
from ui.navigation import page_file

LIST_COLUMNS = vi_columns("rule", "unit", "subject", "year", "detail", "page_label")
BELOW_COLUMNS = vi_columns("unit", "year", "below_count", "short_label", "numerator", "denominator", "rate",
                           "previous_rate", "target_text", "verdict", "distance_points", "gap")
TRAINING_COLUMNS = vi_columns("unit", "year", "numerator", "denominator", "rate", "target_text", "shortfall",
                              numerator="Được bồi dưỡng", denominator="Tổng số")
SECRETARY_COLUMNS = vi_columns("unit", "year", "cell_code", "cell_name", "role", "full_name", "lacking",
                               lacking="Chưa có")
EXCELLENT_COLUMNS = vi_columns("unit", "year", "group", "excellent", "good_or_better", "share",
                               share="Tỷ lệ xuất sắc")
ACTIVITY_COLUMNS = vi_columns("unit", "year", "cell_code", "cell_name", "cell_type", "lacking", lacking="Không có")


def away_columns(year: int) -> dict[str, str]:
    """Vietnamese headers of the `rising_away` frame for `year`."""
    names = {}
    for suffix, end, shown in (("_two_before", "end_two_before", year - 2), ("_before", "end_before", year - 1),
                               ("", "end_count", year)):
        names |= {f"members{suffix}": f"Số đảng viên {shown}", end: f"Cuối năm {shown}",
                  f"share{suffix}": f"Tỷ lệ {shown}"}
    return vi_columns("unit", "year", "member_group") | names


def exits_columns(year: int) -> dict[str, str]:
    """Vietnamese headers of the `rising_exits` frame for `year`."""
    names = {}
    for suffix, shown in (("_two_before", year - 2), ("_before", year - 1), ("", year)):
        names |= {f"struck_off{suffix}": f"Xóa tên {shown}", f"resigned{suffix}": f"Xin ra khỏi Đảng {shown}",
                  f"exits{suffix}": f"Cộng {shown}"}
    return vi_columns("unit", "year") | names


# rule code → the page that shows the figures behind its warnings
RULE_PAGES = {"idle_cells": "admissions.py", "below_target": "scorecard.py", "rising_exits": "membership.py",
              "training_gaps": "training.py", "weak_secretaries": "qualifications.py", "excellent_share": "ratings.py",
              "cell_activity": "cell_life.py", "rising_away": "membership.py"}
LISTED = 50  # warnings written out per rule; the table under them holds every one
ICONS = {"idle_cells": ":material/schedule:", "below_target": ":material/flag:", "rising_exits": ":material/person_remove:",
         "training_gaps": ":material/menu_book:", "weak_secretaries": ":material/school:",
         "excellent_share": ":material/star:", "cell_activity": ":material/event_busy:",
         "rising_away": ":material/luggage:"}



def rule_table(name: str, args: tuple, headers: dict[str, str]):
    """One rule's figures, asked for only when its table is opened."""
    return vi_table(query(name, *args), headers)


st.title("Cảnh báo")
filters = current()
scope = (filters.boundary, filters.units)
year = filters.year
# Which units are expected and in (queries.coverage.year_units) read once for the figures, the list, the counts
# and every rule table this run computes, not once each (ui.data.reading_once).
with reading_once():
    # a unit that ended, or is yet to report, has no warning because it has no figure: not a green "none"
    stop_without_figures(query("year_figures", *scope, year), NO_FIGURES_IN_YEAR.format(year=year))
    left, right = st.columns(2)
    n_years = int(left.number_input("Chi bộ không kết nạp được đảng viên từ … năm liền trở lên", min_value=1,
                                    max_value=30, value=DEFAULT_IDLE_YEARS, step=1, key="canh_bao_so_nam"))
    every_kind = right.toggle("Tính cả chi bộ cơ quan, trường học, doanh nghiệp, quân sự, công an",
                              key="canh_bao_moi_loai_chi_bo",
                              help="Mặc định chỉ chi bộ thôn, tổ dân phố: chi bộ quân sự, công an kết nạp theo hệ thống riêng.")
    CRITERIA = criteria(year, n_years, every_kind)

    warnings = query("all_warnings", *scope, year, n_years, every_kind)
    unwarned = unreported_text(query("unreported_units", *scope, year), year, "chưa được xét cảnh báo")
    if unwarned:
        st.info(unwarned, icon=":material/hourglass_top:")
    PER_ROW = 4
    columns = [column for _ in range(0, len(RULES), PER_ROW) for column in st.columns(PER_ROW)]
    for column, (code, count) in zip(columns, warning_counts(warnings).items(), strict=False):
        # the icon apart from the label: Streamlit reads the label to a screen reader with the help
        column.metric(COUNTED[code], count, border=True, help=RULES[code][0], icon=ICONS[code])

    if warnings.empty:
        st.success(f"Không có cảnh báo nào cho {in_sentence(filters.scope_label)} năm {year}.")
    else:
        st.markdown(f"**{vi_number(len(warnings))} cảnh báo** cho {in_sentence(filters.scope_label)}, năm {year}.")
        table_block(vi_table(warnings[WARNING_COLUMNS], LIST_COLUMNS), "Danh sách cảnh báo", filters,
                    key="canh_bao_tat_ca", expanded=False)

    RULE_TABLES = {
        "idle_cells": ("warning_idle_cells", (*scope, year, n_years, every_kind), IDLE_CELL_COLUMNS),
        "below_target": ("warning_below_target", (*scope, year), BELOW_COLUMNS),
        "rising_exits": ("warning_rising_exits", (*scope, year), exits_columns(year)),
        "training_gaps": ("warning_training_gaps", (*scope, year), TRAINING_COLUMNS),
        "weak_secretaries": ("warning_weak_secretaries", (*scope, year), SECRETARY_COLUMNS),
        "excellent_share": ("warning_excellent_share", (*scope, year), EXCELLENT_COLUMNS),
        "cell_activity": ("warning_cell_activity", (*scope, year), ACTIVITY_COLUMNS),
        "rising_away": ("warning_rising_away", (*scope, year), away_columns(year)),
    }
    for code, (title, page_label) in RULES.items():
        st.subheader(f"{ICONS[code]} {title}")
        st.caption(CRITERIA[code])
        found = warnings[warnings["rule_code"] == code]
        if found.empty:
            st.success("Không có.")
        else:
            lines = [f"- **{row['unit']}**: {row['detail']}" for row in found.head(LISTED).to_dict("records")]
            if len(found) > LISTED:  # a province or the country: the rest is in the table below
                lines.append(f"- … và {vi_number(len(found) - LISTED)} cảnh báo khác trong bảng số liệu dưới đây")
            st.markdown("\n".join(lines))
            name, args, headers = RULE_TABLES[code]
            table_block(partial(rule_table, name, args, headers), title, filters, key=f"canh_bao_{code}", expanded=False)
        st.page_link(page_file(RULE_PAGES[code]), label=f"Xem số liệu tại trang «{page_label}»", icon=":material/arrow_forward:")
