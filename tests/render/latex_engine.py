"""A real LaTeX engine for the tests that compile: skipped only on a machine without one, never in CI."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def pdflatex() -> str:
    """The path of pdflatex; outside CI a machine without it skips the test, in CI (``CI`` set) it fails."""
    path = shutil.which("pdflatex")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("pdflatex is not installed, and CI must compile the LaTeX (.ci/run installs TeX Live)")
        pytest.skip("pdflatex is not installed (apt-get install texlive-latex-base)")
    return path


def compile_errors(tex: str, folder: Path) -> list[tuple[int, str]]:
    """Every LaTeX error of ``tex`` as (line in the .tex, message); pdflatex keeps going past each."""
    (folder / "t.tex").write_text(tex, encoding="utf-8")
    done = subprocess.run([pdflatex(), "-interaction=nonstopmode", "-no-shell-escape", "t.tex"], cwd=folder,
                          capture_output=True, timeout=600, stdin=subprocess.DEVNULL)
    log = (folder / "t.log").read_text(encoding="utf-8", errors="replace")
    errors = [(int(m.group(2)), m.group(1)) for m in re.finditer(r"^! (.*)$(?:\n(?!l\.\d).*)*?\nl\.(\d+)", log, re.M)]
    if done.returncode != 0 and not errors:
        errors = [(0, "pdflatex failed without an error line: " + log[-500:])]
    if not (folder / "t.pdf").exists() and not errors:
        errors = [(0, "no PDF was produced")]
    return errors


def owner(tex: str, line: int, marker: str = r"\section{") -> str:
    """The section heading (an exercise) that contains ``line`` of ``tex``."""
    heading = "(before the first section)"
    for n, text in enumerate(tex.splitlines(), 1):
        if n > line:
            break
        if text.startswith(marker):
            heading = text
    return heading
