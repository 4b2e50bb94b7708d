"""End to end: a teacher grades a class's multi-part answers into a gradebook with a column per part.

The class answers the bank's two example multi-part exercises (``line-fit-chain``:
loss 1 point, grad 2, step 2; ``slope-then-tangent``: slope 1, tangent 2) and one
one-part exercise, in both submission forms: one row per part (``<id>.<part>``, or a
``part`` column) and one cell holding every part. The expected credits are worked
out here from what each student was given to write, with arithmetic of our own
(never by asking the grader):

- ana: every part right, one row per part;
- ben: one cell; a wrong gradient (right + (1, 1)) and the step that is right *for his
  gradient*: carried forward, full step points (follow_through = 1); likewise a wrong
  slope and the tangent line for his slope;
- chloé: the same wrong gradient, and a step wrong in its own right: no step points;
- dev: an unreadable gradient and the right step: the step counts, the gradient is
  invalid and listed for review (per part);
- eve: the loss only (the other parts are not answered).
"""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sympy

import exercises
from tutor import parse, to_text

CHAIN, TANGENT, ONE = "line-fit-chain", "slope-then-tangent", "log-times-x"
STUDENTS = ("ana", "ben", "chloé", "dev", "eve")


def calctutor(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", *map(str, args)], capture_output=True, text=True,
                          timeout=900, cwd=cwd)


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def shifted(vector_text: str, by: int) -> sympy.Tuple:
    """A vector answer with every component moved by ``by``: a readable wrong answer."""
    return sympy.Tuple(*(c + by for c in parse(vector_text)))


def step_for(gradient: sympy.Tuple) -> str:
    """One descent step from (1, 0) with η = 1/10, as the exercise asks, for a given gradient."""
    return to_text(sympy.Tuple(1 - sympy.Rational(1, 10) * gradient[0], -sympy.Rational(1, 10) * gradient[1]))


def tangent_for(params: dict, slope: sympy.Expr) -> str:
    """The tangent line of x³ − a·x at x = p drawn with the slope ``slope``."""
    x = sympy.Symbol("x")
    a, p = params["a"], params["p"]
    return to_text(p**3 - a * p + slope * (x - p))


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


