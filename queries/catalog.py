"""Every named query the pages may ask for, by name. Each takes a cursor first.

Each module of this package lists its own in `NAMED_QUERIES`; this collects them.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

import queries


def _collect() -> dict[str, Callable]:
    found: dict[str, Callable] = {}
    for module_info in pkgutil.iter_modules(queries.__path__):
        if module_info.name in ("catalog", "sql") or module_info.ispkg:
            continue
        module = importlib.import_module(f"queries.{module_info.name}")
        for name, function in getattr(module, "NAMED_QUERIES", {}).items():
            if name in found:
                raise RuntimeError(f"query {name!r} is named twice")
            found[name] = function
    return found


QUERIES: dict[str, Callable] = _collect()
