"""Helpers of the fault suite: run the CLI, inject a full disk, hook a rendering (module-level, so
worker processes can import them)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
WEEK = ROOT / "tests" / "data" / "teacher" / "week5.toml"


def calctutor(*args, home: Path | None = None, stdin: str | None = None, timeout: float = 240,
              env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m tutor ARGS`` with this checkout first on the path (stdin may carry raw bytes as
    surrogate escapes)."""
    full = dict(os.environ, PYTHONPATH=str(ROOT), CALCTUTOR_NO_VIEWER="1", COLUMNS="100", **(env or {}))
    if home is not None:
        full["CALCTUTOR_HOME"] = str(home)
    data = stdin.encode("utf-8", "surrogateescape") if stdin is not None else None  # "\udcff" -> byte 0xff
    done = subprocess.run([sys.executable, "-m", "tutor", *map(str, args)], input=data, capture_output=True,
                          env=full, timeout=timeout, cwd=ROOT)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8", "replace"),
                                       done.stderr.decode("utf-8", "replace"))


def render_dies_once(spec, exercise_id: str, student: str, solution: bool = True):
    """The real rendering, except that the first try of each variant kills its worker (kill -9 style)."""
    from grader.batch.work import render_variant

    marker = Path(os.environ["FAULT_MARKERS"]) / f"{exercise_id}-{student}"
    if not marker.exists():
        marker.write_text("died once")
        os._exit(9)
    return render_variant(spec, exercise_id, student, solution)


def render_always_dies(spec, exercise_id: str, student: str, solution: bool = True):
    """Kills its worker for one exercise every time; renders the others."""
    from grader.batch.work import render_variant

    if exercise_id == os.environ.get("FAULT_DIE_ON", ""):
        os._exit(9)
    return render_variant(spec, exercise_id, student, solution)


class SmallDisk:
    """A tiny tmpfs (needs root) that can be filled to the last byte and freed again."""

    def __init__(self, path: Path, size_kb: int = 512):
        self.path = path
        self.size_kb = size_kb
        self._filler = path / "filler.bin"

    def mount(self) -> bool:
        self.path.mkdir(parents=True, exist_ok=True)
        if os.geteuid() != 0:
            return False
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={self.size_kb}k", "tmpfs", str(self.path)],
                              capture_output=True)
        return done.returncode == 0

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.path)], capture_output=True)

    def fill(self) -> None:
        """Write until the file system says ENOSPC, down to single bytes."""
        with open(self._filler, "ab", buffering=0) as fh:
            for size in (65536, 4096, 512, 1):
                try:
                    while True:
                        fh.write(b"\0" * size)
                except OSError:
                    continue

    def free(self) -> None:
        self._filler.unlink(missing_ok=True)


def slow_check(variant, text: str, options: dict):
    """The real checker, slowed down so that a test can kill a batch run in the middle."""
    import time

    time.sleep(0.2)
    from grader.checking import check_variant

    return check_variant(variant, text, **options)


GRADE_SCRIPT = """
import sys
from pathlib import Path
from faults import slow_check
from grader.batch.run import Settings, grade_class
subs, assignment, out, report, resume = sys.argv[1:6]
grade_class(Settings(submissions=Path(subs), assignment=Path(assignment), out=Path(out), report=Path(report),
                     workers=2, resume=resume == "1", check=slow_check, progress=False))
"""


def grade_process(subs: Path, assignment: Path, out: Path, report: Path, resume: bool) -> subprocess.Popen:
    """A batch run in its own process group (so kill -9 takes its workers too)."""
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{Path(__file__).parent}")
    return subprocess.Popen([sys.executable, "-c", GRADE_SCRIPT, str(subs), str(assignment), str(out), str(report),
                             "1" if resume else "0"], env=env, cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
