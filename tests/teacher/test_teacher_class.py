"""End to end: a class of 300 students, 20 exercises, planted right, wrong, invalid and hostile answers.

The expected gradebook is built here from what was planted (a right answer earns
the exercise's points; a classic mistake, an unreadable or a missing answer earns
0), not from the checker. Then: a run killed with SIGKILL midway and resumed
writes the same bytes, and so does the Dask backend.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

DATA = Path(__file__).parents[1] / "data" / "teacher"
ASSIGNMENT = DATA / "week5.toml"
STUDENTS = [f"s{i:03d}" for i in range(300)]
INVALID = ["2x +* 3", "sin(", "x^^2", "3 +"]  # unreadable whatever the exercise asks for
HOSTILE = ["9^9^9^9^9", "(" * 3000, "x" * 1999 + "!", "10^10^10 - 10^10^10 + x", "exp(exp(exp(exp(x))))^999",
           "\x00\x01", "'; DROP TABLE outcomes; --", "__import__('os').system('echo pwned')", "<script>x</script>"]


def roll(student: str, exercise: str) -> int:
    return int(hashlib.sha256(f"{student}/{exercise}".encode()).hexdigest()[:8], 16) % 100


def plant(variant, student: str, exercise: str) -> tuple[str, str | None, str]:
    """(what was planted, the answer text or None for no answer, the mistake key)."""
    from tutor import to_text

    r = roll(student, exercise)
    if r < 60:
        return "right", variant.answer_text, ""
    if r < 80:
        if variant.mistakes:
            m = variant.mistakes[r % len(variant.mistakes)]
            return "mistake", m.expr if isinstance(m.expr, str) else to_text(m.expr), m.key
        if variant.kind == "true_false":
            return "wrong", "false" if variant.answer_text == "true" else "true", ""
        return "right", variant.answer_text, ""
    if r < 90:
        return "invalid", INVALID[r % len(INVALID)], ""
    if r < 97:
        return "missing", None, ""
    return "hostile", HOSTILE[(r + len(student)) % len(HOSTILE)], ""


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """Roster, submissions and what was planted in each cell."""
    from grader.batch.assignment import load_assignment
    from grader.batch.work import Variants

    folder = tmp_path_factory.mktemp("class")
    assignment, bank = load_assignment(ASSIGNMENT)
    variants = Variants(bank)
    planted: dict[tuple[str, str], tuple[str, str | None, str]] = {}
    for s in STUDENTS:
        for e in assignment.exercises:
            planted[(s, e)] = plant(variants.get(e, s)[0], s, e)
    roster = folder / "roster.csv"
    with roster.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "name", "email"])
        w.writerows([s, f"Student {s[1:]}", f"{s}@example.edu"] for s in STUDENTS)
    rows = [["student", "exercise", "answer", "submitted"]]
    for (s, e), (what, text, _) in planted.items():
        if what == "right" and roll(e, s) < 10:  # an earlier, wrong attempt that the later row replaces
            rows.append([s, e, "0", "early"])
        if text is not None:
            rows.append([s, e, text, "on time"])
    body = io.StringIO()
    csv.writer(body, lineterminator="\n").writerows(rows)
    bad = ("s001,log-times-x,(1, 2),late\n"            # unquoted comma: malformed
           "s002,log-times-x\n"                          # too few fields: no answer
           "s999,log-times-x,ln(x) + 1,late\n"           # not on the roster
           's003,gradient-at-pont,"(1, 2)",late\n')      # not in the assignment
    subs = folder / "submissions.csv"
    text = body.getvalue()
    subs.write_text(text + bad, encoding="utf-8")
    first_bad = text.count("\n") + 1
    return {"folder": folder, "assignment": assignment, "roster": roster, "subs": subs, "planted": planted,
            "bad_lines": list(range(first_bad, first_bad + 4))}


def calctutor(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", *map(str, args)], capture_output=True, text=True,
                          timeout=900, **kw)


@pytest.fixture(scope="module")
def graded(klass):
    f = klass["folder"]
    done = calctutor("grade", klass["subs"], "--assignment", ASSIGNMENT, "--roster", klass["roster"],
                     "--out", f / "gradebook.csv", "--report", f / "report", "--workers", "2")
    assert done.returncode == 0, done.stderr
    return done


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_gradebook_has_the_planted_scores(klass, graded):
    a, planted = klass["assignment"], klass["planted"]
    table = read_csv(klass["folder"] / "gradebook.csv")
    assert table[0] == ["student", *a.exercises, "total", "percent"]
    assert table[1][0] == "points possible" and len(table) == 2 + len(STUDENTS)
    assert [r[0] for r in table[2:]] == STUDENTS
    for row in table[2:]:
        s = row[0]
        for e, cell in zip(a.exercises, row[1:-2]):
            what = planted[(s, e)][0]
            if what == "right":
                assert float(cell) == a.points[e], (s, e, planted[(s, e)])
            elif what == "hostile":
                assert cell in ("0", ""), (s, e, cell)  # refused, wrong, or stopped: never credit, never a crash
            else:
                assert cell == "0", (s, e, planted[(s, e)], cell)
        total = sum(float(c) for c in row[1:-2] if c)
        assert float(row[-2]) == pytest.approx(total)
        assert float(row[-1]) == pytest.approx(round(100 * total / a.possible, 1))
    answers = sum(1 for what, text, _ in planted.values() if text is not None)
    handed_in = len({s for (s, _), (_, text, _) in planted.items() if text is not None})
    assert graded.stdout.startswith(f"{handed_in} students of the 300 on the roster handed in {answers} answers: "
                                    f"{answers} graded now")


def test_the_review_file_lists_invalid_answers_and_bad_rows(klass, graded):
    review = read_csv(klass["folder"] / "gradebook.review.csv")
    listed = {(r[0], r[1]) for r in review[1:] if r[2] == "invalid"}
    planted_invalid = {k for k, (what, _, _) in klass["planted"].items() if what == "invalid"}
    hostile = {k for k, (what, _, _) in klass["planted"].items() if what == "hostile"}
    assert planted_invalid <= listed and listed <= planted_invalid | hostile
    problems = {int(r[6]): r[2] for r in review[1:] if r[2] not in ("invalid", "undecided")}
    lines = klass["bad_lines"]
    assert problems == {lines[0]: "malformed", lines[1]: "malformed", lines[2]: "unknown student",
                        lines[3]: "unknown exercise"}
    undecided = [r for r in review[1:] if r[2] == "undecided"]
    assert all((r[0], r[1]) in hostile for r in undecided)


def test_the_item_analysis_names_the_planted_mistakes(klass, graded):
    report = klass["folder"] / "report"
    analysis = json.loads((report / "item-analysis.json").read_text(encoding="utf-8"))
    planted = Counter((e, key) for (s, e), (what, _, key) in klass["planted"].items() if what == "mistake")
    for item in analysis["items"]:
        found = {m["mistake"]: m["count"] for m in item["mistakes"]}
        expected = {key: n for (e, key), n in planted.items() if e == item["exercise"]}
        hostile = sum(1 for (s, e), (what, _, _) in klass["planted"].items() if e == item["exercise"] and what == "hostile")
        # every planted mistake is named; a hostile answer may be diagnosed too (x^1998·x! "has an extra factor")
        assert all(found.get(k, 0) >= n for k, n in expected.items()), (item["exercise"], found, expected)
        assert sum(found.values()) - sum(expected.values()) <= hostile, (item["exercise"], found, expected)
        invalid = sum(1 for (s, e), (what, _, _) in klass["planted"].items() if e == item["exercise"] and what == "invalid")
        assert item["invalid"] >= invalid
    html = (report / "item-analysis.html").read_text(encoding="utf-8")
    assert "gradient-swapped" in html or "gd-plus-instead-of-minus" in html
    pages = list((report / "students").glob("*.html"))
    assert len(pages) == 300 and "<math" in pages[0].read_text(encoding="utf-8")
    page = (report / "students" / "s000.md").read_text(encoding="utf-8")
    assert page.count("### Worked solution") == 20


def test_a_run_killed_midway_resumes_to_the_same_bytes(klass, graded):
    f = klass["folder"]
    out = f / "killed" / "gradebook.csv"
    out.parent.mkdir()
    args = [sys.executable, "-m", "tutor", "grade", str(klass["subs"]), "--assignment", str(ASSIGNMENT),
            "--roster", str(klass["roster"]), "--out", str(out), "--workers", "2"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    journal = out.with_suffix(".journal.sqlite")
    journaled = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if journal.exists():
            try:
                with sqlite3.connect(str(journal)) as db:
                    journaled = db.execute("SELECT COUNT(*) FROM outcomes").fetchone()[0]
            except sqlite3.Error:
                continue
            if journaled >= 1000:
                break
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists() and journaled >= 1000
    resumed = calctutor(*args[3:], "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert "from the journal" in resumed.stdout
    assert out.read_bytes() == (f / "gradebook.csv").read_bytes()
    assert out.with_suffix(".review.csv").read_bytes() == (f / "gradebook.review.csv").read_bytes()


def test_the_dask_backend_gives_the_same_gradebook(klass, graded):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    f = klass["folder"]
    some = STUDENTS[::25]
    roster = f / "some.csv"
    roster.write_text("student,name,email\n" + "".join(f"{s},Student {s[1:]},{s}@example.edu\n" for s in some))
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp://", host="127.0.0.1",
                      dashboard_address=None) as cluster:
        done = calctutor("grade", klass["subs"], "--assignment", ASSIGNMENT, "--roster", roster,
                         "--out", f / "dask.csv", "--dask", cluster.scheduler_address)
    assert done.returncode == 0, done.stderr
    local = read_csv(f / "gradebook.csv")
    expected = local[:2] + [row for row in local[2:] if row[0] in some]
    assert read_csv(f / "dask.csv") == expected
