"""calctutor's engine: read learner mathematics, compute, explain.

The public names are loaded lazily (PEP 562) so that importing ``tutor``
(for example to print ``calctutor --help``) does not pay for SymPy.
"""
from __future__ import annotations

from tutor.lazy import lazy_exports

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # reading layer
    "parse": "tutor.reading.parser",
    "ParseError": "tutor.reading.errors",
    "DNE": "tutor.reading.dne",
    "to_text": "tutor.reading.printer",
    "to_unicode": "tutor.reading.printer",
    "to_latex": "tutor.reading.printer",
    "pretty": "tutor.reading.printer",
    # derivatives (issue 3)
    "derivative": "tutor.engine.derivative",
    "Derivation": "tutor.engine.derivative",
    "partial": "tutor.engine.multivariable",
    "gradient": "tutor.engine.multivariable",
    "hessian": "tutor.engine.multivariable",
    "jacobian": "tutor.engine.multivariable",
    "directional_derivative": "tutor.engine.multivariable",
    "tangent": "tutor.engine.multivariable",
    "taylor": "tutor.engine.multivariable",
    "difference_quotient": "tutor.engine.multivariable",
    "evaluate": "tutor.engine.multivariable",
    "clairaut": "tutor.engine.multivariable",
    # critical points, surfaces, level curves (issue 4)
    "critical_points": "tutor.engine.critical",
    "CriticalPoint": "tutor.engine.critical",
    "surface_kind": "tutor.engine.surface",
    "level_curve": "tutor.engine.level",
    # limits (issue 5)
    "limit": "tutor.engine.limits",
    "LimitResult": "tutor.engine.limits",
    # descent (issue 6)
    "descend": "tutor.engine.descent",
    "Descent": "tutor.engine.descent",
    "lr_sweep": "tutor.engine.descent",
    "least_squares": "tutor.engine.descent",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
