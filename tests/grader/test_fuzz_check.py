"""Fuzz the whole answer path: ``tutor.parse``, ``grader.check`` and every renderer of the Verdict (issue 18).

Grammar-built, mutated and random inputs. Laws: ``parse`` raises nothing but
ParseError and keeps no number longer than the reader's limit; ``check`` raises
nothing and returns a well-formed verdict whose words name no Python exception;
every renderer returns text (and ``to_dict`` is JSON). A signal alarm of 2 s per
call is a hang detector, not a speed assertion: it raises an exception no code
under test catches. The number of examples comes from the Hypothesis profile;
``HYPOTHESIS_PROFILE=fuzz`` runs the long version (docs/reliability.md).
"""
from __future__ import annotations

import json
import re
import signal
import threading
from contextlib import contextmanager

import pytest
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

import grader
from grader.verdict import STATUSES, Verdict
from tutor.reading.dne import DoesNotExist
from tutor.reading.errors import ParseError
from tutor.reading.limits import current
from tutor.reading.parser import parse_uncached
from tutor.reading.sizes import largest_number

HANG_SECONDS = 2
CHECK_TIMEOUT = 1.0  # the check's own limit; the detector only fires if that limit fails
EXCEPTION_WORDS = re.compile(r"\b\w+(Error|Exception)\b|Traceback|TimedOut")
EXPECTED = ["2x", "x^2 + 1", "(1, 2)", "{(0, 0), (1, 2)}", "sin(x)", "DNE", "y = 2x + 1", "[[1, 2], [3, 4]]",
            "e^(2x)", "1/2"]
RENDERERS = ("to_text", "to_unicode", "to_latex", "to_markdown", "to_html")


class Hung(BaseException):
    """Raised by the detector; a BaseException, so no ``except Exception`` can hide a hang."""


@contextmanager
def hang_detector(what: str):
    if threading.current_thread() is not threading.main_thread():  # pragma: no cover
        yield
        return

    fired = []

    def _fire(signum, frame):
        fired.append(what)
        raise Hung(f"{what} ran past {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, _fire)
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if fired:  # raised where it was swallowed (a garbage-collector callback, a __del__)
        raise Hung(f"{fired[0]} ran past {HANG_SECONDS} s")


@pytest.fixture(scope="module", autouse=True)
def _worker_started():
    """Start the grading worker once, outside the detector: its start-up is not a hang."""
    from tutor.engine.bounded import bounded

    assert bounded(abs, -1, timeout=60) == 1


# ------------------------------------------------------------------ inputs
NUMBERS = st.one_of(st.integers(0, 10**6).map(str), st.sampled_from(["0.5", ".25", "1e3", "2.5e-3", "10^999",
                                                                        "10^1000", "9^9", "½", "1000!"]))
ATOMS = st.one_of(NUMBERS, st.sampled_from(["x", "y", "t", "pi", "e", "oo", "π", "θ", "-1", "x_1"]))
FUNCS = ["sin", "cos", "tan", "acos", "asin", "atan", "ln", "log", "sqrt", "exp", "abs", "sinh", "cbrt", "log_2"]


def _compound(inner: st.SearchStrategy) -> st.SearchStrategy:
    binary = st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "^", " ", "^-", "**"]), inner).map(
        lambda t: f"{t[0]}{t[1]}{t[2]}")
    call = st.tuples(st.sampled_from(FUNCS), inner).map(lambda t: f"{t[0]}({t[1]})")
    bare = st.tuples(st.sampled_from(["sin", "cos", "ln", "sin^2", "√"]), inner).map(lambda t: f"{t[0]} {t[1]}")
    latex = st.one_of(st.tuples(inner, inner).map(lambda t: rf"\frac{{{t[0]}}}{{{t[1]}}}"),
                      inner.map(lambda a: rf"\sqrt{{{a}}}"), inner.map(lambda a: rf"e^{{{a}}}"))
    return st.one_of(binary, call, bare, latex, inner.map(lambda a: f"({a})"), inner.map(lambda a: f"|{a}|"),
                     inner.map(lambda a: f"-{a}"), inner.map(lambda a: f"{a}!"))


