"""Multivariable, limit and critical-point tasks: the engine's answers reach the variant intact."""
import pytest
import sympy as sp

pytest.importorskip("tutor.engine.multivariable")
pytest.importorskip("tutor.reading.parser")

from bank_helpers import one  # noqa: E402

x, y, w, b = sp.symbols("x y w b")


def test_evaluate_the_course_loss_on_a_data_point(tmp_path):
    ex = one(tmp_path, '''
        task = "evaluate"
        prompt = "L({w0}, {b0})?"
        function = "(w*2 + b - 3)^2"
        variables = ["w", "b"]
        at = ["w0", "b0"]
        parameters = { w0 = [1, 1.5], b0 = [0, 1] }
    ''', topic="several-variables")
    for seed in range(4):
        v = ex.variant(seed)
        assert v.answer == (2 * v.params["w0"] + v.params["b0"] - 3) ** 2


def test_partial_derivative_and_its_value(tmp_path):
    ex = one(tmp_path, '''
        task = "partial"
        prompt = "∂f/∂y at (1, 2)?"
        function = "x^2*y^3"
        variable = "y"
        at = [1, 2]
    ''', topic="partial-derivatives")
    v = ex.variant(0)
    assert v.answer == 12 and v.kind == "number"  # 3x²y² at (1, 2)
    assert "wrong-variable" in {m.key for m in v.mistakes}


def test_gradient_of_the_course_example_with_labels_and_swapped_mistake(tmp_path):
    ex = one(tmp_path, '''
        task = "gradient"
        prompt = "∇f?"
        function = "x^4 + y^2"
    ''', topic="gradients")
    v = ex.variant(0)
    assert v.answer == sp.Tuple(4 * x**3, 2 * y)
    assert v.options()["labels"] == ("∂f/∂x", "∂f/∂y")
    swapped = [m for m in v.mistakes if m.key == "gradient-swapped"]
    assert swapped and swapped[0].expr == sp.Tuple(2 * y, 4 * x**3)


@pytest.mark.parametrize("ask, expected", [
    ("rate", sp.Rational(14, 5)),  # ∇f(1, 1) = (2, 2), u = (3, 4)/5
    ("max_rate", 2 * sp.sqrt(2)),
    ("steepest_direction", sp.Tuple(sp.sqrt(2) / 2, sp.sqrt(2) / 2)),
])
def test_directional_derivative_questions(tmp_path, ask, expected):
    ex = one(tmp_path, f'''
        task = "directional"
        prompt = "?"
        function = "x^2 + y^2"
        at = [1, 1]
        direction = [3, 4]
        ask = "{ask}"
    ''', topic="gradients")
    v = ex.variant(0)
    assert sp.simplify(sp.Matrix(list(v.answer) if ask == "steepest_direction" else [v.answer])
                       - sp.Matrix(list(expected) if ask == "steepest_direction" else [expected])) == sp.zeros(
        2 if ask == "steepest_direction" else 1, 1)


def test_tangent_line_of_the_course_quadratic(tmp_path):
    ex = one(tmp_path, '''
        task = "tangent"
        prompt = "Tangent at x = -2?"
        function = "3x^2 - 4x + 5"
        at = -2
    ''')
    v = ex.variant(0)
    assert sp.expand(v.answer - (-16 * x - 7)) == 0
    assert {m.key for m in v.mistakes} == {"tangent-slope-only", "tangent-not-shifted"}


def test_hessian_and_taylor(tmp_path):
    ex = one(tmp_path, '''
        task = "hessian"
        prompt = "H?"
        function = "x^2*y + y^3"
    ''', topic="gradients")
    assert ex.variant(0).answer == sp.Matrix([[2 * y, 2 * x], [2 * x, 6 * y]])
    ex = one(tmp_path, '''
        task = "taylor"
        prompt = "T2?"
        function = "exp(x)*sin(y)"
        at = [0, 0]
    ''', topic="gradients")
    v = ex.variant(0)
    assert sp.expand(v.answer - (y + x * y)) == 0
    assert [m.key for m in v.mistakes] == ["taylor-missing-half"]


@pytest.mark.parametrize("kind, value", [("central", 6), ("forward", sp.Rational(61, 10)),
                                         ("backward", sp.Rational(59, 10))])
