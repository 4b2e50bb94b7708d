"""The bank sits below the grader (docs/architecture.md): no module of ``exercises`` imports
``grader``, not even inside a function; grading takes a variant instead (``grader.check_variant``)."""
from __future__ import annotations

import ast
from pathlib import Path

import exercises
from grader.checking import check, check_variant

PACKAGE = Path(exercises.__file__).parent


def _grader_imports(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "grader" for a in node.names):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "grader":
            lines.append(node.lineno)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("grader."):
            lines.append(node.lineno)  # importlib / find_spec by name
    return lines


def test_no_module_of_the_bank_imports_the_grader():
    found = [f"{p.relative_to(PACKAGE.parent)}:{n}" for p in sorted(PACKAGE.rglob("*.py"))
             for n in _grader_imports(ast.parse(p.read_text(encoding="utf-8")))]
    assert found == []


def test_a_variant_has_no_check_of_its_own_and_grading_takes_it():
    variant = exercises.load()["gd-one-step-parabola"].variant(0)
    assert not hasattr(variant, "check")
    direct = check(variant.answer, variant.answer_text, kind=variant.kind, **variant.options())
    assert check_variant(variant, variant.answer_text).status == direct.status == "correct"
    wrong = variant.mistakes[0]
    assert check_variant(variant, str(wrong.expr)).mistake == wrong.key


def test_the_detector_finds_an_import_hidden_in_a_function():
    src = "def f():\n    from grader.checking import check\n    return check\n"
    assert _grader_imports(ast.parse(src)) == [2]
