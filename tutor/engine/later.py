"""A tuple worked out on first use, item by item: the parts of a result most callers never read.

A variant's generated mistakes are needed only when an answer is wrong (and then only
up to the first one the answer matches), and its worked solution only when someone asks
to see it; building them costs far more than grading. ``Later(fn)`` behaves as the tuple
of what ``fn()`` yields, calling ``fn`` once, on first use, and pulling items only as
far as they are read (thread-safe). It compares and hashes by identity, so putting it in
a hashable record (grader options) does not force it.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any


class Later(Sequence):
    """The tuple of what ``fn()`` yields, worked out as far as it is read."""

    __slots__ = ("_fn", "_items", "_source", "_done", "_lock")

    def __init__(self, fn: Callable[[], Iterable[Any]]):
        self._fn: Callable[[], Iterable[Any]] | None = fn
        self._items: list = []
        self._source: Iterator[Any] | None = None
        self._done = False
        self._lock = threading.RLock()

    @classmethod
    def ready(cls, values: Iterable[Any]) -> "Later":
        """A Later that is already worked out."""
        out = cls(lambda: ())
        out._items, out._fn, out._done = list(values), None, True
        return out

    @property
    def pulled(self) -> int:
        """How many items have been worked out so far (forces nothing)."""
        return len(self._items)

    @property
    def done(self) -> bool:
        """Whether every item has been worked out (reading ``done`` forces nothing)."""
        return self._done

    def _pull(self) -> bool:
        """Work out one more item (the lock is held); False when there are no more."""
        if self._done:
            return False
        if self._source is None:
            fn, self._fn = self._fn, None
            self._source = iter(fn() if fn is not None else ())
        try:
            self._items.append(next(self._source))
            return True
        except StopIteration:
            self._done, self._source = True, None
            return False

    def value(self) -> tuple:
        with self._lock:
            while self._pull():
                pass
            return tuple(self._items)

    def __iter__(self) -> Iterator[Any]:
        i = 0
        while True:
            with self._lock:
                if i >= len(self._items) and not self._pull():
                    return
                item = self._items[i]
            yield item
            i += 1

    def __getitem__(self, index: Any) -> Any:
        return self.value()[index]

    def __len__(self) -> int:
        return len(self.value())

    def __bool__(self) -> bool:
        with self._lock:
            return bool(self._items) or self._pull()

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"Later({tuple(self._items)!r})" if self.done else "Later(<not yet worked out>)"

    def __reduce__(self) -> tuple:
        return (Later.ready, (self.value(),))


def now(values: Any) -> Iterable[Any]:
    """``values`` as an iterable: a callable is called, anything else returned as it is."""
    if callable(values) and not isinstance(values, Later):
        values = values()
    return values or ()
