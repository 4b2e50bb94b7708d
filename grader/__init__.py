"""Grading: is a learner's answer right, and if not, what went wrong?

The public names load lazily so that importing ``grader`` stays cheap.
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    "check": "grader.checking",
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
