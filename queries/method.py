"""How each target is judged, in Vietnamese, with the Đề án's own sentence, and how rates are rounded: the
method notes of the overview page and the meeting report. The rules themselves are `queries.judgement`'s and
`core.numbers.RateLevels`'."""

from __future__ import annotations

from collections.abc import Iterable

from core.numbers import year_span
from queries.judgement import goal_text
from queries.programme import Indicator, Kind, programme

KIND_RULES = {
    Kind.EVERY_YEAR: "chỉ tiêu hằng năm: mỗi năm đạt khi tỷ lệ {levels}; năm chưa đạt vẫn là chưa đạt, không bù "
                     "bằng năm sau. Trang Tiến độ ghi số năm đạt trong giai đoạn của mỗi mốc và các năm chưa đạt.",
    Kind.LEVEL_BY_DEADLINE: "mức phải đạt vào mỗi mốc, {levels}: trong năm mốc (và sau mốc cuối) đạt hoặc chưa "
                            "đạt mức của mốc đó; giữa hai mốc, thấp hơn mức của mốc đã qua là \"chưa đạt (mức …)\", "
                            "đã đạt mức của mốc sau là \"đạt\", còn lại tốc độ tăng bình quân từ năm gốc {baseline} "
                            "quyết định \"đúng tiến độ\" hay \"chậm tiến độ\" đến mốc sau; các năm trước năm gốc "
                            "và năm đang nhận báo cáo (mới có một phần các đơn vị nộp) không tính tiến độ.",
    Kind.FLOOR_BAND: "khung hằng năm {levels}: dưới mức sàn là \"chưa đạt\"; trong khung là \"đạt\"; trên khung là "
                     "\"vượt khung\", được tính là đạt (màu trung tính, không bị trừ khi xếp hạng).",
    Kind.NONE: "chỉ tiêu theo dõi, không đặt mục tiêu.",
}

# core.numbers.RateLevels in one sentence: the verdict is exact, the figure shown never sits on a level it is not on
ROUNDING_NOTE = ("**Làm tròn** — tỷ lệ ghi hai chữ số thập phân, làm tròn nửa lên (3/96 → 3,13%), còn đạt hay chưa "
                 "đạt tính trên tỷ lệ chưa làm tròn, nên tỷ lệ nào khác một mức của Đề án mà làm tròn hai chữ số lại "
                 "thành đúng mức đó thì được ghi thêm chữ số cho đến khi thấy khác mức (mức 3% thì 19/634 ghi 2,997%, "
                 "không ghi 3,00%).")


def levels_text(ind: Indicator) -> str:
    """`> 90% (mốc 2025, 2030)` or `100% đến 2025, ≥ 75% đến 2030`: every deadline's level."""
    prog = programme()
    texts: dict[str, list[int]] = {}
    for deadline in prog.deadlines:
        if ind.level(deadline) is not None:
            texts.setdefault(goal_text(ind, ind.level(deadline)), []).append(deadline)
    if len(texts) == 1:
        (text, years), = texts.items()
        return f"{text} (mốc {', '.join(map(str, years))})"
    return ", ".join(f"{text} đến {', '.join(map(str, years))}" for text, years in texts.items())


def period_text(ind: Indicator) -> str:
    """`2020–2025 (mốc 2025), 2025–2030 (mốc 2030)`: the years each deadline's summary of `ind` counts."""
    prog = programme()
    return ", ".join(f"{year_span(*prog.period_of(ind, d))} (mốc {d})" for d in prog.deadlines)


def periods_text(codes: Iterable[str]) -> str:
    """`Giai đoạn của các mốc — T1, T2: 2020–2025 (mốc 2025), 2026–2030 (mốc 2030); T3: …`, indicators with the
    same periods together."""
    groups: dict[str, list[str]] = {}
    for code in codes:
        ind = programme().indicator(code)
        groups.setdefault(period_text(ind), []).append(ind.short)
    return "Giai đoạn của các mốc — " + "; ".join(f"{', '.join(s)}: {t}" for t, s in groups.items()) + "."


def method_note(ind: Indicator) -> str:
    """One indicator: its heading, the Đề án's sentence and how it is judged."""
    rule = KIND_RULES[ind.kind].format(levels=levels_text(ind) if ind.kind is not Kind.NONE else "",
                                       baseline=programme().baseline)
    parts = [f"**{ind.heading}**"]
    if ind.quote:
        parts.append(f"Đề án: «{ind.quote}».")
    parts.append(f"Cách đánh giá — {rule}")
    if ind.kind in (Kind.EVERY_YEAR, Kind.FLOOR_BAND):
        parts.append(f"Giai đoạn của các mốc: {period_text(ind)}.")
    if ind.from_year:
        parts.append(f"Áp dụng từ năm {ind.from_year}; các năm trước không đánh giá.")
    for basis in ind.bases[1:]:
        parts.append(f"{basis.note or f'Từ {basis.from_year}: tính theo {basis.name}'} (trước đó: "
                     f"{ind.bases[0].name}); không tính thay đổi, tốc độ qua năm {basis.from_year}.")
    return " ".join(parts)


def method_notes() -> list[str]:
    """The method note of every headline indicator, in the programme's order, then how rates are rounded."""
    prog = programme()
    return [*(method_note(prog.indicator(code)) for code in prog.headline), ROUNDING_NOTE]
