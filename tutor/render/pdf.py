"""Turn the renderers' LaTeX into a PDF with the LaTeX engine installed on this machine.

The engine runs in a fresh temporary folder, without a shell, non-interactively,
stopping at the first error and within a time limit. What goes wrong is a
:class:`PdfError` that says what to do: install an engine, or read the first
LaTeX error (its line in the ``.tex``) and the log, which is kept for reading.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ENGINES = ("pdflatex", "lualatex", "xelatex")
TIME_LIMIT = 120.0  # seconds for one document
INSTALL = ("install a LaTeX engine, e.g. on Debian or Ubuntu: apt-get install texlive-latex-base "
           "(macOS: MacTeX or BasicTeX; Windows: MiKTeX or TeX Live)")
NO_ENGINE = 2  # exit status when no engine is installed (the request cannot be carried out here)
_ERROR_LINE = re.compile(r"^l\.(\d+)", re.M)


class PdfError(Exception):
    """The PDF could not be made: ``message`` says why and what to try; ``line`` is the .tex line."""

    def __init__(self, message: str, status: int = 2, line: int | None = None, log: Path | None = None):
        super().__init__(message)
        self.status = status
        self.line = line
        self.log = log


@dataclass(frozen=True)
class Engine:
    name: str
    path: str


def find_engine() -> Engine | None:
    """The first LaTeX engine on PATH (``CALCTUTOR_LATEX`` names one to prefer), or None."""
    from tutor.settings import current

    wanted = current().latex
    for name in ((wanted,) if wanted else ()) + ENGINES:
        path = shutil.which(name)
        if path is not None:
            return Engine(Path(name).name, path)
    return None


def require_engine() -> Engine:
    engine = find_engine()
    if engine is None:
        raise PdfError(f"no LaTeX engine found ({', '.join(ENGINES)} on PATH) to make a PDF; {INSTALL}, "
                       "or ask for --format tex (or latex) and compile it elsewhere", NO_ENGINE)
    return engine


def compile_pdf(tex: str, resources: Path | None = None, timeout: float = TIME_LIMIT,
                name: str = "document") -> bytes:
    """The PDF of the complete LaTeX document ``tex``; ``resources`` is a folder its figures are found in."""
    engine = require_engine()
    work = Path(tempfile.mkdtemp(prefix="calctutor-latex-"))
    (work / f"{name}.tex").write_text(tex, encoding="utf-8")
    env = dict(os.environ)
    if resources is not None:  # \includegraphics{figures/x.png} relative to the document's folder
        env["TEXINPUTS"] = os.pathsep.join((str(Path(resources).resolve()), env.get("TEXINPUTS", "")))
    command = [engine.path, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", f"{name}.tex"]
    try:
        done = subprocess.run(command, cwd=work, env=env, capture_output=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise PdfError(f"{engine.name} did not finish within {timeout:g} s; the LaTeX is kept in "
                       f"{work / (name + '.tex')}", 3) from None
    pdf = work / f"{name}.pdf"
    if done.returncode != 0 or not pdf.exists():
        raise _failure(engine, work, name)
    data = pdf.read_bytes()
    shutil.rmtree(work, ignore_errors=True)
    return data


def _failure(engine: Engine, work: Path, name: str) -> PdfError:
    """The first LaTeX error and its line, with the log and the .tex kept for reading."""
    log = work / f"{name}.log"
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    first = next((ln[1:].strip() for ln in text.splitlines() if ln.startswith("!")), "no error line in the log")
    m = _ERROR_LINE.search(text)
    line = int(m.group(1)) if m else None
    where = f" at line {line} of {work / (name + '.tex')}" if line else ""
    return PdfError(f"{engine.name} could not make the PDF: {first}{where}; the log is {log}. "
                    "If that line is an exercise's own LaTeX (its prompt or a hint), correct it in the bank; "
                    "otherwise this is a bug in calctutor: please report it with the log.", 3, line, log)


def write_pdf(data: bytes, path: Path) -> Path:
    """Write the PDF whole or not at all (a file that is there is a complete PDF)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


def as_pdf(run: Callable[[], int], title: str) -> int:
    """Run a command that prints LaTeX, and write the PDF of it to standard output (a file, not a terminal).

    Output is collected first, so a failing command prints its message and no PDF.
    """
    if sys.stdout.isatty():
        raise PdfError("a PDF cannot be shown in the terminal: send it to a file, e.g. "
                       "calctutor diff \"x^2\" --format pdf > diff.pdf")
    require_engine()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = run()
    body = out.getvalue().strip()
    if body:
        from tutor.render.latex import document

        data = compile_pdf(document(body, title), Path.cwd())
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return status
