"""SymPy's assumption queries draw no random numbers once the reader is loaded: verdicts repeat."""
import subprocess
import sys

import sympy as sp
from sympy.core.random import _assumptions_rng

import grader
from tutor.reading import steady


def test_the_hook_is_in_place():
    assert steady.STEADY, "SymPy no longer has sympy.core.assumptions.shuffle: see tutor/reading/steady.py"


def test_grading_draws_nothing_from_sympys_shuffle_generator():
    state = _assumptions_rng.getstate()
    x = sp.Dummy("x", real=True)  # a fresh object: its assumptions are asked from scratch
    assert (sp.exp(x) * sp.Abs(x - 1) + x**2).is_nonnegative is True
    verdict = grader.check("x*abs(x-3) + exp(x)/(x+1)", "exp(x)/(1+x) + abs(x-3)*x", kind="expression")
    assert verdict.status == "correct"
    assert _assumptions_rng.getstate() == state


def test_the_same_verdict_text_under_different_hash_seeds():
    code = ("import grader; v = grader.check('2*(sqrt(t)-5)-10*log(abs(sqrt(t)-5))+c', "
            "'2*(sqrt(t)-5)-10*log((sqrt(t)-5))+c', kind='antiderivative'); print(v.status, v.feedback)")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")}
    assert len(outs) == 1 and outs.pop().startswith("incorrect")
