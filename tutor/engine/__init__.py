"""The mathematics: derivatives, critical points, limits, descent.

Engine modules take SymPy objects (or text, read with ``tutor.parse``) and
return frozen result dataclasses. They never format for a terminal; the
``tutor.render`` package turns their ``doc()`` into text, LaTeX or HTML.
"""
