"""What a bank exercise (or an assignment) may say about attempts, and how each value is checked.

The rules themselves (what an attempt can earn) are the grader's: :mod:`grader.scoring`. They live
here only as data, because the bank sits below the grader and checks its own fields.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from exercises.errors import BankError

# penalty: share of the points each graded attempt after the first takes (STACK's penalty);
# attempt_credit: or the share available at attempt 1, 2, … (PrairieLearn's declining list);
# max_attempts: how many graded attempts are allowed
ATTEMPT_KEYS = ("penalty", "attempt_credit", "max_attempts")


def attempt_problems(key: str, value: Any) -> str | None:
    """Why ``value`` cannot be the attempt rule ``key`` (None when it can)."""
    def share(v: Any) -> bool:
        return not isinstance(v, bool) and isinstance(v, (int, float)) and 0 <= v <= 1

    if key == "penalty" and not share(value):
        return "a share of the points from 0 to 1, such as 0.1"
    if key == "attempt_credit" and (not isinstance(value, Sequence) or isinstance(value, str) or not value
                                    or not all(share(v) for v in value)
                                    or any(b > a for a, b in zip(value, value[1:]))):
        return "a declining list of shares from 1 to 0 available at attempt 1, 2, …, such as [1, 0.7, 0.4]"
    if key == "max_attempts" and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        return "a whole number of graded attempts, at least 1"
    return None


def read_attempts(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The attempt rules an exercise gives (only those it gives); a bad one is a BankError on its field."""
    out: dict[str, Any] = {}
    for key in ATTEMPT_KEYS:
        if key in raw:
            why = attempt_problems(key, raw[key])
            if why:
                raise BankError(why, field=key)
            out[key] = tuple(float(v) for v in raw[key]) if key == "attempt_credit" else raw[key]
    return out
