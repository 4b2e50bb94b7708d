"""Grading on a Dask distributed cluster (``--dask ADDRESS``): the path for MOOC-sized classes.

The client sends groups of answers that share a variant; on each Dask worker
the answers are graded by the same local grader as without Dask (a pebble
process per worker thread, the bank loaded once, the hard time limit per
answer), so both backends give the same verdicts and the same gradebook.

Dask starts its workers as daemonic processes by default, and those may not
start the killable grading processes: start the workers with
``DASK_DISTRIBUTED__WORKER__DAEMON=False`` (or ``distributed.worker.daemon:
false`` in the Dask config).
"""
from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import Any

from grader.batch.model import Job, Outcome
from grader.batch.work import Spec

PIECE = 64  # answers per Dask task: one variant, a few local chunks
DAEMON_HELP = ("the Dask workers run as daemonic processes, which may not start calctutor's killable "
               "grading processes; start them with DASK_DISTRIBUTED__WORKER__DAEMON=False "
               "(or set distributed.worker.daemon: false in the Dask config)")


class DaskUnavailable(RuntimeError):
    """Dask is not installed, the cluster cannot be reached, or its workers cannot grade."""


class DaskScheduler:
    def __init__(self, spec: Spec, address: str, time_limit: float = 10.0, timeout: float = 15.0):
        try:
            from distributed import Client
        except ImportError:
            raise DaskUnavailable("--dask needs Dask: pip install 'calctutor[dask]'") from None
        self.spec, self.time_limit = spec, float(time_limit)
        try:
            self.client: Any = Client(address, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise DaskUnavailable(f"cannot reach the Dask scheduler at {address!r} ({exc})") from None

    def __enter__(self) -> "DaskScheduler":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.run(close_local)
            finally:
                self.client.close()
                self.client = None

    def run(self, groups: Iterable[list[Job]]) -> Iterator[list[Outcome]]:
        from distributed import as_completed

        pieces = [g[i:i + PIECE] for g in groups for i in range(0, len(g), PIECE)]
        if not pieces:
            return
        futures = self.client.map(grade_remote, pieces, spec=self.spec, time_limit=self.time_limit, pure=False)
        try:
            for _future, outcomes in as_completed(futures, with_results=True):
                yield outcomes
        except DaskUnavailable:
            raise
        except RuntimeError as exc:
            if "daemonic" in str(exc):
                raise DaskUnavailable(DAEMON_HELP) from None
            raise
        finally:
            self.client.cancel(futures)


# ------------------------------------------------------------ on the workers

_LOCAL: dict[tuple, Any] = {}
_LOCK = threading.Lock()


def grade_remote(jobs: list[Job], spec: Spec, time_limit: float) -> list[Outcome]:
    """Runs on a Dask worker: grade one piece with this process's local grader."""
    scheduler = _local_scheduler(spec, time_limit)
    return [o for chunk in scheduler.run([jobs]) for o in chunk]


def _local_scheduler(spec: Spec, time_limit: float):
    import multiprocessing

    from grader.batch.scheduler import LocalScheduler

    if multiprocessing.current_process().daemon:
        raise RuntimeError(DAEMON_HELP)
    key = (spec, time_limit)
    with _LOCK:
        scheduler = _LOCAL.get(key)
        if scheduler is None:
            close_local()
            # a Dask worker has many threads: start grading processes from a clean fork server
            scheduler = LocalScheduler(spec, _threads(), time_limit, context="forkserver")
            scheduler.start()
            _LOCAL[key] = scheduler
    return scheduler


def _threads() -> int:
    try:
        from distributed import get_worker

        return max(1, int(get_worker().state.nthreads))
    except (ImportError, ValueError, AttributeError):
        return 1


def close_local() -> None:
    """Stop this process's grading processes (the client calls it on every worker at the end)."""
    for scheduler in list(_LOCAL.values()):
        scheduler.close()
    _LOCAL.clear()
