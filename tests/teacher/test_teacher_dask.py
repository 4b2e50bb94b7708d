"""The Dask backend: a missing cluster is reported clearly; a daemonic worker process grades all the same."""
from __future__ import annotations

import multiprocessing

import pytest

pytest.importorskip("distributed")

from grader.batch.dask_backend import DaskScheduler, DaskUnavailable, close_local, grade_remote  # noqa: E402
from grader.batch.model import Job  # noqa: E402
from grader.batch.work import Spec  # noqa: E402


def test_an_address_with_no_scheduler_is_reported():
    with pytest.raises(DaskUnavailable, match="cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'"):
        DaskScheduler(Spec(), "tcp://127.0.0.1:9", timeout=1)


def _grade_in_daemon(queue, right: str, wrong: str) -> None:
    try:
        outcomes = grade_remote([Job("ana", "lr-too-small", right, "d"), Job("ana", "lr-too-small", wrong, "e")],
                                Spec(), 20.0)
        queue.put([o.status for o in outcomes])
    except BaseException as exc:  # noqa: BLE001 - reported to the test
        queue.put(repr(exc))
    finally:
        close_local()


def test_a_daemonic_process_like_a_dask_worker_grades_with_killable_processes():
    import exercises

    right = exercises.load()["lr-too-small"].variant_for("ana").answer_text
    wrong = next(c for c in "abcd" if c != right)
    ctx = multiprocessing.get_context("spawn")  # as Dask starts its workers
    queue = ctx.Queue()
    child = ctx.Process(target=_grade_in_daemon, args=(queue, right, wrong), daemon=True)
    child.start()
    try:
        assert queue.get(timeout=120) == ["correct", "incorrect"]
        child.join(timeout=30)
        assert child.exitcode == 0  # and it exits: no grading process left behind to wait for
    finally:
        if child.is_alive():
            child.kill()


def test_a_worker_keeps_one_local_grader_and_closes_it():
    import exercises

    right = exercises.load()["lr-too-small"].variant_for("ana").answer_text
    wrong = next(c for c in "abcd" if c != right)
    try:
        first = grade_remote([Job("ana", "lr-too-small", right, "d")], Spec(), 20.0)
        second = grade_remote([Job("ana", "lr-too-small", wrong, "e")], Spec(), 20.0)
        from grader.batch import dask_backend

        assert len(dask_backend._LOCAL) == 1
    finally:
        close_local()
    assert [o.status for o in first + second] == ["correct", "incorrect"]
    assert not dask_backend._LOCAL
