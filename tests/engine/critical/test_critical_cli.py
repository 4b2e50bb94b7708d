"""calctutor critical / level / surface: output, JSON, figures, and exit codes for bad input."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tutor.cli import main


def test_critical_brief_table(capsys):
    assert main(["critical", "x^4 + y^4 - 4xy + 1", "--brief", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "(0, 0)" in out and "a saddle point" in out and "a global minimum" in out
    assert "This list is complete" in out


def test_critical_json_is_one_object(capsys):
    assert main(["critical", "x^3 - 3x", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["type"] == "CriticalPoints" and data["complete"] is True
    assert [p["point"]["x"] for p in data["points"]] == ["-1", "1"]
    assert [p["kind"] for p in data["points"]] == ["maximum", "minimum"]


def test_critical_domain_and_plot(tmp_path, capsys):
    out_png = tmp_path / "c.png"
    assert main(["critical", "sin(x)*cos(y)", "--domain", "x=0..6.3, y=0..6.3", "--brief", "--plot", str(out_png)]) == 0
    out = capsys.readouterr().out
    assert out.count("saddle point") == 4 and "figure saved" in out and out_png.stat().st_size > 10_000


def test_level_several_c_with_plot(tmp_path, capsys):
    svg = tmp_path / "levels.svg"
    assert main(["level", "x^2 + y^2", "--c", "1,4,9", "--plot", str(svg), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.count("circle of radius") == 3 and "radius 3" in out and svg.exists()


def test_level_general_c_and_perpendicular(capsys):
    assert main(["level", "x + 2y", "--at", "x=0,y=1", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "slope -1/2" in out and "perpendicular" in out


def test_level_json(capsys):
    assert main(["level", "x*y", "--c", "0,1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["cases"][0]["shape"] for c in data["curves"]] == ["pair of crossing lines", "hyperbola"]


def test_surface_kind_and_plot(tmp_path, capsys):
    assert main(["surface", "x^2 - y^2", "--at", "x=0,y=0", "--plot", str(tmp_path / "s.png")]) == 0
    out = capsys.readouterr().out
    assert "saddle" in out and (tmp_path / "s.png").exists()


@pytest.mark.parametrize("argv, message", [
    (["critical", "x^2 +"], "after it"),
    (["critical", "x^2", "--domain", "q=0..1"], "not a variable"),
    (["critical", "x^2", "--domain", "x=1..0"], "empty"),
    (["critical", "x^2", "--timeout", "0"], "positive"),
    (["level", "x^2 + y^2", "--c", ","], "at least one level"),
    (["level", "x + y + z", "--c", "1"], "two variables"),
    (["level", "x^2 + y^2", "--plot", "out.png"], "numeric levels"),
    (["surface", "x^2 + y^2", "--at", "x=1"], "no value for y"),
])
def test_bad_input_exits_2_without_traceback(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_end_to_end_subprocess():
    run = subprocess.run([sys.executable, "-m", "tutor", "critical", "ln(x^4 + x^3 + 2)", "--format", "text"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "stationary inflection point" in run.stdout and "-3/4" in run.stdout


def test_level_at_with_several_levels(capsys):
    assert main(["level", "x + 2y", "--c", "0,2", "--at", "x=0,y=1", "--format", "text"]) == 0
    assert capsys.readouterr().out.count("perpendicular to the level curve") == 1
    assert main(["level", "x + 2y", "--c", "0,3", "--at", "x=0,y=1"]) == 2
    assert "on none of these level curves" in capsys.readouterr().err
