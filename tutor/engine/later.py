"""A tuple worked out on first use: the parts of a result that most callers never look at.

A variant's generated mistakes are needed only when an answer is wrong, and its
worked solution only when someone asks to see it; building them costs far more than
grading. ``Later(fn)`` behaves as the tuple ``fn()`` returns, calling ``fn`` once, on
first use (thread-safe). It compares and hashes by identity, so putting it in a
hashable record (grader options) does not force it.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any


class Later(Sequence):
    """The tuple ``fn()``, computed once when first read."""

    __slots__ = ("_fn", "_value", "_lock")

    def __init__(self, fn: Callable[[], Iterable[Any]]):
        self._fn: Callable[[], Iterable[Any]] | None = fn
        self._value: tuple | None = None
        self._lock = threading.Lock()

    @classmethod
    def ready(cls, values: Iterable[Any]) -> "Later":
        """A Later that is already worked out."""
        out = cls(lambda: ())
        out._value, out._fn = tuple(values), None
        return out

    @property
    def done(self) -> bool:
        """Whether the values have been worked out (reading ``done`` does not force them)."""
        return self._value is not None

    def value(self) -> tuple:
        if self._value is None:
            with self._lock:
                if self._value is None:
                    fn, self._fn = self._fn, None
                    self._value = tuple(fn() if fn is not None else ())
        return self._value

    def __getitem__(self, index: Any) -> Any:
        return self.value()[index]

    def __len__(self) -> int:
        return len(self.value())

    def __iter__(self) -> Iterator[Any]:
        return iter(self.value())

    def __bool__(self) -> bool:
        return bool(self.value())

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"Later({self._value!r})" if self.done else "Later(<not yet worked out>)"

    def __reduce__(self) -> tuple:
        return (Later.ready, (self.value(),))


def now(values: Any) -> tuple:
    """``values`` as a tuple: a callable is called, a Later worked out, anything else iterated."""
    if callable(values) and not isinstance(values, Later):
        values = values()
    return tuple(values or ())
