"""The package's layering: no module of workbench imports itself back through others.

An import cycle makes the order of imports matter (a name is missing while its module is half
imported) and ties modules that should be read and changed apart. Every import statement
counts, also one inside a function. A module importing a name from its own package's
``__init__`` is not counted (the package imports it anyway).
"""

from __future__ import annotations

import grimp


def import_graph() -> dict[str, set[str]]:
    """Each workbench module -> the workbench modules it imports (its own packages left out)."""
    graph = grimp.build_graph("workbench", cache_dir=None)
    return {m: {t for t in graph.find_modules_directly_imported_by(m) if not m.startswith(t + ".")}
            for m in graph.modules}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected sets of two or more modules, each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's algorithm
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_cycles_and_only_those():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a", "e"}, "e": set(), "f": {"f"}}
    assert cycles(edges) == [["a", "b", "c"]]
    edges = import_graph()  # the real graph has the real imports, lazy ones too
    assert {"workbench.core.files", "workbench.core.yamlfile"} <= edges["workbench.core.store"]
    assert "workbench.core.review" in edges["workbench.core.section_checks"]


def test_no_import_cycles():
    """No module of the package imports itself back through others: a new cycle fails here
    (and in ../shared/tools/import_cycles.py)."""
    assert cycles(import_graph()) == []
