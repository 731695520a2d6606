"""The headline target cards as HTML: one look for the report and the presentation, coloured by the
verdict's role (queries.judgement)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

import pandas as pd

from core.numbers import vi_count, vi_points
from core.wording import unbreakable
from queries.indicators import reported_figures
from queries.rate_text import rate_text
from rendering.verdicts import ROLE_COLOURS, ROLE_FILLS

CARDS_CSS = """
.dp-cards { display: grid; gap: 14px;
  /* four a row where each gets 11.5rem, fewer where not: at 1024 px beside the sidebar four cut the figure */
  grid-template-columns: repeat(auto-fill, minmax(max(11.5rem, calc((100% - 3 * 14px) / 4)), 1fr)); }
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
.dp-cards-note { font-size: 0.9em; font-style: italic; color: #333; margin-top: 8px; }
.dp-nowrap { white-space: nowrap; }
""" + "".join(
    f".dp-card.dp-{role} {{ border-left-color: {ROLE_COLOURS[role]}; }}\n"
    f".dp-card.dp-{role} .dp-state {{ background: {ROLE_FILLS[role]}; color: {ROLE_COLOURS[role]}; }}\n"
    for role in ROLE_COLOURS)


BOUND = re.compile(r"[<>≤≥] ")  # a bound's sign and the space before its figure: `> 90%`
LEVEL_BREAKS = re.compile(f"{BOUND.pattern}|–")  # and a range's dash: `3–4%/năm`


def _held(match: re.Match) -> str:
    return unbreakable(match.group(0))


def unbroken(text: str) -> str:
    """`text` escaped, each level kept on one line: a range (`3–4%/năm`) and a bound (`> 90%`) broke after
    the dash or the sign in a card's narrow column."""
    return re.sub(r"\S*–\S*", lambda m: f'<span class="dp-nowrap">{m.group(0)}</span>', escape(BOUND.sub(_held, text)))


def unbroken_markdown(text: str) -> str:
    """`unbroken` for Markdown, which takes no HTML: the sign held to its figure, a range's dash to both its ends
    (core.wording.unbreakable)."""
    return LEVEL_BREAKS.sub(_held, text)


def change_text(card: dict) -> str | None:
    """`+1,25 điểm % so với 2024`; None without a year before counted alike."""
    change = card["change"]
    return None if change is None or pd.isna(change) else f"{vi_points(change)} so với {card['year'] - 1}"


def card_html(card: dict) -> str:
    change = change_text(card)
    note = f'<div class="dp-note">{escape(card["basis_note"])}</div>' if card["basis_note"] else ""
    beside = f'<div class="dp-target">{escape(card["beside_text"])}</div>' if card.get("beside_text") else ""
    return (
        f'<div class="dp-card dp-{card["role"]}" data-indicator="{escape(card["indicator"])}">'
        f'<div class="dp-title">{escape(card["heading"])}</div>'
        f'<div class="dp-rate">{rate_text(card["rate"])}</div>'
        f'<div class="dp-count">{vi_count(card["numerator"], card["denominator"])} — năm {card["year"]}</div>'
        + (f'<div class="dp-change">{change}</div>' if change else "")
        + f'<div class="dp-state">{escape(card["verdict"])}</div>'
        f'<div class="dp-target">Mục tiêu năm {card["year"]}: <b>{unbroken(card["target_text"])}</b><br>'
        f'{unbroken(card["targets"])}</div>{beside}{note}'
        "</div>"
    )


def change_notes(cards: pd.DataFrame) -> list[str]:
    """Why the cards show no change from the year before (year_figures' `change_note`), each said once."""
    return [note for note in dict.fromkeys(cards["change_note"]) if note] if "change_note" in cards else []


def change_notes_html(cards: pd.DataFrame) -> str:
    return "".join(f'<div class="dp-cards-note">{escape(note)}.</div>' for note in change_notes(cards))


def cards_html(cards: pd.DataFrame) -> str:
    """The headline cards of `queries.targets.year_figures`, four to a row, and why they show no change
    from the year before when they show none for a year still coming in."""
    return ('<div class="dp-cards">' + "".join(card_html(c) for c in cards.to_dict("records")) + "</div>"
            + change_notes_html(cards))


COMPARE_CSS = """
.dp-compare { display: grid; gap: 8px 10px; align-items: stretch; }
.dp-compare .dp-unit { font-weight: 700; font-size: 1.05em; padding: 2px 4px; border-bottom: 3px solid #1a1a1a; }
.dp-compare .dp-row-head { font-weight: 700; line-height: 1.25; padding: 6px 4px; }
.dp-compare .dp-row-head .dp-target { font-weight: 400; font-size: 0.85em; color: #333; margin-top: 2px; }
/* the figure no wider than its card: `100,00%` is 3.5 em wide in bold: at most 24 % of the card's width an em */
.dp-compare .dp-card { padding: 6px 8px; border-left-width: 8px; container-type: inline-size; }
.dp-compare .dp-card .dp-rate { font-size: min(1.6em, 24cqi); margin-top: 0; }
.dp-compare .dp-card .dp-count, .dp-compare .dp-card .dp-change { font-size: 0.85em; }
.dp-compare .dp-card .dp-state { margin-top: 3px; font-size: 0.85em; padding: 1px 8px; }
"""


def compared_card_html(card: dict) -> str:
    """One unit's figure of one indicator, in the comparison grid."""
    change = change_text(card)
    return (
        f'<div class="dp-card dp-{card["role"]}" data-indicator="{escape(card["indicator"])}">'
        f'<div class="dp-rate">{rate_text(card["rate"])}</div>'
        f'<div class="dp-count">{vi_count(card["numerator"], card["denominator"])}</div>'
        + (f'<div class="dp-change">{change}</div>' if change else "")
        + f'<div class="dp-state">{escape(card["verdict"])}</div></div>'
    )


def comparison_html(cards: pd.DataFrame, units: Sequence[str]) -> str:
    """The headline cards of 2–4 units side by side: a column per unit, a row per indicator
    (`cards`: year_figures of each unit with its name in `unit`)."""
    cards = reported_figures(cards)  # a unit yet to report: `—`, not 0/0
    template = f"grid-template-columns: minmax(9em, 1.2fr) repeat({len(units)}, minmax(0, 1fr));"
    parts = ['<div class="dp-unit"></div>', *(f'<div class="dp-unit">{escape(u)}</div>' for u in units)]
    by_unit = {(r["indicator"], r["unit"]): r for r in cards.to_dict("records")}
    for code in dict.fromkeys(cards["indicator"]):
        first = next(by_unit[(code, u)] for u in units if (code, u) in by_unit)
        parts.append(f'<div class="dp-row-head">{escape(first["heading"])}'
                     f'<div class="dp-target">Mục tiêu: {unbroken(first["target_text"])}</div></div>')
        parts += [compared_card_html(by_unit[(code, u)]) if (code, u) in by_unit else '<div class="dp-card">—</div>'
                  for u in units]
    return f'<div class="dp-compare" style="{template}">{"".join(parts)}</div>' + change_notes_html(cards)
