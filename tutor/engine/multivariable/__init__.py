"""Several variables: partial derivatives, gradient, Hessian, Jacobian, Clairaut's check,
directional derivatives, tangent lines and planes, Taylor models, difference quotients."""
from tutor.engine.multivariable.local import (
    DirectionalDerivative, Evaluation, Tangent, Taylor, directional_derivative, evaluate, tangent, taylor,
)
from tutor.engine.multivariable.partials import (
    Clairaut, Gradient, Hessian, Jacobian, MixedPair, clairaut, gradient, hessian, jacobian, partial,
)
from tutor.engine.multivariable.quotient import DifferenceQuotient, QuotientRow, difference_quotient

__all__ = [
    "partial", "gradient", "hessian", "jacobian", "clairaut", "directional_derivative", "tangent", "taylor",
    "difference_quotient", "evaluate", "Gradient", "Hessian", "Jacobian", "Clairaut", "MixedPair",
    "DirectionalDerivative", "Tangent", "Taylor", "Evaluation", "DifferenceQuotient", "QuotientRow",
]
