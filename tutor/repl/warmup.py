"""Load SymPy, the parser and the checker in the background while the student reads.

The first prompt appears before any of this is imported (the thread lets the
prompt draw first); the thread is joined before the first computation, so
nothing heavy runs twice or races with a worker fork.
"""
from __future__ import annotations

import importlib
import threading

# (module, attribute): public names are fetched through their package, as users do
MODULES = (("sympy", None), ("tutor", "parse"), ("grader", "check"), ("exercises.tasks", None))
DELAY = 0.3  # seconds left to the prompt before the imports compete for the interpreter


class Warmup:
    def __init__(self, modules: tuple[tuple[str, str | None], ...] = MODULES, delay: float = DELAY):
        self._modules = modules
        self._delay = delay
        self._go = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, name="calctutor-warmup", daemon=True)
            self._thread.start()

    def _load(self) -> None:
        self._go.wait(self._delay)
        for name, attribute in self._modules:
            try:
                module = importlib.import_module(name)
                if attribute:
                    getattr(module, attribute)
            except Exception:  # noqa: BLE001 - a module not built yet, or broken: the real call reports it
                pass

    def wait(self) -> None:
        """Block until the imports are done (at once if they never started)."""
        self._go.set()
        if self._thread is not None:
            self._thread.join()
