"""Local parallel grading: pebble worker processes with a hard time limit per answer.

Building a variant costs far more than grading an answer, so answers that share
a variant (a *group*) go to the same worker: each worker is its own one-process
pebble pool and takes whole groups, one small chunk at a time; a worker that
runs dry takes the next group, or part of the biggest group still waiting.

A chunk's time limit is the per-answer limit times its size, plus one limit
for building the variant. If a chunk runs out of time or its worker dies,
pebble kills and replaces that worker and each answer of the chunk is graded
again on its own; the one that still does not finish is recorded as
*undecided*, with a note saying grading was stopped, never as wrong.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import Any

from grader.batch.model import Job, Outcome
from grader.batch.work import Spec, grade_chunk, init_worker, undecided_outcome

CHUNK = 8  # answers per task: a cheap retry if one of them hangs
IN_FLIGHT = 2  # tasks queued per worker, so it never waits for the next


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def chunks_of(group: list[Job], size: int = CHUNK) -> deque[list[Job]]:
    return deque(group[i:i + size] for i in range(0, len(group), size))


class LocalScheduler:
    """``workers`` grading processes with the bank loaded; ``run`` yields outcomes as they finish."""

    def __init__(self, spec: Spec, workers: int | None = None, time_limit: float = 10.0,
                 context: str = "fork"):
        self.spec, self.time_limit = spec, float(time_limit)
        self.workers = workers or default_workers()
        self.context = context
        self._pools: list = []

    def __enter__(self) -> "LocalScheduler":
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def start(self) -> None:
        if self._pools:
            return
        from pebble import ProcessPool

        ctx = multiprocessing.get_context(self.context)
        if self.context == "forkserver":
            ctx.set_forkserver_preload(["grader.batch.preload"])
        self._pools = [ProcessPool(max_workers=1, initializer=init_worker, initargs=(self.spec,), context=ctx)
                       for _ in range(self.workers)]

    def close(self) -> None:
        for pool in self._pools:
            pool.stop()
        for pool in self._pools:
            pool.join(timeout=5)
        self._pools = []

    # ------------------------------------------------------------ grading
    def run(self, groups: Iterable[list[Job]]) -> Iterator[list[Outcome]]:
        """Grade every group of answers; yields a chunk's outcomes (or one answer's) as they finish."""
        self.start()
        waiting = deque(sorted((g for g in groups if g), key=len))  # big groups last: cheap to share at the end
        mine: list[deque] = [deque() for _ in self._pools]  # each worker's current group, in chunks
        retry: list[deque] = [deque() for _ in self._pools]  # single answers to grade again
        busy: dict[Future, tuple[int, list[Job]]] = {}
        load = [0] * len(self._pools)

        def feed(i: int) -> None:
            while load[i] < IN_FLIGHT:
                if retry[i]:
                    chunk = [retry[i].popleft()]
                    timeout = 2 * self.time_limit * chunk[0].weight
                else:
                    if not mine[i]:
                        mine[i] = self._next_group(waiting, mine)
                    if not mine[i]:
                        return
                    chunk = mine[i].popleft()
                    timeout = self.time_limit * (sum(j.weight for j in chunk) + 1)  # a part counts as an answer
                future = self._pools[i].schedule(grade_chunk, args=(self.spec, chunk), timeout=timeout)
                busy[future] = (i, chunk)
                load[i] += 1

        for i in range(len(self._pools)):
            feed(i)
        while busy:
            done, _ = wait(list(busy), return_when=FIRST_COMPLETED)
            for future in done:
                i, chunk = busy.pop(future)
                load[i] -= 1
                try:
                    yield future.result()
                except Exception as exc:  # noqa: BLE001 - stopped, died, or could not be sent
                    if len(chunk) > 1:  # find the answer responsible: grade each on its own
                        retry[i].extend(chunk)
                    else:
                        yield [undecided_outcome(chunk[0], self._reason(exc))]
                feed(i)

    @staticmethod
    def _next_group(waiting: deque, mine: list[deque]) -> deque:
        if waiting:
            return chunks_of(waiting.popleft())
        biggest = max(mine, key=len)
        if len(biggest) < 2:
            return deque()
        half = len(biggest) // 2  # take the second half of the longest queue (built once more here)
        taken = deque(biggest.pop() for _ in range(half))
        taken.reverse()
        return taken

    def _reason(self, exc: BaseException) -> str:
        from pebble import ProcessExpired

        if isinstance(exc, TimeoutError):
            return (f"grading this answer did not finish within the time limit ({self.time_limit:g} s per "
                    "answer), so it was stopped")
        if isinstance(exc, ProcessExpired):
            return f"the grading process stopped while working on this answer (exit code {exc.exitcode})"
        return f"the answer could not be sent for grading ({type(exc).__name__})"

    # ------------------------------------------------------------ other work
    def map(self, fn: Callable[..., Any], calls: Iterable[tuple], timeout: float | None = None) -> Iterator[Any]:
        """``fn(spec, *args)`` for each args tuple, results in order (a failed call gives its exception).

        Calls are dealt to the workers in turn, so calls that share a variant should come together.
        """
        self.start()
        calls = list(calls)
        per = max(1, -(-len(calls) // len(self._pools)))
        futures = [self._pools[min(k // per, len(self._pools) - 1)].schedule(fn, args=(self.spec, *args),
                                                                           timeout=timeout)
                   for k, args in enumerate(calls)]
        for future in futures:
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - the caller decides what a failure means
                yield exc
