"""Self-contained pages: one HTML file with its style inside, MathML for the mathematics.

Nothing is fetched from the network (no fonts, scripts or MathJax): browsers
render MathML natively, and figures are embedded as data URIs.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from tutor.render.page import STYLE, page  # noqa: F401 - one style for reports and the CLI's --format html


def esc(text: Any) -> str:
    return html.escape(str(text), quote=False)


def badge(status: str, words: str | None = None) -> str:
    return f'<span class="badge {esc(status)}">{esc(words or status)}</span>'


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
NAME_CUT = 60  # characters of the id kept in a file name (file systems allow 255 bytes)


def safe_name(name: str) -> str:
    """A file name for a student id: readable, harmless, and distinct for distinct ids.

    An id that is not already a short lower-case file name gets a digest of the whole
    id after its (shortened) readable part, so ids that differ only past the cut, in
    case (``Ana``, ``ana`` on a case-insensitive disk) or in unsafe characters differ.
    """
    clean = _UNSAFE.sub("_", name).strip("._-") or "student"
    if clean != name or name != name.lower() or len(name) > NAME_CUT:
        clean = clean[:NAME_CUT].rstrip("._-") + "-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
    return clean


def unique_names(ids: Iterable[str]) -> dict[str, str]:
    """id -> :func:`safe_name`, made unique ignoring case (a crafted id can still imitate a digest)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for i in ids:
        name, n = safe_name(i), 1
        while name.casefold() in taken:
            n += 1
            name = f"{safe_name(i)}-{n}"
        taken.add(name.casefold())
        out[i] = name
    return out


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


def md_text(text: Any) -> str:
    """Text from a student or a file, safe in Markdown: raw HTML shows as text, never as markup
    (``<`` and ``>`` become entities; a lone ``&`` is harmless and stays readable)."""
    return str(text).replace("<", "&lt;").replace(">", "&gt;")


def md_code(text: str) -> str:
    """Inline code in Markdown that survives backticks in the text (a longer run of ticks fences it)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text.replace(chr(10), ' ')}{pad}{ticks}"


def md_fence(text: str) -> list[str]:
    """A fenced code block whose fence is longer than any run of backticks inside."""
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * (longest + 1)
    return [fence, text, fence]


def md_cell(text: str) -> str:
    """Text in a Markdown table cell or link label: no raw HTML, no column or link break."""
    return md_text(text).replace("|", "\\|").replace("[", "\\[").replace("]", "\\]").replace("\n", " ")
