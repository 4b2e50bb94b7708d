"""Grading on a Dask distributed cluster (``--dask ADDRESS``): the path for MOOC-sized classes.

The client sends groups of answers that share a variant; on each Dask worker
the answers are graded by the same local grader as without Dask (a pebble
process per worker thread, the bank loaded once, the hard time limit per
answer), so both backends give the same verdicts and the same gradebook.

Nothing needs configuring on the cluster. The bank travels with the work as
content (a :class:`BankParcel`, broadcast once), never as a path, so workers
need no shared file system; the assignment's grading options travel in the
``Spec``. Dask starts its workers as daemonic processes, which multiprocessing
forbids to start children; the grader on a worker therefore lifts that flag
for its own process before starting its grading processes (see
``docs/reliability.md``: the nanny still treats the worker as daemonic, and the
grading processes are stopped at the end of every run and when the worker exits).
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from grader.batch.model import Job, Outcome
from grader.batch.work import Spec

PIECE = 64  # answers per Dask task: one variant, a few local chunks


class DaskUnavailable(RuntimeError):
    """Dask is not installed, the cluster cannot be reached, or its workers cannot grade."""


@dataclass(frozen=True)
class BankParcel:
    """A bank's files as content: (name relative to the bank, bytes), in load order."""

    files: tuple[tuple[str, bytes], ...]
    digest: str

    @classmethod
    def of(cls, bank_path: str | None) -> "BankParcel":
        """The files of the bank at ``bank_path`` (None: the built-in bank, so workers grade what the client sees)."""
        import exercises

        sources = [Path(s) for s in exercises.load(bank_path).sources]
        root = Path(bank_path) if bank_path is not None and Path(bank_path).is_dir() else None
        files = []
        for src in sources:
            name = src.relative_to(root).as_posix() if root is not None else src.name
            files.append((name, src.read_bytes()))
        h = hashlib.sha256()
        for name, body in files:
            h.update(name.encode("utf-8") + b"\x00" + hashlib.sha256(body).digest())
        return cls(tuple(files), h.hexdigest()[:20])


def materialize(parcel: BankParcel, root: str | Path | None = None) -> str:
    """Write the parcel into a folder of its own (once per content) and return that folder's path."""
    base = Path(root or tempfile.gettempdir())
    folder = base / f"calctutor-bank-{parcel.digest}"
    if (folder / ".complete").exists():
        return str(folder)
    work = Path(tempfile.mkdtemp(prefix=f".calctutor-bank-{parcel.digest}-", dir=base))
    for name, body in parcel.files:
        rel = PurePosixPath(name)
        if rel.is_absolute() or ".." in rel.parts or not rel.parts:
            raise ValueError(f"a bank file name must stay inside the bank: {name!r}")
        target = work.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    (work / ".complete").write_bytes(b"")
    try:
        os.rename(work, folder)  # atomic: another thread or worker may have won the race
    except OSError:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return str(folder)


class DaskScheduler:
    def __init__(self, spec: Spec, address: str, time_limit: float = 10.0, timeout: float = 15.0):
        try:
            from distributed import Client
        except ImportError:
            raise DaskUnavailable("--dask needs Dask: pip install 'calctutor[dask]'") from None
        self.time_limit = float(time_limit)
        self.parcel = BankParcel.of(spec.bank_path)
        self.spec = replace(spec, bank_path=None)  # the workers get the content, not the client's path
        self._bank = None
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
        if self._bank is None:
            self._bank = self.client.scatter(self.parcel, broadcast=True, hash=False)
        futures = self.client.map(grade_remote, pieces, spec=self.spec, time_limit=self.time_limit,
                                  bank=self._bank, pure=False)
        try:
            for _future, outcomes in as_completed(futures, with_results=True):
                yield outcomes
        finally:
            self.client.cancel(futures)


# ------------------------------------------------------------ on the workers

_LOCAL: dict[tuple, Any] = {}
_LOCK = threading.Lock()


def grade_remote(jobs: list[Job], spec: Spec, time_limit: float, bank: BankParcel | None = None) -> list[Outcome]:
    """Runs on a Dask worker: grade one piece with this process's local grader (``bank``: the bank's content)."""
    if bank is not None:
        spec = replace(spec, bank_path=materialize(bank))
    scheduler = _local_scheduler(spec, time_limit)
    return [o for chunk in scheduler.run([jobs]) for o in chunk]


def _local_scheduler(spec: Spec, time_limit: float):
    from grader.batch.scheduler import LocalScheduler

    key = (spec, time_limit)
    with _LOCK:
        scheduler = _LOCAL.get(key)
        if scheduler is None:
            close_local()
            allow_grading_processes()
            # a Dask worker has many threads: start grading processes from a clean fork server
            scheduler = LocalScheduler(spec, _threads(), time_limit, context="forkserver")
            scheduler.start()
            _LOCAL[key] = scheduler
    return scheduler


def allow_grading_processes() -> None:
    """Let this (daemonic) process start the killable grading processes.

    multiprocessing refuses children in a process whose ``daemon`` flag is set,
    which Dask sets on every worker it starts. The flag is this process's own
    copy: its parent (Dask's nanny) still stops it as a daemon. Its grading
    processes are stopped by :func:`close_local` at the end of every run and by
    the exit hooks registered here, so none outlives the worker.
    """
    import atexit
    import multiprocessing
    from multiprocessing import util

    me = multiprocessing.current_process()
    if not me.daemon:
        return
    me.daemon = False
    atexit.register(close_local)
    util.Finalize(None, close_local, exitpriority=100)  # a multiprocessing child runs these, not atexit


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
