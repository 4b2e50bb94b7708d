"""Left-hand sides and natural answer forms: ``g'(x) = …``, ``dy/dx = …``, ``∇f = (…)``,
``(w, b) = (0.4, -0.2)``, ``w = 0.4, b = -0.2``.

A learner often names what they are giving. The name is read here, once, for
every front-end (REPL, ``calctutor check``, ``calctutor grade``): the value on the
right is graded, and the name on the left is checked against what the exercise
asks (its variables, and the option ``asked`` when the exercise says it). A left
side that names something else (the wrong variable, the wrong function, a
gradient for a number) makes the answer *invalid*, with a sentence saying why:
it answers another question, so nothing is counted. The left side is read by a
small fixed pattern language; nothing is evaluated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import cast

from grader import words
from grader.reading import Judged
from tutor.reading.names import FUNCTIONS, GREEK, function_key
from tutor.reading.split import split_top_level

SCALAR = frozenset({"expression", "number", "limit"})
VECTOR = frozenset({"vector", "gradient"})
MATRIX = frozenset({"matrix", "hessian"})
POINTS = frozenset({"point_set"})
NAMED = SCALAR | VECTOR | MATRIX | POINTS  # the kinds whose answers may carry a left-hand side

# The patterns run on the left side with every space removed, and none of them has two
# ways to match the same text (a denominator's variable is one letter or a Greek name, an
# order needs ^ or a superscript), so matching stays linear whatever a learner types.
_N = r"[A-Za-z\u0391-\u03c9][A-Za-z0-9_\u0391-\u03c9{}]*"
_V = (r"(?:" + "|".join(sorted(GREEK, key=len, reverse=True)) + r"|[A-Za-z\u0391-\u03c9])"
      r"(?:_\{?[A-Za-z0-9]+\}?)?")
_ORDER = r"(?:\^(\d)|([²³]))?"
_DENOMINATOR = rf"(?:d{_V}{_ORDER}|(?:∂{_V}{_ORDER})+)"
_PRIME = re.compile(rf"^(?P<name>{_N})(?P<primes>'+|′+|″|‴)(?:\((?P<args>[^()]*)\))?$")
_LEIBNIZ = re.compile(rf"^(?P<d>d|∂){_ORDER}(?P<name>{_N})?(?:\((?P<args>[^()]*)\))?/(?P<wrt>{_DENOMINATOR})$")
_LEIBNIZ_OP = re.compile(rf"^(?P<d>d|∂){_ORDER}/(?P<wrt>{_DENOMINATOR})(?P<name>{_N})?(?:\((?P<args>[^()]*)\))?$")
_WRT = re.compile(rf"(?:d|∂)({_V}){_ORDER}")
_GRADIENT = re.compile(rf"^(?:∇|grad|nabla)(?P<name>{_N})?(?:\((?P<args>[^()]*)\))?$")
_GRADIENT_CALL = re.compile(rf"^grad\((?P<name>{_N})\)$")
_TUPLE = re.compile(r"^[(<⟨](?P<names>[^()<>⟨⟩]*)[)>⟩]$")
_PLAIN = re.compile(rf"^(?P<name>{_N})(?:\((?P<args>[^()]*)\))?$")
_NAME = re.compile(rf"^{_N}$")
_SUP = {"²": 2, "³": 3}
_SHORT = re.compile(r"^(?:" + "|".join(sorted(GREEK, key=len, reverse=True))
                    + r"|[A-Za-z]|[\u0391-\u03c9])(?:_\{?[A-Za-z0-9]+\}?|\d+)?$")


@dataclass(frozen=True)
class Claim:
    """What a left-hand side says the answer is."""

    what: str  # "value", "derivative", "gradient" or "names"
    name: str | None = None  # the function named (f, g, y, σ), if any
    wrt: tuple[str, ...] = ()  # variables of differentiation
    order: int = 0
    args: tuple[str, ...] = ()  # f(x, y): what the function is applied to, as typed
    names: tuple[str, ...] = ()  # (w, b) = …: the names of the components
    text: str = ""

    def describe(self) -> str:
        return self.text or (self.name or "")


def read_claim(lhs: str) -> Claim | None:
    """The claim a left-hand side makes, or None when it is not one we know (then it is an equation)."""
    text = "".join(lhs.split())
    for reader in (_prime, _leibniz, _gradient, _names, _plain):
        claim = reader(text)
        if claim is not None:
            return replace(claim, text=" ".join(lhs.split()))
    return None


def _args(text: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.split(",")) if text else ()


def _prime(text: str) -> Claim | None:
    m = _PRIME.match(text)
    if not m:
        return None
    primes = m.group("primes")
    order = {"″": 2, "‴": 3}.get(primes, len(primes))
    args = _args(m.group("args"))
    wrt = args * order if len(args) == 1 and _NAME.match(args[0]) else ()  # f''(x): twice in x
    return Claim("derivative", m.group("name"), wrt, order, args, text=text)


def _leibniz(text: str) -> Claim | None:
    m = _LEIBNIZ.match(text) or _LEIBNIZ_OP.match(text)
    if not m:
        return None
    order = int(m.group(2)) if m.group(2) else _SUP.get(m.group(3) or "", 1)
    wrt: list[str] = []
    for v, digits, sup in _WRT.findall(m.group("wrt")):
        wrt += [v] * (int(digits) if digits else _SUP.get(sup, 1))
    if len(wrt) != order:
        return None
    return Claim("derivative", m.group("name"), tuple(wrt), order, _args(m.group("args")), text=text)


def _gradient(text: str) -> Claim | None:
    m = _GRADIENT_CALL.match(text) or _GRADIENT.match(text)
    if not m:
        return None
    args = _args(m.groupdict().get("args"))
    return Claim("gradient", m.group("name"), args=args, text=text)


def _names(text: str) -> Claim | None:
    m = _TUPLE.match(text)
    if not m:
        return None
    names = _args(m.group("names"))
    if len(names) < 2 or not all(_NAME.match(n) for n in names):
        return None
    return Claim("names", names=names, text=text)


def _plain(text: str) -> Claim | None:
    """``y``, ``x1``, ``σ`` or ``f(x, y)``: a short name (``xy = 1`` stays an equation) or a function."""
    m = _PLAIN.match(text)
    if not m or m.group("name").lower() in FUNCTIONS:
        return None
    if not (m.group("args") is not None or _SHORT.match(m.group("name"))):
        return None
    return Claim("value", m.group("name"), args=_args(m.group("args")), text=text)


# -- splitting the answer ------------------------------------------------------------------------
def split(text: str) -> tuple[Claim | None, str]:
    """``lhs = rhs`` (one '=' outside brackets, a left side we know) -> (claim, rhs); else (None, text).

    ``w = 0.4, b = -0.2`` -> (names w, b; ``(0.4, -0.2)``).
    """
    parts = split_top_level(text, ",")
    if len(parts) > 1:
        pairs = [_sides(p) for p in parts]
        if all(p is not None and _NAME.match(p[0]) for p in pairs):
            names = tuple(lhs for lhs, _ in cast(list[tuple[str, str]], pairs))
            return (Claim("names", names=names, text="(" + ", ".join(names) + ")"),
                    "(" + ", ".join(rhs for _, rhs in cast(list[tuple[str, str]], pairs)) + ")")
    sides = _sides(text)
    claim = read_claim(sides[0]) if sides is not None else None
    return (claim, sides[1]) if claim is not None and sides is not None else (None, text)


def _sides(text: str) -> tuple[str, str] | None:
    """The two sides of the one '=' outside brackets (not part of <=, >=, == or !=), or None."""
    depth, at = 0, None
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "=" and depth == 0:
            if at is not None:
                return None
            at = i
    if at is None or text[at - 1:at] in ("<", ">", "!"):
        return None
    lhs, rhs = text[:at].strip(), text[at + 1:].strip()
    return (lhs, rhs) if lhs and rhs else None


# -- checking the claim --------------------------------------------------------------------------
FEEDBACK = ("Your left-hand side names something other than what the question asks, so nothing was counted. "
            "Correct the left-hand side, or type the answer alone.")


class WrongSide(Judged):
    """The left-hand side names another quantity (an invalid answer, with its own words)."""

    def __init__(self, error: str, column: int | None = None, feedback: str | None = FEEDBACK):
        super().__init__(error, column, feedback)


def check(claim: Claim, kind: str | None, variables: tuple[str, ...], asked: Claim | None) -> None:
    """Raise ``Unreadable`` (an invalid answer) when the left side names something other than what is asked."""
    said = f"The left-hand side {claim.describe()}"
    if claim.what == "names":
        if kind not in VECTOR | POINTS:
            raise WrongSide(f"{said} names several values, but the answer here is "
                            f"{'a matrix' if kind in MATRIX else 'a single value'}.")
        _check_names(claim, variables, asked, said)
        if asked is not None:
            _against_asked(claim, asked, said)
        return
    if claim.what == "gradient" and kind not in VECTOR:
        raise WrongSide(f"{said} is a gradient, a vector, but the answer here is "
                        f"{'a set of points' if kind in POINTS else 'a single value'}.")
    if claim.what == "derivative" and kind not in SCALAR:
        raise WrongSide(f"{said} is a derivative, a single value, but the answer here is "
                        f"{'a vector' if kind in VECTOR else 'a set of points' if kind in POINTS else 'a matrix'}.")
    unknown = list(dict.fromkeys(v for v in claim.wrt if variables and v not in variables))
    if unknown:
        raise WrongSide(f"{said} differentiates with respect to {words.names(unknown)}, which "
                        f"{'is not a variable' if len(unknown) == 1 else 'are not variables'} of this exercise "
                        f"(its variables are {words.names(list(variables))}).")
    named = [a for a in claim.args if _NAME.match(a) and variables and a not in variables]
    if named:
        raise WrongSide(f"{said} uses {words.names(named)}, which "
                        f"{'is not a variable' if len(named) == 1 else 'are not variables'} of this exercise "
                        f"(its variables are {words.names(list(variables))}).")
    if claim.what == "value" and not claim.args and claim.name in variables:
        raise WrongSide(f"{said} is a variable of the answer itself, so this is an equation, not a value: "
                        "type the answer alone, or name it with a letter that is not one of its variables.")
    if asked is not None:
        _against_asked(claim, asked, said)


def _check_names(claim: Claim, variables: tuple[str, ...], asked: Claim | None, said: str) -> None:
    want = asked.names if asked is not None and asked.what == "names" else variables
    if want and sorted(claim.names) != sorted(want):
        raise WrongSide(f"{said} names {words.names(list(claim.names))}, but this exercise's unknowns are "
                        f"{words.names(list(want))}.")


_FITS = {"derivative": {"derivative", "value"}, "gradient": {"gradient", "value"}, "names": {"names", "value"},
         "value": {"value", "derivative", "gradient", "names"}}


def _against_asked(claim: Claim, asked: Claim, said: str) -> None:
    wanted = asked.describe()
    if claim.what not in _FITS[asked.what]:
        raise WrongSide(f"{said} does not name {wanted}, which the question asks for.")
    if asked.what == "derivative":
        if claim.what == "value":
            if claim.name is not None and asked.name is not None and claim.args and \
                    function_key(claim.name) == function_key(asked.name):
                raise WrongSide(f"{said} is the function itself, but the question asks for its derivative, "
                                f"{wanted}.")
            return
        if claim.order != asked.order:
            raise WrongSide(f"{said} is a derivative of order {claim.order}, but the question asks for "
                            f"{wanted}, of order {asked.order}.")
        if claim.wrt and asked.wrt and sorted(claim.wrt) != sorted(asked.wrt):
            raise WrongSide(f"{said} is a derivative with respect to {words.names(list(claim.wrt))}, but the "
                            f"question asks for {wanted}, with respect to {words.names(list(asked.wrt))}.")
    if claim.what in ("derivative", "gradient") and not _same_function(claim.name, asked.name):
        raise WrongSide(f"{said} names the function {claim.name}, but the question is about "
                        f"{asked.name} ({wanted}).")


def _same_function(said: str | None, asked: str | None) -> bool:
    """f'(x) for g'(x) is another function; y (dy/dx, y') stands for whichever function is asked."""
    if said is None or asked is None or said == "y":
        return True
    return function_key(said) == function_key(asked)


def parse_asked(text: str) -> Claim:
    """The ``asked`` option (``"g'(x)"``, ``"∂f/∂x"``, ``"∇f"``, ``"(w, b)"``) as a Claim; ValueError if unknown."""
    claim = read_claim(text.strip())
    if claim is None:
        raise ValueError(f"cannot read asked={text!r}; write it as a left-hand side such as g'(x), dy/dx, "
                         "∂f/∂x, ∇f or (w, b)")
    return claim
