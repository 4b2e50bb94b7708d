"""Critical points: found completely where algebra allows, classified with exact signs, explained.

``critical_points(f, variables=None, domain=None)`` returns a ``CriticalPoints``
result, which is a sequence of ``CriticalPoint`` (so it behaves as the list the
API promises) and also carries ``.complete``, ``.domain``, ``.families`` and the
renderers. See docs/critical.md.
"""
from tutor.engine.critical.api import critical_points
from tutor.engine.critical.result import CriticalFamily, CriticalPoint, CriticalPoints

__all__ = ["critical_points", "CriticalPoint", "CriticalPoints", "CriticalFamily"]
