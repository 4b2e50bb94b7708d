"""tutor.render.pdf: the engine's failures become messages that say where and what to do."""
from __future__ import annotations

import pytest
from latex_engine import pdflatex

from tutor.render.latex import document
from tutor.render.pdf import PdfError, compile_pdf, find_engine


def test_a_latex_error_gives_its_first_line_the_tex_line_and_the_log(tmp_path):
    pdflatex()
    tex = document("fine\n\n\\undefinedcommand{x}\n\nmore")
    with pytest.raises(PdfError) as caught:
        compile_pdf(tex)
    err = caught.value
    assert err.status == 3 and "Undefined control sequence" in str(err)
    assert tex.splitlines()[err.line - 1] == "\\undefinedcommand{x}"
    assert err.log.is_file() and str(err.log) in str(err)


def test_an_engine_that_does_not_stop_is_stopped(tmp_path):
    pdflatex()
    with pytest.raises(PdfError) as caught:
        compile_pdf(document("\\loop\\iftrue\\repeat"), timeout=3)
    assert caught.value.status == 3 and "did not finish within 3 s" in str(caught.value)


def test_no_engine_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CALCTUTOR_LATEX", raising=False)
    assert find_engine() is None
    with pytest.raises(PdfError) as caught:
        compile_pdf(document("x"))
    assert caught.value.status == 2 and "apt-get install texlive-latex-base" in str(caught.value)


def test_figures_are_found_in_the_resources_folder(tmp_path):
    pdflatex()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    (tmp_path / "figures").mkdir()
    fig = plt.figure(figsize=(1, 1))
    fig.savefig(tmp_path / "figures" / "f_1.png")
    plt.close(fig)
    pdf = compile_pdf(document("\\includegraphics{figures/f_1.png}"), tmp_path)
    assert pdf.startswith(b"%PDF") and b"/Subtype /Image" in pdf
