"""Single sources (issue 17): the answer kinds and the optimizers are declared once, and
everything that lists them reads the declaration; a second literal list is a failure."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import grader

from tutor.answer_kinds import KIND_NAMES

ROOT = Path(__file__).resolve().parents[2]
# the declarations themselves (the only modules allowed to spell the lists out)
DECLARATIONS = {"tutor/answer_kinds.py", "tutor/engine/descent/optimizers.py"}


def _optimizer_names() -> set[str]:
    from tutor.engine.descent.optimizers import METHODS

    return set(METHODS)


def _literal_lists(names: set[str], share: float) -> list[str]:
    """Literal tuples, lists, sets and dict keys holding at least ``share`` of ``names``."""
    found = []
    for pkg in ("tutor", "grader", "exercises"):
        for path in sorted((ROOT / pkg).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel in DECLARATIONS:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                    items = node.elts
                elif isinstance(node, ast.Dict):
                    items = [k for k in node.keys if k is not None]
                else:
                    continue
                words = {i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)}
                if len(words & names) >= max(3, share * len(names)):
                    found.append(f"{rel}:{node.lineno} {sorted(words & names)}")
    return found


def test_no_second_list_of_answer_kinds():
    assert _literal_lists(set(KIND_NAMES), 0.5) == []


def test_no_second_list_of_optimizers():
    assert _literal_lists(_optimizer_names(), 0.5) == []


def test_the_checker_registers_exactly_the_declared_kinds():
    from grader.kinds import KINDS

    assert sorted(KINDS) == sorted(KIND_NAMES)


def test_an_undeclared_kind_cannot_register():
    from grader.kinds.base import Kind, register

    class Sketch(Kind):
        name = "sketch"

    with pytest.raises(TypeError, match="not declared"):
        register(Sketch)


def test_the_bank_schema_the_cli_and_the_tips_read_the_declaration():
    from exercises.answer_tips import TIPS
    from exercises.schema import KINDS
    from tutor.commands import check

    assert tuple(KINDS) == KIND_NAMES
    assert set(TIPS) == set(KIND_NAMES)
    assert check.KIND_NAMES is KIND_NAMES


BANK = """
topic = "gradients"

[[exercise]]
id = "gradient-of-a-product"
title = "A gradient"
task = "{task}"
kind = "{kind}"
prompt = 'Find the {kind} of {{{{function}}}}.'
function = "x^2 y"
variables = ["x", "y"]
"""


@pytest.mark.parametrize("task, kind", [("gradient", "gradient"), ("hessian", "hessian")])
def test_a_bank_author_may_use_every_kind(tmp_path, task, kind):
    """The schema once allowed 10 of the 12 kinds: a bank could not say gradient or hessian."""
    import exercises

    path = tmp_path / "gradients.toml"
    path.write_text(BANK.format(task=task, kind=kind), encoding="utf-8")
    exercise = exercises.load(path)["gradient-of-a-product"]
    assert exercise.kind == kind
    variant = exercise.variant(1)
    assert grader.check_variant(variant, variant.answer_text).status == "correct"


def test_the_diagnosis_reads_the_declarations_not_method_names():
    """diagnose.py once branched on ``method in ("adagrad", "rmsprop", "adam")``."""
    tree = ast.parse((ROOT / "tutor/engine/descent/diagnose.py").read_text())
    on_names = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Compare)
                and any(isinstance(x, ast.Name) and x.id == "method" for x in (n.left, *n.comparators))]
    assert on_names == []


def test_every_update_rule_is_declared_and_every_declaration_has_a_rule():
    from tutor.engine.descent.optimizers import METHODS
    from tutor.engine.descent_methods import METHOD_NAMES
    from tutor.operations.descent import METHODS as CHOICES

    assert tuple(METHODS) == METHOD_NAMES == CHOICES


def test_the_bank_offers_every_declared_optimizer_that_descends():
    from exercises.tasks.descent import OPTIMIZERS
    from tutor.engine.descent_methods import METHODS

    assert set(OPTIMIZERS) == {m.name for m in METHODS if not m.ascends}
    assert "gd" in OPTIMIZERS and "ascent" not in OPTIMIZERS


def _first_column(doc: str, header: str) -> list[str]:
    """The `names` in the first column of the table whose header row starts with ``header``."""
    lines = (ROOT / "docs" / doc).read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    names = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        names += re.findall(r"`(\w+)`", line.split("|")[1])
    return names


def test_the_docs_tables_list_the_declared_kinds_and_optimizers():
    from tutor.engine.descent_methods import METHOD_NAMES

    assert sorted(_first_column("grading.md", "| kind |")) == sorted(KIND_NAMES)
    assert _first_column("descent.md", "| method |") == list(METHOD_NAMES)
