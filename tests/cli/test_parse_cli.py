"""``calctutor parse`` end to end (subprocess): the echo, JSON output, and exit 2 with a caret."""
from __future__ import annotations

import json
import subprocess
import sys


def calctutor(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", "parse", *args], capture_output=True,
                          text=True, timeout=120, encoding="utf-8")


def test_echo_shows_canonical_unicode_latex_kind_and_variables():
    out = calctutor("3xe^(2x)")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "3x*e^(2x)" in text
    assert "3·x·e^(2·x)" in text
    assert "3 x e^{2 x}" in text
    assert "expression" in text
    assert "'xe' is read as x · e" in text


def test_json_output_is_one_object():
    out = calctutor("x + 2y = 3", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["kind"] == "equation"
    assert data["text"] == "x + 2y = 3"
    assert data["variables"] == ["x", "y"]
    assert data["latex"] == "x + 2 y = 3"


def test_declared_variables_keep_long_names():
    out = calctutor("lr*w_1", "--vars", "lr,w1", "--json")
    data = json.loads(out.stdout)
    assert data["text"] == "lr*w1"
    assert data["variables"] == ["lr", "w1"]
    assert data["notes"] == []


def test_unreadable_input_exits_2_with_caret_on_stderr():
    out = calctutor("2x+")
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.splitlines()
    assert lines[0] == "'+' needs something after it"
    assert lines[1] == "  2x+"
    assert lines[2] == "    ^"
    assert lines[3].startswith("hint:")
    assert "Traceback" not in out.stderr


def test_json_error_object_and_exit_2():
    out = calctutor("y = 2x", "--expect", "expression", "--json")
    assert out.returncode == 2
    data = json.loads(out.stdout)
    assert data["column"] == 3
    assert "equation" in data["error"]
    assert "2x" in data["hint"]


def test_hostile_input_is_refused_cleanly():
    out = calctutor("__import__('os').system('echo pwned')")
    assert out.returncode == 2
    assert "pwned" not in out.stdout
    assert "Python, not mathematics" in out.stderr


def test_command_module_and_errors_import_without_sympy():
    probe = ("import sys, tutor.operations.reading, tutor.operations.catalogue as c, tutor.reading.errors; c.operations(); "
             "print('sympy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False"
