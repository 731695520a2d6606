"""Báo cáo họp: the meeting report for the current filter and year, as HTML and as an A4 PDF."""

from datetime import date

import streamlit as st

from auth.downloads import NO_RERUN, guarded
from core.numbers import vi_number
from core.wording import in_sentence
from report.cards import CARDS_CSS, COMPARE_CSS, cards_html, comparison_html
from report.html import report_html
from report.sections import Compared, section_titles
from report.tables import indicators_table
from ui.blocks import DOWNLOAD_ICON
from ui.compare import comparison
from ui.data import query_lazily
from ui.exports import file_stem
from ui.filters import current
from ui.layout import NO_FIGURES_IN_YEAR, stop_without_figures


def _pdf(data, compared: Compared | None) -> bytes:
    """The PDF, built at the click: fpdf and matplotlib are imported then, not at the page's first visit (0,6 s)."""
    from report.pdf import report_pdf

    return report_pdf(data, compared=compared)


st.title("Báo cáo họp Ban Thường vụ")
filters = current()
data = query_lazily("meeting_data", filters.boundary, filters.units, filters.year, filters.scope_label)
stop_without_figures(data.indicators, NO_FIGURES_IN_YEAR.format(year=filters.year))
shown = comparison(filters)  # 2–4 units side by side: their own figures after their sum
compared = Compared(shown.units, shown.figures) if shown else None

st.markdown(f"Báo cáo về tình hình thực hiện Đề án của **{in_sentence(filters.scope_label)}**, năm **{filters.year}**, "
            "theo bộ lọc đang chọn ở thanh bên, lập ngày "
            f"{date.today():%d/%m/%Y}. Số liệu trùng với bảng chỉ tiêu xuất từ hệ thống.")
stem = file_stem("bao-cao-hop", filters)
left, right = st.columns(2)
html_name, pdf_name = f"{stem}.html", f"{stem}.pdf"
left.download_button("Tải báo cáo HTML (biểu đồ tương tác, mở được khi không có mạng)",
                     guarded(lambda: report_html(data, compared=compared).encode("utf-8"), html_name), html_name, "text/html",
                     key="bao_cao_html", on_click=NO_RERUN, type="primary", width="stretch", icon=DOWNLOAD_ICON)
right.download_button("Tải báo cáo PDF (khổ A4, để in và gửi)", guarded(lambda: _pdf(data, compared), pdf_name),
                      pdf_name, "application/pdf", key="bao_cao_pdf", on_click=NO_RERUN, type="primary",
                      width="stretch", icon=DOWNLOAD_ICON)

st.subheader("Nội dung báo cáo")
st.markdown("  \n".join(section_titles(data)))
st.caption(f"Bảng xếp hạng: {vi_number(data.count('ranking'))} đơn vị · tiến độ: {vi_number(data.count('pace'))} "
           f"chỉ tiêu · {vi_number(data.count('warnings'))} cảnh báo.")

st.subheader(f"Kết quả thực hiện các chỉ tiêu năm {filters.year}")
st.html(f"<style>{CARDS_CSS}</style>{cards_html(data.cards)}")
st.dataframe(indicators_table(data), hide_index=True, width="stretch", key="bao_cao_chi_tieu", placeholder="—")
if compared:
    st.subheader(f"So sánh {len(compared.units)} đơn vị")
    st.caption("Mỗi cột là số liệu riêng của một đơn vị, như khi chỉ chọn đơn vị đó; báo cáo tải về có cả phần này, "
               "sau tổng của các đơn vị.")
    st.html(f"<style>{CARDS_CSS}{COMPARE_CSS}</style>{comparison_html(shown.cards, compared.units)}")
