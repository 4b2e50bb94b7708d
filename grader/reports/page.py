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

STYLE = """
:root { --ink: #1d2430; --muted: #5b6472; --line: #d8dde5; --soft: #f5f7fa;
        --ok: #1b7f3b; --part: #9a6700; --bad: #b42318; --flag: #6941c6; }
* { box-sizing: border-box; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
       color: var(--ink); max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2.2rem 0 .6rem; padding-top: .8rem; border-top: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.sub { color: var(--muted); margin: 0 0 1.2rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .95rem; }
th, td { border: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font: .92em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
            background: var(--soft); border-radius: 4px; }
code { padding: .05rem .3rem; }
pre { padding: .6rem .8rem; overflow-x: auto; }
ul { padding-left: 1.3rem; }
li { margin: .15rem 0; }
math { font-size: 1.08em; }
.box { border: 1px solid var(--line); border-radius: 8px; padding: .2rem 1rem; margin: .6rem 0; }
.prompt { background: var(--soft); }
.badge { display: inline-block; padding: .05rem .55rem; border-radius: 999px; font-size: .85rem;
         font-weight: 600; color: #fff; vertical-align: .1rem; }
.correct { background: var(--ok); } .partial { background: var(--part); } .incorrect { background: var(--bad); }
.invalid, .undecided { background: var(--flag); } .missing { background: var(--muted); }
.bar { display: inline-block; height: .7rem; background: var(--ok); border-radius: 2px; vertical-align: middle; }
.note { color: var(--flag); }
figure { margin: 1rem 0; } figure img { max-width: min(100%, 40rem); height: auto; border: 1px solid var(--line); }
table.wide td { white-space: nowrap; } table.wide td.wrap { white-space: normal; min-width: 12rem; }
body.wide { max-width: 76rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-before: auto; } .box { break-inside: avoid; } }
"""


def page(title: str, body: str, subtitle: str = "", wide: bool = False) -> str:
    """A complete HTML document: UTF-8, inline style, no external resources."""
    sub = f'<p class="sub">{html.escape(subtitle)}</p>\n' if subtitle else ""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
            + ('<body class="wide">\n' if wide else "<body>\n") +
            f"<h1>{html.escape(title)}</h1>\n{sub}{body}\n</body>\n</html>\n")


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
