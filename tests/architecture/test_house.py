"""The house in layers (issue 17): the import graph, read with ``ast``, has no circle and
points down the layer order written in docs/architecture.md.

Every import counts, at module level and inside functions: an import hidden in a
function to dodge a circle is still a circle. ``from tutor import parse`` counts as an
import of the module that defines ``parse`` (the packages export lazily, PEP 562).
"""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("tutor", "grader", "exercises")
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {_module_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


@cache
def lazy_exports() -> dict[str, dict[str, str]]:
    """package -> {public name: defining module}, read from each package's ``_EXPORTS``."""
    out = {}
    for pkg in PACKAGES:
        for node in ast.parse(modules()[pkg].read_text()).body:
            if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "_EXPORTS":
                out[pkg] = ast.literal_eval(node.value)
    return out


def _resolve(name: str) -> str | None:
    """The project module that ``import name`` (or ``from pkg import name``) runs, or None."""
    head, _, tail = name.partition(".")
    if tail in lazy_exports().get(head, {}):
        return lazy_exports()[head][tail]
    parts = name.split(".")
    while parts:
        if ".".join(parts) in modules():
            return ".".join(parts)
        parts.pop()
    return None


def _targets(node: ast.AST, module: str) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from filter(None, (_resolve(a.name) for a in node.names))
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            package = module if modules()[module].name == "__init__.py" else module.rpartition(".")[0]
            up = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join(up + ([node.module] if node.module else []))
        for alias in node.names:
            target = _resolve(f"{base}.{alias.name}") if f"{base}.{alias.name}" in modules() else None
            target = target or _resolve(f"{base}.{alias.name}" if base in PACKAGES else base)
            if target:
                yield target


@cache
def graph() -> dict[str, dict[str, int]]:
    """module -> {imported project module: line of the first such import} (every import in the file)."""
    edges: dict[str, dict[str, int]] = {}
    for module, path in modules().items():
        out = edges.setdefault(module, {})
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            for target in _targets(node, module):
                if target != module:
                    out.setdefault(target, node.lineno)
    return edges


def circles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    edges, index, low, stack, on, out = graph(), {}, {}, [], set(), []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, children = work[-1]
            for w in children:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(edges[w])))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    component = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        component.append(w)
                        if w == v:
                            break
                    if len(component) > 1:
                        out.append(sorted(component))
    return out


@cache
def layers() -> list[tuple[str, tuple[str, ...]]]:
    """(layer, module patterns), lowest first, from the table between the ``layers`` markers."""
    text = ARCHITECTURE.read_text()
    table = text.split("<!-- layers -->", 1)[1].split("<!-- /layers -->", 1)[0]
    rows = [line.split("|")[1:-1] for line in table.strip().splitlines()[2:]]
    return [(name.strip(), tuple(re.findall(r"`([\w.*]+)`", pats))) for _, name, pats, *_ in rows]


def layer_of(module: str) -> tuple[int, str] | None:
    """(rank, layer) of the most specific pattern that covers ``module``: ``a.b.*`` covers a.b and
    everything beneath it, ``a.b`` only a.b itself (which wins over ``a.b.*``)."""
    best = None
    for rank, (name, patterns) in enumerate(layers()):
        for p in patterns:
            exact = not p.endswith(".*")
            stem = p.removesuffix(".*")
            if module == stem or (not exact and module.startswith(stem + ".")):
                key = (len(stem), exact)
                if best is None or key > best[0]:
                    best = (key, (rank, name))
    return best[1] if best else None


def test_the_graph_sees_module_and_function_level_imports():
    edges = graph()
    assert "tutor.reading.parser" in edges["tutor.reading.ambiguity"]        # module level
    assert "tutor.engine.inputs" in edges["grader.checking"]                  # inside resolve()
    assert "tutor.reading.parser" in edges["tutor.operations.words"]          # ``from tutor import parse``
    assert len(modules()) > 200


def test_no_import_circles():
    found = circles()
    detail = ["  " + " · ".join(c) + "\n" + "\n".join(
        f"    {a} -> {b} (line {graph()[a][b]})" for a in c for b in graph()[a] if b in c) for c in found]
    assert not found, "import circles:\n" + "\n".join(detail)


def test_the_layer_table_is_read():
    names = [name for name, _ in layers()]
    assert names[0] == "base" and names[-1] == "command line"
    assert len(names) == len(set(names)) >= 10


def test_every_module_has_a_layer():
    assert [m for m in modules() if layer_of(m) is None] == []


# Imports against the order that another branch removes (drop the entry when it is merged).
PENDING: set[tuple[str, str]] = set()  # upward imports still to remove (none)


def test_imports_point_down_the_layers():
    wrong = []
    for a, targets in graph().items():
        for b, line in targets.items():
            (ra, la), (rb, lb) = layer_of(a), layer_of(b)
            if rb > ra and (a, b) not in PENDING:
                wrong.append(f"{a} ({la}) imports {b} ({lb}), line {line}")
    assert wrong == []
