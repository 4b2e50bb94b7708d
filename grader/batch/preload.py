"""Imported once by the fork server, so grading processes started from it begin warm."""
import sympy  # noqa: F401

import exercises.bank_loader  # noqa: F401
import tutor  # noqa: F401
from grader import check  # noqa: F401  (loads the checker's module, whatever its name)
