"""Whole HTML pages: one file with its style inside, MathML for the mathematics.

Nothing is fetched from the network (no fonts, scripts or MathJax): browsers
render MathML natively. The style names the common OpenType math fonts first,
because a browser stretches brackets (matrices, fractions in parentheses) only
with a font that has a MATH table.
"""
from __future__ import annotations

import contextlib
import html
import io
from collections.abc import Callable

MATH_FONTS = ('"STIX Two Math", "Cambria Math", "Latin Modern Math", "TeX Gyre Termes Math", '
              '"DejaVu Math TeX Gyre", math')

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
math { font-size: 1.12em; font-family: MATH_FONTS; }
.box { border: 1px solid var(--line); border-radius: 8px; padding: .2rem 1rem; margin: .6rem 0; }
.prompt { background: var(--soft); }
.badge { display: inline-block; padding: .05rem .55rem; border-radius: 999px; font-size: .85rem;
         font-weight: 600; color: #fff; vertical-align: .1rem; }
.correct { background: var(--ok); } .partial, .carried { background: var(--part); } .incorrect { background: var(--bad); }
.invalid, .undecided { background: var(--flag); } .missing { background: var(--muted); }
.bar { display: inline-block; height: .7rem; background: var(--ok); border-radius: 2px; vertical-align: middle; }
.note { color: var(--flag); }
figure { margin: 1rem 0; } figure img { max-width: min(100%, 40rem); height: auto; border: 1px solid var(--line); }
table.wide td { white-space: nowrap; } table.wide td.wrap { white-space: normal; min-width: 12rem; }
body.wide { max-width: 76rem; }
.scroll { overflow-x: auto; }  /* a wide table scrolls inside the page, not the whole page */
@media print { body { margin: 0; max-width: none; } h2 { break-before: auto; } .box { break-inside: avoid; } }
""".replace("MATH_FONTS", MATH_FONTS)


def page(title: str, body: str, subtitle: str = "", wide: bool = False) -> str:
    """A complete HTML document: UTF-8, inline style, no external resources."""
    sub = f'<p class="sub">{html.escape(subtitle)}</p>\n' if subtitle else ""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
            + ('<body class="wide">\n' if wide else "<body>\n") +
            f"<h1>{html.escape(title)}</h1>\n{sub}{body}\n</body>\n</html>\n")


def as_page(run: Callable[[], int], title: str) -> int:
    """Run a command whose printed output is an HTML fragment, and print it as one whole page.

    Output is collected first, so a failing command prints its message and no half page.
    """
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = run()
    body = out.getvalue().strip()
    if body:
        print(page(title, body), end="")
    return status
