"""A generated page opens in a real browser (headless Chromium, offline) and shows its mathematics."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium package")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
             f"--user-data-dir={tmp_path / 'profile'}"]
    return subprocess.run([str(CHROMIUM), *flags, *args], capture_output=True, text=True, timeout=120)


def test_worked_solutions_render_in_chromium(tmp_path):
    out = tmp_path / "solutions"
    made = subprocess.run([sys.executable, "-m", "tutor", "solutions", "--exercise", "tangent-line-course",
                           "--exercise", "gradient-at-point", "--student", "ana", "--out", str(out),
                           "--format", "html"], capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    page = out / "solutions-ana.html"
    shot = tmp_path / "page.png"
    chromium(tmp_path, "--window-size=1000,1600", f"--screenshot={shot}", page.as_uri())
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    assert image.size == (1000, 1600)
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text, boxes, a figure: not a blank page
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert dom.count("<math") > 10 and "Worked solution" in dom and "data:image/png;base64," in dom
