"""Text made to fit a slide: a warning's figures cut after a whole word (ui.slides.clipped)."""

from __future__ import annotations

from ui.slides import WARNING_FIGURES, clipped


def test_short_figures_are_kept_whole():
    assert clipped("2023: 2 → 2024: 7 → 2025: 10") == "2023: 2 → 2024: 7 → 2025: 10"
    assert clipped("x" * WARNING_FIGURES) == "x" * WARNING_FIGURES


def test_long_figures_end_after_a_whole_word_and_say_so():
    text = "; ".join(f"Chi bộ tổ dân phố Số {i} (21439-{i:02d}): bí thư chưa có sơ cấp LLCT" for i in range(1, 9))
    cut = clipped(text)
    assert cut.endswith(" …") and len(cut) <= WARNING_FIGURES + 2
    kept = cut.removesuffix(" …")
    assert text.startswith(kept) and text[len(kept)] in " ;,"  # a whole word, no separator left dangling
