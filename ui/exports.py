"""Downloads of exactly what a chart draws: CSV that Excel opens with Vietnamese intact, and XLSX."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd

from auth.session import allowed_units
from core.safe_text import FORMULA_PREFIXES, neutralise_frame  # noqa: F401 - FORMULA_PREFIXES re-exported
from queries.scope import BOUNDARY_CURRENT, BOUNDARY_REPORTED
from rendering.boundaries import BOUNDARY_LABELS
from rendering.format import FILE_UNITS, slug
from rendering.tables import COLUMN_NAMES
from ui.filters import Filters

# What every download of a filtered table says it holds, in its first columns: a file read later,
# away from the screen, names its units, boundary and year.
SCOPE, BOUNDARY, YEAR = "Phạm vi số liệu", "Địa giới đơn vị", "Năm đang xem"
UNIT = COLUMN_NAMES["unit"]  # a table's unit column, as drawn


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers untouched.

    One rule for every export: `core.safe_text.neutralise_text`, also used by the KPI CLI and the report.
    """
    return neutralise_frame(frame)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, comma separated, numbers as numbers (decimal point)."""
    return neutralise(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


# XlsxWriter reads a text as a formula when it starts with `=` (or is `{=…}`, an array formula), and as a
# link when it starts with `http://`, `mailto:` or `external:` (a file or network share): every text of ours is text.
TEXT_AS_TEXT = {"strings_to_formulas": False, "strings_to_urls": False}


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "Số liệu") -> bytes:
    """Every text cell a text cell (`TEXT_AS_TEXT`), defused (`neutralise`) for whoever copies it elsewhere."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": TEXT_AS_TEXT}) as writer:
        neutralise(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
        worksheet = writer.sheets[sheet[:31]]
        for index, column in enumerate(frame.columns):
            worksheet.set_column(index, index, max(12, min(40, len(str(column)) + 2)))
    return buffer.getvalue()


@dataclass(frozen=True)
class EveryYear:
    """What a table that follows no filter holds (the load history: every year's rows the reader may see):
    whose rows (`Toàn thị xã`, a ward officer's units) and how its units are named. No year is viewed in it,
    so its downloads have no `Năm đang xem` column, and their names no year."""

    scope_label: str
    boundary: str = BOUNDARY_REPORTED


def with_context(frame: pd.DataFrame, filters: Filters | EveryYear | None) -> pd.DataFrame:
    """`frame` with the filter it was drawn for in front: scope (`Toàn thị xã`, a unit, or the units
    compared or summed), boundary and the year chosen (a table of every year: its scope and boundary);
    a table not drawn for a filter as it is."""
    if filters is None:
        return frame
    if isinstance(filters, EveryYear):
        context = {SCOPE: filters.scope_label, BOUNDARY: BOUNDARY_LABELS[filters.boundary]}
    else:
        context = {SCOPE: scope_of(frame, filters), BOUNDARY: BOUNDARY_LABELS[filters.boundary], YEAR: filters.year}
    return pd.concat([pd.DataFrame({k: [v] * len(frame) for k, v in context.items()}, index=frame.index),
                      frame.drop(columns=[c for c in context if c in frame.columns])], axis=1)


def scope_of(frame: pd.DataFrame, filters: Filters) -> str:
    """Whose figures a table holds: with units compared side by side, a table naming several units in its
    `Đơn vị` column is their comparison; any other is the selection summed (`Cộng 3 đơn vị: …`)."""
    if filters.compared and UNIT in frame.columns and frame[UNIT].nunique() > 1:
        return filters.compared_label
    return filters.scope_label


def file_stem(name: str, filters: Filters | EveryYear | None) -> str:
    """`ty-le-thpt_toan-thi-xa_2022_don-vi-bao-cao`: the filter written into the file name (a table of every
    year: `lich-su-nap-du-lieu_phuong-pho-hoa_don-vi-bao-cao`)."""
    if filters is None:
        return slug(name)
    if isinstance(filters, Filters) and filters.units:
        units = slug("-".join(filters.unit_names), FILE_UNITS)
    else:  # the whole area: the town, or a restricted reader's own units by name
        units = "toan-thi-xa" if allowed_units() is None else slug(filters.scope_label, FILE_UNITS)
    boundary = "5-don-vi-moi" if filters.boundary == BOUNDARY_CURRENT else "don-vi-bao-cao"
    if isinstance(filters, EveryYear):
        return f"{slug(name)}_{units}_{boundary}"
    return f"{slug(name)}_{units}_{filters.year}_{boundary}"
