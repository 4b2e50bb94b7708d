"""End to end in a pseudo-terminal: a student does a multi-part exercise from start to end (issue 14).

A wrong first part, a second part right for it ("Carried forward" with its note), an unreadable
answer that costs nothing, going back to fix the first part (the second is graded again and the
tutor says so), then every part right. The bank is the tests' own (tests/repl/parts_bank.py).
"""
from __future__ import annotations

import sys

import pytest

import parts_bank
from test_repl_e2e import ANSI, env_for
from tutor.repl.store import ProgressStore

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.slow  # starts the tutor, SymPy and a grading worker

EX = "fit-chain"
R, W, C = parts_bank.RIGHT, parts_bank.WRONG_GRAD, parts_bank.CARRIED


def test_a_multipart_exercise_from_start_to_end_in_a_terminal(tmp_path):
    bank = parts_bank.write(tmp_path)
    child = pexpect.spawn(sys.executable, ["-m", "tutor", "--user", "e2e-parts", "--bank", str(bank)],
                          env=env_for(tmp_path), encoding="utf-8", timeout=90, dimensions=(40, 110))
    child.expect("calctutor>")

    def say(line: str, until: str) -> str:
        """Type a line; what the tutor printed up to ``until`` (then wait for the next prompt), on one line."""
        child.sendline(line)
        child.expect(until)
        said = ANSI.sub("", child.before + child.after)
        child.expect(f"{EX}>")
        return " ".join(said.split())

    opened = say(f":open {EX}", "Part 1 of 3")
    assert "Loss, gradient, one step" in opened and "L(w, b) = (w + b − 3)²" in opened
    reply = say(W, "Part 2 of 3 · step · 2 points")
    assert "Part 1 (grad): I read your answer as: (4, 4) Incorrect." in reply
    assert "Score: 0 of 2 points." in reply
    reply = say(C["step"], "Part 3 of 3 · loss")
    assert "Carried forward: right for your earlier answer." in reply
    assert "Your step is right for the grad you found, but that grad was wrong." in reply
    assert "Score: 2 of 2 points." in reply
    assert "Part 1 of 3 · grad" in say(":part 1", "Your answer so far: .*? Type a new one to change it.")
    reply = say("(-4, -4", "Fix it, or go on with :part N.")              # unreadable: nothing counted
    assert "Invalid:" in reply and "Your earlier answer to part 1 (grad) stays: (4, 4)." in reply
    reply = say(R["grad"], "Part 2 of 3 · step")
    assert "Correct." in reply and "Score: 1.8 of 2 points (attempt 2 can earn up to 1.8)." in reply  # 2nd attempt
    assert ("Part 2 (step) is graded again with your new answer to part 1 (grad): now Incorrect, "
            "it was Carried forward (right for your earlier answer).") in reply
    say(R["step"], "Part 3 of 3 · loss")
    reply = say(R["loss"], "Suggested next")
    assert "Every part of fit-chain is correct. Well done!" in reply
    assert "Total so far: 4.6 of 5 points." in reply                         # 1.8 + 1.8 (2nd try at step) + 1
    child.sendcontrol("d")
    child.expect("Goodbye, e2e-parts: 5 answers this session, 1 exercise solved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    store = ProgressStore(tmp_path / "progress.sqlite3")
    grad = store.attempts("e2e-parts", f"{EX}.grad")
    assert [(a.status, a.attempt) for a in grad] == [("incorrect", 1), ("invalid", 0), ("correct", 2)]
    whole = store.attempts("e2e-parts", EX)
    assert whole[-1].status == "correct" and whole[-1].credit == 4.6
    assert whole[-1].answer == f"grad: {R['grad']}; step: {R['step']}; loss: {R['loss']}"


def test_kill_9_mid_exercise_loses_no_part_and_the_next_session_goes_on_at_part_3(tmp_path):
    import signal
    import subprocess
    import time

    bank = parts_bank.write(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "tutor", "--user", "e2e-kill", "--bank", str(bank)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env_for(tmp_path))
    seen = b""
    proc.stdin.write(f":open {EX}\n{W}\n{C['step']}\n".encode())
    proc.stdin.flush()
    deadline = time.monotonic() + 120
    while seen.count(b"Score:") < 2:                                    # both parts graded and shown
        assert time.monotonic() < deadline, seen.decode(errors="replace")
        chunk = proc.stdout.read1(4096)
        assert chunk, seen.decode(errors="replace")
        seen += chunk
    proc.send_signal(signal.SIGKILL)                                     # no goodbye, no clean shutdown
    proc.wait(30)
    again = subprocess.run([sys.executable, "-m", "tutor", "--user", "e2e-kill", "--bank", str(bank)],
                           input=f":open {EX}\n", capture_output=True, text=True, env=env_for(tmp_path), timeout=120)
    assert again.returncode == 0 and again.stderr == ""
    opened = again.stdout.split(f"calctutor> :open {EX}\n")[1]
    assert "2. step  Carried forward (right for your earlier answer)  2 of 2" in opened
    assert "Part 3 of 3 · loss" in opened
