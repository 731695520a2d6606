"""The headline target cards as HTML: one look for the report and the presentation, coloured by the
verdict's role (queries.judgement)."""

from __future__ import annotations

from html import escape

import pandas as pd

from ui.format import vi_count, vi_percent, vi_points
from ui.verdicts import ROLE_COLOURS, ROLE_FILLS

CARDS_CSS = """
.dp-cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 14px; }
.dp-card { border: 1px solid #d9d4c7; border-left: 10px solid #9e9e9e; border-radius: 8px; padding: 12px 16px;
           background: #fff; font-family: inherit; color: #1a1a1a; }
.dp-card .dp-title { font-weight: 700; font-size: 1em; line-height: 1.25; min-height: 2.5em; }
.dp-card .dp-rate { font-size: 2.4em; font-weight: 700; line-height: 1.15; margin-top: 4px; }
.dp-card .dp-count { font-size: 1em; color: #444; }
.dp-card .dp-change { font-size: 0.9em; color: #555; }
.dp-card .dp-state { display: inline-block; margin-top: 6px; padding: 2px 10px; border-radius: 12px;
                     font-weight: 700; font-size: 0.95em; background: #eee; color: #555; }
.dp-card .dp-target, .dp-card .dp-note { font-size: 0.9em; margin-top: 6px; color: #333; }
.dp-card .dp-note { font-style: italic; }
""" + "".join(
    f".dp-card.dp-{role} {{ border-left-color: {ROLE_COLOURS[role]}; }}\n"
    f".dp-card.dp-{role} .dp-state {{ background: {ROLE_FILLS[role]}; color: {ROLE_COLOURS[role]}; }}\n"
    for role in ROLE_COLOURS)


def change_text(card: dict) -> str | None:
    """`+1,25 điểm % so với 2024`; None without a year before counted alike."""
    change = card["change"]
    return None if change is None or pd.isna(change) else f"{vi_points(change)} so với {card['year'] - 1}"


def card_html(card: dict) -> str:
    change = change_text(card)
    note = f'<div class="dp-note">{escape(card["basis_note"])}</div>' if card["basis_note"] else ""
    return (
        f'<div class="dp-card dp-{card["role"]}" data-indicator="{escape(card["indicator"])}">'
        f'<div class="dp-title">{escape(card["heading"])}</div>'
        f'<div class="dp-rate">{vi_percent(card["rate"])}</div>'
        f'<div class="dp-count">{vi_count(card["numerator"], card["denominator"])} — năm {card["year"]}</div>'
        + (f'<div class="dp-change">{change}</div>' if change else "")
        + f'<div class="dp-state">{escape(card["verdict"])}</div>'
        f'<div class="dp-target">Mục tiêu năm {card["year"]}: <b>{escape(card["target_text"])}</b><br>'
        f'{escape(card["targets"])}</div>{note}'
        "</div>"
    )


def cards_html(cards: pd.DataFrame) -> str:
    """The headline cards of `queries.targets.year_figures`, four to a row."""
    return '<div class="dp-cards">' + "".join(card_html(c) for c in cards.to_dict("records")) + "</div>"
