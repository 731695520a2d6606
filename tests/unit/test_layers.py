"""The tree reads as the pipeline: no package imports one above it (imports inside functions count
too). Cycles between modules: tests/test_import_cycles.py."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support import ROOT, module_name, parsed

# Lowest first: a package may import its own layer and the layers before it, never one after.
LAYERS = [
    ("settings",),
    ("core",),
    ("database",),
    ("etl.reading",),
    ("etl.checking",),
    ("etl.loading",),
    ("queries",),
    ("auth",),
    ("rendering",),
    ("report",),
    ("ui",),
    ("pages", "router", "app", "cli", "samples", "benchmarks"),
]
ENTRY_POINTS = {"etl.__main__"}  # `python -m etl`, documented, runs the command line of `cli`
PRODUCT = ["settings.py", "app.py", "core", "database", "etl", "queries", "auth", "rendering", "report", "ui",
           "pages", "router", "cli", "samples", "benchmarks"]


def product_modules() -> dict[str, Path]:
    paths = [ROOT / p for p in PRODUCT if p.endswith(".py")]
    paths += [p for folder in PRODUCT if not folder.endswith(".py") for p in (ROOT / folder).rglob("*.py")]
    return {module_name(p): p for p in paths}


def imported(path: Path, known: set[str]) -> set[str]:
    """The project modules `path` imports, at the top or inside a function (`from a import b` names
    the module a.b when it is one)."""
    found = set()
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return {name for name in found if name in known}


def layer(module: str) -> int:
    for index, names in enumerate(LAYERS):
        if any(module == n or module.startswith(n + ".") for n in names):
            return index
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def import_graph() -> dict[str, set[str]]:
    modules = product_modules()
    return {name: imported(path, set(modules)) for name, path in modules.items()}


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{a} → {b}" for a, targets in graph.items() if a not in ENTRY_POINTS
                  for b in targets if layer(b) > layer(a))


def package_edges(graph: dict[str, set[str]], a: str, b: str) -> set[str]:
    return {f"{x} → {y}" for x, ys in graph.items() for y in ys if x.startswith(a) and y.startswith(b)}


def test_every_module_has_a_layer_and_no_package_imports_one_above_it():
    assert upward_imports(import_graph()) == []



def test_each_stage_says_what_it_does_in_one_line():
    for package in ("core", "database", "etl", "etl/reading", "etl/checking", "etl/loading", "queries",
                    "rendering", "ui", "report", "auth", "cli", "samples"):
        doc = ast.get_docstring(parsed(ROOT / package / "__init__.py"))
        assert doc and doc.strip(), package


def test_the_product_never_imports_samples_or_tests():
    graph = import_graph()
    for package in ("core", "database", "etl", "queries", "auth", "rendering", "report", "ui", "pages", "cli"):
        assert package_edges(graph, package, "samples") == set()
        assert not any(y.startswith("tests") for x, ys in graph.items() if x.startswith(package) for y in ys)


@pytest.mark.parametrize("graph, expected", [
    ({"queries.a": {"rendering.b"}, "rendering.b": set()}, ["queries.a → rendering.b"]),
    ({"etl.reading.a": {"etl.loading.b"}, "etl.loading.b": set()}, ["etl.reading.a → etl.loading.b"]),
    ({"etl.loading.b": {"etl.reading.a"}, "etl.reading.a": set()}, []),
])
def test_the_layer_check_sees_an_upward_import(graph, expected):
    assert upward_imports(graph) == expected

