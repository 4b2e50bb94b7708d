"""``calctutor limit`` end to end (subprocess, real exit codes)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def calctutor(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "CALCTUTOR_TIMEOUT": "10"})


def test_limit_summary_names_the_witness_paths():
    out = calctutor("limit", "x^2 y/(x^4 + y^2)", "--at", "x=0,y=0", "--format", "text")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert lines[1] == "The limit does not exist."
    assert "Along y = x^2 the values tend to 1/2." in lines


def test_limit_json_plot_and_steps(tmp_path: Path):
    fig = tmp_path / "limit.png"
    out = calctutor("limit", "x^2 y/(x^2 + y^2)", "--at", "0,0", "--json", "--plot", str(fig))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["exists"] is True and data["value"] == "0" and data["proof"]["kind"] == "squeeze"
    assert fig.exists() and fig.stat().st_size > 10_000


def test_steps_show_the_families_and_the_proof(capsys):
    from tutor.cli import main

    assert main(["limit", "x^2 y/(x^2 + y^2)", "--at", "0,0", "--steps", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "Along the lines y = k*x:" in out and "Proof by squeeze:" in out
    assert out.index("Along the lines") < out.index("Proof by squeeze")


def test_one_sided_limit(capsys):
    from tutor.cli import main

    assert main(["limit", "|x|/x", "--at", "x=0", "--direction", "-", "--format", "text"]) == 0
    assert "The limit is -1." in capsys.readouterr().out


def test_bad_requests_exit_2_with_a_message(capsys):
    from tutor.cli import main

    assert main(["limit", "x y/(", "--at", "x=0,y=0"]) == 2
    assert "never closed" in capsys.readouterr().err
    assert main(["limit", "x y", "--at", "x=0"]) == 2
    assert "no value for y" in capsys.readouterr().err
    assert main(["limit", "x y", "--at", "x=0,y=0", "--direction", "+"]) == 2
    assert "one variable" in capsys.readouterr().err
    assert main(["limit", "x y", "--at", "x=0,y=0", "--timeout", "-1"]) == 2
