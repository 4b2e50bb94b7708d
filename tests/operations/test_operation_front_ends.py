"""Every operation through both front-ends with the same inputs: the same result.

The CLI runs through ``tutor.cli.main``; the REPL through its dispatcher
(``Session.handle``) and its calculator command. The REPL shows worked steps by
default, so the CLI side asks for them (``--steps``) where the REPL gives them.
"""
from __future__ import annotations

import io
import json

import pytest

from tutor.cli import main
from tutor.operations.catalogue import operations
from tutor.repl.calculator import CALCULATOR
from tutor.repl.session import Session
from tutor.repl.store import ProgressStore
from tutor.repl.terminal import Output

# name -> (calctutor arguments, the same request in the REPL's words)
CASES = {
    "parse": (["3xe^(2x)", "--brief"], "3xe^(2x)"),
    "diff": (["x^3*y^2", "--var", "y", "--order", "2", "--steps"], "x^3*y^2 wrt y order 2"),
    "grad": (["x^4 + y^2", "--at", "1,2", "--steps"], "x^4 + y^2 at (1, 2)"),
    "hessian": (["x^2 y + y^3", "--at", "x=1,y=2", "--steps"], "x^2 y + y^3 at [1, 2]"),
    "tangent": (["x^2 + y^2", "--at", "<1,2>"], "x^2 + y^2 at x=1, y=2"),
    "taylor": (["exp(x) cos(y)", "--at", "0,0", "--order", "3"], "exp(x) cos(y) at (0, 0) order 3"),
    "quotient": (["x^2", "--at", "3", "--h", "0.1", "--kind", "central"], "x^2 at 3 step 0.1 kind central"),
    "critical": (["x^4 + y^4 - 4xy + 1"], "x^4 + y^4 - 4xy + 1"),
    "level": (["x^2 + y^2", "--c", "1,4", "--at", "x=1,y=0"], "x^2 + y^2 = 1, 4 at (1, 0)"),
    "surface": (["x^2 - y^2", "--at", "0,0"], "x^2 - y^2 at <0, 0>"),
    "limit": (["x y/(x^2 + y^2)", "--at", "0,0", "--steps"], "x y/(x^2 + y^2) at x=0, y=0"),
    "descend": (["x^2 + y^2", "--start", "1,2", "--lr", "0.1", "--steps", "5"],
                "x^2 + y^2 from (1, 2) lr 0.1 steps 5"),
    "sweep": (["x^2", "--start", "10", "--lr", "0.1,1", "--steps", "10"], "x^2 from 10 lr 0.1, 1 steps 10"),
    "plot": (["x^2 - y^2", "--kind", "contour", "--out", "{out}"], "x^2 - y^2 kind contour out {out}"),
}


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def repl(lines: list[str], tmp_path) -> str:
    """What the REPL says for each line, through the real dispatcher (unicode output)."""
    stdout = io.StringIO()
    session = Session(user="ana", out=Output(stdout, width=78), store=ProgressStore(tmp_path / "p.sqlite3"))
    said = []
    for line in lines:
        stdout.seek(0)
        stdout.truncate()
        session.handle(line)
        said.append(stdout.getvalue())
    return said


def test_every_operation_has_a_same_inputs_case():
    assert set(CASES) == set(operations()) == set(CALCULATOR)


@pytest.mark.parametrize("name", [n for n in CASES if operations()[n].formats])
def test_the_same_json_from_both_front_ends(name, capsys):
    args, words = CASES[name]
    status, out, err = cli(capsys, name, *args, "--json")
    assert status == 0, err
    (said,) = CALCULATOR[name].run(words, "json")
    assert json.loads(said) == json.loads(out)


@pytest.mark.parametrize("name", [n for n in CASES if operations()[n].formats])
def test_the_same_text_from_both_front_ends(name, capsys, tmp_path):
    args, words = CASES[name]
    status, out, err = cli(capsys, name, *args)
    assert status == 0, err
    (said,) = repl([f"{name} {words}"], tmp_path)
    assert said == out and out.strip()


