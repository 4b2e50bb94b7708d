"""The student REPL: an interactive tutor in the terminal (``calctutor practice``).

Front-end layer: it uses the bank, the checker and the engine, and nothing
below imports it. Importing this package is cheap; SymPy loads on first use.
"""
from __future__ import annotations

__all__ = ["run"]


def run(*args, **kwargs) -> int:
    """Start a session (see :func:`tutor.repl.launch.run`)."""
    from tutor.repl.launch import run as _run

    return _run(*args, **kwargs)
