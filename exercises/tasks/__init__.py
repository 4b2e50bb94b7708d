"""Exercise tasks: one small class per kind of question, kept in a registry.

A task declares its input fields and solves a variant with the engine. Adding
a task means adding one class with ``@register``; nothing else changes.
"""
from __future__ import annotations

import importlib

from exercises.tasks.base import TASKS, Context, Solved, Task, register

# modules whose classes register themselves
_MODULES = ("calculus", "multivariable", "surfaces", "shapes", "limits", "descent", "data", "questions",
            "systems")


def load_all() -> dict[str, type[Task]]:
    """Import every task module (cheap: none imports SymPy at module level) and return the registry."""
    for name in _MODULES:
        importlib.import_module(f"exercises.tasks.{name}")
    return TASKS


__all__ = ["TASKS", "Context", "Solved", "Task", "register", "load_all"]
