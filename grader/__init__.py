"""Grading: is a learner's answer right, and if not, what went wrong?

The public names load lazily so that importing ``grader`` stays cheap.
"""
from __future__ import annotations

from tutor.lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "check": "grader.checking",
    "check_variant": "grader.checking",
    "check_parts": "grader.parts",
    "split_answers": "grader.parts",
    "check_one_cell": "grader.parts",
    "PartVerdict": "grader.parts",
    "PartsVerdict": "grader.parts",
    "Verdict": "grader.verdict",
    "ComponentVerdict": "grader.verdict",
    "Interpretation": "grader.verdict",
    "KINDS": "grader.kinds",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
