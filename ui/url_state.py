"""The shared filters in the URL as stable ids: `?nam=2024&ranh_gioi=moi&don_vi=21439-2025`, and how
2–4 chosen units are shown (`xem=so-sanh`: side by side, `xem=cong-gop`: summed); on the slides, the
slide and the high-contrast switch (`trang=3&tuong_phan=true`).

Streamlit's `bind="query-params"` writes a widget's display label (`Phường Phổ Hòa (2020–2024)`),
which changes as more years are loaded, and drops a value it cannot apply without a word. Here
the ids are written after every run, and a value found in the URL (a link opened, or pasted
into a running session) is applied to the widget before it is drawn; one that cannot be applied
is named on the page, as is a parameter given twice where it takes one value (the first is used and
the URL keeps only that one).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

import streamlit as st

from core.wording import quoted
from database.units import units_by_id
from queries.scope import BOUNDARY_CURRENT, BOUNDARY_REPORTED

YEAR, BOUNDARY, UNITS, VIEW = "nam", "ranh_gioi", "don_vi", "xem"  # URL parameters = the widgets' keys
SLIDE, CONTRAST = "trang", "tuong_phan"  # the slides' own (pages/present.py)
BOUNDARY_IDS = {BOUNDARY_REPORTED: "theo-nam", BOUNDARY_CURRENT: "moi"}
COMPARE, SUM = "so-sanh", "cong-gop"  # the values of `xem`
SWITCH = {"true": True, "false": False}  # the values of `tuong_phan`
NAMES = {YEAR: "Năm", BOUNDARY: "Địa giới", VIEW: "Cách xem", SLIDE: "Trang", CONTRAST: "Tương phản cao"}  # one value each
WRITTEN = "_url_written"  # what this session last wrote: anything else in the URL came from outside
PROBLEMS = "_url_problems"


def _incoming(key: str) -> list[str]:
    """The URL's values of `key` when they are not what this session wrote itself."""
    values = st.query_params.get_all(key)
    return values if values and values != st.session_state.get(WRITTEN, {}).get(key) else []


def _incoming_one(key: str) -> str | None:
    """The URL's value of a parameter that takes one; given more than once, it is named and the first is
    used (`_write` then leaves that one in the URL)."""
    values = _incoming(key)
    if len(values) > 1:
        _problem(f"{NAMES[key]} được ghi {len(values)} lần trong đường dẫn ({', '.join(map(quoted, values))}); "
                 f"chỉ dùng giá trị đầu tiên {quoted(values[0])}.")
    return values[0] if values else None


def _number(value: str) -> int | None:
    """`3` → 3; anything else (`abc`, `-1`, `2.5`, `²`) → None."""
    try:
        return int(value) if value.isdecimal() else None
    except ValueError:  # more digits than Python reads into an int
        return None


def _problem(text: str) -> None:
    st.session_state.setdefault(PROBLEMS, []).append(text)


def take_boundary() -> None:
    """`ranh_gioi=moi` (or `theo-nam`) from the URL onto the boundary radio."""
    value = _incoming_one(BOUNDARY)
    if value is not None:
        known = {v: k for k, v in BOUNDARY_IDS.items()}
        if value in known:
            st.session_state[BOUNDARY] = known[value]
        else:
            _problem(f"Địa giới {quoted(value)} trong đường dẫn không hợp lệ (dùng {' hoặc '.join(BOUNDARY_IDS.values())}); "
                     "đang dùng địa giới đã chọn.")


def take_year(years: Sequence[int]) -> None:
    """`nam=2024` from the URL onto the year box, when that year is loaded."""
    value = _incoming_one(YEAR)
    if value is not None:
        if _number(value) in years:
            st.session_state[YEAR] = _number(value)
        else:
            _problem(f"Năm {quoted(value)} trong đường dẫn chưa có số liệu (các năm có: "
                     f"{', '.join(map(str, years))}); đang hiện năm đã chọn.")


