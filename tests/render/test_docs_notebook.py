"""docs/notebook.ipynb runs (nbclient) and its outputs are the right kind: MathML in the HTML, maths only
in the LaTeX; where Chromium is installed, the outputs are rendered headless and the picture is not blank."""
from __future__ import annotations

import html
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from notebook_checks import html_problems, latex_problems

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "docs" / "notebook.ipynb"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def executed():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), old)))  # the kernel imports this tree
    try:
        nb = nbformat.read(NOTEBOOK, as_version=4)
        nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(ROOT)}}).execute()
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old
    return nb


def _outputs(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            yield from cell.outputs


def test_the_notebook_runs_and_its_outputs_are_the_right_kind(executed):
    outputs = list(_outputs(executed))
    assert [o for o in outputs if o.output_type == "error"] == []
    shown = [o.data for o in outputs if "data" in o]
    htmls = [d["text/html"] for d in shown if "text/html" in d]
    latexes = [d["text/latex"] for d in shown if "text/latex" in d]
    assert len(htmls) >= 9 and len(latexes) == len(htmls)
    for h in htmls:
        assert html_problems(h) == []
    for t in latexes:
        assert latex_problems(t) == []
    assert any("image/png" in d for d in shown)  # the exercise's figure
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "9 answers from 3 students" in text
    tables = [d["text/markdown"] for d in shown if d.get("text/markdown", "").startswith("| student")]
    assert len(tables) == 1 and all(f"| {s} |" in tables[0] for s in ("ana", "ben", "cho"))
    words = " ".join(htmls)
    assert "Correct" in words and "Incorrect" in words and "Worked solution" in words


def _page(nb) -> str:
    """The notebook as a browser shows it: sources, then each output's richest form."""
    from tutor.render.page import page

    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(f"<p>{html.escape(cell.source)}</p>")
            continue
        parts.append(f"<pre>{html.escape(cell.source)}</pre>")
        for o in cell.outputs:
            data = o.get("data", {})
            if "text/html" in data:
                parts.append(data["text/html"])
            elif "image/png" in data:
                parts.append(f'<img src="data:image/png;base64,{data["image/png"]}">')
            else:
                parts.append(f"<pre>{html.escape(o.get('text', data.get('text/markdown', '')))}</pre>")
    return page("calctutor in a notebook", "\n".join(parts))


def test_the_rendered_notebook_is_not_blank(executed, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed")
    (tmp_path / "nb.html").write_text(_page(executed), encoding="utf-8")
    shot = tmp_path / "nb.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1000,3000",
                    (tmp_path / "nb.html").as_uri()], capture_output=True, timeout=120)
    import matplotlib.image as mpimg

    pixels = mpimg.imread(shot)
    ink = (pixels[..., :3].mean(axis=2) < 0.5).mean()
    assert pixels.shape[0] >= 1000 and ink > 0.005
