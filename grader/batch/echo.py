"""How an answer was read, in learner syntax and LaTeX, for the gradebook's outputs.

A class repeats the same few readings, so each distinct value is printed once per process.
"""
from __future__ import annotations

from typing import Any

_PRINTED: dict[Any, tuple[str, str]] = {}


def read_as(seen: Any) -> tuple[str, str]:
    """(learner text, LaTeX) of how an answer was read; a class repeats the same few, so remember them."""
    try:
        key = (type(seen.obj), seen.obj)
        hit = _PRINTED.get(key)
    except TypeError:  # unhashable
        key, hit = None, None  # type: ignore[assignment]  # (no cache for this one)
    if hit is None:
        try:
            hit = (seen.text, seen.latex)
        except Exception:  # noqa: BLE001 - a printer gap loses only the echo
            hit = ("", "")
        if key is not None:
            if len(_PRINTED) > 20000:
                _PRINTED.clear()
            _PRINTED[key] = hit
    return hit
