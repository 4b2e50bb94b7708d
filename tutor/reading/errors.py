"""ParseError: what a student sees when calctutor cannot read an answer.

Kept free of SymPy so that the CLI can recognise it without importing SymPy.
"""
from __future__ import annotations

import re


class ParseError(ValueError):
    """The text could not be read as mathematics.

    ``column`` is 1-based (a column one past the end means "at the end");
    ``str()`` gives the message, the input line and a caret under the column,
    then the hint, so it can be printed as is.
    """

    def __init__(self, message: str, text: str = "", column: int = 1, hint: str | None = None):
        self.message = message
        self.text = text
        self.column = max(1, int(column))
        self.hint = hint
        super().__init__(self.__str__())

    internal = False  # True only for InternalReadingError

    def caret_line(self) -> str:
        """Spaces then '^' under ``column`` (tabs kept so the caret lines up)."""
        prefix = self.text[: self.column - 1]
        pad = "".join("\t" if ch == "\t" else " " for ch in prefix)
        if len(prefix) < self.column - 1:
            pad += " " * (self.column - 1 - len(prefix))
        return pad + "^"

    def __str__(self) -> str:
        lines = [visible(self.message)]
        if self.text and "\n" not in self.text:
            lines += ["  " + visible(self.text), "  " + self.caret_line()]
        elif self.text:
            lines.append(f"  (at character {self.column})")
        if self.hint:
            lines.append(f"hint: {visible(self.hint)}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """JSON-ready form (used by ``calctutor parse --json``)."""
        return {"error": self.message, "column": self.column, "hint": self.hint, "text": self.text}

    def __reduce__(self):
        return (type(self), (self.message, self.text, self.column, self.hint))

    # A ParseError stands alone: it says everything in its fields. Without these, the
    # exception it was raised from (Lark's, holding the whole parser) stays attached, and
    # a pickler that carries exception chains -- tblib's, which Dask's ``distributed``
    # installs for every exception class on import -- tries to pickle the parser and
    # fails. Process pools (pebble, Dask) pickle ParseErrors to send them back.
    @property
    def __context__(self) -> None:  # type: ignore[override]
        return None

    @__context__.setter
    def __context__(self, value: object) -> None:
        pass

    @property
    def __cause__(self) -> None:  # type: ignore[override]
        return None

    @__cause__.setter
    def __cause__(self, value: object) -> None:
        pass


class InternalReadingError(ParseError):
    """The reader itself failed (a SymPy corner case), not the learner's text.

    Still a ParseError, so ``parse`` keeps its contract, but ``internal`` is True so a
    grader can flag the answer as undecided instead of calling it unreadable. The
    message names no Python exception; ``cause`` keeps it for logs.
    """

    internal = True

    def __init__(self, text: str = "", cause: BaseException | str | None = None, *_: object):
        self.cause = cause if isinstance(cause, str) else (type(cause).__name__ if cause else "")
        super().__init__("calctutor could not finish reading this (a problem in calctutor, not in your answer)",
                         text, 1, "try writing it more simply; if it keeps happening, tell your teacher")

    def __reduce__(self):
        return (type(self), (self.text, self.cause))


class Interrupted(Exception):
    """A caller's deadline, raised into the reader: it passes through ``parse`` untouched.

    ``tutor.engine.bounded.Unfinished`` derives from it, so an alarm that fires while an
    answer is being read is a timeout, never an unreadable answer.
    """


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Control characters as visible symbols, one for one (ESC -> ␛, DEL -> ␡, a C1 code -> �),
    so an answer echoed under its caret cannot rewrite the terminal and the caret still lines up."""
    def show(m: re.Match) -> str:
        c = ord(m.group())
        return chr(0x2400 + c) if c < 0x20 else ("\u2421" if c == 0x7F else "\ufffd")

    return _CONTROL.sub(show, text)
