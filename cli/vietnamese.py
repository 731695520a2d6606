"""argparse in Vietnamese, for every command: `cách dùng:`, `tùy chọn:`, `hiện hướng dẫn này rồi thoát`, and
its error messages (`python -m etl kpi: lỗi: đối số --year: giá trị «abc» không hợp lệ`).

`VietnameseParser` is the parser of the command line and, through argparse's `parser_class`, of each of its
commands. argparse builds an error from an English template and hands the text to `error()`; the templates
below are read back into their values (`translated`), which go into the Vietnamese ones; a value argparse
quotes as Python does (`'abc'`, its `repr`) is quoted as the product quotes (`«abc»`, core.wording.in_quotes), and
the choices it lists so are listed bare, as the product lists them (`chọn một trong: load, kpi`).
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from typing import NoReturn

from cli.exits import EXIT_USAGE
from core.wording import in_quotes

USAGE = "cách dùng: "
HELP = "hiện hướng dẫn này rồi thoát"
ARGUMENTS, OPTIONS = "đối số", "tùy chọn"
# argparse's error templates a person can meet (Python 3.11), each with its Vietnamese: a placeholder
# `%(name)s` or `%(name)r` is `{name}` there, the n-th bare `%s` or `%r` is `{pn}`.
ERRORS = {
    "argument %(argument_name)s: %(message)s": "đối số {argument_name}: {message}",
    "the following arguments are required: %s": "thiếu đối số bắt buộc: {p0}",
    "one of the arguments %s is required": "cần một trong các đối số {p0}",
    "unrecognized arguments: %s": "không hiểu các đối số: {p0}",
    "not allowed with argument %s": "không dùng cùng được với đối số {p0}",
    "ignored explicit argument %r": "không nhận giá trị {p0}",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "nhận nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần {p0} giá trị",
    "expected %s arguments": "cần {p0} giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn {option} chưa rõ, có thể là: {matches}",
    "unexpected option string: %s": "không dùng được tùy chọn {p0} ở đây",
    "invalid %(type)s value: %(value)r": "giá trị {value} không hợp lệ",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có lựa chọn {value} (chọn một trong: {choices})",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh {parser_name} (các lệnh: {choices})",
}
_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?([sr])")
_PYTHON_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")  # a str's repr: 'abc', "it's"
CHOICES = "choices"  # `invalid choice`'s list, each choice a repr


def _name(found: re.Match[str], number: int) -> str:
    return found.group(1) or f"p{number}"


def _reading(template: str) -> re.Pattern[str]:
    """`invalid choice: %(value)r (choose from %(choices)s)` → a pattern that reads those values back."""
    parts, start = [], 0
    for number, found in enumerate(_PLACEHOLDER.finditer(template)):
        parts += [re.escape(template[start:found.start()]), f"(?P<{_name(found, number)}>.+?)"]
        start = found.end()
    return re.compile("".join([*parts, re.escape(template[start:])]), re.DOTALL)


def _reprs(template: str) -> frozenset[str]:
    """The placeholders of `template` argparse fills with a value's repr (`%(value)r`)."""
    return frozenset(_name(found, number) for number, found in enumerate(_PLACEHOLDER.finditer(template))
                     if found.group(2) == "r")


def _unquoted(text: str) -> str:
    """`'load', 'kpi'` → `load, kpi`: each Python string literal in `text` as its value."""
    return _PYTHON_STRING.sub(lambda found: ast.literal_eval(found.group(0)), text)


def _value(name: str, value: str, reprs: frozenset[str]) -> str:
    if name in reprs:
        return in_quotes(_unquoted(value))
    return _unquoted(value) if name == CHOICES else translated(value)


_READINGS = [(_reading(english), _reprs(english), words) for english, words in ERRORS.items()]


def translated(message: str) -> str:
    """An error argparse wrote from one of ERRORS, in Vietnamese (the values in it too: an argument's
    message is itself one), its values quoted as the product quotes; any other text as it is."""
    for reading, reprs, words in _READINGS:
        found = reading.fullmatch(message)
        if found:
            return words.format(**{name: _value(name, value, reprs) for name, value in found.groupdict().items()})
    return message


class VietnameseFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


class VietnameseParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are in Vietnamese; its commands' parsers are of this class too."""

    def __init__(self, *args, add_help: bool = True, **kwargs) -> None:
        kwargs.setdefault("formatter_class", VietnameseFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title, self._optionals.title = ARGUMENTS, OPTIONS
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: lỗi: {translated(message)}\n")
