"""Make ``import grader`` mean the package, not this test folder.

pytest puts ``tests/`` on ``sys.path``; with an editable install the folder
``tests/grader`` would then be imported as a namespace package called
``grader``. Putting the repository root first resolves the real package.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
for name in [m for m in sys.modules if m == "grader" or m.startswith("grader.")]:
    if getattr(sys.modules[name], "__file__", None) is None:  # a namespace stand-in
        del sys.modules[name]
