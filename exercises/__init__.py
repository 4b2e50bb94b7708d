"""The exercise bank: TOML files shipped as package data, plus a teacher's own folders."""
from __future__ import annotations

from tutor.lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "load": "exercises.bank_loader",
    "Bank": "exercises.bank_loader",
    "Exercise": "exercises.exercise",
    "Variant": "exercises.exercise",
    "Part": "exercises.parts",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
