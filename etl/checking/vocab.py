"""One cell value read against the contract: numbers, yes/no, closed vocabularies, levels.

Every reader returns the value to store, or raises BadValue carrying what was expected, in
Vietnamese. Matching goes through `core.text.fold`, so case, diacritics, NFD and spacing don't
matter; what is stored is the canonical spelling of `etl.checking.contract`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from functools import cache

from core.text import clean, fold, short_text_cache
from etl.checking import contract as c

_NOTE = re.compile(r"\([^)]*\)")
_WHOLE = re.compile(r"^[+-]?\d+(?:[.,]0+)?$")
_DECIMAL = re.compile(r"^[+-]?\d+[.,]\d+$")
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")  # `1.234`, `12.345.678`: thousands as Vietnamese write them
_FRACTION = re.compile(r"^(?:lop )?(\d{1,2}) ?/ ?(\d{1,2})$")
_SY = re.compile(r"\bsy\b")  # Thạc sỹ, Tiến sỹ: the older spelling of sĩ


WHOLE = "phải là số nguyên không âm (0, 1, 2, …)"
NO_DECIMALS = "phải là số nguyên không âm, không có phần thập phân"
YES_NO_EXPECTED = "phải là Có hoặc Không (đánh x là Có, để trống là Không)"


class BadValue(ValueError):
    """A cell value the contract does not accept; `expected` says what would be."""

    def __init__(self, expected: str):
        super().__init__(expected)
        self.expected = expected


@short_text_cache
def cell_key(code: object) -> str:
    """Cell codes match across sheets ignoring case, spacing and diacritics."""
    return fold(as_text(code))


def is_blank(value: object) -> bool:
    # `not value.strip()` is `not clean(value)` for printable text: both trim the same Unicode whitespace,
    # and NFC maps no other character to whitespace (checked over every code point); other text may hold
    # only characters nobody sees, which `clean` drops.
    return value is None or (isinstance(value, str) and (not value.strip() or not value.isprintable()
                                                         and not clean(value)))


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def as_text(value: object) -> str:
    """A cell value as the text a person reads in it: 12.0 → `12`, a date → ISO, NFC."""
    if isinstance(value, str):
        return clean(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean(value)


@short_text_cache
def key(text: object) -> str:
    """A header or label as a matching key: folded, notes in brackets, `*` and `:` dropped."""
    bare = _NOTE.sub(" ", as_text(text)).replace("*", " ")
    return fold(bare).strip(" :.")


def whole_number(value: object, *, blank: int | None = 0) -> int | None:
    """A whole number ≥ 0 written as 12, 12.0, ' 12 ' or, in text, with thousands grouped (`1.234` is 1234,
    not a decimal: a count has none, and a text cell shows what the officer typed); blank gives `blank`."""
    if is_blank(value):
        return blank
    if isinstance(value, bool) or not (is_number(value) or isinstance(value, str)):
        raise BadValue(WHOLE)
    if isinstance(value, str):
        text = clean(value).replace(" ", "")
        if _GROUPED.match(text):
            text = text.replace(".", "")
        if _DECIMAL.match(text) and not _WHOLE.match(text):
            raise BadValue(NO_DECIMALS)
        if not _WHOLE.match(text):
            raise BadValue(WHOLE)
        number = int(re.split(r"[.,]", text)[0])
    elif isinstance(value, float) and not value.is_integer():
        raise BadValue(NO_DECIMALS)
    else:
        number = int(value)
    if number < 0:
        raise BadValue(WHOLE)
    return number


def _lookup(canonical: Iterable[str], aliases: Mapping[str, Iterable[str]]) -> dict[str, str]:
    table = {fold(name): name for name in canonical}
    for name, spellings in aliases.items():
        table.update({fold(spelling): name for spelling in spellings})
    return table


CELL_TYPE_TERMS = _lookup(c.CELL_TYPES, c.CELL_TYPE_ALIASES)
RATING_TERMS = _lookup(c.RATINGS, c.RATING_ALIASES)
ROLE_TERMS = _lookup(c.ROLES, c.ROLE_ALIASES)
DUAL_ROLE_TERMS = _lookup(c.DUAL_ROLES, c.DUAL_ROLE_ALIASES)
GENDER_TERMS = _lookup(c.GENDERS, {"Nữ": ("Nu", "Female", "F"), "Nam": ("Male", "M")})
_YES = {fold(word) for word in c.YES}
_NO = {fold(word) for word in c.NO}


def term(value: object, terms: Mapping[str, str], shown: Iterable[str]) -> str | None:
    """The canonical word of a closed vocabulary, None when blank."""
    if is_blank(value):
        return None
    found = terms.get(key(value)) or terms.get(fold(value))
    if found is None:
        raise BadValue("phải là một trong: " + ", ".join(shown))
    return found


def yes_no(value: object) -> bool:
    """Có / Không, `x` = Có, blank = Không; a TRUE/FALSE cell or 1/0 also reads."""
    if isinstance(value, bool):
        return value
    word = fold(as_text(value))
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise BadValue(YES_NO_EXPECTED)


def yes_no_or_none(value: object) -> bool | None:
    """Có / Không for a format v2 field, where blank is "chưa báo cáo" (None), not Không."""
    return None if is_blank(value) else yes_no(value)


def fraction_from_date(value: dt.date) -> str:
    """A `n/12` or `n/10` that the spreadsheet turned into a date, read back as text.

    Day/month order depends on the computer's locale, so both are tried; the one whose
    denominator is 10 or 12 and numerator at most the denominator is the only possible one.
    """
    month, day = value.month, value.day
    for top, bottom in ((month, day), (day, month)):
        if bottom in (10, 12) and 1 <= top <= bottom:
            return f"{top}/{bottom}"
    raise BadValue(_EDUCATION_FORMS)


_THPT = {fold(form) for form in c.EDUCATION_THPT}
_BELOW = {fold(form) for form in c.EDUCATION_BELOW}
_EDUCATION_FORMS = (
    "phải ghi trình độ học vấn: có THPT nếu ghi " + ", ".join(c.EDUCATION_THPT)
    + "; chưa THPT nếu ghi n/12 (n < 12), n/10 (n < 10), " + ", ".join(c.EDUCATION_BELOW)
)


def education(value: object) -> tuple[str, bool]:
    """(text as written, has THPT) for a Học vấn cell; a date cell is read back as `n/12`."""
    if is_blank(value):
        raise BadValue("bắt buộc; " + _EDUCATION_FORMS)
    text = fraction_from_date(value) if isinstance(value, dt.date) else as_text(value)
    word = key(text)
    if word in _THPT:
        return text, True
    if word in _BELOW:
        return text, False
    match = _FRACTION.match(word)
    if match:
        grade, system = int(match[1]), int(match[2])
        if system in (10, 12) and 1 <= grade <= system:
            return text, grade == system
    raise BadValue(_EDUCATION_FORMS)


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?:^|[^\w]){re.escape(word)}(?:$|[^\w])", text) is not None


def level(value: object, ladder: tuple[str, ...]) -> tuple[str, int]:
    """(level name, rank) on a ranked ladder; blank is rank 0 `Chưa qua đào tạo`.

    Tries the whole value (level name, then LEVEL_ALIASES of that ladder), then longer forms:
    the name or alias the value starts with (`Đại học Luật`, `Trung cấp LLCT`) and the level
    names it contains as words (`Tốt nghiệp đại học`). Two different levels found is an error.
    """
    if is_blank(value):
        return ladder[0], 0
    text = _SY.sub("si", key(value))
    names, spellings = _ladder_words(ladder)
    if text in spellings:
        found = spellings[text]
        return found, ladder.index(found)
    starts = sorted((w for w in spellings if text.startswith(w) and _has_word(text, w)), key=len)
    levels = {names[w] for w in names if _has_word(text, w)} | {spellings[w] for w in starts[-1:]}
    if len(levels) != 1:
        raise BadValue("phải để trống hoặc là một trong: " + ", ".join(ladder))
    found = levels.pop()
    return found, ladder.index(found)


@cache
def _ladder_words(ladder: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str]]:
    """Folded level name → level, and every folded spelling (aliases too) → level, of a ladder."""
    names = {fold(name): name for name in ladder}
    return names, {**{fold(a): n for n, als in c.LEVEL_ALIASES.items() if n in ladder for a in als}, **names}


def year_between(value: object, first: int, last: int, expected: str) -> int:
    """A year (as `year_of` reads it) from `first` to `last`; anything else is BadValue(expected)."""
    try:
        year = year_of(value)
    except BadValue:
        raise BadValue(expected) from None
    if not first <= year <= last:
        raise BadValue(expected)
    return year


def year_of(value: object) -> int:
    """A year typed as 1975, '1975' or 1975.0; a full date gives its year."""
    if isinstance(value, dt.date):
        return value.year
    number = whole_number(value, blank=None)
    if number is None:
        raise BadValue("phải là năm, 4 chữ số")
    return number
