"""Dask with no special configuration: daemonic workers of a process LocalCluster, and a scheduler and
worker started from the shell; the bank travels with the work, and the gradebook is byte-identical
to the local backend's."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from grader.batch.dask_backend import BankParcel, materialize  # noqa: E402

pytestmark = pytest.mark.slow

BANK = Path(__file__).parents[2] / "exercises" / "bank" / "learning_rate.toml"
STUDENTS = [f"s{i:02d}" for i in range(6)]


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """A teacher's own bank in a folder of its own, an assignment that names it, and answers."""
    import exercises

    folder = tmp_path_factory.mktemp("daskclass")
    (folder / "mybank").mkdir()
    shutil.copy(BANK, folder / "mybank" / "rates.toml")
    ids = list(exercises.load(folder / "mybank"))[:4]
    (folder / "week.toml").write_text('title = "Rates"\nbank = "mybank"\nexercises = [%s]\n'
                                      % ", ".join(f'"{i}"' for i in ids), encoding="utf-8")
    bank = exercises.load(folder / "mybank")
    rows = ["student,exercise,answer,submitted"]
    for k, s in enumerate(STUDENTS):
        for j, e in enumerate(ids):
            right = bank[e].variant_for(s).answer_text
            text = right if (k + j) % 3 else "x +* 2"
            rows.append(f'{s},{e},"{text}",on time')
    (folder / "answers.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "roster.csv").write_text("student,name,email\n" + "".join(f"{s},S {s},{s}@x.edu\n" for s in STUDENTS))
    return folder


def grade(folder: Path, out: str, *extra: str) -> Path:
    done = subprocess.run([sys.executable, "-m", "tutor", "grade", folder / "answers.csv", "--assignment",
                           folder / "week.toml", "--roster", folder / "roster.csv", "--out", folder / out, *extra],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return folder / out


@pytest.fixture(scope="module")
def local_book(klass):
    return grade(klass, "local.csv", "--workers", "1").read_bytes()


def test_the_bank_travels_as_content_and_loads_the_same_elsewhere(klass, tmp_path):
    import exercises

    parcel = BankParcel.of(str(klass / "mybank"))
    assert parcel.files and all(isinstance(body, bytes) for _, body in parcel.files)
    assert str(klass) not in repr(parcel.files)  # relative names only: no path of the client's disk
    here = materialize(parcel, tmp_path)
    assert not here.startswith(str(klass))
    original, copy = exercises.load(klass / "mybank"), exercises.load(here)
    assert list(copy) == list(original)
    assert [copy[i].variant_for("ana").answer_text for i in original] == \
        [original[i].variant_for("ana").answer_text for i in original]
    assert materialize(parcel, tmp_path) == here  # one folder per bank content, reused


def test_the_built_in_bank_travels_too():
    import exercises

    parcel = BankParcel.of(None)
    assert sorted(Path(n).name for n, _ in parcel.files) == sorted(Path(s).name for s in exercises.load().sources)


def test_a_process_local_cluster_with_default_configuration_grades_like_the_local_backend(klass, local_book):
    import dask
    from distributed import LocalCluster

    assert dask.config.get("distributed.worker.daemon") is True  # the default: daemonic worker processes
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, host="127.0.0.1",
                      dashboard_address=":0") as cluster:
        out = grade(klass, "cluster.csv", "--dask", cluster.scheduler_address)
    assert out.read_bytes() == local_book


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dask_cli() -> list[str]:
    return [sys.executable, "-m", "dask"]  # the `dask` command of this environment


def test_a_scheduler_and_worker_started_from_the_shell_grade_like_the_local_backend(klass, local_book, tmp_path):
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = []
    try:
        procs.append(subprocess.Popen([*_dask_cli(), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                       "--no-dashboard"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL))
        procs.append(subprocess.Popen([*_dask_cli(), "worker", address, "--nthreads", "2", "--no-dashboard",
                                       "--host", "127.0.0.1"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL))
        deadline = time.monotonic() + 120
        while True:  # bounded wait for the scheduler to listen and the worker to join it
            try:
                with Client(address, timeout=5) as client:
                    client.wait_for_workers(1, timeout=max(1, deadline - time.monotonic()))
                break
            except (OSError, TimeoutError):
                assert time.monotonic() < deadline, "the shell-started Dask cluster did not come up"
                assert all(p.poll() is None for p in procs), "a Dask process exited"
                time.sleep(1)
        out = grade(klass, "shell.csv", "--dask", address)
    finally:
        for p in procs[::-1]:
            p.terminate()
        for p in procs[::-1]:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=10)
    assert out.read_bytes() == local_book
