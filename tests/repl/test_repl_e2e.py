"""End to end with the real bank and checker: piped stdin, a pseudo-terminal, and kill -9.

The wrong answer is the engine's own planted mistake for this student's
variant, so the test checks that the REPL passes its diagnosis on; the right
answer is the variant's ``answer_text``.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

import exercises
from tutor import to_text
from tutor.repl.store import ProgressStore

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.slow  # each test starts the tutor, SymPy and a grading worker

EXERCISE = "product-rule-power-sine"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r")


def plan(user: str):
    """(wrong answer, what the feedback must say, right answer, topic size) for this student's variant."""
    bank = exercises.load()
    ex = bank[EXERCISE]
    variant = ex.variant_for(user)
    mistake = next(m for m in variant.mistakes if m.key == "product-rule-one-term")
    return to_text(mistake.expr), mistake.description, variant.answer_text, len(bank.by_topic(ex.topic))


def env_for(home) -> dict[str, str]:
    env = dict(os.environ, CALCTUTOR_HOME=str(home), PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm",
               CALCTUTOR_NO_VIEWER="1", COLUMNS="100", LINES="40", PYTHONUNBUFFERED="1")
    env.pop("NO_COLOR", None)
    return env


def run_piped(home, user, lines, timeout=120) -> str:
    proc = subprocess.run([sys.executable, "-m", "tutor", "--user", user], input="".join(f"{l}\n" for l in lines),
                          capture_output=True, text=True, env=env_for(home), timeout=timeout)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return proc.stdout


def progress_row(total: int, solved: int) -> re.Pattern:
    return re.compile(rf"Derivative rules and tangent lines\s+{solved}/{total} solved")


def test_piped_session_wrong_hint_right_progress_and_again(tmp_path):
    wrong, diagnosis, right, total = plan("e2e-pipe")
    out = run_piped(tmp_path, "e2e-pipe", [f":open {EXERCISE}", wrong, ":hint", right, ":progress", ":quit"])
    assert "\x1b" not in out                                   # no colour or control codes when piped
    assert "Traceback" not in out
    after_wrong = out.split(f"{EXERCISE}> {wrong}\n")[1]
    assert after_wrong.startswith("I read your answer as:")
    assert "\nIncorrect." in after_wrong.split(f"{EXERCISE}> :hint")[0]
    assert diagnosis in after_wrong                            # the feedback names the mistake
    assert "Hint 1 of 2 (costs 0.5 points):" in out
    after_right = out.split(f"{EXERCISE}> {right}\n")[1]
    # issue 13: the wrong first try takes 0.1 of the points, then the hint its cost
    assert "\nCorrect" in after_right
    assert "Score: 2.2 of 3 points (attempt 2 can earn up to 2.7; 2.7 − 0.5 for hints)." in after_right
    assert progress_row(total, 1).search(out)
    assert out.rstrip().endswith("1 exercise solved, 2.2 points earned. Your progress is saved.")

    again = run_piped(tmp_path, "e2e-pipe", [":progress"])
    assert again.startswith("Welcome back, e2e-pipe.")
    assert progress_row(total, 1).search(again)
    assert f"Suggested next: {EXERCISE}" not in again


def _pty(home, user):
    child = pexpect.spawn(sys.executable, ["-m", "tutor", "--user", user], env=env_for(home), encoding="utf-8",
                          timeout=90, dimensions=(40, 100))
    child.expect("calctutor>")
    return child


def _answer(child, text, marker):
    """Send a line; return what the tutor printed up to ``marker`` (then wait for the next prompt)."""
    child.sendline(text)
    child.expect(marker)
    said = ANSI.sub("", child.before + child.after)
    child.expect(f"{EXERCISE}>")
    return " ".join(said.split())


def test_terminal_session_with_completion_ctrl_c_and_ctrl_d(tmp_path):
    wrong, diagnosis, right, total = plan("e2e-pty")
    child = _pty(tmp_path, "e2e-pty")
    child.send(":open product-rule-po\t")                      # Tab completes the exercise id
    child.send("\r")
    child.expect(f"{EXERCISE}>")
    shown = ANSI.sub("", child.before)
    assert "Product rule" in shown and "3 points" in shown
    assert "\x1b[" in child.before                             # a terminal gets colour
    reply = _answer(child, wrong, "Score: 0 of 3 points")
    assert "Incorrect." in reply and " ".join(diagnosis.split()) in reply
    assert "Hint 1 of 2 (costs 0.5 points)" in _answer(child, ":hint", "Hint 1 of 2.*?:")
    child.send("this line is abandoned")
    child.sendcontrol("c")                                    # Ctrl-C cancels the line, nothing is graded
    child.expect(f"{EXERCISE}>")
    reply = _answer(child, right, r"Score: .*? points")
    assert "Correct" in reply and "Score: 2.2 of 3 points" in reply  # the second attempt: 0.9 of 3, less 0.5
    child.sendline(":progress")
    child.expect(progress_row(total, 1))
    child.expect(f"{EXERCISE}>")
    child.sendcontrol("d")                                    # Ctrl-D leaves with a one-line summary
    child.expect("Goodbye, e2e-pty: 2 answers this session, 1 exercise solved, 2.2 points earned.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    answers = [a.answer for a in ProgressStore(tmp_path / "progress.sqlite3").attempts("e2e-pty")]
    assert answers == [wrong, right]                           # the cancelled line was never an attempt
    child = _pty(tmp_path, "e2e-pty")                         # start again: the progress is still there
    child.sendline(":progress")
    child.expect(progress_row(total, 1))
    child.sendline(":quit")
    child.expect(pexpect.EOF)
    assert (tmp_path / "history-e2e-pty.txt").read_text().count(":open product-rule-power-sine") == 1


def test_kill_9_loses_no_graded_attempt(tmp_path):
    wrong, _, right, total = plan("e2e-kill")
    proc = subprocess.Popen([sys.executable, "-m", "tutor", "--user", "e2e-kill"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env_for(tmp_path))
    seen = b""

    def until(marker: bytes, count: int) -> None:
        nonlocal seen
        deadline = time.monotonic() + 120
        while seen.count(marker) < count:
            assert time.monotonic() < deadline, seen.decode(errors="replace")
            chunk = proc.stdout.read1(4096)
            assert chunk, seen.decode(errors="replace")
            seen += chunk

    proc.stdin.write(f":open {EXERCISE}\n{wrong}\n{right}\n".encode())
    proc.stdin.flush()
    until(b"Score:", 2)                                       # both answers graded and shown
    proc.send_signal(signal.SIGKILL)                           # no goodbye, no clean shutdown
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    attempts = ProgressStore(tmp_path / "progress.sqlite3").attempts("e2e-kill")
    assert [(a.answer, a.status) for a in attempts] == [(wrong, "incorrect"), (right, "correct")]
    out = run_piped(tmp_path, "e2e-kill", [":progress"])
    assert progress_row(total, 1).search(out)
