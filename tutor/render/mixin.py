"""The rendering methods every result dataclass shares, and JSON conversion.

A result only has to say what it means (``doc()``); the formats, Jupyter
hooks and ``to_dict()`` come from here, so all results behave alike.
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

from tutor.render.doc import Doc
from tutor.render.formats import render


class Rendered:
    """Mixin for result dataclasses: implement ``doc()``; get every format and the Jupyter displays."""

    def doc(self) -> Doc:  # pragma: no cover - each result defines it
        raise NotImplementedError

    def to_text(self) -> str:
        return render(self.doc(), "text")

    def to_unicode(self) -> str:
        return render(self.doc(), "unicode")

    def to_latex(self) -> str:
        return render(self.doc(), "latex")

    def to_markdown(self) -> str:
        return render(self.doc(), "markdown")

    def to_html(self) -> str:
        return render(self.doc(), "html")

    def render(self, fmt: str = "text") -> str:
        if fmt == "json":
            import json

            return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
        return render(self.doc(), fmt)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def _repr_latex_(self) -> str:
        """Jupyter's text/latex: MathJax renders maths only, so the whole result is one aligned formula."""
        from tutor.render.mathjax import render_mathjax

        return render_mathjax(self.doc())

    def _repr_html_(self) -> str:
        """Jupyter's text/html: the MathML of the HTML reports (browsers render it without MathJax)."""
        return '<div class="calctutor">' + self.to_html() + "</div>"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: SymPy objects become learner text, arrays become lists."""
        out = {"type": type(self).__name__}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if not f.name.startswith("_"):
                out[f.name] = jsonable(getattr(self, f.name))
        return out


def jsonable(value: Any) -> Any:
    """Convert results, SymPy objects, NumPy arrays and containers to JSON values."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        from tutor.reading.bignum import too_long

        return value if not too_long(value) else to_safe_text(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Rendered):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not f.name.startswith("_")}
    if isinstance(value, Mapping):
        return {_key(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    mod = type(value).__module__
    if mod.startswith("numpy"):
        import numpy as np

        if isinstance(value, np.ndarray):
            return jsonable(value.tolist())
        return jsonable(value.item())
    if mod.startswith("sympy"):
        from tutor.reading.printer import to_text

        return to_text(value)
    return str(value)


def to_safe_text(value: int) -> str:
    """An integer too long for JSON readers (and for ``str``) as its abbreviation."""
    from tutor.reading.bignum import safe_int_text

    return safe_int_text(value)


def _key(k: Any) -> str:
    if isinstance(k, str):
        return k
    if type(k).__module__.startswith("sympy"):
        from tutor.reading.printer import to_text

        return to_text(k)
    return str(k)
