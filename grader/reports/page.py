"""Self-contained pages: one HTML file with its style inside, MathML for the mathematics.

Nothing is fetched from the network (no fonts, scripts or MathJax): browsers
render MathML natively, and figures are embedded as data URIs.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from tutor.render.page import STYLE, page  # noqa: F401 - one style for reports and the CLI's --format html


def esc(text: Any) -> str:
    return html.escape(str(text), quote=False)


def badge(status: str, words: str | None = None) -> str:
    return f'<span class="badge {esc(status)}">{esc(words or status)}</span>'


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str) -> str:
    """A file name for a student id: readable, and distinct for distinct ids."""
    clean = _UNSAFE.sub("_", name).strip("._") or "student"
    if clean != name:
        clean += "-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:6]
    return clean[:80]


def png_data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


@lru_cache(maxsize=4096)
def math_html(text: str) -> str:
    """Learner syntax (how an answer was read) as inline MathML; escaped text if it does not read back."""
    from tutor import ParseError, parse
    from tutor.reading.printer import to_mathml

    try:
        return to_mathml(parse(text))
    except (ParseError, RecursionError, ValueError, TypeError):
        return f"<code>{esc(text)}</code>"


def md_code(text: str) -> str:
    """Inline code in Markdown that survives backticks in the text."""
    ticks = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
