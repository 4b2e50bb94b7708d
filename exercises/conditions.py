"""A tiny fixed grammar for parameter conditions such as ``a != b`` or ``a*b > 0``.

Conditions come from teachers' files, so they are parsed here by a small
recursive-descent parser and evaluated over exact fractions: never as code.

    condition  := disjunct ("or" disjunct)*
    disjunct   := comparison ("and" comparison)*
    comparison := sum (("==" | "!=" | "≠" | "<" | "<=" | "≤" | ">" | ">=" | "≥") sum)+
    sum        := product (("+" | "-") product)*
    product    := power (("*" | "/") power)*
    power      := unary ("^" unary)?          (integer exponents only)
    unary      := "-" unary | atom
    atom       := NUMBER | NAME | "abs" "(" sum ")" | "(" sum ")"

Conditions are bounded, because a bank file may be hostile: at most MAX_LENGTH
characters, MAX_DEPTH nested brackets or signs, and no value longer than
MAX_DIGITS digits while it is evaluated (``((s^64)^64)^64`` is refused, not computed).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Union

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z_0-9]*)|(==|!=|<=|>=|≠|≤|≥|[-+*/^()<>]))")
_COMPARE = {"==", "!=", "≠", "<", "<=", "≤", ">", ">=", "≥"}
MAX_LENGTH = 500  # characters in one condition
MAX_DEPTH = 30  # nested brackets, abs( and signs
MAX_DIGITS = 300  # digits of any value met while evaluating
_MAX_BITS = int(MAX_DIGITS * 3.33)

Node = Union[tuple, Fraction, str]


class ConditionError(ValueError):
    """A condition that cannot be read or evaluated; says where and why."""


@dataclass(frozen=True)
class Condition:
    """A parsed condition: ``holds(values)`` decides it for one choice of parameters."""

    text: str
    tree: Node
    names: frozenset[str]

    def holds(self, values: Mapping[str, Fraction]) -> bool:
        return bool(_eval(self.tree, values, self.text))


def parse_condition(text: str) -> Condition:
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"the condition is {len(text):,} characters long; at most {MAX_LENGTH} are allowed")
    tokens = _tokenize(text)
    parser = _Parser(tokens, text)
    tree = parser.condition()
    if parser.pos != len(tokens):
        raise ConditionError(f"unexpected {tokens[parser.pos]!r} in condition {text!r}")
    if not _is_boolean(tree):
        raise ConditionError(f"condition {text!r} compares nothing; write e.g. 'a != b'")
    return Condition(text, tree, frozenset(_names(tree)))


def _tokenize(text: str) -> list[str]:
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ConditionError(f"cannot read {text[pos:].strip()!r} in condition {text!r} "
                                 f"(column {pos + 1}); use numbers, parameter names, + - * / ^ and comparisons")
        tokens.append(m.group(m.lastindex or 0))
        pos = m.end()
    if not tokens:
        raise ConditionError("empty condition")
    return tokens


class _Parser:
    def __init__(self, tokens: list[str], text: str):
        self.tokens, self.text, self.pos = tokens, text, 0
        self.depth = 0

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(f"condition {_short(self.text)} nests brackets or signs more than "
                                 f"{MAX_DEPTH} deep; write it more simply")

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None:
            raise ConditionError(f"condition {self.text!r} ends too early")
        if expected is not None and tok != expected:
            raise ConditionError(f"expected {expected!r} but found {tok!r} in condition {self.text!r}")
        self.pos += 1
        return tok

    def condition(self) -> Node:
        node = self.disjunct()
        while self.peek() == "or":
            self.take()
            node = ("or", node, self.disjunct())
        return node

    def disjunct(self) -> Node:
        node = self.comparison()
        while self.peek() == "and":
            self.take()
            node = ("and", node, self.comparison())
        return node

    def comparison(self) -> Node:
        left = self.sum()
        chain = []
        while self.peek() in _COMPARE:
            op = self.take()
            right = self.sum()
            chain.append((op, left, right))
            left = right
        if not chain:
            return left
        node: Node = ("cmp",) + chain[0]
        for link in chain[1:]:
            node = ("and", node, ("cmp",) + link)
        return node

    def sum(self) -> Node:
        node = self.product()
        while self.peek() in ("+", "-"):
            node = (self.take(), node, self.product())
        return node

    def product(self) -> Node:
        node = self.power()
        while self.peek() in ("*", "/"):
            node = (self.take(), node, self.power())
        return node

    def power(self) -> Node:
        node = self.unary()
        if self.peek() == "^":
            self.take()
            node = ("^", node, self.unary())
        return node

    def unary(self) -> Node:
        if self.peek() == "-":
            self.take()
            self.deeper()
            node: Node = ("neg", self.unary())
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        tok = self.take()
        if tok == "(" or tok == "abs":
            if tok == "abs":
                self.take("(")
            self.deeper()
            node = self.sum()
            self.take(")")
            self.depth -= 1
            return ("abs", node) if tok == "abs" else node
        if tok[0].isdigit():
            return Fraction(tok)
        if tok in ("and", "or") or not (tok[0].isalpha() or tok[0] == "_"):
            raise ConditionError(f"unexpected {tok!r} in condition {self.text!r}")
        return tok


def _is_boolean(tree: Node) -> bool:
    return isinstance(tree, tuple) and tree[0] in ("cmp", "and", "or")


def _names(tree: Node) -> set[str]:
    if isinstance(tree, str):
        return {tree}
    if isinstance(tree, tuple):
        out: set[str] = set()
        for part in tree[1:]:
            if not (isinstance(part, str) and part in _COMPARE):
                out |= _names(part)
        return out
    return set()


def _eval(tree: Node, values: Mapping[str, Fraction], text: str):
    if isinstance(tree, Fraction):
        return tree
    if isinstance(tree, str):
        if tree not in values:
            raise ConditionError(f"condition {text!r} uses {tree!r}, which is not a numeric parameter")
        return values[tree]
    op = tree[0]
    if op == "or":
        return _eval(tree[1], values, text) or _eval(tree[2], values, text)
    if op == "and":
        return _eval(tree[1], values, text) and _eval(tree[2], values, text)
    if op == "cmp":
        return _compare(tree[1], _eval(tree[2], values, text), _eval(tree[3], values, text))
    if op in ("neg", "abs"):
        inner = _eval(tree[1], values, text)
        if isinstance(inner, _Undefined):
            return inner
        return -inner if op == "neg" else abs(inner)
    a, b = _eval(tree[1], values, text), _eval(tree[2], values, text)
    if isinstance(a, _Undefined) or isinstance(b, _Undefined):
        return _Undefined()
    return _bounded(_arithmetic(op, a, b, text), text)


def _arithmetic(op: str, a: Fraction, b: Fraction, text: str):
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        if b == 0:
            return Fraction(0) if a == 0 else _Undefined()
        return a / b
    if op == "^":
        if b.denominator != 1 or abs(b) > 64 or (a == 0 and b < 0):
            raise ConditionError(f"condition {_short(text)}: only small integer exponents are allowed")
        if _bits(a) * abs(int(b)) > _MAX_BITS:
            raise ConditionError(f"condition {_short(text)}: a power grows past {MAX_DIGITS} digits "
                                 f"({a if _bits(a) < 60 else 'a long number'}^{b}); use smaller numbers")
        return a ** int(b)
    raise ConditionError(f"condition {text!r}: unknown operation {op!r}")  # pragma: no cover


def _bits(v: Fraction) -> int:
    return max(abs(v.numerator).bit_length(), v.denominator.bit_length())


def _bounded(value, text: str):
    if isinstance(value, Fraction) and _bits(value) > _MAX_BITS:
        raise ConditionError(f"condition {_short(text)}: a value grows past {MAX_DIGITS} digits; "
                             "use smaller numbers")
    return value


def _short(text: str) -> str:
    return repr(text) if len(text) <= 60 else repr(text[:57] + "...")


class _Undefined:
    """A division by zero inside a condition: every comparison with it is false."""


def _compare(op: str, a, b) -> bool:
    if isinstance(a, _Undefined) or isinstance(b, _Undefined):
        return False
    if op == "==":
        return a == b
    if op in ("!=", "≠"):
        return a != b
    if op == "<":
        return a < b
    if op in ("<=", "≤"):
        return a <= b
    if op == ">":
        return a > b
    return a >= b


# ---- conditions on what a variant computes --------------------------------------------------------
# A parameter condition says which numbers may be chosen; a *variant guard* says what the chosen
# numbers must not make of the exercise: a descent step that does not descend, a start where
# nothing moves. ``bank validate`` checks every guard of the exercise's task on every choice of
# parameters (exercises.soundness); the author then excludes a degenerate choice with a
# parameter condition, so that no student is ever given it.

DESCENT_TASKS = ("gd_step", "gd_run", "optimizer_step")


@dataclass(frozen=True)
class VariantGuard:
    """One kind of degenerate variant: ``key`` names it in reports; ``violation`` says why, or None."""

    key: str
    tasks: tuple[str, ...]
    asks: tuple[str | None, ...] = ()  # for tasks with ``ask``: the questions it concerns (empty: all)

    def applies(self, task: str, inputs: Mapping) -> bool:
        return task in self.tasks and (not self.asks or inputs.get("ask", "point") in self.asks)

    def violation(self, descent: "DescentStart") -> str | None:  # pragma: no cover - each guard says
        raise NotImplementedError


@dataclass(frozen=True)
class DescentStart:
    """What a descent exercise starts from: f, its variables, the start x₀ and the rate η (exact)."""

    function: Any
    variables: tuple
    start: tuple
    lr: Any

    def gradient(self) -> list:
        import sympy as sp

        at = dict(zip(self.variables, self.start))
        return [sp.diff(self.function, v).subs(at) for v in self.variables]


class _ZeroGradient(VariantGuard):
    def violation(self, d: DescentStart) -> str | None:
        if all(_is_zero(g) for g in d.gradient()):
            return "the gradient at the start is zero, so descent does not move: choose another start"
        return None


class _StepKeepsLoss(VariantGuard):
    def violation(self, d: DescentStart) -> str | None:
        import sympy as sp

        g = d.gradient()
        if all(_is_zero(gi) for gi in g):
            return None  # the zero-gradient guard says it
        new = [x - d.lr * gi for x, gi in zip(d.start, g)]
        before = d.function.subs(dict(zip(d.variables, d.start)))
        after = d.function.subs(dict(zip(d.variables, new)))
        if not _is_zero(after - before):
            return None
        H = sp.hessian(d.function, d.variables).subs(dict(zip(d.variables, d.start)))
        gv = sp.Matrix(g)
        curvature = (gv.T * H * gv)[0] / (gv.T * gv)[0]
        why = f" (η = {d.lr} is exactly 2/λ for the curvature λ = {curvature} along the gradient)" \
            if curvature.is_positive and _is_zero(d.lr * curvature - 2) else ""
        return ("one step leaves the loss unchanged" + why + ": the step jumps across the valley "
                "to the same height, so it shows no descent; exclude this choice with a condition")


def _is_zero(value) -> bool:
    import sympy as sp

    value = sp.sympify(value)
    if value.is_zero is not None:
        return bool(value.is_zero)
    return abs(complex(sp.N(value, 30))) < 1e-20


GUARDS: tuple[VariantGuard, ...] = (
    _ZeroGradient("zero-gradient", DESCENT_TASKS, ("point", "value", "behaviour")),
    _StepKeepsLoss("step-keeps-loss", ("gd_step", "gd_run"), ("point", "value")),
)


def guards_for(task: str, inputs: Mapping) -> tuple[VariantGuard, ...]:
    """The variant guards that concern an exercise of ``task`` with these inputs."""
    return tuple(g for g in GUARDS if g.applies(task, inputs))