EXPRESSIONS = st.recursive(ATOMS, _compound, max_leaves=12)
STRUCTURES = st.one_of(
    st.lists(EXPRESSIONS, min_size=2, max_size=3).map(lambda xs: "(" + ", ".join(xs) + ")"),
    st.lists(EXPRESSIONS, min_size=2, max_size=3).map(lambda xs: "<" + ", ".join(xs) + ">"),
    st.lists(st.lists(EXPRESSIONS, min_size=2, max_size=2).map(lambda xs: "(" + ", ".join(xs) + ")"),
             min_size=1, max_size=3).map(lambda xs: "{" + ", ".join(xs) + "}"),
    st.tuples(EXPRESSIONS, EXPRESSIONS).map(lambda t: f"y = {t[0]} + {t[1]}"),
    st.lists(EXPRESSIONS, min_size=4, max_size=4).map(lambda c: f"[[{c[0]}, {c[1]}], [{c[2]}, {c[3]}]]"),
)
GRAMMAR = st.one_of(EXPRESSIONS, STRUCTURES)
ALPHABET = "0123456789xyzte.+-*/^()[]{}|<>,=! _\\√²⁻πθ∞·×÷−abcdfgilnopqrsuw'\":;%$&~@#`\n\t"
SEEDS = ["3xe^(2x)", "sin^2 x + cos^2 x", "(1, 2)", "{(0,0),(1,2)}", r"\frac{1}{\sqrt{x}}", "|x - 1|",
         "log_2(x)", "x + 2y = 3", "e^(1000 ln(10^1000))", "10^1000*10^1000", "sqrt(acos(2)^2)", "1^2^oo^x^640",
         "2^-2^-2^-x", "[[1,2],[3,4]]", "e^-x^2", "DNE", "2^3^2"]


@st.composite
def mutated(draw):
    """A realistic or hostile answer with a few characters inserted, deleted, replaced or repeated."""
    text = list(draw(st.one_of(st.sampled_from(SEEDS), GRAMMAR)))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "repeat"]))
        i = draw(st.integers(0, len(text)))
        if op == "insert":
            text.insert(i, draw(st.sampled_from(ALPHABET)))
        elif op == "repeat" and text:
            j = draw(st.integers(i, min(len(text), i + 4)))
            text[i:i] = text[i:j] * draw(st.integers(2, 60))
        elif text and i < len(text):
            if op == "delete":
                del text[i]
            else:
                text[i] = draw(st.sampled_from(ALPHABET))
    return "".join(text)


ANSWERS = st.one_of(GRAMMAR, mutated(), st.text(alphabet=ALPHABET, max_size=40), st.text(max_size=20))


# ------------------------------------------------------------------ laws
def _read(text: str):
    with hang_detector(f"parse({text!r})"):
        try:
            return parse_uncached(text)
        except ParseError as err:
            assert err.message and not EXCEPTION_WORDS.search(str(err))
            return err


def _grade(expected: str, answer: str) -> Verdict:
    with hang_detector(f"check({expected!r}, {answer!r})"):
        verdict = grader.check(expected, answer, timeout=CHECK_TIMEOUT)
    assert isinstance(verdict, Verdict) and verdict.status in STATUSES
    assert 0.0 <= verdict.score <= 1.0
    if verdict.status in ("invalid", "undecided"):
        assert verdict.score == 0.0
    return verdict


def _render_all(verdict: Verdict, answer: object = None) -> None:
    with hang_detector(f"rendering the verdict on {answer!r}"):
        outputs = [getattr(verdict, name)() for name in RENDERERS]
        outputs.append(json.dumps(verdict.to_dict()))
    for out in outputs:
        assert isinstance(out, str) and out
        assert not EXCEPTION_WORDS.search(out), out


@given(ANSWERS)
@example("e^(100000 ln(10^1000))")
@example(r"e^{100000 \ln(10^{1000})}")
@example("sqrt(acos(2)^2)")
@example("1^2^oo^x^640")
@example("2^-" * 150 + "x")
def test_parse_raises_only_parse_error_and_keeps_numbers_printable(text):
    result = _read(text)
    if isinstance(result, ParseError):
        return
    assert isinstance(result, (sp.Basic, sp.MatrixBase, DoesNotExist))
    assert largest_number(result) <= current().max_digits + 1


@given(st.sampled_from(EXPECTED), ANSWERS)
@example("2x", "e^(1000 ln(10^1000))")
@example("2x", "10^1000*10^1000*10^1000*10^1000*10^1000")
@example("2x", "sqrt(acos(2)^2)")
@example("x^2 + 1", "1^2^oo^x^640")
def test_check_and_every_renderer_never_raise(expected, answer):
    verdict = _grade(expected, answer)
    outcome = _read(answer)
    if verdict.status == "invalid" and not isinstance(outcome, ParseError):
        assert verdict.feedback  # readable but of the wrong shape: still said in words
    _render_all(verdict, answer)


@given(st.sampled_from(EXPECTED), st.integers(1001, 9000), st.sampled_from(["n", "n*x", "(n, 1)", "x + 1/n"]))
def test_huge_values_passed_as_objects_render_safely(expected, digits, shape):
    n = sp.Integer(7) * sp.Integer(10) ** digits
    x = sp.Symbol("x")
    answer = {"n": n, "n*x": n * x, "(n, 1)": sp.Tuple(n, 1), "x + 1/n": x + 1 / n}[shape]
    with hang_detector("check of a huge value"):
        verdict = grader.check(expected, answer, timeout=CHECK_TIMEOUT)
    assert verdict.status in STATUSES
    _render_all(verdict, shape)


@pytest.mark.parametrize("answer", ["2x", "x + x", "2*x + 0"])
def test_the_hang_detector_lets_ordinary_checks_through(answer):
    assert _grade("2x", answer).status == "correct"
