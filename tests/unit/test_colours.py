"""One meaning per colour, checked on the figures every page and slide draws: red and green only for
a verdict (below, met), a neutral colour for "vượt khung" and for categories (series, groups, rating
levels), black targets (rendering/verdicts.py)."""

from __future__ import annotations

from rendering.verdicts import NEUTRAL, PALETTE, RATING_COLOURS, ROLE_COLOURS, TARGET
from tests.support.colours import is_green, is_red


def test_the_palettes_hold_no_verdict_colour():
    for colour in [*PALETTE, *RATING_COLOURS, NEUTRAL, TARGET]:
        assert not is_green(colour) and not is_red(colour), colour
    assert is_green(ROLE_COLOURS["good"]) and is_red(ROLE_COLOURS["bad"])
    assert not is_green(ROLE_COLOURS["neutral"]) and not is_red(ROLE_COLOURS["neutral"])
