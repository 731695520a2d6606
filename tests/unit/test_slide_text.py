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


def _ranking(units: list[str]):
    """A ranking heat map as the page draws it: `units` ranked in order, two indicators."""
    import pandas as pd

    from queries.scorecard import column_labels
    from rendering.meeting_charts import LEGEND_RIGHT, scorecard_heatmap

    labels = list(column_labels().values())[:2]
    cells = pd.DataFrame([
        {"display_id": f"u{rank}", "unit": unit, "rank": rank, "rank_change_text": "▲2", "short_label": label,
         "header_target": "> 90%", "rate": 1.0, "numerator": 1, "denominator": 1, "distance": 0.1, "role": "good",
         "verdict": "Đạt", "target_text": "> 90%"}
        for rank, unit in enumerate(units, start=1) for label in labels])
    return scorecard_heatmap(cells, [f"u{r}" for r in range(1, len(units) + 1)], "Bảng xếp hạng", legend=LEGEND_RIGHT)


def test_the_ranking_slide_names_ten_units_whole_in_large_type():
    """QA18 M3: at 1024×768 the ranking slide cut long names (`Đảng bộ Cơ quan Chính quy…`), its figures were
    14 px and its column headings 20 px in columns narrower than them (`> 90%> 90%`)."""
    from ui.slides import MIN_SLIDE_FONT, RANKING_NAME_LINE, slide_look

    long_name = "Đảng bộ Công ty TNHH Chế biến Lâm sản Phổ Thạnh"
    units = [long_name, "Đảng bộ Cơ quan Chính quyền thị xã Đức Phổ", *[f"Phường Số {i}" for i in range(8)]]
    fig = slide_look(_ranking(units), "Bảng xếp hạng", contrast=False)
    rows = list(fig.data[0].y)
    assert rows[0] == "1. Đảng bộ Công ty TNHH Chế<br>biến Lâm sản Phổ Thạnh (▲2)"  # whole, on two lines
    assert all(len(line) <= RANKING_NAME_LINE for row in rows for line in row.split("<br>"))
    assert [row.replace("<br>", " ") for row in rows] == [f"{r}. {u} (▲2)" for r, u in enumerate(units, start=1)]
    assert list(dict.fromkeys(fig.data[1].y)) == rows  # the click markers on the same rows
    assert fig.data[0].textfont.size >= 16 and fig.layout.yaxis.tickfont.size >= MIN_SLIDE_FONT
    assert MIN_SLIDE_FONT <= fig.layout.xaxis.tickfont.size < 20  # the headings fit their columns at 1024 px


def test_the_ranking_slide_cuts_twenty_names_to_one_line_keeping_rank_change_and_bold():
    from ui.slides import RANKING_CROWDED_LABEL, shortened, slide_look

    units = ["Đảng bộ Công ty TNHH Chế biến Lâm sản Phổ Thạnh", *[f"Phường Số {i}" for i in range(19)]]
    fig = slide_look(_ranking(units), "Bảng xếp hạng", contrast=False)
    rows = list(fig.data[0].y)
    assert rows[0].startswith("1. Đảng bộ Công ty") and rows[0].endswith("… (▲2)")
    assert all("<br>" not in row and len(row) <= RANKING_CROWDED_LABEL for row in rows)
    assert fig.data[0].textfont.size >= 14.5
    selected = "<b>► 19. Đảng bộ Công ty TNHH Chế biến Lâm sản Phổ Thạnh (▼2)</b>"
    assert shortened(selected, 30) == "<b>► 19. Đảng bộ Công ty TN… (▼2)</b>"  # the bold closed, rank and change kept
