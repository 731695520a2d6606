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


def _ranking(units: list[str], ranks: list[int] | None = None, change: str = "▲2"):
    """A ranking heat map as the page draws it: `units` ranked in order, two indicators, each unit's change of rank
    `change`; the rows of `ranks` only."""
    import pandas as pd

    from queries.scorecard import column_labels
    from rendering.meeting_charts import LEGEND_RIGHT, scorecard_heatmap

    labels = list(column_labels().values())[:2]
    cells = pd.DataFrame([
        {"display_id": f"u{rank}", "unit": unit, "rank": rank, "rank_change_text": change, "short_label": label,
         "header_target": "> 90%", "rate": 1.0, "numerator": 1, "denominator": 1, "distance": 0.1, "role": "good",
         "verdict": "Đạt", "target_text": "> 90%"}
        for rank, unit in enumerate(units, start=1) for label in labels])
    ranks = ranks or list(range(1, len(units) + 1))
    return scorecard_heatmap(cells, [f"u{r}" for r in ranks], "Bảng xếp hạng", legend=LEGEND_RIGHT)


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


def test_twenty_ranked_units_go_on_two_slides_each_name_whole():
    """Twenty units on the ranking slide had their names cut to one line (`18. Đảng bộ Cơ quan Chí… (▼13)`): they go
    on two slides of ten, `(1/2)` and `(2/2)`, each name whole on two lines; 13 units: 7 and 6; ten: one slide."""
    from types import SimpleNamespace

    from ui.slides import RANKING_NAME_LINE, ranking_parts, shortened, slide_look

    def parts(count: int) -> list[tuple[str, list[str]]]:
        return ranking_parts(SimpleNamespace(scorecard_order=tuple(f"u{r}" for r in range(1, count + 1)), units=None))

    assert [(title, len(units)) for title, units in parts(20)] == [(" (1/2)", 10), (" (2/2)", 10)]
    assert parts(20)[1][1][0] == "u11"  # in rank order
    assert [(title, len(units)) for title, units in parts(13)] == [(" (1/2)", 7), (" (2/2)", 6)]
    assert [(title, len(units)) for title, units in parts(10)] == [("", 10)]
    assert [(title, len(units)) for title, units in parts(0)] == [("", 0)]

    units = ["Đảng bộ Công ty TNHH Chế biến Lâm sản Phổ Thạnh", "Đảng bộ Cơ quan Chính quyền thị xã Đức Phổ",
             *[f"Phường Số {i}" for i in range(18)]]
    for _, part in parts(20):
        ranks = [int(u[1:]) for u in part]
        fig = slide_look(_ranking(units, ranks), "Bảng xếp hạng", contrast=False)
        rows = [row.replace("<br>", " ") for row in fig.data[0].y]
        assert rows == [f"{r}. {units[r - 1]} (▲2)" for r in ranks]  # every name whole
        assert all(len(line) <= RANKING_NAME_LINE for row in fig.data[0].y for line in row.split("<br>"))
    selected = "<b>► 19. Đảng bộ Công ty TNHH Chế biến Lâm sản Phổ Thạnh (▼2)</b>"
    assert shortened(selected, 30) == "<b>► 19. Đảng bộ Công ty TN… (▼2)</b>"  # the bold closed, rank and change kept


def test_a_change_of_rank_in_words_stays_on_one_line_of_a_ranking():
    """QA: at 1024×768 the ranking slide wrote `3. Xã Nguyễn Nghiêm (chưa` over `so)`, and the page `… Đức Phổ (chưa`
    over `so)`: the mark is held whole (core.wording.unbreakable), its words apart by a no-break space."""
    from queries.scorecard import NOT_COMPARED
    from ui.slides import slide_look

    units = ["Đảng bộ Quân sự thị xã Đức Phổ", "Phường Sa Huỳnh", "Xã Nguyễn Nghiêm"]
    mark = f"({NOT_COMPARED})".replace(" ", "\u00a0")
    page = _ranking(units, change=NOT_COMPARED)
    slide = slide_look(_ranking(units, change=NOT_COMPARED), "Bảng xếp hạng", contrast=False)
    for fig in (page, slide):
        lines = [line for row in fig.data[0].y for line in row.split("<br>")]
        assert sum(line.endswith(mark) for line in lines) == len(units), lines  # whole, and last, on a line
        assert not [line for line in lines if line.endswith("(chưa") or line.startswith("so)")], lines
