"""The one error an operation raises about what was asked: a sentence, and an exit status.

Status 2: the input could not be read or used. Status 4: the work did not finish
within the operation's time limit (a result that says so, not a crash).
"""
from __future__ import annotations

INVALID = 2
UNFINISHED = 4


class OperationError(ValueError):
    """A request that cannot be carried out, said plainly (the CLI prints it, the REPL says it)."""

    def __init__(self, message: str, status: int = INVALID):
        super().__init__(message)
        self.status = status

    def __reduce__(self):  # crosses the worker-process boundary with its status
        return (type(self), (str(self), self.status))


class InternalError(RuntimeError):
    """An unexpected exception inside an operation, carried back from the worker as plain text
    (the original may hold objects that cannot cross a process boundary). Still a bug: exit 3."""

    def __init__(self, kind: str, message: str, details: str = ""):
        super().__init__(f"{kind}: {message}")
        self.kind, self.message, self.details = kind, message, details

    def __reduce__(self):
        return (type(self), (self.kind, self.message, self.details))
