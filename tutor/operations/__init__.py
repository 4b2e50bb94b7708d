"""The catalogue of computing operations: each declared once, both front-ends derived from it.

``catalogue.operations()`` lists them; ``command`` makes the ``calctutor`` sub-command,
``words`` the REPL's word grammar, ``reader`` reads every value for both, and ``run``
runs one under its overall time limit. See docs/architecture.md, "Adding an operation".
Nothing here imports SymPy at import time, so ``calctutor --help`` stays light.
"""
