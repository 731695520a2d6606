"""The seven target cards (T1–T7) as HTML: one look for the report and the presentation."""

from __future__ import annotations

from html import escape

import pandas as pd

from ui.format import vi_count, vi_percent, vi_points

STATE = {True: ("dp-met", "✔ Đạt mục tiêu"), False: ("dp-notmet", "✘ Chưa đạt"), None: ("dp-nodata", "Chưa có số liệu")}

CARDS_CSS = """
.dp-cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 14px; }
.dp-card { border: 1px solid #d9d4c7; border-left: 10px solid #9e9e9e; border-radius: 8px; padding: 12px 16px;
           background: #fff; font-family: inherit; color: #1a1a1a; }
.dp-card.dp-met { border-left-color: #1e7b34; }
.dp-card.dp-notmet { border-left-color: #c62828; }
.dp-card .dp-title { font-weight: 700; font-size: 1em; line-height: 1.25; min-height: 2.5em; }
.dp-card .dp-rate { font-size: 2.4em; font-weight: 700; line-height: 1.15; margin-top: 4px; }
.dp-card .dp-count { font-size: 1em; color: #444; }
.dp-card .dp-change { font-size: 0.9em; color: #555; }
.dp-card .dp-state { display: inline-block; margin-top: 6px; padding: 2px 10px; border-radius: 12px;
                     font-weight: 700; font-size: 0.95em; background: #eee; color: #555; }
.dp-card.dp-met .dp-state { background: #e3f1e6; color: #1e7b34; }
.dp-card.dp-notmet .dp-state { background: #fbe4e4; color: #c62828; }
.dp-card .dp-target { font-size: 0.9em; margin-top: 6px; color: #333; }
"""


def card_html(card: dict) -> str:
    css_class, state = STATE[card["met"]]
    change = "" if card["change"] is None or pd.isna(card["change"]) else \
        f'<div class="dp-change">{vi_points(card["change"])} so với {card["year"] - 1}</div>'
    return (
        f'<div class="dp-card {css_class}" data-indicator="{escape(card["indicator"])}">'
        f'<div class="dp-title">{escape(card["target"])} · {escape(card["label"])}</div>'
        f'<div class="dp-rate">{vi_percent(card["rate"])}</div>'
        f'<div class="dp-count">{vi_count(card["numerator"], card["denominator"])} — năm {card["year"]}</div>'
        f"{change}"
        f'<div class="dp-state">{state}</div>'
        f'<div class="dp-target">Mục tiêu 2025: <b>{escape(card["target_2025"])}</b> · '
        f'2030: <b>{escape(card["target_2030"])}</b></div>'
        "</div>"
    )


def cards_html(cards: pd.DataFrame) -> str:
    """The cards of `queries.indicators.card_figures`, four to a row."""
    return '<div class="dp-cards">' + "".join(card_html(c) for c in cards.to_dict("records")) + "</div>"
