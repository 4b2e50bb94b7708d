"""The Dask backend's failures are clear: no cluster at the address, or daemonic workers."""
from __future__ import annotations

import multiprocessing

import pytest

pytest.importorskip("distributed")

from grader.batch.dask_backend import DAEMON_HELP, DaskScheduler, DaskUnavailable, close_local, grade_remote  # noqa: E402
from grader.batch.model import Job  # noqa: E402
from grader.batch.work import Spec  # noqa: E402


def test_an_address_with_no_scheduler_is_reported():
    with pytest.raises(DaskUnavailable, match="cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'"):
        DaskScheduler(Spec(), "tcp://127.0.0.1:9", timeout=1)


def test_daemonic_workers_are_told_how_to_start(monkeypatch):
    monkeypatch.setitem(multiprocessing.current_process()._config, "daemon", True)
    with pytest.raises(RuntimeError) as info:
        grade_remote([Job("ana", "lr-too-small", "b", "d")], Spec(), 5.0)
    assert str(info.value) == DAEMON_HELP and "DASK_DISTRIBUTED__WORKER__DAEMON=False" in DAEMON_HELP


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
