"""calctutor descend / sweep / plot, driven as a user would (in-process, and once as a subprocess)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tutor.cli import main


def cli(capsys, *argv):
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


def test_descend_table_prints_the_course_epochs(capsys):
    status, out, _ = cli(capsys, "descend", "x^2", "--start", "10", "--lr", "0.1", "--steps", "20", "--table")
    lines = out.splitlines()
    assert status == 0
    assert lines[0] == "Epoch 1: x = 8.0, f(x) = 64.0"
    assert lines[2] == "Epoch 3: x = 5.12, f(x) = 26.2144"
    assert lines[19] == "Epoch 20: x = 0.11529215046068471, f(x) = 0.013292279957849162"
    assert lines[20].startswith("Result (converging)")


def test_descend_every_and_fractions(capsys):
    status, out, _ = cli(capsys, "descend", "x^2", "--start", "10", "--lr", "1/10", "--steps", "20", "--table",
                         "--every", "10")
    assert status == 0 and [ln.split(":")[0] for ln in out.splitlines()[:2]] == ["Epoch 10", "Epoch 20"]


def test_descend_json_is_one_object(capsys):
    status, out, _ = cli(capsys, "descend", "3x^2 - 4x + 5", "--start", "-2", "--lr", "0.1", "--steps", "200",
                         "--tol", "1e-10", "--json")
    data = json.loads(out)
    assert status == 0 and data["converged"] is True
    assert data["final"][0] == pytest.approx(2 / 3, abs=1e-10)


def test_descend_methods_and_hyper_parameters(capsys):
    status, out, _ = cli(capsys, "descend", "x^2 + 10y^2", "--start", "x=1, y=1", "--lr", "0.05", "--steps", "50",
                         "--method", "adam", "--betas", "0.8,0.99", "--amsgrad", "--json")
    data = json.loads(out)
    assert status == 0 and data["method"] == "adam"
    assert data["hyper"]["betas"] == [0.8, 0.99] and data["hyper"]["amsgrad"] is True
    status, out, _ = cli(capsys, "descend", "x^2", "--start", "1", "--lr", "0.1", "--method", "momentum",
                         "--momentum", "0.5", "--json")
    assert json.loads(out)["hyper"]["momentum"] == 0.5


def test_descend_several_starts(capsys):
    status, out, _ = cli(capsys, "descend", "x^4 - 2x^2", "--start", "0.5; -0.5", "--lr", "0.1", "--steps", "300",
                         "--tol", "1e-9", "--json")
    data = json.loads(out)
    assert status == 0 and data["type"] == "MultiDescent"
    finals = [r["final"][0] for r in data["runs"]]
    assert finals == [pytest.approx(1, abs=1e-8), pytest.approx(-1, abs=1e-8)]


def test_descend_explains_least_squares_style_divergence(capsys):
    status, out, _ = cli(capsys, "descend", "x^2 + 10y^2", "--start", "1, 1", "--lr", "0.11", "--steps", "100")
    assert status == 0
    assert "diverged" in out and "2/λmax ≈ 0.1" in out


@pytest.mark.parametrize("argv,words", [
    (["descend", "log(x)", "--start", "-1", "--lr", "0.1"], "log needs a positive argument"),
    (["descend", "x^2 + y^2", "--start", "1", "--lr", "0.1"], "2 variables (x, y) but the start has 1"),
    (["descend", "x^2", "--start", "1", "--lr", "0"], "lr = 0"),
    (["descend", "x^2", "--start", "1", "--lr", "-1"], "negative"),
    (["descend", "x^2", "--start", "1", "--lr", "0.1", "--steps", "0"], "at least 1"),
    (["descend", "x^2", "--start", "1", "--lr", "0.1", "--method", "adam", "--momentum", "0.9"],
     "no hyper-parameter 'momentum'"),
    (["descend", "x^2", "--start", "1", "--lr", "0.1", "--betas", "0.9"], "two numbers"),
    (["descend", "x^2", "--start", "", "--lr", "0.1"], "--start is empty"),
    (["descend", "x^2", "--start", "1", "--lr", "0.1", "--batch-size", "2"], "--batch-size needs --data"),
    (["sweep", "x^2", "--start", "1; 2", "--lr", "0.1"], "one start"),
    (["sweep", "x^2", "--start", "1", "--lr", ","], "at least one learning rate"),
    (["plot", "x^2", "--kind", "tangent", "--out", "x.png"], "needs --at"),
    (["plot", "x^2", "--kind", "landscape", "--at", "1", "--out", "x.png"], "at least 2 variables"),
    (["plot", "x^2 + y^2", "--kind", "tangent", "--at", "1", "--out", "x.png"], "one variable"),
    (["plot", "x^2", "--kind", "surface", "--span", "2", "--out", "x.png"], "needs f of 2 variables"),
    (["plot", "x^2 + y^2", "--kind", "contour", "--span", "-1", "--out", "x.png"], "--span must be positive"),
])
def test_bad_input_exits_2_with_a_message(capsys, tmp_path, monkeypatch, argv, words):
    monkeypatch.chdir(tmp_path)
    status, out, err = cli(capsys, *argv)
    assert status == 2
    assert words in err and "Traceback" not in err


def test_unreadable_expression_exits_2_with_a_caret(capsys):
    status, _, err = cli(capsys, "descend", "x^2 +", "--start", "1", "--lr", "0.1")
    assert status == 2 and "^" in err


def test_sweep_summarises_the_learning_rates(capsys, tmp_path):
    fig = tmp_path / "sweep.png"
    status, out, err = cli(capsys, "sweep", "x^2", "--start", "10", "--lr", "0.4,1,0.0001,1.2", "--steps", "60",
                           "--plot", str(fig), "--json")
    data = json.loads(out)
    assert status == 0
    assert data["summary"] == {"0.4": "converged", "1": "oscillating", "0.0001": "slow", "1.2": "diverged"}
    assert fig.exists() and "figure saved" in err


def test_sgd_from_a_csv(capsys, tmp_path):
    csv = tmp_path / "points.csv"
    csv.write_text("x,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n")
    status, out, _ = cli(capsys, "descend", "(w*x + b - y)^2", "--vars", "w,b", "--data", str(csv),
                         "--start", "0, 0", "--lr", "0.01", "--steps", "400", "--batch-size", "2", "--seed", "5",
                         "--json")
    data = json.loads(out)
    assert status == 0 and data["batch_size"] == 2 and data["samples"] == 4
    assert data["final"][0] == pytest.approx(2, abs=0.3)
    status, _, err = cli(capsys, "descend", "(w*x + b - y)^2", "--data", str(csv), "--start", "0, 0", "--lr",
                         "0.01")
    assert status == 2 and "--vars" in err


@pytest.mark.parametrize("kind,extra", [("tangent", ["--at", "-2"]), ("surface", []), ("contour", []),
                                        ("contour", ["--at", "1, 1", "--span", "2"]),
                                        ("landscape", ["--at", "1, 0.5, 1"])])
def test_plot_kinds_write_files(capsys, tmp_path, kind, extra):
    expr = {"tangent": "3x^2 - 4x + 5", "landscape": "(a - 1)^2 + 3(b + c)^2 + sin(a c)"}.get(kind, "x^2 - y^2")
    out = tmp_path / f"{kind}{len(extra)}.png"
    status, _, err = cli(capsys, "plot", expr, "--kind", kind, *extra, "--out", str(out))
    assert status == 0 and out.exists() and out.stat().st_size > 5000
    assert "figure saved" in err


def test_descend_plot_and_animation(capsys, tmp_path):
    png, gif = tmp_path / "run.png", tmp_path / "run.gif"
    status, _, _ = cli(capsys, "descend", "x^2 + 10y^2", "--start", "3, 1", "--lr", "0.09", "--steps", "12",
                       "--plot", str(png), "--animate", str(gif))
    assert status == 0 and png.exists() and gif.exists()


def test_method_list_matches_the_engine():
    from tutor.operations.descent import METHODS
    from tutor.engine.descent import METHODS as ENGINE

    assert tuple(ENGINE) == METHODS


def test_descend_end_to_end_subprocess():
    out = subprocess.run([sys.executable, "-m", "tutor", "descend", "x^2", "--start", "10", "--lr", "0.1",
                          "--steps", "20", "--table"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "Epoch 1: x = 8.0, f(x) = 64.0"
    bad = subprocess.run([sys.executable, "-m", "tutor", "descend", "x^2", "--start", "1", "--lr", "0"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
