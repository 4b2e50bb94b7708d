"""Errors a teacher can act on: each names the file, the exercise id and the field.

Loading collects every problem in a file before raising, so one run of
``calctutor bank validate`` shows all of them, not just the first.
"""
from __future__ import annotations

from collections.abc import Iterable
from tutor.render.words import count


class BankError(ValueError):
    """One problem in a bank file: ``file``, ``exercise`` (id or None), ``field`` (or None)."""

    def __init__(self, message: str, file: str | None = None, exercise: str | None = None,
                 field: str | None = None):
        self.message, self.file, self.exercise, self.field = message, file, exercise, field
        super().__init__(self.where() + message)

    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.exercise:
            parts.append(f"exercise {self.exercise!r}")
        if self.field:
            parts.append(f"field {self.field!r}")
        return ": ".join(parts) + (": " if parts else "")

    def located(self, file: str | None = None, exercise: str | None = None,
                field: str | None = None) -> "BankError":
        """The same problem with missing location parts filled in."""
        return BankError(self.message, self.file or file, self.exercise or exercise,
                         _join_fields(field, self.field))


def _join_fields(outer: str | None, inner: str | None) -> str | None:
    if outer and inner:
        return inner if inner.startswith(outer) else f"{outer}.{inner}"
    return inner or outer


class BankLoadError(BankError):
    """Several problems found while loading; ``errors`` lists them all."""

    def __init__(self, errors: Iterable[BankError]):
        self.errors = tuple(errors)
        n = len(self.errors)
        head = f"{count(n, 'problem')} in the exercise bank:"
        lines = [head] + [f"  {e}" for e in self.errors]
        ValueError.__init__(self, "\n".join(lines))
        self.message, self.file, self.exercise, self.field = "\n".join(lines), None, None, None

    def where(self) -> str:
        return ""
