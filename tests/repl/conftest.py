"""Make ``import exercises`` / ``import grader`` mean the packages, not the test folders.

pytest puts ``tests/`` on ``sys.path``; with an editable install the folders
``tests/exercises`` and ``tests/grader`` would then be imported as namespace
packages of the same names. Putting the repository root first avoids that.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
for name in [m for m in sys.modules if m.split(".")[0] in ("exercises", "grader")]:
    if getattr(sys.modules[name], "__file__", None) is None:  # a namespace stand-in
        del sys.modules[name]