def test_the_same_figure_from_both_front_ends(capsys, tmp_path):
    args, words = CASES["plot"]
    by_cli, by_repl = tmp_path / "cli.png", tmp_path / "repl.png"
    status, out, err = cli(capsys, "plot", *(a.format(out=by_cli) for a in args))
    assert status == 0 and out == "" and err == f"figure saved to {by_cli}\n"
    (said,) = repl([f"plot {words.format(out=by_repl)}"], tmp_path)
    assert said == f"figure saved to {by_repl}\n"
    assert by_cli.stat().st_size > 5000 and by_repl.stat().st_size > 5000


START_SPELLINGS = ["(1, 2)", "(1,2)", "[1, 2]", "<1,2>", "⟨1, 2⟩", "1,2", "1, 2", "x=1,y=2", "x=1, y=2", "(x=1, y=2)"]


def test_every_start_spelling_works_in_both_and_means_the_same(capsys):
    """The issue's case: the REPL refused every two-variable start that the CLI took."""
    results = set()
    for spelling in START_SPELLINGS:
        status, out, err = cli(capsys, "descend", "x^2+y^2", "--start", spelling, "--lr", "0.1", "--steps", "5",
                               "--json")
        assert status == 0, (spelling, err)
        (said,) = CALCULATOR["descend"].run(f"x^2+y^2 from {spelling} lr 0.1 steps 5", "json")
        assert json.loads(said) == json.loads(out), spelling
        results.add(out)
    assert len(results) == 1
    assert json.loads(results.pop())["points"][0] == [1.0, 2.0]


@pytest.mark.parametrize("line", ["x^2 from 10 --lr 0.1 --steps 20", "x^2 --start 10 lr 0.1 steps 20",
                                  "x^2 from 10 lr 1/10 steps 20", "x^2 FROM 10 LR 0.1 STEPS 20"])
def test_repl_words_and_cli_options_mix(line, capsys):
    (said,) = CALCULATOR["descend"].run(line, "json")
    status, out, _ = cli(capsys, "descend", "x^2", "--start", "10", "--lr", "0.1", "--steps", "20", "--json")
    assert json.loads(said)["values"] == json.loads(out)["values"]


@pytest.mark.parametrize("name, args, words, message", [
    ("diff", ["x^2", "--order", "0"], "x^2 order 0", "order must be at least 1, not 0"),
    ("descend", ["x^2", "--start", "1", "--lr", "0.1", "--steps", "0"], "x^2 from 1 steps 0", "at least 1"),
    ("tangent", ["x^2", "--at", "y=1"], "x^2 at y=1", "the point gives no value for x"),
    ("limit", ["x y", "--at", "x=0,y=0", "--direction", "+"], "x y at 0, 0 direction +", "only makes sense"),
    ("level", ["x^2 + y^2", "--c", ","], "x^2 + y^2 = ,", "needs at least one level"),
    ("sweep", ["x^2", "--start", "1; 2", "--lr", "0.1"], "x^2 from 1; 2 lr 0.1", "one start"),
])
def test_the_same_refusal_from_both_front_ends(name, args, words, message, capsys, tmp_path):
    status, out, err = cli(capsys, name, *args)
    assert status == 2 and message in err and "Traceback" not in err
    (said,) = repl([f"{name} {words}"], tmp_path)
    assert message in said and "Sorry" not in said


def test_no_repl_keyword_is_a_name_an_expression_could_use():
    """A keyword that reads as one variable (h, alpha, theta) would cut an expression in two."""
    import sympy as sp

    from tutor import parse

    for op in operations().values():
        for p in op.params:
            for word in p.keywords:
                if not word.isidentifier():
                    continue
                read = parse(word)
                assert not (isinstance(read, (sp.Symbol, sp.NumberSymbol)) or read.is_number), (op.name, word)
