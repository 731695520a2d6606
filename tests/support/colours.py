"""Colours by hue: what reads as green or red whatever its exact shade."""

from __future__ import annotations

import colorsys
import re


def hsv(colour: str) -> tuple[float, float, float] | None:
    """Hue (degrees), saturation, value of a `#rrggbb`, `rgb(…)` or `rgba(…)` colour; None for others."""
    if re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    elif match := re.fullmatch(r"rgba?\(([^)]*)\)", colour.replace(" ", "")):
        rgb = [float(v) / 255 for v in match.group(1).split(",")[:3]]
    else:
        return None
    h, s, v = colorsys.rgb_to_hsv(*rgb)
    return h * 360, s, v


def is_green(colour: str) -> bool:
    found = hsv(colour)
    return found is not None and 75 <= found[0] <= 165 and found[1] >= 0.25 and found[2] >= 0.15


def is_red(colour: str) -> bool:
    found = hsv(colour)
    return found is not None and (found[0] <= 15 or found[0] >= 340) and found[1] >= 0.4 and found[2] >= 0.3
