"""Issue 18.11: every operation has caps on its sizes and one overall time limit, and says
what it could not finish (exit 4 on the command line, a sentence in the REPL), never a traceback."""
from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from tutor.cli import main
from tutor.operations.catalogue import MAX_SECONDS, operations
from tutor.repl.calculator import CALCULATOR
from tutor.repl.session import Session
from tutor.repl.store import ProgressStore
from tutor.repl.terminal import Output

SLOW = ["taylor", "tan(x+y)", "--at", "x=1,y=1", "--order", "14"]  # minutes of SymPy series work


def test_every_size_parameter_declares_a_cap_and_every_operation_a_time_limit():
    for op in operations().values():
        assert 0 < op.seconds <= MAX_SECONDS, op.name
        for p in op.params:
            if p.kind in ("integer", "list"):
                assert p.high is not None, f"{op.name} {p.option} has no cap"
        assert any(p.name == "time_limit" for p in op.params)


@pytest.mark.parametrize("argv, message", [
    (["diff", "x^2", "--order", "1000000000"], "--order must be at most 50"),
    (["taylor", "x", "--at", "x=0", "--order", "1000000"], "--order must be at most 20"),
    (["descend", "x^2", "--start", "1", "--lr", "0.1", "--steps", "10000000"], "--steps must be at most 1,000,000"),
    (["sweep", "x^2", "--start", "1", "--lr", ",".join(["0.1"] * 21)], "--lr takes at most 20 learning rates"),
    (["level", "x^2 + y^2", "--c", ",".join(map(str, range(21)))], "--c takes at most 20 levels"),
    (["taylor", "x", "--at", "0", "--time-limit", "100000"], "--time-limit must be at most 600"),
])
def test_capped_sizes_are_refused_with_a_message(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "a cap" in err and "Traceback" not in err


def test_capped_order_is_refused_in_the_repl_too():
    with pytest.raises(ValueError, match="order must be at most 50 .a cap"):
        CALCULATOR["diff"].run("x^2 order 1000000000")


def test_over_budget_command_says_it_could_not_finish(capsys):
    assert main([*SLOW, "--time-limit", "0.5"]) == 4
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "could not finish taylor in 0.5 s" in captured.err and "--time-limit" in captured.err
    assert "Traceback" not in captured.err


def test_over_budget_inline_too():
    """Inside a worker (batch runs), the same limit is a SIGALRM; the outcome is the same.
    (A subprocess: an alarm that interrupts the parser mid-way must not disturb the other tests.)"""
    out = subprocess.run([sys.executable, "-m", "tutor", *SLOW, "--time-limit", "0.3"], capture_output=True,
                         text=True, timeout=120, env={**os.environ, "CALCTUTOR_BOUNDED": "inline"})
    assert out.returncode == 4 and "could not finish taylor in 0.3 s" in out.stderr


def test_over_budget_in_the_repl_is_a_sentence_and_the_session_goes_on(tmp_path):
    stdout = io.StringIO()
    session = Session(user="ana", out=Output(stdout, width=78), store=ProgressStore(tmp_path / "p.sqlite3"))
    session.handle("taylor tan(x+y) at x=1,y=1 order 14 time-limit 0.5")
    said = stdout.getvalue()
    assert "could not finish taylor in 0.5 s" in said and "time-limit S" in said and "Sorry" not in said
    session.handle("diff x^2")
    assert "So d/dx(x²) = 2·x." in stdout.getvalue()


def test_exit_status_4_end_to_end():
    out = subprocess.run([sys.executable, "-m", "tutor", *SLOW, "--time-limit", "0.5"], capture_output=True,
                         text=True, timeout=120, env={**os.environ, "CALCTUTOR_BOUNDED": ""})
    assert out.returncode == 4 and "could not finish" in out.stderr and "Traceback" not in out.stderr


def test_the_documented_table_of_limits_is_the_catalogue():
    from pathlib import Path

    def cap(p):
        return f"`{p.option}` ≤ {int(p.high) if float(p.high).is_integer() else p.high}"

    rows = ["| operation | time limit | caps |", "|---|---|---|"]
    for op in operations().values():
        caps = [cap(p) for p in op.params if p.high is not None and p.name != "time_limit"]
        rows.append(f"| {op.name} | {op.seconds:g} s | {', '.join(caps) or '—'} |")
    doc = (Path(__file__).parents[2] / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = doc.split("<!-- operations-table -->\n")[1].split("<!-- /operations-table -->")[0]
    assert table.strip().splitlines() == rows


def test_an_engine_budget_asked_for_stretches_the_overall_limit():
    from tutor.operations.run import _seconds

    critical = operations()["critical"]
    assert _seconds(critical, {}, "cli") == critical.seconds
    assert _seconds(critical, {"timeout": "100"}, "cli") == 110
    assert _seconds(critical, {"timeout": "100", "time_limit": "5"}, "cli") == 5
    assert _seconds(critical, {"timeout": "599"}, "cli") == MAX_SECONDS


BUG = """
import sys
from dataclasses import replace
from tutor.cli import main
from tutor.operations import catalogue

class Unpicklable(Exception):
    def __init__(self):
        super().__init__("boom inside the engine")
        self.callback = lambda: None  # like a parser state: cannot cross a process boundary

def explode(values):
    raise Unpicklable()

diff = catalogue.operations()["diff"]
catalogue._OPERATIONS["diff"] = replace(diff, compute=explode)  # before the worker is forked
sys.exit(main(["diff", "x^2"]))
"""


def test_a_bug_inside_the_worker_is_reported_plainly_even_when_it_cannot_be_pickled():
    out = subprocess.run([sys.executable, "-c", BUG], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "CALCTUTOR_BOUNDED": ""})
    assert out.returncode == 3, out.stderr
    assert "internal error (Unpicklable: boom inside the engine)" in out.stderr and "Traceback" not in out.stderr
