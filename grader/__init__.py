"""Grading: is a learner's answer right, and if not, what went wrong?

The public names load lazily so that importing ``grader`` stays cheap.
"""
from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_EXPORTS: dict[str, str] = {
    "check": "grader.check",
    "Verdict": "grader.verdict",
    "ComponentVerdict": "grader.verdict",
    "Interpretation": "grader.verdict",
    "KINDS": "grader.kinds",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'grader' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """``grader.check`` stays the function even after ``import grader.check`` (its module).

    The import system binds a submodule as an attribute of its package, which
    would shadow the function of the same name; the setter below refuses that.
    ``from grader.check import check`` keeps working (it reads ``sys.modules``).
    """

    @property
    def check(self):  # type: ignore[override]
        from grader.check import check as function

        return function

    @check.setter
    def check(self, value: Any) -> None:
        pass


sys.modules[__name__].__class__ = _Package
