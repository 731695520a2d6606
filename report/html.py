"""The report as one self-contained HTML file: plotly.js inlined once, so it opens with no network."""

from __future__ import annotations

from datetime import date
from html import escape

import pandas as pd

from queries.programme import programme
from queries.report_data import MeetingData, left_out_text
from rendering.boundaries import BOUNDARY_LABELS
from rendering.charts import plotly_config
from rendering.format import FILE_UNITS, slug
from rendering.verdicts import ROLE_FILLS
from report.cards import CARDS_CSS, COMPARE_CSS, cards_html, comparison_html
from report.sections import (
    SAMPLE_NOTE,
    Cards,
    Chart,
    Compared,
    ComparedCards,
    Heading,
    Note,
    Scorecard,
    Section,
    Table,
    outline,
    title,
)
from report.tables import figure_column

PAGE_CSS = """
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 1200px;
       padding: 24px 32px; line-height: 1.45; }
h1 { font-size: 1.8em; margin: 0.3em 0; } h2 { font-size: 1.45em; border-bottom: 3px solid #b71c1c;
     padding-bottom: 4px; margin-top: 1.6em; } h3 { font-size: 1.15em; margin: 1.2em 0 0.4em; }
.issuer { color: #b71c1c; font-weight: 700; letter-spacing: 0.03em; }
.meta { color: #444; } .sample { background: #fff4e5; border: 1px solid #f0b45a; padding: 8px 12px; border-radius: 6px; }
.left-out { background: #eaf2fb; border: 1px solid #9cbfe6; padding: 8px 12px; border-radius: 6px; }
table.data { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.9em; width: 100%; }
table.data th, table.data td { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; }
table.data th { background: #f4f1ea; text-align: left; }
table.data td.num { text-align: right; white-space: nowrap; }
table.scorecard td { text-align: center; white-space: pre-line; }
table.scorecard tr.selected td { font-weight: 700; }
caption { text-align: left; font-weight: 700; padding: 4px 0; }
details summary { cursor: pointer; color: #1f5fa8; margin: 4px 0 8px; }
.chart { margin: 8px 0 4px; } ul.contents { list-style: none; padding-left: 12px; }
@media print { section { break-before: page; } .chart { break-inside: avoid; } details { display: none; } }
""" + "".join(f"table.scorecard td.{role} {{ background: {fill}; }}\n" for role, fill in ROLE_FILLS.items()
              if role != "none")


def table_html(name: str, frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    cells = ['<td class="num">' if figure_column(frame[c]) else "<td>" for c in frame.columns]
    body = "".join(
        "<tr>" + "".join(f"{cell}{escape(v)}</td>" for cell, v in zip(cells, map(str, row), strict=True)) + "</tr>"
        for row in frame.itertuples(index=False))
    return f'<table class="data"><caption>{escape(name)}</caption><thead><tr>{head}</tr></thead>' \
           f"<tbody>{body}</tbody></table>"


def scorecard_html(block: Scorecard, selected: tuple[str, ...] | None) -> str:
    head = "".join(f"<th>{escape(c)}" + (f"<br><small>{escape(block.targets[c])}</small>" if c in block.targets
                                          else "") + "</th>" for c in block.columns)
    rows = []
    for row in block.grid.to_dict("records"):
        cells = []
        for column in block.columns:
            role = row.get(f"role:{column}")
            css = f' class="{role}"' if role in ROLE_FILLS and role != "none" else ""
            cells.append(f"<td{css}>{escape(str(row[column]))}</td>")
        marked = ' class="selected"' if selected and row["display_id"] in selected else ""
        rows.append(f"<tr{marked}>{''.join(cells)}</tr>")
    return f'<table class="data scorecard"><caption>Bảng xếp hạng đơn vị</caption><thead><tr>{head}</tr></thead>' \
           f"<tbody>{''.join(rows)}</tbody></table>"


class _Charts:
    """Plotly figures as HTML; the first carries the plotly.js bundle, the others use it."""

    def __init__(self, data: MeetingData):
        self.data, self.count = data, 0

    def __call__(self, block: Chart) -> str:
        fig = block.plotly()
        if fig is None:
            return "<p><i>Chưa có số liệu cho biểu đồ này.</i></p>"
        self.count += 1
        name = f"{slug(block.name)}_{slug(self.data.scope_label, FILE_UNITS)}_{self.data.year}"
        return '<div class="chart">' + fig.to_html(
            full_html=False, include_plotlyjs=self.count == 1, div_id=f"chart-{self.count}",
            config=plotly_config(name)) + "</div>"


def _block(block: object, data: MeetingData, charts: _Charts) -> str:
    if isinstance(block, Note):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Heading):
        return f"<h3>{escape(block.text)}</h3>"
    if isinstance(block, Cards):
        return cards_html(block.cards)
    if isinstance(block, ComparedCards):
        return comparison_html(block.cards, block.units)
    if isinstance(block, Chart):
        return charts(block)
    if isinstance(block, Scorecard):
        return scorecard_html(block, data.units)
    if isinstance(block, Table):
        table = table_html(block.name, block.frame)
        return f"<details><summary>{escape(block.name)}</summary>{table}</details>" if block.details else table
    raise TypeError(f"unknown block {block!r}")


def _cover(data: MeetingData, sections: list[Section], today: date) -> str:
    loaded = f" · số liệu cập nhật {data.last_load:%d/%m/%Y %H:%M}" if data.last_load else ""
    boundary = BOUNDARY_LABELS[data.boundary].lower()  # as the pages' header says it
    sample = f'<p class="sample"><b>{escape(SAMPLE_NOTE)}</b></p>' if data.any_sample else ""
    left_out = f'<p class="left-out">{escape(gone)}</p>' if (gone := left_out_text(data)) else ""
    contents = "".join(f"<li>{escape(s.title)}</li>" for s in sections)
    return (f'<header><div class="issuer">{escape(programme().owner)}</div><h1>{escape(title())}</h1>'
            f'<p class="meta"><b>{escape(data.scope_label)}</b> · năm <b>{data.year}</b> · {escape(boundary)}</p>{left_out}'
            f'<p class="meta">Ngày lập báo cáo: {today:%d/%m/%Y}{loaded}</p>{sample}'
            f'<p><b>Nội dung</b></p><ul class="contents">{contents}</ul></header>')


def report_html(data: MeetingData, today: date | None = None, compared: Compared | None = None) -> str:
    """The whole report as one HTML document; `compared`: the units also side by side."""
    today = today or date.today()
    sections = outline(data, compared)
    charts = _Charts(data)
    body = "".join(
        f"<section><h2>{escape(s.title)}</h2>{''.join(_block(b, data, charts) for b in s.blocks)}</section>"
        for s in sections)
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title())} — {escape(data.scope_label)} — {data.year}</title>"
            f"<style>{PAGE_CSS}{CARDS_CSS}{COMPARE_CSS}</style></head><body>{_cover(data, sections, today)}{body}</body></html>")
