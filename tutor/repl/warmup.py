"""Load SymPy, the parser and the checker in the background while the student reads.

The first prompt appears before any of this is imported; the thread is
joined before the first computation, so nothing heavy ever runs twice or
races with a worker fork.
"""
from __future__ import annotations

import importlib
import threading

MODULES = ("sympy", "tutor.reading.parser", "grader.check", "exercises.tasks")


class Warmup:
    def __init__(self, modules: tuple[str, ...] = MODULES):
        self._modules = modules
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, name="calctutor-warmup", daemon=True)
            self._thread.start()

    def _load(self) -> None:
        for name in self._modules:
            try:
                importlib.import_module(name)
            except Exception:  # a module not built yet, or broken: the real call reports it
                pass

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