@pytest.fixture(scope="module")
def klass(tmp_path_factory, bank):
    folder = tmp_path_factory.mktemp("parts")
    (folder / "week.toml").write_text(f'title = "Week 6: chains"\nexercises = ["{CHAIN}", "{TANGENT}", "{ONE}"]\n',
                                      encoding="utf-8")
    v = {s: {e: bank[e].variant_for(s) for e in (CHAIN, TANGENT, ONE)} for s in STUDENTS}

    def right(s: str, e: str, part: str) -> str:
        return v[s][e].part(part).answer_text

    wrong_grad = {s: shifted(right(s, CHAIN, "grad"), 1) for s in STUDENTS}
    ben_slope = parse(right("ben", TANGENT, "slope")) + 1
    rows = [["student", "exercise", "part", "answer"],
            *[["ana", f"{CHAIN}.{p}", "", right("ana", CHAIN, p)] for p in ("loss", "grad", "step")],
            ["ana", TANGENT, "slope", right("ana", TANGENT, "slope")],            # the part column
            ["ana", TANGENT, "tangent", right("ana", TANGENT, "tangent")],
            ["ana", ONE, "", v["ana"][ONE].answer_text],
            ["ben", CHAIN, "", f"loss: {right('ben', CHAIN, 'loss')}; grad: {to_text(wrong_grad['ben'])}; "
                               f"step: {step_for(wrong_grad['ben'])}"],
            ["ben", TANGENT, "", f"slope: {to_text(ben_slope)}\ntangent: "
                                 f"{tangent_for(v['ben'][TANGENT].params, ben_slope)}"],
            ["chloé", f"{CHAIN}.loss", "", right("chloé", CHAIN, "loss")],
            ["chloé", f"{CHAIN}.grad", "", to_text(wrong_grad["chloé"])],
            ["chloé", f"{CHAIN}.step", "", to_text(shifted(step_for(wrong_grad["chloé"]), 1))],
            ["dev", CHAIN, "", f"loss: {right('dev', CHAIN, 'loss')}; grad: (1,, 2); "
                               f"step: {right('dev', CHAIN, 'step')}"],
            ["eve", f"{CHAIN}.loss", "", right("eve", CHAIN, "loss")],
            # rows a teacher must hear about, with their line numbers
            ["eve", f"{CHAIN}.gard", "", "(1, 2)"],                                 # line 16: no such part
            ["eve", f"{ONE}.a", "", "1"],                                           # line 17: a one-part exercise
            ["eve", TANGENT, "", "slope: 1; slope: 2"]]                             # line 18: a part twice
    # (ben's tangent cell holds a new line, so the rows after it start one line further down)
    body = io.StringIO()
    csv.writer(body, lineterminator="\n").writerows(rows)
    (folder / "answers.csv").write_text(body.getvalue(), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def graded(klass):
    done = calctutor("grade", "answers.csv", "--assignment", "week.toml", "--out", "book.csv", "--report", "report",
                     "--workers", "2", cwd=klass)
    assert done.returncode == 0, done.stderr
    return done


def book(folder: Path, name: str = "book.csv") -> dict[str, dict[str, str]]:
    rows = read_csv(folder / name)
    return {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}


def test_the_gradebook_has_a_column_per_part_then_the_exercise_total(klass, graded):
    header, possible = read_csv(klass / "book.csv")[:2]
    assert header == ["student", f"{CHAIN}.loss", f"{CHAIN}.grad", f"{CHAIN}.step", CHAIN,
                      f"{TANGENT}.slope", f"{TANGENT}.tangent", TANGENT, ONE, "total", "percent"]
    assert possible == ["points possible", "1", "2", "2", "5", "1", "2", "3", "2", "10", "100"]


@pytest.mark.parametrize("student, chain, tangent, one", [
    ("ana", ("1", "2", "2", "5"), ("1", "2", "3"), "2"),
    ("ben", ("1", "0", "2", "3"), ("0", "2", "2"), "0"),     # both later parts carried forward, full credit
    ("chloé", ("1", "0", "0", "1"), ("0", "0", "0"), "0"),   # a step wrong in its own right earns nothing
    ("dev", ("1", "0", "2", "3"), ("0", "0", "0"), "0"),     # an unreadable gradient does not block the step
    ("eve", ("1", "0", "0", "1"), ("0", "0", "0"), "0"),
])
def test_each_part_earns_its_credit(klass, graded, student, chain, tangent, one):
    row = book(klass)[student]
    assert tuple(row[c] for c in (f"{CHAIN}.loss", f"{CHAIN}.grad", f"{CHAIN}.step", CHAIN)) == chain
    assert tuple(row[c] for c in (f"{TANGENT}.slope", f"{TANGENT}.tangent", TANGENT)) == tangent
    assert row[ONE] == one
    assert float(row["total"]) == float(chain[3]) + float(tangent[2]) + float(one)


def test_bad_part_rows_are_problems_with_their_lines(klass, graded):
    out = graded.stdout
    assert "answers.csv:16: exercise 'line-fit-chain' has no part 'gard' (did you mean 'grad'?)" in out
    assert "answers.csv:17: exercise 'log-times-x' has no parts" in out
    assert "answers.csv:18:" in out and "part 'slope' is answered twice" in out
    assert "Traceback" not in graded.stderr


def test_the_review_file_lists_the_unreadable_part_on_its_own_row(klass, graded):
    rows = read_csv(klass / "book.review.csv")
    dev = [r for r in rows if r[0] == "dev"]
    assert [(r[1], r[2], r[3]) for r in dev] == [(f"{CHAIN}.grad", "invalid", "(1,, 2)")]


def test_the_item_analysis_reports_parts_and_errors_carried_forward(klass, graded):
    items = {i["exercise"]: i for i in json.loads((klass / "report" / "item-analysis.json").read_text())["items"]}
    step, grad = items[f"{CHAIN}.step"], items[f"{CHAIN}.grad"]
    assert (step["answered"], step["correct"], step["carried"], step["incorrect"]) == (4, 2, 1, 1)
    assert step["carried_rate"] == pytest.approx(1 / 4)
    assert (grad["answered"], grad["correct"], grad["incorrect"], grad["invalid"]) == (4, 1, 2, 1)
    assert items[f"{TANGENT}.tangent"]["carried"] == 1
    assert items[CHAIN]["correct"] == 1 and items[CHAIN]["partial"] == 4  # ana right; the others partly
    assert "Error carried forward: 1 of 4 answers" in (klass / "report" / "item-analysis.md").read_text()


def test_the_feedback_page_shows_each_part_with_the_carried_forward_note(klass, graded):
    page = (klass / "report" / "students" / "ben.md").read_text(encoding="utf-8")
    assert "| step |" in page and "Carried forward: right for your earlier answer" in page
    assert re.search(r"\| step \|.*\| Your step is right for the [a-z ]+ you found, but that [a-z ]+ was wrong", page)
    right_step = exercises.load()[CHAIN].variant_for("ben").part("step").answer_text
    assert right_step not in page.split("### Worked solution")[0]  # guided feedback does not give the right step


def test_a_teacher_decides_a_part_and_the_exercise_total_follows(klass, graded):
    (klass / "decisions.csv").write_text(
        "student,exercise,decision,comment\n"
        f"dev,{CHAIN}.grad,1.5,a typo in a right gradient\n"
        f"ana,{CHAIN},correct,\n", encoding="utf-8")  # a whole multi-part exercise: refused, decide per part
    done = calctutor("grade", "answers.csv", "--assignment", "week.toml", "--out", "book.csv",
                     "--overrides", "decisions.csv", cwd=klass)
    assert done.returncode == 0, done.stderr
    assert "decide on each part's row (line-fit-chain.loss, line-fit-chain.grad, line-fit-chain.step)" in done.stdout
    dev = book(klass)["dev"]
    assert (dev[f"{CHAIN}.grad"], dev[CHAIN], dev["total"]) == ("1.5", "4.5", "4.5")


def test_a_changed_part_regrades_that_exercise_only(klass, graded):
    text = (klass / "answers.csv").read_text(encoding="utf-8")
    wrong = next(r for r in read_csv(klass / "answers.csv") if r[:2] == ["chloé", f"{CHAIN}.step"])[3]
    right = exercises.load()[CHAIN].variant_for("chloé").part("step").answer_text
    (klass / "changed.csv").write_text(text.replace(f'"{wrong}"', f'"{right}"'), encoding="utf-8")
    done = calctutor("grade", "changed.csv", "--assignment", "week.toml", "--out", "book.csv", cwd=klass)
    assert done.returncode == 0, done.stderr
    assert "1 graded now" in done.stdout
    assert book(klass)["chloé"][f"{CHAIN}.step"] == "2"


def test_dask_writes_the_same_bytes(klass, graded):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp://", host="127.0.0.1",
                      dashboard_address=None) as cluster:
        done = calctutor("grade", "answers.csv", "--assignment", "week.toml", "--out", "dask.csv",
                         "--dask", cluster.scheduler_address, cwd=klass)
        local = calctutor("grade", "answers.csv", "--assignment", "week.toml", "--out", "local.csv", cwd=klass)
    assert done.returncode == 0 and local.returncode == 0, done.stderr + local.stderr
    assert (klass / "dask.csv").read_bytes() == (klass / "local.csv").read_bytes()
    assert (klass / "dask.review.csv").read_bytes() == (klass / "local.review.csv").read_bytes()


