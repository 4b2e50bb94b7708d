"""docs/teacher.md's whole loop, run as written: the commands are read from the doc's block.

Each ``# step:`` line of the block is something the teacher does by hand; the
test does it (and fails on a step it does not know, so doc and test stay in
step). Expected grades come from what the students hand in: asouza answers both
exercises (lr-quiz right by the true key, cubic-loss unreadable), bokafor picks
the wrong key's answer, cmartin hands in nothing.
"""
from __future__ import annotations

import csv
import io
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

DOC = Path(__file__).parents[2] / "docs" / "teacher.md"
LMS = Path(__file__).parents[1] / "data" / "lms"
MARK = "<!-- doc-test: the whole loop -->"
BANK = '''topic = "week-5"

[[exercise]]
id = "lr-quiz"
title = "A timid learning rate"
task = "multiple_choice"
prompt = "What is the usual symptom of a learning rate that is far too small?"
choices = ["The loss explodes.", "The loss decreases, but very slowly.", "The gradient is zero."]
answer = "{key}"

[[exercise]]
id = "cubic-loss"
title = "A cubic loss"
task = "derivative"
prompt = \'\'\'Find $f'(x)$ for $f(x) = {{function}}$.\'\'\'
function = "x^3 - 2x"
answer = "3x^2 - 2"
points = 2
'''


def block() -> list[str]:
    """The lines of the fenced block after the doc-test mark."""
    text = DOC.read_text(encoding="utf-8")
    after = text[text.index(MARK) + len(MARK):]
    body = after[after.index("```sh\n") + 6:]
    return [line for line in body[:body.index("```")].splitlines() if line.strip()]


def rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def hand_in(folder: Path) -> None:
    (folder / "handins").mkdir()
    answers = {"asouza": {"lr-quiz": "b", "cubic-loss": "3x^2 +* 2"}, "bokafor": {"lr-quiz": "a"}}
    for student, given in answers.items():
        sheet = next((folder / "sheets").glob(f"{student}*.answers.txt"))
        text = sheet.read_text(encoding="utf-8")
        for exercise, answer in given.items():
            text = text.replace(f"{exercise}:\n", f"{exercise}: {answer}\n")
        (folder / "handins" / sheet.name).write_text(text, encoding="utf-8")


def decide(folder: Path) -> None:
    table = rows(folder / "week5.review.csv")
    head = table[0]
    for r in table[1:]:
        if (r[0], r[1]) == ("asouza", "cubic-loss"):
            r[head.index("decision")], r[head.index("comment")] = "1.5", "sign slip only"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(table)
    (folder / "decisions.csv").write_text(buf.getvalue(), encoding="utf-8")


def fix_key(folder: Path) -> None:
    (folder / "my-bank.toml").write_text(BANK.format(key="b"), encoding="utf-8")


STEPS: dict[str, Callable[[Path], None]] = {"the students fill in their sheets": hand_in,
                                            "write a decision": decide, "fix the answer key": fix_key}


def test_the_whole_loop_of_the_doc_runs_as_written(tmp_path):
    (tmp_path / "week5.toml").write_text('title = "Week 5 quiz"\nbank = "my-bank.toml"\n'
                                         'exercises = ["lr-quiz", "cubic-loss"]\n', encoding="utf-8")
    (tmp_path / "my-bank.toml").write_text(BANK.format(key="a"), encoding="utf-8")  # a wrong key, fixed later
    shutil.copy(LMS / "canvas_export.csv", tmp_path / "canvas-export.csv")
    outputs = []
    for line in block():
        if line.startswith("# step:"):
            known = [do for words, do in STEPS.items() if words in line]
            assert len(known) == 1, f"the test does not know this step of the doc: {line}"
            known[0](tmp_path)
            continue
        assert line.startswith("calctutor "), line
        done = subprocess.run([sys.executable, "-m", "tutor", *shlex.split(line)[1:], "--workers", "1"],
                              capture_output=True, text=True, timeout=300, cwd=tmp_path)
        assert done.returncode == 0, (line, done.stdout, done.stderr)
        outputs.append(done.stdout)
    assert len(outputs) == 4
    canvas = rows(tmp_path / "week5.canvas.csv")
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 5 quiz (48213)"]
    # after the fix: asouza 1 (lr-quiz) + 1.5 (the teacher's decision); bokafor 0; cmartin 0
    assert [r[-1] for r in canvas[2:]] == ["2.5", "0", "0"]
    assert "1 teacher's decision applied" in outputs[2] and "1 teacher's decision applied" in outputs[3]
    assert "Regrade: 2 scores changed (1 up, 1 down, 0 same points) for 2 students." in outputs[3]
    changes = rows(tmp_path / "week5.changes.csv")
    assert [r[:5] for r in changes[1:]] == [["asouza", "lr-quiz", "0", "1", "+1"],
                                           ["bokafor", "lr-quiz", "1", "0", "-1"]]
    # the doc shows the last command's summary: its lines are the ones the run prints
    doc = DOC.read_text(encoding="utf-8")
    shown = doc[doc.index("What the last command says:"):]
    shown = shown[shown.index("```\n") + 4:]
    said = [line for line in shown[:shown.index("```")].splitlines() if "graded now" not in line]  # timing varies
    assert said == [line for line in outputs[3].splitlines() if "graded now" not in line]
    assert "graded now, 1 from the journal" in outputs[3]
    note = (tmp_path / "week5.changes.md").read_text(encoding="utf-8")
    assert f"```\n{note}```" in doc