def take_units(options: dict[str, str]) -> None:
    """`don_vi=21439-2025` (repeated) from the URL onto the unit list; unknown ids are named."""
    incoming = _incoming(UNITS)
    if not incoming:
        return
    known = [u for u in dict.fromkeys(incoming) if u in options]
    unknown = [u for u in dict.fromkeys(incoming) if u not in options]
    if known or not unknown:
        st.session_state[UNITS] = known
    if unknown:
        _problem(f"Đơn vị {', '.join(map(_unit_named, unknown))} trong đường dẫn không có trong danh sách đơn vị của "
                 "địa giới đang chọn; đã bỏ qua.")


def _unit_named(unit_id: str) -> str:
    """`«21469-2015» (Phường Phổ Hòa)`: an id of the link, with the unit's name where it is one."""
    unit = units_by_id().get(unit_id)
    return quoted(unit_id) + (f" ({unit.full_name})" if unit else "")


def take_view() -> None:
    """`xem=so-sanh` or `xem=cong-gop` from the URL onto the view switch."""
    value = _incoming_one(VIEW)
    if value is not None:
        if value in (COMPARE, SUM):
            st.session_state[VIEW] = value
        else:
            _problem(f"Cách xem {quoted(value)} trong đường dẫn không hợp lệ (dùng {COMPARE} hoặc {SUM}); "
                     "đang dùng cách xem đã chọn.")


def take_slide(count: int) -> None:
    """`trang=3` from the URL onto the slide pagination, when the deck has that slide."""
    value = _incoming_one(SLIDE)
    if value is None:
        return
    if _number(value) in range(1, count + 1):
        st.session_state[SLIDE] = _number(value)
    else:
        _problem(f"Trang {quoted(value)} trong đường dẫn không có (bài trình chiếu có {count} trang, từ 1 đến {count}); "
                 f"đang hiện trang {st.session_state.get(SLIDE, 1)}.")


def take_contrast() -> None:
    """`tuong_phan=true` (or `false`) from the URL onto the high-contrast switch."""
    value = _incoming_one(CONTRAST)
    if value is None:
        return
    if value in SWITCH:
        st.session_state[CONTRAST] = SWITCH[value]
    else:
        now = "bật" if st.session_state.get(CONTRAST) else "tắt"
        _problem(f"Tương phản cao {quoted(value)} trong đường dẫn không hợp lệ; đang {now} tương phản cao.")


def take_page(opened: str, home: str) -> None:
    """A page the address names that the app does not have (`/trang-khong-ton-tai`): Streamlit's navigation
    runs the home page instead, and this says so."""
    asked = _requested_page()
    if asked is not None and asked != opened:
        _problem(f"Không có trang {quoted(asked)}; đang mở {home}.")


def _requested_page() -> str | None:
    """The page the browser's address names below the server's base path (`ket-nap`; empty for `/`); None
    when the browser did not say. Streamlit's one word on it is `st.context.url`: the address of the page
    being run, or the address as typed when it names no page."""
    url = st.context.url
    if url is None:
        return None
    path = unquote(urlsplit(url).path).strip("/")
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):].strip("/")
    return path


def write(year: int, boundary: str, units: Sequence[str], view: str | None = None) -> None:
    """The filters of this run into the URL, as ids (`view` only where 2–4 units are chosen)."""
    _write({YEAR: [str(year)], BOUNDARY: [BOUNDARY_IDS[boundary]], UNITS: list(units), VIEW: [view] if view else []})


def write_slide(number: int, contrast: bool) -> None:
    """The slide and the switch into the URL; the first slide and a switch off are left out, as defaults."""
    _write({SLIDE: [str(number)] if number > 1 else [], CONTRAST: ["true"] if contrast else []})


def _write(values: dict[str, list[str]]) -> None:
    for key, value in values.items():
        if value and st.query_params.get_all(key) != value:
            st.query_params[key] = value if len(value) > 1 else value[0]
        elif not value and key in st.query_params:
            del st.query_params[key]
    st.session_state[WRITTEN] = {**st.session_state.get(WRITTEN, {}), **values}


def show_problems() -> None:
    """What could not be applied from the URL, once, in the page itself (the sidebar may be hidden)."""
    for text in st.session_state.pop(PROBLEMS, []):
        st.warning(text)
