"""Rendering: results describe themselves as a small document; this turns it into formats.

Engine results build a :class:`Doc` (sentences of words and SymPy objects,
nested steps, tables). The renderers here are the only code that decides how
mathematics looks in a terminal, in LaTeX, in Markdown or in HTML.
"""
from tutor.render.doc import Doc, Line, Math, Step, Table, line
from tutor.render.formats import FORMATS, render
from tutor.render.mixin import Rendered, jsonable

__all__ = ["Doc", "Line", "Math", "Step", "Table", "line", "render", "FORMATS", "Rendered", "jsonable"]
