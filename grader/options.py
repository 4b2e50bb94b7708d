"""The options of ``grader.check``, checked once and carried as one frozen record.

A misspelt option is a programming error (``TypeError`` naming it); a bad value is
a ``ValueError`` that says what is allowed. Neither is the learner's fault.
"""
from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import sympy as sp

from grader.equivalence import DEFAULT_TOLERANCE, Tolerance
from tutor import settings
from tutor.engine.later import Later

FORMS = ("simplified", "expanded", "factored")
DEFAULT_TIMEOUT = settings.current().timeout


@dataclass(frozen=True)
class Options:
    variables: tuple[sp.Symbol, ...] | None = None
    tolerance: Tolerance = DEFAULT_TOLERANCE  # for answers typed with decimals
    figures: bool = False  # digits were set: a lone whole number's trailing zeros are not significant
    exact: bool = False  # decimals must be exactly right (0.5 for 1/2 is fine; 0.3333 for 1/3 is not)
    form: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    mistakes: tuple = ()  # or a tutor.engine.later.Later, read only when an answer is wrong
    choices: tuple | None = None
    classify: bool | None = None
    labels: tuple[str, ...] | None = None  # names of vector components ("∂f/∂x", …)
    form_credit: float = 0.5  # score for a right value in the wrong form
    constant: str | None = None  # antiderivatives: "optional", "required" or "forbidden" (+ C)
    functions: tuple = ()  # grader.defined.Definition: names the exercise defines (σ, f, g)
    asked: Any = None  # grader.sides.Claim: what the answer is (g'(x), ∂f/∂x, ∇f, (w, b)), for its left side

    def with_(self, **changes: Any) -> "Options":
        return replace(self, **changes)


_NAMES = ("variables", "vars", "tolerance", "digits", "exact", "form", "timeout", "mistakes",
          "choices", "classify", "labels", "form_credit", "constant", "functions", "asked")
CONSTANT_POLICIES = ("optional", "required", "forbidden")


def options_from(kwargs: Mapping[str, Any]) -> Options:
    """Validate ``**options`` of ``check``."""
    unknown = [k for k in kwargs if k not in _NAMES]
    if unknown:
        name = unknown[0]
        close = difflib.get_close_matches(name, _NAMES, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known options: {', '.join(_NAMES)}"
        raise TypeError(f"check() got an unknown option {name!r}{hint}")
    out: dict[str, Any] = {}
    variables = kwargs.get("variables", kwargs.get("vars"))
    if variables is not None:
        if isinstance(variables, str):
            variables = [v for v in variables.replace(" ", "").split(",") if v]
        out["variables"] = tuple(v if isinstance(v, sp.Symbol) else sp.Symbol(str(v)) for v in variables)
    if kwargs.get("digits") is not None:
        digits = int(kwargs["digits"])
        if digits < 1:
            raise ValueError("digits must be at least 1")
        out["tolerance"] = Tolerance.digits(digits)
        out["figures"] = True
    if isinstance(kwargs.get("tolerance"), Tolerance):
        out["tolerance"] = kwargs["tolerance"]
    elif kwargs.get("tolerance") is not None:
        tol = float(kwargs["tolerance"])
        if not 0 <= tol < 1:
            raise ValueError(f"tolerance is relative and must lie in [0, 1), got {tol}")
        out["tolerance"] = Tolerance.relative(tol)
    if kwargs.get("exact") is not None:
        out["exact"] = bool(kwargs["exact"])
    form = kwargs.get("form")
    if form is not None:
        if form not in FORMS:
            raise ValueError(f"unknown form {form!r}; choose one of {', '.join(FORMS)}")
        out["form"] = form
    if kwargs.get("timeout") is not None:
        t = float(kwargs["timeout"])
        if t <= 0:
            raise ValueError("timeout must be positive (seconds)")
        out["timeout"] = t
    mistakes = kwargs.get("mistakes")
    if isinstance(mistakes, Later):  # a variant's generated mistakes: worked out only when an answer is wrong
        out["mistakes"] = mistakes
    elif mistakes:
        out["mistakes"] = tuple(mistakes)
    if kwargs.get("choices") is not None:
        choices = kwargs["choices"]
        # a mapping is kept as a tuple of (key, text) pairs, so that options stay hashable
        if isinstance(choices, Mapping):
            out["choices"] = ("mapping", tuple((str(k), str(v)) for k, v in choices.items()))
        else:
            out["choices"] = tuple(choices)
    if kwargs.get("classify") is not None:
        out["classify"] = bool(kwargs["classify"])
    if kwargs.get("labels") is not None:
        labels = kwargs["labels"]
        if isinstance(labels, str) or not isinstance(labels, Sequence):
            raise ValueError("labels must be a sequence of names, one per component")
        out["labels"] = tuple(str(x) for x in labels)
    if kwargs.get("constant") is not None:
        policy = kwargs["constant"]
        if policy not in CONSTANT_POLICIES:
            raise ValueError(f"unknown constant policy {policy!r}; choose one of {', '.join(CONSTANT_POLICIES)}")
        out["constant"] = policy
    if kwargs.get("functions"):
        from grader.defined import definitions

        out["functions"] = definitions(kwargs["functions"])
    if kwargs.get("asked") is not None:
        from grader.sides import Claim, parse_asked

        asked = kwargs["asked"]
        out["asked"] = asked if isinstance(asked, Claim) else parse_asked(str(asked))
    if kwargs.get("form_credit") is not None:
        out["form_credit"] = min(max(float(kwargs["form_credit"]), 0.0), 1.0)
    return Options(**out)
