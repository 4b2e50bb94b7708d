"""Author LaTeX (prompts, hints) as presentation MathML, so HTML pages show one kind of mathematics.

The conversion is latex2mathml's; two of its habits are corrected here: a number
directly followed by letters that spell a TeX unit (``2ex``, ``3pt``) becomes one
``<mn>``, and the brackets of a matrix do not stretch. What cannot be converted
returns None, and the caller shows the Unicode reading instead.
"""
from __future__ import annotations

import re
from functools import lru_cache
from xml.dom import minidom

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_FENCES = set("()[]{}|‖⟨⟩") | {"\u2016", "\u27e8", "\u27e9"}


@lru_cache(maxsize=2048)
def _convert(source: str) -> str | None:
    try:
        from latex2mathml.converter import convert

        return convert(source)
    except Exception:  # noqa: BLE001 - any LaTeX latex2mathml cannot read falls back to Unicode
        return None


def tex_to_mathml(source: str, dom: minidom.Document) -> minidom.Element | None:
    """The MathML of ``source`` as one element of ``dom`` (the printer's document), or None."""
    xml = _convert(source)
    if xml is None:
        return None
    try:
        math = minidom.parseString(xml).documentElement
    except Exception:  # noqa: BLE001 - malformed output: fall back like a failed conversion
        return None
    if math is None:
        return None
    row = dom.createElement("mrow")
    for child in list(math.childNodes):
        row.appendChild(dom.importNode(child, True))
    _split_numbers(row, dom)
    _stretch_matrix_fences(row)
    return row


def _text(el: minidom.Element) -> str:
    return "".join(n.data for n in el.childNodes if n.nodeType == n.TEXT_NODE)


def _split_numbers(node: minidom.Element, dom: minidom.Document) -> None:
    """``<mn>2ex</mn>`` -> ``<mn>2</mn><mi>e</mi><mi>x</mi>`` (2ex is 2·e·x in a formula, not a length)."""
    for el in list(node.getElementsByTagName("mn")):
        text = _text(el)
        m = _NUMBER.match(text)
        if m is None or m.end() == len(text):
            continue
        parent = el.parentNode
        if parent is None:
            continue
        digits = dom.createElement("mn")
        digits.appendChild(dom.createTextNode(m.group()))
        parent.insertBefore(digits, el)
        for ch in text[m.end():].strip():
            letter = dom.createElement("mi")
            letter.appendChild(dom.createTextNode(ch))
            parent.insertBefore(letter, el)
        parent.removeChild(el)


def stretch(mo: minidom.Element) -> None:
    """Make a bracket grow with what it encloses (MathML Core reads these attributes)."""
    mo.setAttribute("stretchy", "true")
    mo.setAttribute("fence", "true")
    mo.setAttribute("symmetric", "true")


def _stretch_matrix_fences(node: minidom.Element) -> None:
    for table in node.getElementsByTagName("mtable"):
        for side in (table.previousSibling, table.nextSibling):
            if isinstance(side, minidom.Element) and side.tagName == "mo" and _text(side).strip() in _FENCES:
                stretch(side)
