"""SymPy's assumption queries in a fixed order, so that a verdict is the same in every run.

SymPy tries the prerequisite facts of an assumption query (is x*y positive? then is it
real, nonzero, ...) in an order shuffled by an unseeded generator, on purpose: a handler that
disagrees with the inference rules then shows up as a query whose answer changes from run to
run. A grader must not inherit that: a teacher signs a verdict once and expects ``--regrade``
to give it again. Sorting the facts instead of shuffling them makes the order the same in every
process (set order alone would follow PYTHONHASHSEED), and it is also cheaper than drawing random
numbers: the shuffle cost about 3 % of a cold grading pass.

The hook is a module attribute of ``sympy.core.assumptions``, not a public API; if a SymPy release
moves it, nothing breaks and the order is SymPy's again (tests/reading/test_steady.py notices).
"""
from __future__ import annotations

import importlib

# not ``import sympy.core.assumptions as m``: sympy.core's attribute of that name is a function
_assumptions = importlib.import_module("sympy.core.assumptions")


def steady_assumptions() -> bool:
    """Make SymPy try prerequisite facts in sorted order; True when SymPy has the hook."""
    if not hasattr(_assumptions, "shuffle"):
        return False
    setattr(_assumptions, "shuffle", list.sort)  # sorts the list of fact names in place, as shuffle would permute it
    return True


STEADY = steady_assumptions()
