"""Batch grading speed: a class of 300 students x 20 exercises (6,000 answers).

    python benchmarks/batch.py [--students 300] [--naive-sample 300] [--dask]

``calctutor grade`` is timed as a teacher runs it (a fresh process: start-up,
bank, reading the CSV, grading, writing gradebook and review file), with 1 and
2 worker processes (wall time, and CPU time of the process and its workers, which
other load on a shared machine does not inflate), each run with a new, empty variant
store. A second class takes every student's own variant: the bank's first twenty
expression exercises (454 distinct variants for 300 students instead of 160), timed
the same way; then the builds of its first run, of ``--resume`` after a kill (half the
journal lost) and of ``--regrade`` are counted (the store counts them). Beside it, two
plain loops in this process:

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


def personal_assignment(folder: Path) -> Path:
    """The bank's first twenty expression exercises: nearly every student gets their own variant."""
    import exercises

    ids = [e.id for e in exercises.load().values() if e.kind == "expression"][:20]
    path = folder / "personal.toml"
    path.write_text('title = "Personal variants"\nexercises = [\n' + "".join(f'    "{i}",\n' for i in ids)
                    + ']\n\n[options]\ntime_limit = 20\n', encoding="utf-8")
    return path


def distinct_variants(assignment_path: Path, students: int) -> int:
    from grader.batch.assignment import load_assignment
    from grader.batch.work import variant_key

    assignment, bank = load_assignment(assignment_path)
    return len({(e, variant_key(bank[e], f"s{i:03d}")) for e in assignment.exercises for i in range(students)})


def make_class(folder: Path, n: int, assignment_path: Path = ASSIGNMENT,
               name: str = "") -> tuple[Path, Path, list[tuple[str, str, str]]]:
    import csv

    from grader.batch.assignment import load_assignment
    from grader.batch.work import Variants
    from test_teacher_class import plant

    assignment, bank = load_assignment(assignment_path)
    variants = Variants(bank)
    students = [f"s{i:03d}" for i in range(n)]
    answers = []
    for s in students:
        for e in assignment.exercises:
            variant = variants.get(e, s)[0]
            _, text, _ = plant(variant, s, e)
            answers.append((s, e, variant.answer_text if text is None else text))  # everyone answers everything
    roster, subs = folder / f"roster{name}.csv", folder / f"submissions{name}.csv"
    with roster.open("w", newline="") as fh:
        csv.writer(fh).writerows([["student"], *([s] for s in students)])
    with subs.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows([["student", "exercise", "answer"], *answers])
    return roster, subs, answers


def time_cli(roster: Path, subs: Path, out: Path, *extra: str, assignment: Path = ASSIGNMENT,
             cache: Path | None = None) -> float:
    """Wall time of one ``calctutor grade`` run; ``cache``: the variant cache it uses (default: a new, empty one)."""
    env = {**os.environ, "CALCTUTOR_CACHE": str(cache or Path(tempfile.mkdtemp(dir=out.parent)) / "variants.sqlite")}
    start, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run([sys.executable, "-m", "tutor", "grade", str(subs), "--assignment", str(assignment),
                           "--roster", str(roster), "--out", str(out), "--regrade", *extra],
                          capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"calctutor grade failed:\n{done.stderr}")
    LAST_CPU[0] = _children_cpu() - cpu
    return elapsed


LAST_CPU = [0.0]  # CPU seconds of the last time_cli run (the process and its workers): fair on a shared machine


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def best_of(runs: int, fn) -> tuple[float, float]:
    """(best wall time, best CPU time) of ``runs`` runs of a time_cli call."""
    walls, cpus = [], []
    for _ in range(runs):
        walls.append(fn())
        cpus.append(LAST_CPU[0])
    return min(walls), min(cpus)


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


def builds_in(cache: Path) -> int:
    """Variants built by every process that used the variant store ``cache``."""
    import sqlite3

    if not cache.exists():
        return 0
    with sqlite3.connect(str(cache)) as db:
        row = db.execute("SELECT n FROM counts WHERE name='builds'").fetchone()
    return int(row[0]) if row else 0


