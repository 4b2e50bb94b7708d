"""The printable documents compile with a real pdfLaTeX: every bank exercise's worked solution (every
seed form and option), an assignment's sheets, and a computing command's ``--format pdf``.

Skipped only on a machine without pdflatex; in CI (``CI`` set) a missing engine fails (see latex_engine).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from latex_engine import compile_errors, owner, pdflatex

import exercises
from grader.reports.solutions import document, entries

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "teacher"
pytestmark = pytest.mark.slow


def _cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "tutor", *args], cwd=cwd, env=env, capture_output=True,
                          timeout=900)


def _failures(tex: str, folder: Path) -> list[str]:
    """Each LaTeX error with the exercise (section) it is in, so a failure names the exercise."""
    return [f"{owner(tex, line)}: {message} (line {line})" for line, message in compile_errors(tex, folder)]


@pytest.mark.parametrize("seed", [0, 7, "student:ana"])
def test_every_bank_solution_compiles(tmp_path, seed):
    pdflatex()
    bank = exercises.load()
    variants = [ex.variant_for("ana") if seed == "student:ana" else ex.variant(seed) for ex in map(bank.__getitem__, bank)]
    assert len(variants) >= 100
    tex = document(entries(variants, "tex", None), "tex", "Every exercise ^_^ σ", f"seed {seed}", tmp_path)
    assert tex.isascii()
    assert _failures(tex, tmp_path) == []


def test_the_latex_prompt_keeps_every_paragraph_and_line(tmp_path):
    """A multiple-choice prompt keeps its choices, one per line, as the Markdown and HTML do."""
    from grader.batch.work import _prompt

    bank = exercises.load()
    variants = [bank[i].variant(0) for i in bank]
    for v, e in zip(variants, entries(variants, "tex", None)):
        md = _prompt(v, "markdown")
        assert e.prompt.count("\n\n") == md.count("\n\n"), v.id
        assert e.prompt.count("\\\\\n") <= md.count("  \n"), v.id
    choices = entries([bank["saddle-vs-minimum"].variant(0)], "tex", None)[0].prompt
    assert "\\\\\nd) A zero gradient is impossible" in choices


def test_every_result_types_latex_compiles(tmp_path):
    """The --format latex of each result type (the notebook test's list), one section each."""
    pdflatex()
    from test_notebook_display import RESULTS

    from tutor.render.latex import document as whole, tex_text

    tex = whole("\n\n".join(rf"\section{{{tex_text(name)}}}" "\n" + result.to_latex() for name, result in RESULTS))
    assert tex.isascii()
    assert _failures(tex, tmp_path) == []


def test_solutions_with_figures_make_a_pdf(tmp_path):
    pdflatex()
    done = _cli("solutions", "--exercise", "gradient-at-point", "--exercise", "gd-one-step-quartic",
                "--exercise", "sigmoid-derivative", "--seed", "3", "--out", "key", "--format", "pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    pdf = tmp_path / "key" / "solutions.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    tex = (tmp_path / "key" / "solutions.tex").read_text()
    assert tex.count(r"\includegraphics") >= 1 and tex.count(r"\section{") == 3
    assert "solutions.pdf" in done.stdout.decode()


def test_an_assignments_sheets_compile_to_pdf(tmp_path):
    pdflatex()
    done = _cli("assign", str(DATA / "week5.toml"), "--roster", str(DATA / "roster.csv"), "--out", "sheets",
                "--student", "ana", "--student", "ben", "--format", "pdf", "--workers", "2", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode() + done.stdout.decode()
    for who in ("ana", "ben"):
        tex = (tmp_path / "sheets" / f"{who}.tex").read_text()
        assert tex.count(r"\section*{") == 20 and tex.isascii()
        assert (tmp_path / "sheets" / f"{who}.pdf").read_bytes().startswith(b"%PDF")
        assert (tmp_path / "sheets" / f"{who}.md").exists()
    assert ".tex and .pdf to print" in done.stdout.decode()


@pytest.mark.parametrize("args", [
    ("diff", "sin(x^2) * exp(-x) / (1 + x^2)", "--steps"),
    ("critical", "x^3 - 3x + y^2"),
    ("limit", "x y / (x^2 + y^2)", "--at", "0,0"),
    ("descend", "x^2 + 10y^2", "--start", "3, 1", "--lr", "0.05", "--steps", "5", "--plot", "path_1.png"),
    ("check", "2x", "2*x"),
    ("bank", "show", "backprop-sigmoid-neuron", "--solution"),
])
def test_result_commands_make_a_pdf_of_their_latex(tmp_path, args):
    pdflatex()
    latex = _cli(*args, "--format", "latex", cwd=tmp_path)
    assert latex.stdout.decode().isascii()
    done = _cli(*args, "--format", "pdf", cwd=tmp_path)
    assert done.returncode == latex.returncode, done.stderr.decode()
    assert done.stdout.startswith(b"%PDF") and done.stdout.rstrip().endswith(b"%%EOF")


def test_without_an_engine_pdf_says_what_to_install(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    for args in (("diff", "x^2", "--format", "pdf"),
                 ("solutions", "--exercise", "gradient-at-point", "--out", "key", "--format", "pdf")):
        done = _cli(*args, cwd=tmp_path, env={"PATH": str(empty)})
        err = done.stderr.decode()
        assert done.returncode == 2, err
        assert "no LaTeX engine found" in err and "apt-get install texlive-latex-base" in err
        assert "Traceback" not in err and done.stdout == b""
    assert not (tmp_path / "key").exists()  # refused before any work
