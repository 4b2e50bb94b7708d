"""What the reader lets SymPy evaluate (tutor/reading/evaluation.py), and its shortcuts.

The guards of a power take shortcuts: the domain restrictions are found by a stack walk, the
cheap structural test comes before a walk, and the free symbols are walked once. ``Abs`` of a
linear form is built without evaluation. Each shortcut is pinned here against its plain
definition (the same answers, the same SymPy questions in the same order, the same objects)."""
from __future__ import annotations

import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from test_roundtrip import expressions
from tutor.reading import evaluation, sizes
from tutor.reading.parser import parse_uncached

x = sp.Symbol("x")
SPECIAL = st.sampled_from([sp.oo, -sp.oo, sp.zoo, sp.nan, x + sp.oo, sp.log(x), sp.sqrt(x - 1), sp.log(-x) ** 2,
                           sp.Max(sp.log(x), sp.sqrt(x)), sp.acos(2), sp.I, sp.Integer(0), sp.Rational(1, 2)])
anything = st.one_of(expressions, SPECIAL,
                     st.tuples(expressions, SPECIAL).map(lambda ab: sp.Add(*ab)),
                     st.tuples(expressions, SPECIAL).map(lambda ab: sp.Mul(*ab, evaluate=False)),
                     st.tuples(expressions, SPECIAL).map(lambda ab: sp.Pow(*ab, evaluate=False)))


def _plain_restrictions(expr) -> set:
    out = set()
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.log) and node.args[0].free_symbols and not node.args[0].is_positive:
            out.add(node)
        elif (node.is_Pow and node.exp.is_Rational and node.exp.q % 2 == 0 and node.base.free_symbols
              and not node.base.is_nonnegative):
            out.add(node)
    return out


def _plain_drops_domain(base, exp) -> bool:
    if not (base.free_symbols or exp.free_symbols):
        return False
    before = _plain_restrictions(base) | _plain_restrictions(exp)
    return bool(before) and not before <= _plain_restrictions(sp.Pow(base, exp))


def _plain_risky_power(base, exp) -> bool:
    if sizes.has_infinity(base) and not (exp.is_Number or exp.is_Symbol):
        return True
    return sizes.has_infinity(exp) and not exp.is_Atom


@given(st.one_of(anything, st.tuples(anything, anything).map(lambda ab: sp.Tuple(*ab))))
def test_preorder_visits_the_nodes_of_preorder_traversal_in_its_order(expr):
    assert sizes.preorder(expr) == list(sp.preorder_traversal(expr))


@given(anything)
def test_restrictions_are_the_plain_walks(expr):
    assert evaluation.restrictions(expr) == _plain_restrictions(expr)


@given(anything, anything)
def test_a_symbolic_power_drops_a_domain_as_the_plain_definition_says(base, exp):
    if base.free_symbols or exp.free_symbols:  # the only powers _power asks about
        assert evaluation.drops_domain(base, exp) == _plain_drops_domain(base, exp)


@given(anything, anything)
def test_risky_power_asks_the_cheap_test_first_with_the_same_answer(base, exp):
    assert evaluation.risky_power(base, exp) == _plain_risky_power(base, exp)


@given(anything, anything)
def test_unsure_constant_is_asked_only_of_a_base_without_free_symbols(base, exp):
    """_power skips unsure_constant for a base with free symbols: it would say False there."""
    plain = exp.is_number and not exp.is_Integer and sizes.unsure_constant(base)
    short = not exp.is_Integer and not base.free_symbols and exp.is_number and sizes.unsure_constant(base)
    assert short == plain


def test_restrictions_name_logs_and_even_roots_of_what_may_be_negative():
    y = sp.Symbol("y")
    assert evaluation.restrictions(sp.log(x) + sp.sqrt(y) + sp.sqrt(x ** 2) + sp.log(sp.exp(x))) == {
        sp.log(x), sp.sqrt(y), sp.sqrt(x ** 2), sp.log(sp.exp(x))}  # x may be complex: x² too may be < 0
    assert evaluation.restrictions(sp.log(2) * x + sp.sqrt(3) * x ** 2 + sp.exp(x)) == set()
    assert evaluation.drops_domain(sp.E, sp.log(x))  # e^(ln x) = x would forget x > 0
    assert not evaluation.drops_domain(x, sp.Integer(2))


NAMES = st.sampled_from(["x", "y", "t", "a", "z", "theta", "w_1", "X", "A", "n", "omega", "zz", "Z9", "I1", "E1"])
RATIONALS = st.one_of(st.integers(-50, 50).map(sp.Integer),
                      st.tuples(st.integers(-99, 99), st.integers(1, 40)).map(lambda pq: sp.Rational(*pq)),
                      st.just(sp.Integer(10) ** 200))
linear_terms = st.one_of(RATIONALS, NAMES.map(sp.Symbol),
                         st.tuples(RATIONALS, NAMES).map(lambda cn: cn[0] * sp.Symbol(cn[1])))
