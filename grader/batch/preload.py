"""Imported once by the fork server, so grading processes started from it begin warm."""
import sympy  # noqa: F401

import exercises.bank_loader  # noqa: F401
import grader.checking  # noqa: F401
import tutor  # noqa: F401
