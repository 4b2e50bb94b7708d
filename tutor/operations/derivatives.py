"""Derivatives: diff, grad, hessian, tangent, taylor, quotient (declarations; the engine imports inside)."""
from __future__ import annotations

from typing import Any

from tutor.operations.catalogue import declare
from tutor.operations.params import Operation, Param
from tutor.operations.run import summary_unless

MAX_DIFF_ORDER = 50     # caps on the size of the work (issue 18.11): the time limit stops the rest
MAX_TAYLOR_ORDER = 20


def expr(example: str) -> Param:
    return Param("expr", "expr", f"the function, e.g. '{example}'", metavar="EXPR")


VARS = Param("vars", "variables", "the variables, comma-separated (otherwise every free name)",
             option="--vars", metavar="x,y")


def at(help_text: str, required: bool = False, metavar: str = "POINT", **kw: Any) -> Param:
    return Param("at", "point", help_text, option="--at", metavar=metavar, required=required, **kw)


def steps(help_text: str) -> Param:
    """Worked steps: off on the command line (a summary), on in the REPL (it teaches)."""
    return Param("steps", "flag", help_text, option="--steps", repl_default=True)


def _diff(v: dict[str, Any]) -> Any:
    from tutor.engine.derivative import derivative

    return derivative(v["expr"], v["var"], v["order"])


DIFF = declare(Operation(
    "diff", "differentiate, with worked steps",
    (expr("3x^2 - 4x + 5' or 'log(x^4 + x^3 + 2)"),
     Param("var", "variable", "differentiate with respect to this variable (needed when there are several)",
           option="--var", metavar="x", words=("wrt", "with respect to"), trailing=True),
     Param("order", "integer", "the order of the derivative (default 1)", option="--order", metavar="n",
           default=1, low=1, high=MAX_DIFF_ORDER),
     steps("show the worked steps, rule by rule")),
    _diff, example="diff x^2*sin(x)   or   diff x^2*y y", show=summary_unless("steps", steps=False),
    slow_hint="try a lower order or a simpler function"))


def _grad(v: dict[str, Any]) -> Any:
    from tutor.engine.multivariable import gradient

    return gradient(v["expr"], v["vars"], v["at"])


GRAD = declare(Operation(
    "grad", "the gradient, with each partial derivative worked",
    (expr("x^4 + y^2"), VARS, at("also evaluate the gradient at this point"),
     steps("show each partial derivative worked out")),
    _grad, example="grad x^4 + y^2", show=summary_unless("steps", steps=False)))


def _hessian(v: dict[str, Any]) -> Any:
    from tutor.engine.multivariable import hessian

    return hessian(v["expr"], v["vars"], v["at"])


HESSIAN = declare(Operation(
    "hessian", "the Hessian matrix of second partial derivatives",
    (expr("x^2 y + y^3"), VARS, at("also evaluate the Hessian at this point"),
     steps("show each second partial derivative worked out")),
    _hessian, example="hessian x^3 - 3x*y + y^3", show=summary_unless("steps", steps=False),
    slow_hint="try fewer variables or a simpler function"))


def _tangent(v: dict[str, Any]) -> Any:
    from tutor.engine.multivariable import tangent

    return tangent(v["expr"], v["at"], v["vars"])


TANGENT = declare(Operation(
    "tangent", "the tangent line or plane at a point",
    (expr("3x^2 - 4x + 5"),
     at("the point: 'x=-2', or just '-2' for one variable (write --at=-2 for negatives)", required=True,
        missing="Say where"),
     VARS),
    _tangent, example="tangent 3x^2 - 4x + 5 at -2"))


def _taylor(v: dict[str, Any]) -> Any:
    from tutor.engine.multivariable import taylor

    return taylor(v["expr"], v["at"], v["order"], v["vars"])


TAYLOR = declare(Operation(
    "taylor", "the Taylor polynomial at a point",
    (expr("exp(x) cos(y)"), at("the point to expand about, e.g. x=0,y=0", required=True, missing="Say where"),
     Param("order", "integer", "the degree of the polynomial (default 2)", option="--order", metavar="n",
           default=2, low=0, high=MAX_TAYLOR_ORDER),
     VARS),
    _taylor, example="taylor exp(x) cos(y) at x=0,y=0 order 2",
    slow_hint="try a lower order, fewer variables or a simpler function"))

QUOTIENT_KINDS = ("forward", "backward", "central")


def _quotient(v: dict[str, Any]) -> Any:
    from tutor.engine.multivariable import difference_quotient

    return difference_quotient(v["expr"], v["at"], v["h"], v["kind"], v["var"], v["vars"])


QUOTIENT = declare(Operation(
    "quotient", "a difference quotient (the derivative as a ratio of intervals)",
    (expr("x^2"), at("the point: '3', or 'x=1,y=2' with --var", required=True, metavar="a", missing="Say where"),
     Param("h", "exact", "the step, e.g. 0.1 (read exactly, as 1/10)", option="--h", metavar="h", required=True,
           words=("step",), example="0.1", missing="Give the step h"),
     Param("kind", "choice", "which quotient (default forward)", option="--kind", choices=QUOTIENT_KINDS,
           default="forward"),
     Param("var", "variable", "the variable to step (when there are several)", option="--var", metavar="x",
           words=("wrt",)),
     VARS),
    _quotient, example="quotient x^2 at 3 step 0.1 kind central"))
