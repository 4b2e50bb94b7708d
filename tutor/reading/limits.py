"""Abuse limits for the reader: how much text, nesting and number size it accepts.

Defaults suit typed answers with a wide margin. Override per call with
``parse(..., limits=Limits(...))``, process-wide with ``set_limits(...)``, or
through the environment (``CALCTUTOR_PARSE_MAX_LENGTH`` and friends).
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from tutor import settings
from tutor.settings import SettingsError


@dataclass(frozen=True)
class Limits:
    max_length: int = 2000      # characters of input
    max_depth: int = 40         # nesting: brackets, and depth of the expression tree built
    max_digits: int = 1000      # digits in a typed number, and in an exact number the reader computes
    max_exponent: int = 10_000  # largest numeric exponent (or root index) on a numeric or compound base
    max_factorial: int = 400    # largest integer n in n!
    max_root_digits: int = 300  # digits of an exact number under a root (perfect-power tests are slow)
    refuse_undefined: bool = False  # 1/0, log(0), ∞ − ∞ as a ParseError naming the part (the grader's reading)


def _from_env() -> Limits:
    """The limits with the ``CALCTUTOR_PARSE_<LIMIT>`` overrides (read by ``tutor.settings``)."""
    names = [f.name for f in fields(Limits)]
    values: dict[str, Any] = dict(settings.current().parse_limits)
    for name in values:
        if name not in names:
            raise SettingsError(f"CALCTUTOR_PARSE_{name.upper()} is not a reader limit; the limits are "
                                + ", ".join(f"CALCTUTOR_PARSE_{n.upper()}" for n in names))
    return Limits(**values)


LIMITS = _from_env()


def set_limits(**changes: Any) -> Limits:
    """Change the process-wide limits; returns the new limits.

    The parse cache keys on the limits in force, so no answer read under the old ones is served."""
    global LIMITS
    LIMITS = replace(LIMITS, **changes)
    return LIMITS


def current() -> Limits:
    return LIMITS
