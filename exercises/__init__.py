"""The exercise bank: TOML files shipped as package data, plus a teacher's own folders."""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    "load": "exercises.bank_loader",
    "Bank": "exercises.bank_loader",
    "Exercise": "exercises.exercise",
    "Variant": "exercises.exercise",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'exercises' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