def test_assign_sheets_have_a_line_per_part_and_read_back(klass):
    (klass / "roster.csv").write_text("student\n" + "".join(f"{s}\n" for s in STUDENTS), encoding="utf-8")
    done = calctutor("assign", "week.toml", "--roster", "roster.csv", "--out", "sheets", "--student", "ana", cwd=klass)
    assert done.returncode == 0, done.stderr
    sheet = (klass / "sheets" / "ana.answers.txt").read_text(encoding="utf-8")
    keys = [ln.split(":")[0] for ln in sheet.splitlines() if ln and not ln.startswith("#")]
    assert keys == ["student", f"{CHAIN}.loss", f"{CHAIN}.grad", f"{CHAIN}.step", f"{TANGENT}.slope",
                    f"{TANGENT}.tangent", ONE]
    assert "(grad) Find the gradient" in sheet  # the stem and each part's prompt, above the part lines
    bank = exercises.load()
    v = bank[CHAIN].variant_for("ana")
    filled = sheet.replace(f"{CHAIN}.grad:", f"{CHAIN}.grad: {v.part('grad').answer_text}")
    filled = filled.replace(f"{CHAIN}.step:", f"{CHAIN}.step: {to_text(shifted(v.part('step').answer_text, 0))}")
    (klass / "handins").mkdir()
    (klass / "handins" / "ana.answers.txt").write_text(filled, encoding="utf-8")
    done = calctutor("grade", "handins", "--assignment", "week.toml", "--out", "sheets.csv", cwd=klass)
    assert done.returncode == 0, done.stderr
    row = book(klass, "sheets.csv")["ana"]
    assert (row[f"{CHAIN}.loss"], row[f"{CHAIN}.grad"], row[f"{CHAIN}.step"], row[CHAIN]) == ("0", "2", "2", "4")
    md = (klass / "sheets" / "ana.md").read_text(encoding="utf-8")
    assert "one line per part in the answer file (loss, grad, step)" in md
