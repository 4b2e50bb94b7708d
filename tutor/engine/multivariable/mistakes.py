"""Classic wrong gradients: components swapped, or one partial derivative done wrongly.

Keys: ``gradient-swapped`` (two components exchanged), and, for one component done
wrongly, the key of the derivative mistake (see ``tutor.engine.derivative.mistakes``),
with the description saying which component.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from tutor.engine.derivative.check import same
from tutor.engine.derivative.mistakes import derivative_mistakes
from tutor.engine.mistakes import Mistake
from tutor.engine.multivariable.partials import gradient

PER_COMPONENT = 4  # derivative mistakes kept per component


def _same_vector(a: sp.Tuple, b: sp.Tuple) -> bool | None:
    flags = [same(p, q) for p, q in zip(a, b)]
    if False in flags:
        return False
    return True if all(f is True for f in flags) else None


def gradient_mistakes(f: Any, variables: Sequence[Any] | None = None) -> list[Mistake]:
    """Wrong gradients a student is likely to give, each different from the right one."""
    g = gradient(f, variables, simplify=False)
    right = g.result
    names = [v.name for v in g.variables]
    candidates: list[Mistake] = []
    for i in range(len(right)):
        for j in range(i + 1, len(right)):
            swapped = list(right)
            swapped[i], swapped[j] = swapped[j], swapped[i]
            candidates.append(Mistake(
                "gradient-swapped",
                f"The components are in the wrong places: the gradient lists ∂f/∂{names[i]} first and "
                f"∂f/∂{names[j]} after it, in the order ({', '.join(names)}).", sp.Tuple(*swapped)))
    for i, v in enumerate(g.variables):
        for m in derivative_mistakes(g.function, v)[:PER_COMPONENT]:
            wrong = list(right)
            wrong[i] = m.expr
            candidates.append(Mistake(m.key, f"In ∂f/∂{v.name}: {m.description}", sp.Tuple(*wrong),
                                      None if m.guided is None else f"In ∂f/∂{v.name}: {m.guided}"))
    kept: list[Mistake] = []
    for m in candidates:
        if _same_vector(m.expr, right) is not False:
            continue
        if any(_same_vector(m.expr, k.expr) is not False for k in kept):
            continue
        kept.append(m)
    return kept
