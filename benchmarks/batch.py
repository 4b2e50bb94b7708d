"""Batch grading speed: a class of 300 students x 20 exercises (6,000 answers).

    python benchmarks/batch.py [--students 300] [--naive-sample 300] [--dask]

``calctutor grade`` is timed as a teacher runs it (a fresh process: start-up,
bank, reading the CSV, grading, writing gradebook and review file), with 1 and
2 worker processes. Beside it, two plain loops in this process:

* "loop, variants built": a plain loop over ``grader.check`` with every
  student's variant built beforehand and not timed: the checker's own cost;
* "loop, variant per answer": the obvious script (``variant_for(student)``
  then ``grader.check``, per answer), timed on a sample and scaled up, since
  building a variant (the engine solving the exercise) costs far more than
  grading an answer.

The answers are those of the end-to-end test (tests/teacher/test_teacher_class.py),
with every answer given: about 67% right, 20% classic mistakes, 10% unreadable, 3% hostile.
Wall-clock times on a machine that may be shared: the best of ``--runs`` runs.
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "teacher"))
ASSIGNMENT = ROOT / "tests" / "data" / "teacher" / "week5.toml"


def make_class(folder: Path, n: int) -> tuple[Path, Path, list[tuple[str, str, str]]]:
    import csv

    from grader.batch.assignment import load_assignment
    from grader.batch.work import Variants
    from test_teacher_class import plant

    assignment, bank = load_assignment(ASSIGNMENT)
    variants = Variants(bank)
    students = [f"s{i:03d}" for i in range(n)]
    answers = []
    for s in students:
        for e in assignment.exercises:
            variant = variants.get(e, s)[0]
            _, text, _ = plant(variant, s, e)
            answers.append((s, e, variant.answer_text if text is None else text))  # everyone answers everything
    roster, subs = folder / "roster.csv", folder / "submissions.csv"
    with roster.open("w", newline="") as fh:
        csv.writer(fh).writerows([["student"], *([s] for s in students)])
    with subs.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows([["student", "exercise", "answer"], *answers])
    return roster, subs, answers


def time_cli(roster: Path, subs: Path, out: Path, *extra: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "tutor", "grade", str(subs), "--assignment", str(ASSIGNMENT),
                           "--roster", str(roster), "--out", str(out), "--regrade", *extra],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"calctutor grade failed:\n{done.stderr}")
    return elapsed


def loop_prebuilt(answers) -> float:
    """A plain loop over grader.check, every variant built beforehand (not timed)."""
    from grader.batch.assignment import load_assignment
    from grader.batch.work import Variants
    from grader import check

    _, bank = load_assignment(ASSIGNMENT)
    variants = Variants(bank)
    ready = [(variants.get(e, s)[0], text) for s, e, text in answers]
    start = time.perf_counter()
    for v, text in ready:
        check(v.answer, text, kind=v.kind, **v.options())
    return time.perf_counter() - start


def loop_naive(answers, sample: int) -> float:
    """variant_for + grader.check per answer, on an even sample; scaled to the whole class."""
    import exercises
    from grader import check

    bank = exercises.load()
    picked = answers[:: max(1, len(answers) // sample)]
    start = time.perf_counter()
    for s, e, text in picked:
        v = bank[e].variant_for(s)
        check(v.answer, text, kind=v.kind, **v.options())
    return (time.perf_counter() - start) * len(answers) / len(picked)


def time_dask(roster: Path, subs: Path, out: Path) -> float:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp://", host="127.0.0.1",
                      dashboard_address=None) as cluster:
        return time_cli(roster, subs, out, "--dask", cluster.scheduler_address)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3, help="runs of each calctutor grade timing; the best counts")
    ap.add_argument("--naive-sample", type=int, default=300, help="answers timed for the variant-per-answer loop")
    ap.add_argument("--dask", action="store_true", help="also time --dask on an in-process LocalCluster")
    args = ap.parse_args(argv)
    os.environ.setdefault("CALCTUTOR_BOUNDED", "inline")  # the plain loops: no worker process
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        roster, subs, answers = make_class(folder, args.students)
        n = len(answers)
        rows = []
        for workers in (1, 2):
            best = min(time_cli(roster, subs, folder / f"gb{workers}.csv", "--workers", str(workers))
                       for _ in range(args.runs))
            rows.append((f"calctutor grade, {workers} worker{'s' if workers > 1 else ''}", best))
        same = (folder / "gb1.csv").read_bytes() == (folder / "gb2.csv").read_bytes()
        if args.dask:
            rows.append(("calctutor grade --dask (2 threads)", time_dask(roster, subs, folder / "gbd.csv")))
            same = same and (folder / "gbd.csv").read_bytes() == (folder / "gb1.csv").read_bytes()
        rows.append(("loop over grader.check, variants built", loop_prebuilt(answers)))
        rows.append((f"loop, variant per answer (x{n // max(1, len(answers[::max(1, n // args.naive_sample)]))} "
                     "from a sample)", loop_naive(answers, args.naive_sample)))
    print(f"{n:,} answers from {args.students} students x 20 exercises; {os.cpu_count()} cores, "
          f"{platform.python_implementation()} {platform.python_version()}; {time.strftime('%Y-%m-%d')}")
    print()
    print(f"| {'method':<44} | {'wall s':>7} | {'answers/s':>9} |")
    print(f"|{'-' * 46}|{'-' * 9}|{'-' * 11}|")
    for name, seconds in rows:
        print(f"| {name:<44} | {seconds:>7.1f} | {n / seconds:>9,.0f} |")
    print()
    print("gradebooks identical across backends and worker counts:", "yes" if same else "NO")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
