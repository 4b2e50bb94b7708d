"""Homework integrity (issue 13): in assignment mode the calculator refuses an exercise's own task,
up to equivalence, and the teacher can switch the calculator off; outside it nothing is limited."""
from __future__ import annotations

import io

import pytest

import exercises
from exercises.tasks import load_all
from grader.batch.assignment import Assignment
from tutor import to_text
from tutor.operations.catalogue import operations
from tutor.repl.assignment import AssignmentWork
from tutor.repl.integrity import SOLVED_BY
from tutor.repl.session import Session
from tutor.repl.store import ProgressStore
from tutor.repl.terminal import Output, PlainReader

IDS = ("log-times-x", "classify-cubic-saddle", "limit-xy-over-r2", "gradient-at-point")
REFUSED = "would do the task of"


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


def run(tmp_path, bank, lines, **options) -> str:
    a = Assignment("Quiz", IDS, {i: 1.0 for i in IDS}, options)
    work = AssignmentWork(a, bank, tmp_path / "answers.csv", "ana", "quiz.toml")
    stdout = io.StringIO()
    out = Output(stdout, width=100)
    store = ProgressStore(tmp_path / "progress.sqlite3")
    session = Session(user="ana", out=out, store=store, bank=bank, work=work)
    session.reader = PlainReader(io.StringIO("".join(f"{line}\n" for line in lines)), out)
    session.run()
    store.close()
    return stdout.getvalue()


def between(text: str, command: str) -> str:
    """What the session printed after the line ``command``, up to the next prompt."""
    return text.split(f"> {command}\n", 1)[1].split("> ", 1)[0]


def test_every_task_has_a_row_and_every_operation_named_exists():
    assert set(SOLVED_BY) == set(load_all())
    assert set().union(*SOLVED_BY.values()) <= set(operations())


def test_the_exercises_own_task_is_refused_up_to_equivalence(tmp_path, bank):
    f = {i: to_text(bank[i].function_for("ana")) for i in IDS}
    zero = "((x + 1)^2 - x^2 - 2x - 1)"          # an equivalent spelling, not the same text
    commands = [f"diff {f['log-times-x']}", f"diff {zero} + {f['log-times-x']} x",
                f"critical {f['classify-cubic-saddle']}", f"hessian y^2 + x^3 - 12x",
                f"limit {f['limit-xy-over-r2']} at (0, 0)", f"grad {f['gradient-at-point']}",
                "diff x^3*sin(x)", f"limit {f['log-times-x']} at x=1", "critical x^2 + y^2"]
    text = run(tmp_path, bank, commands)
    for refused in commands[:6]:
        assert REFUSED in between(text, refused), refused
    assert "Not during Quiz: diff would do the task of log-times-x" in between(text, commands[0])
    assert "critical-points" not in between(text, commands[2]) and "classify-cubic-saddle" in between(text, commands[2])
    for allowed in commands[6:]:                # another function, or an operation that does not solve the task
        assert REFUSED not in between(text, allowed) and between(text, allowed).strip(), allowed


def test_the_teacher_can_switch_the_calculator_off(tmp_path, bank):
    text = run(tmp_path, bank, ["diff x^3*sin(x)", "plot x^2"], calculator=False)
    assert "The calculator is switched off for Quiz (your teacher's choice)." in between(text, "diff x^3*sin(x)")
    assert "switched off" in between(text, "plot x^2")


def test_outside_an_assignment_the_calculator_is_not_limited(tmp_path, bank):
    stdout = io.StringIO()
    out = Output(stdout, width=100)
    session = Session(user="ana", out=out, store=ProgressStore(tmp_path / "p.sqlite3"), bank=bank)
    session.reader = PlainReader(io.StringIO("diff 3x*ln(x)\n"), out)
    session.run()
    assert REFUSED not in stdout.getvalue() and "3·ln(x) + 3" in stdout.getvalue()


def test_each_part_of_a_multipart_exercise_is_guarded_with_the_students_parameters(tmp_path, bank):
    """line-fit-chain (the core's example): its grad part is a gradient task on the exercise's function,
    whose parameters come from the whole exercise's seed for this student."""
    a = Assignment("Quiz", ("line-fit-chain",), {"line-fit-chain": 5.0}, {})
    work = AssignmentWork(a, bank, tmp_path / "answers.csv", "ana", "quiz.toml")
    f = to_text(bank["line-fit-chain"].function_for("ana"))
    stdout = io.StringIO()
    out = Output(stdout, width=100)
    session = Session(user="ana", out=out, store=ProgressStore(tmp_path / "p.sqlite3"), bank=bank, work=work)
    session.reader = PlainReader(io.StringIO(f"grad {f}\ngrad (w*7 + b - 11)^2\n"), out)
    session.run()
    text = stdout.getvalue()
    assert "Not during Quiz: grad would do the task of line-fit-chain" in between(text, f"grad {f}")
    assert REFUSED not in between(text, "grad (w*7 + b - 11)^2")       # other parameters: another function
