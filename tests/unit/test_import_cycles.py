"""No two product modules import each other, directly or round a loop, even through an import inside a
function: such a loop hides which module is the lower one, and the next change at either end breaks the
other (auth.login and auth.users, etl.reading.decoder and etl.reading.spreadsheet, database.facts and database.store had one)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.support import ROOT, module_name, parsed, product_files


def modules(root: Path) -> dict[str, Path]:
    return {module_name(path, root): path for path in product_files(root)}


def imported(tree: ast.AST) -> Iterator[str]:
    """Every module name an import statement anywhere in `tree` may refer to (`from a import b`: a, a.b)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def cycles(root: Path) -> list[list[str]]:
    """The groups of modules that reach each other through imports (strongly connected components)."""
    known = modules(root)
    edges = {name: {m for m in imported(parsed(path)) if m in known and m != name}
             for name, path in known.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(name: str) -> None:  # Tarjan
        index[name] = low[name] = len(index)
        stack.append(name)
        for other in edges[name]:
            if other not in index:
                visit(other)
                low[name] = min(low[name], low[other])
            elif other in stack:
                low[name] = min(low[name], index[other])
        if low[name] == index[name]:
            group = []
            while not group or group[-1] != name:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for name in sorted(known):
        if name not in index:
            visit(name)
    return found


def test_no_module_imports_itself_round_a_loop():
    assert cycles(ROOT) == []