sums = st.lists(linear_terms, min_size=1, max_size=5).map(lambda ts: sp.Add(*ts))
ANY_ARG = st.one_of(sums, anything, sums.map(lambda s: -s), sums.map(lambda s: s * sp.Symbol("x")),
                    st.tuples(sums, st.sampled_from([sp.Symbol("p", positive=True), sp.Symbol("r", real=True),
                                                     sp.Dummy("d"), sp.oo, sp.I, sp.pi])).map(lambda ab: sp.Add(*ab)))


@given(ANY_ARG)
def test_absolute_builds_what_abs_evaluates_to(arg):
    """The shortcut decides only linear forms in plain symbols; for those, Abs.eval changes nothing."""
    built = evaluation.absolute(arg)
    assert sp.srepr(built) == sp.srepr(sp.Abs(arg))
    if evaluation.linear_form(arg):
        assert sp.srepr(built) == sp.srepr(sp.Abs(arg, evaluate=False))


@given(sums)
def test_a_linear_form_is_a_sum_of_plain_symbols_and_rationals(arg):
    if evaluation.linear_form(arg):
        assert arg.is_Add and arg.free_symbols and not arg.could_extract_minus_sign()
        assert all(s.assumptions0 == {"commutative": True} for s in arg.free_symbols)


def test_linear_forms_take_the_shortcut_and_others_do_not():
    x, y = sp.symbols("x y")
    assert evaluation.linear_form(x + 3) and evaluation.linear_form(2 * x - y + sp.Rational(1, 2))
    assert not evaluation.linear_form(3 - x)  # Abs.eval turns it round: |x - 3|
    assert not evaluation.linear_form(x ** 2 + 1) and not evaluation.linear_form(sp.Symbol("p", positive=True) + 1)
    assert not evaluation.linear_form(x) and not evaluation.linear_form(sp.Integer(3))
    assert str(parse_uncached("|3 - x| + abs(x + 3)")) == "Abs(x - 3) + Abs(x + 3)"


INTEGERS = st.one_of(st.integers(-12, 12), st.sampled_from([10 ** 4, 10 ** 5, -(10 ** 400), 10 ** 400])).map(sp.Integer)
NON_INTEGERS = st.tuples(st.integers(-9, 9), st.integers(2, 8)).filter(lambda pq: pq[0] % pq[1]).map(
    lambda pq: sp.Rational(*pq))


@given(NAMES, INTEGERS, st.booleans())
def test_a_symbol_to_an_integer_power_skips_guards_that_would_pass(name, n, refuse):
    """x^n with a plain symbol: the shortcut of _power builds what the guarded path builds."""
    from tutor.reading.limits import Limits
    from tutor.reading.transformer import ToSymPy

    builder, x_ = ToSymPy(Limits(refuse_undefined=refuse)), sp.Symbol(name)
    assert sp.srepr(builder._power(x_, n, 0)) == sp.srepr(builder._guarded_power(x_, n, 0))


# Small exponents only: Pow evaluates (10^200·x)^(10^400) by computing 10^(200·10^400), which
# took 24 GB before the kernel killed the test worker.
SMALL_INTEGERS = st.integers(-12, 12).map(sp.Integer)


@given(st.one_of(NAMES.map(sp.Symbol), anything, sums), st.one_of(SMALL_INTEGERS, NON_INTEGERS, anything))
def test_power_builds_what_pow_evaluates_to(base_of, exp):
    """The shortcuts of ``power`` decide only a rational power of a sum that is not a number and has
    no i, and (x^n)^(p/q) with a plain symbol x; there Pow changes nothing."""
    for base in (base_of, sp.Pow(base_of, 2), sp.Pow(base_of, -1), sp.Pow(base_of, 3), base_of + sp.I,
                 base_of + sp.oo):
        if (sizes.has_infinity(base) and not exp.is_Rational) or (base.is_number and exp.is_number):
            continue  # the reader keeps or refuses such powers before asking (risky_power, unsure_constant)
        assert sp.srepr(evaluation.power(base, exp)) == sp.srepr(sp.Pow(base, exp))
        assert sp.srepr(evaluation.power(base, exp, False)) == sp.srepr(sp.Pow(base, exp, evaluate=False))


def test_powers_of_powers_of_a_symbol_are_kept_as_sympy_keeps_them():
    y = sp.Symbol("y", positive=True)
    kept = [sp.Pow(x ** 2, sp.S.Half, evaluate=False), sp.Pow(1 / x, sp.Rational(1, 3), evaluate=False),
            sp.Pow(x ** 3, sp.Rational(2, 3), evaluate=False)]
    assert parse_uncached("sqrt(x^2) + (1/x)^(1/3) + (x^3)^(2/3)") == sp.Add(*kept)
    assert evaluation.power(y ** 2, sp.Rational(1, 2)) == y  # a symbol known positive: SymPy's evaluation
    assert evaluation.power(x ** 2, sp.Integer(3)) == x ** 6
    assert evaluation.power(x + 1, sp.Integer(2)).args == (x + 1, 2)  # kept, not expanded
    assert evaluation.power(sp.sqrt(2) + 1, sp.Integer(-1)) == sp.Pow(sp.sqrt(2) + 1, -1)
    assert evaluation.power(sp.Symbol("r", real=True) + sp.I * sp.oo, sp.Integer(-1)) == 0  # SymPy evaluates it
