"""One formatter for every figure (rendering/format.py): the same decimals for the same kind of figure, the
typographic minus, half up, `—` for a missing value; and one figure reads the same on a card, in the
heat map, in the ranking table, in its CSV and in the meeting report."""

from __future__ import annotations

import csv
import io
import json

from core.numbers import vi_number
from database.db import cursor
from queries.rate_text import rate_text
from queries.report_data import meeting_data
from report.html import report_html
from tests.support.apptest_pages import table
from tests.support.page_support import open_table, run_page

PHO_HOA = "21469-2015"
T2 = "T2 · Đảng viên HTTNV trở lên"


def _heatmap_text(at, unit: str, column: str) -> str:
    """The text of the heat map's cell of `unit` and `column` (its figure spec, as the browser draws it)."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    heat = next(t for t in spec["data"] if t["type"] == "heatmap")
    row = next(i for i, label in enumerate(heat["y"]) if unit in label)
    col = next(i for i, label in enumerate(heat["x"]) if label.startswith(f"<b>{column.partition(' · ')[0]}</b>"))
    return heat["text"][row][col]


def test_one_figure_reads_the_same_on_every_surface(sample_env, fetch):
    """Phổ Hòa's T2 in 2024 (184/203) and a distance below target (Phổ Vinh's, negative): the card, the
    heat map, the ranking table, its CSV and the meeting report say the same."""
    at = run_page("pages/overview.py", year=2024, units=[PHO_HOA])
    card = next(m.proto for m in at.metric if m.proto.label.startswith("184/203"))
    figure = card.body
    assert figure == rate_text(184 / 203) == "90,64%"

    at = run_page("pages/scorecard.py", year=2024)
    assert _heatmap_text(at, "Phường Phổ Hòa", T2) == figure
    cells, shown = table(at, "Bảng xếp hạng đơn vị")
    row = shown[(shown["Đơn vị"] == "Phường Phổ Hòa") & (shown["Chỉ tiêu"] == T2)].iloc[0]
    assert row["Tỷ lệ"] == figure
    below = shown[(shown["Đơn vị"] == "Phường Phổ Vinh") & (shown["Chỉ tiêu"] == T2)].iloc[0]
    distance = below["Khoảng cách đến mục tiêu (điểm %)"]
    assert distance.startswith("−") and "-" not in distance  # "-1,93" in the ranking table before

    open_table(at, next(e for e in at.expander if e.label == "Bảng số liệu: Bảng xếp hạng đơn vị"))
    button = next(b for b in at.download_button if b.key == "csv_xep_hang")
    rows = list(csv.DictReader(io.StringIO(fetch(button).decode("utf-8-sig"))))
    written = next(r for r in rows if r["Đơn vị"] == "Phường Phổ Hòa" and r["Chỉ tiêu"] == T2)
    assert written["Tỷ lệ (%)"] == "90.64" and vi_number(float(written["Tỷ lệ (%)"]), 2) + "%" == figure
    written = next(r for r in rows if r["Đơn vị"] == "Phường Phổ Vinh" and r["Chỉ tiêu"] == T2)
    assert vi_number(float(written["Khoảng cách đến mục tiêu (điểm %)"]), 2) == distance
    assert (written["Phạm vi số liệu"], written["Địa giới đơn vị"], written["Năm đang xem"]) == (
        "Toàn thị xã", "Đơn vị theo từng năm", "2024")  # the file says what it holds
    ranking = list(csv.DictReader(io.StringIO(fetch(next(b for b in at.download_button
                                                         if b.key == "csv_xep_hang_thu_hang")).decode("utf-8-sig"))))
    distances = [r["Khoảng cách trung bình (điểm %)"] for r in ranking]
    assert all(len(d.partition(".")[2]) <= 2 for d in distances), distances  # no 2.648494172725543

    data = meeting_data(cursor(), "reported", [PHO_HOA], 2024, "Phường Phổ Hòa (2020–2024)")
    html = report_html(data)
    assert f'<div class="dp-rate">{figure}</div>' in html  # the report's card
    assert f"{figure}\n184/203" in html  # its ranking grid