def resume_and_regrade(folder: Path, roster: Path, subs: Path, assignment: Path) -> tuple[int, int, int]:
    """Variants built by a first run, by ``--resume`` after a kill (half the journal lost), and by ``--regrade``."""
    import sqlite3

    cache, out = folder / "builds" / "variants.sqlite", folder / "gb-builds.csv"
    time_cli(roster, subs, out, "--workers", "2", assignment=assignment, cache=cache)
    first = builds_in(cache)
    with sqlite3.connect(str(out.with_suffix(".journal.sqlite"))) as db:  # as if killed half-way
        db.execute("DELETE FROM outcomes WHERE rowid % 2 = 0")
    base = [sys.executable, "-m", "tutor", "grade", str(subs), "--assignment", str(assignment), "--roster",
            str(roster), "--out", str(out), "--workers", "2"]
    env = {**os.environ, "CALCTUTOR_CACHE": str(cache)}
    for flag in ("--resume", "--regrade"):
        done = subprocess.run([*base, flag], capture_output=True, text=True, env=env)
        if done.returncode != 0:
            raise SystemExit(f"calctutor grade {flag} failed:\n{done.stderr}")
        if flag == "--resume":
            resumed = builds_in(cache) - first
    return first, resumed, builds_in(cache) - first - resumed


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
        personal = personal_assignment(folder)
        p_roster, p_subs, _ = make_class(folder, args.students, personal, "-personal")
        n = len(answers)
        rows = []
        for workers in (1, 2):
            rows.append((f"calctutor grade, {workers} worker{'s' if workers > 1 else ''}", *best_of(
                args.runs, lambda: time_cli(roster, subs, folder / f"gb{workers}.csv", "--workers", str(workers)))))
        shared = rows[-1]
        distinct = distinct_variants(personal, args.students)
        rows.append((f"personal variants ({distinct} distinct), 2 workers", *best_of(
            args.runs, lambda: time_cli(p_roster, p_subs, folder / "gbp.csv", "--workers", "2", assignment=personal))))
        personal_row = rows[-1]
        same = (folder / "gb1.csv").read_bytes() == (folder / "gb2.csv").read_bytes()
        if args.dask:
            rows.append(("calctutor grade --dask (2 threads)", time_dask(roster, subs, folder / "gbd.csv"), None))
            same = same and (folder / "gbd.csv").read_bytes() == (folder / "gb1.csv").read_bytes()
        first, resumed, regraded = resume_and_regrade(folder, p_roster, p_subs, personal)
        rows.append(("loop over grader.check, variants built", loop_prebuilt(answers), None))
        rows.append((f"loop, variant per answer (x{n // max(1, len(answers[::max(1, n // args.naive_sample)]))} "
                     "from a sample)", loop_naive(answers, args.naive_sample), None))
    print(f"{n:,} answers from {args.students} students x 20 exercises; {os.cpu_count()} cores, "
          f"{platform.python_implementation()} {platform.python_version()}; {time.strftime('%Y-%m-%d')}; "
          f"load average {os.getloadavg()[0]:.1f}")
    print()
    print(f"| {'method':<44} | {'wall s':>7} | {'answers/s':>9} | {'CPU s':>6} |")
    print(f"|{'-' * 46}|{'-' * 9}|{'-' * 11}|{'-' * 8}|")
    for name, seconds, cpu in rows:
        shown = f"{cpu:>6.1f}" if cpu is not None else f"{'':>6}"
        print(f"| {name:<44} | {seconds:>7.1f} | {n / seconds:>9,.0f} | {shown} |")
    print()
    print(f"personal variants / shared-variant class, 2 workers: {personal_row[1] / shared[1]:.2f}x wall, "
          f"{personal_row[2] / shared[2]:.2f}x CPU (target <= 1.5x)")
    print(f"variants built, personal class: first run {first} ({distinct} distinct), --resume after a kill "
          f"{resumed}, --regrade {regraded}")
    print("gradebooks identical across backends and worker counts:", "yes" if same else "NO")
    return 0 if same and resumed == 0 and regraded == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
