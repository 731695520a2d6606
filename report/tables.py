"""The report's tables, as the frames the pages show and as the text a reader sees (`67,78%`, `2.151`)."""

from __future__ import annotations

import pandas as pd

from core.numbers import MISSING, is_missing, vi_count, vi_number, vi_points
from core.safe_text import neutralise_text
from queries.frames import records
from queries.indicators import reported_figures
from queries.judgement import header_text
from queries.programme import programme
from queries.rate_text import rate_format
from queries.report_data import MeetingData
from queries.scorecard import column_labels
from queries.warnings import RULES
from rendering.format import column_format
from rendering.tables import PACE_PATH_COLUMNS, vi_columns, vi_table


def _missing(value: object) -> bool:
    return not isinstance(value, str) and is_missing(value)


def as_text(table: pd.DataFrame) -> pd.DataFrame:
    """Every cell as the text a reader sees, in the formats of the pages (rendering.format.column_format);
    missing figures are `—`."""
    out = pd.DataFrame(index=table.index)
    for column in table.columns:
        values, shown = table[column], column_format(column, table[column])
        if shown is not None:
            out[column] = [MISSING if _missing(v) else shown(v) for v in values]
        else:
            out[column] = [MISSING if _missing(v) else neutralise_text(str(v)) for v in values]
    return out.reset_index(drop=True)


def figure_column(column: pd.Series) -> bool:
    """A column of figures (`67,78%`, `223/329`, `2.151`, `+1,25 điểm %`, `—` where missing): right-aligned, in
    the HTML and the PDF alike. Decided for the whole column, so a column of targets that reads `100%` on some
    rows and `> 90%` on others is aligned one way."""
    texts = [str(v) for v in column if str(v) != MISSING]
    digits = [t.replace(".", "").replace(",", "").replace("%", "").replace("/", "").replace("−", "")
              .replace("+", "").replace(" điểm", "").strip() for t in texts]
    return bool(texts) and all(d.isdigit() for d in digits)


def _figures(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Indicator rows as text: the count as `223/329`, the rate as `67,78%`, the verdict in words."""
    frame = reported_figures(frame)
    frame = frame.assign(count=[vi_count(n, d) for n, d in zip(frame["numerator"], frame["denominator"], strict=True)])
    return as_text(vi_table(frame, columns))


def indicators_table(data: MeetingData) -> pd.DataFrame:
    """Every indicator of the year: the KPI export's rows, as the pages name them."""
    return _figures(data.indicators, vi_columns("short", "label", "population", "count", "rate", "target_text", "verdict"))


def compared_table(figures: pd.DataFrame, units: tuple[str, ...]) -> pd.DataFrame:
    """Every indicator of each compared unit (`year_figures` with the unit's name in `unit`): an indicator's units
    together, in the filter's order."""
    order = {unit: index for index, unit in enumerate(units)}
    ranked = figures.assign(_order=figures["unit"].map(order), _code=pd.Categorical(
        figures["indicator"], categories=list(dict.fromkeys(figures["indicator"])), ordered=True))
    ranked = ranked.sort_values(["_code", "_order"], kind="stable")
    return _figures(ranked, vi_columns("short", "unit", "count", "rate", "target_text", "verdict"))


def trend_table(data: MeetingData, codes: tuple[str, ...]) -> pd.DataFrame:
    """Year by year figures of `codes`."""
    return _figures(data.trend[data.trend["indicator"].isin(codes)],
                    vi_columns("label", "year", "count", "rate", "target_text", "verdict"))


def scorecard_grid(data: MeetingData) -> pd.DataFrame:
    """Units (by rank) × the headline indicators as text: `93,33%` over `14/15` in each cell; the
    verdict's colour role kept (`role:<column>`) for the cell's colour."""
    # plain dicts, not .loc per cell: the country has 70,000 cells
    cells = {(r["display_id"], r["indicator"]): r for r in records(data.scorecard)}
    ranking = {r["display_id"]: r for r in records(data.ranking)}
    rows, rate_text = [], rate_format()
    for display_id in data.scorecard_order:
        unit = ranking[display_id]
        row = {"display_id": display_id, "Hạng": str(unit["rank"]),
               "Đơn vị": ("► " if data.units and display_id in data.units else "") + unit["unit"],
               "So với năm trước": unit["rank_change_text"],
               "Số chỉ tiêu đạt": str(unit["targets_met"])}
        for code, label in column_labels().items():
            cell = cells.get((display_id, code))
            if cell is not None:
                row[label] = f"{rate_text(cell['rate'])}\n{vi_count(cell['numerator'], cell['denominator'])}"
                row[f"role:{label}"] = cell["role"]
            else:
                row[label], row[f"role:{label}"] = "—", "none"
        rows.append(row)
    return pd.DataFrame(rows)


def scorecard_columns() -> list[str]:
    return ["Hạng", "Đơn vị", "So với năm trước", "Số chỉ tiêu đạt", *column_labels().values()]


def scorecard_targets(year: int) -> dict[str, str]:
    """Each scorecard column's target in force for the year."""
    prog = programme()
    return {label: header_text(prog.indicator(code), year) for code, label in column_labels().items()}


def pace_table(data: MeetingData, deadline: int) -> pd.DataFrame:
    """The pace of each indicator towards the `deadline` target, as text; an indicator named by its short code (T3b),
    as the indicators table and the method's periods name it, not by its group (T3, which T3b shares)."""
    rows, rate_text = [], rate_format()
    for r in data.pace.to_dict("records"):
        needed = r[f"needed_{deadline}"]
        rows.append({
            "Chỉ tiêu": f"{r['short']} · {r['label']}",
            "Năm gốc": "—" if _missing(r["base_year"]) else f"{r['base_year']}: {rate_text(r['base_rate'])} "
                       f"({vi_count(r['base_numerator'], r['base_denominator'])})",
            "Năm gần nhất": f"{r['latest_year']}: {rate_text(r['latest_rate'])} "
                            f"({vi_count(r['latest_numerator'], r['latest_denominator'])})",
            "Tốc độ đã đạt (mỗi năm)": vi_points(r["observed_per_year"]),
            f"Mục tiêu {deadline}": r[f"target_{deadline}"],
            "Cần tăng mỗi năm": "—" if _missing(needed) else vi_points(needed),
            "Năm đạt theo tốc độ hiện nay": r[f"reach_{deadline}"],
            "Đánh giá": r[f"status_{deadline}"],
        })
    return pd.DataFrame(rows)


def pace_path_table(data: MeetingData, code: str) -> pd.DataFrame:
    path = data.pace_paths[data.pace_paths["indicator"] == code]
    return vi_table(path, PACE_PATH_COLUMNS)


def warning_groups(data: MeetingData) -> list[tuple[str, str, str, pd.DataFrame]]:
    """(rule code, rule title, page that shows the figures, table) for every rule, in the rules' order."""
    groups = []
    for code, (title, page_label) in RULES.items():
        found = data.warnings[data.warnings["rule_code"] == code]
        # cell names are the wards' text: a name typed as `=HYPERLINK(…)` is written as text (core.safe_text)
        texts = found.assign(subject=found["subject"].map(neutralise_text), detail=found["detail"].map(neutralise_text))
        table = vi_table(texts, vi_columns("unit", "subject", "detail"))
        groups.append((code, title, page_label, table))
    return groups


def warning_count_text(data: MeetingData) -> str:
    return f"{vi_number(len(data.warnings))} cảnh báo"