def test_ratio_of_intervals_at_three(tmp_path, kind, value):
    ex = one(tmp_path, f'''
        task = "difference_quotient"
        prompt = "?"
        function = "x^2"
        at = 3
        h = 0.1
        quotient = "{kind}"
    ''', topic="derivative-definition")
    v = ex.variant(0)
    assert v.answer == value
    others = {f"quotient-{k}" for k in ("central", "forward", "backward")} - {f"quotient-{kind}"}
    keys = {m.key for m in v.mistakes}
    # for x², the central quotient is exactly f'(3) = 6: that mistake appears once, under one key
    assert others - {"quotient-central"} <= keys and len(keys) >= 2


def test_limits_dne_with_path_mistakes_and_along_a_path(tmp_path):
    import tutor

    ex = one(tmp_path, '''
        task = "limit"
        prompt = "?"
        function = "x*y/(x^2 + y^2)"
        at = [0, 0]
    ''', topic="limits")
    v = ex.variant(0)
    assert v.answer is tutor.DNE and v.answer_text == "DNE"
    assert {m.expr for m in v.mistakes} == {0, sp.Rational(1, 2)}
    ex = one(tmp_path, '''
        task = "limit"
        prompt = "?"
        function = "x^2*y/(x^4 + y^2)"
        at = [0, 0]
        along = "y = x^2"
    ''', topic="limits")
    assert ex.variant(0).answer == sp.Rational(1, 2)


def test_a_path_that_misses_the_point_is_refused(tmp_path):
    from exercises.errors import BankError

    ex = one(tmp_path, '''
        task = "limit"
        prompt = "?"
        function = "x*y/(x^2 + y^2)"
        at = [0, 0]
        along = "y = x + 1"
    ''', topic="limits")
    with pytest.raises(BankError) as info:
        ex.variant(0)
    assert info.value.field == "along"


def test_critical_points_and_classification(tmp_path):
    pytest.importorskip("tutor.engine.critical")
    ex = one(tmp_path, '''
        task = "classify"
        prompt = "?"
        function = "x^4 + y^4 - 4x*y + 1"
    ''', topic="critical-points")
    v = ex.variant(0)
    assert v.answer_text == "(-1, -1) minimum; (0, 0) saddle; (1, 1) minimum"
    ex = one(tmp_path, '''
        task = "classify"
        prompt = "Is x = 0 a minimum?"
        function = "log(x^4 + x^3 + 2)"
        at = 0
    ''', topic="critical-points")
    v = ex.variant(0)
    assert v.answer == "c"  # a stationary inflection point, not the minimum the course text calls it
    ex = one(tmp_path, '''
        task = "critical_points"
        prompt = "?"
        function = "log(x^4 + x^3 + 2)"
    ''', topic="critical-points")
    assert ex.variant(0).answer == sp.FiniteSet(0, sp.Rational(-3, 4))


@pytest.mark.parametrize("c, letter", [(0, "a"), (1, "a"), (3, "c"), (-3, "c"), (2, "e")])
def test_surface_kind_from_a_constant_hessian(tmp_path, c, letter):
    pytest.importorskip("tutor.engine.surface")
    ex = one(tmp_path, f'''
        task = "surface_kind"
        prompt = "Shape?"
        function = "x^2 + {c}*x*y + y^2"
    ''', topic="surfaces")
    v = ex.variant(0)
    assert v.answer == letter and v.kind == "multiple_choice"  # det H = 4 − c²


def test_level_curves_equation_shape_radius_slope(tmp_path):
    pytest.importorskip("tutor.engine.level")
    ex = one(tmp_path, '''
        task = "level_curve"
        prompt = "f = 2?"
        function = "x + 2*y"
        c = 2
    ''', topic="level-curves")
    v = ex.variant(0)
    assert v.kind == "equation" and v.answer == sp.Eq(y, 1 - x / 2)
    for ask, expected in [("shape", "a"), ("radius", 3)]:
        ex = one(tmp_path, f'''
            task = "level_curve"
            prompt = "?"
            function = "x^2 + y^2"
            c = 9
            ask = "{ask}"
        ''', topic="level-curves")
        assert ex.variant(0).answer == expected
    ex = one(tmp_path, '''
        task = "level_curve"
        prompt = "?"
        function = "x + 2*y"
        c = 1
        ask = "slope"
    ''', topic="level-curves")
    v = ex.variant(0)
    assert v.answer == sp.Rational(-1, 2)
    assert {m.key: m.expr for m in v.mistakes} == {"slope-sign": sp.Rational(1, 2), "slope-inverted": -2}
