"""The fast numeric core of the checker: evaluate SymPy trees at sample points.

``evaluate`` walks a SymPy tree over NumPy arrays (no code generation, no
``lambdify``); ``fingerprint`` evaluates rational functions exactly modulo a
large prime; ``sampling`` chooses seeded points on the reference's real domain.
"""
from grader.numeric.evaluate import Unsupported, evaluate
from grader.numeric.magnitude import evaluate_with_magnitude
from grader.numeric.modular import Fingerprint, fingerprint_equal

__all__ = ["Fingerprint", "Unsupported", "evaluate", "evaluate_with_magnitude", "fingerprint_equal"]
