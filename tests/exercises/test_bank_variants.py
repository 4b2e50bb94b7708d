"""Variants: parameters filled into prompts, stable seeds, rendering, JSON."""
import json
import subprocess
import sys
import textwrap

import pytest

import exercises
from exercises.prompt import fill, latex_to_unicode

BANK = '''
[[exercise]]
id = "lr-halving"
topic = "gradient-descent"
title = "Halving the step"
task = "true_false"
prompt = "With learning rate {lr} and gradient $g = {g}$ the step is ${lr} \\\\cdot {g}$; halving $\\\\eta$ halves it."
answer = true
parameters = { lr = { choices = [0.1, 0.01, "1/3"] }, g = { range = [-5, 5], exclude = [0] } }
conditions = ["g != 1"]
[[exercise.hints]]
text = "The step is $\\\\eta g$."
cost = 1
'''


@pytest.fixture
def bank(tmp_path):
    path = tmp_path / "b.toml"
    path.write_text(textwrap.dedent(BANK), encoding="utf-8")
    return exercises.load(path)


def test_parameters_fill_the_prompt_in_words_and_in_math(bank):
    ex = bank["lr-halving"]
    seen = set()
    for seed in range(40):
        v = ex.variant(seed)
        lr, g = v.params["lr"], v.params["g"]
        assert g != 0 and g != 1
        seen.add(str(lr))
        assert "{lr}" not in v.prompt and "{g}" not in v.prompt
        if str(lr) == "1/3":
            assert v.prompt.startswith("With learning rate 1/3 ")
            assert "\\frac{1}{3} \\cdot" in v.prompt  # LaTeX inside $…$
        else:
            assert v.prompt.startswith(f"With learning rate {float(lr):g} ")
    assert seen == {"1/10", "1/100", "1/3"}


def test_same_seed_same_variant_and_students_differ(bank):
    ex = bank["lr-halving"]
    assert ex.variant(7).params == ex.variant(7).params
    assert ex.variant(7).prompt == ex.variant("7").prompt
    assert ex.variant_for("alice").params == ex.variant_for("alice").params
    students = {tuple(sorted(map(str, ex.variant_for(f"student-{i}").params.values()))) for i in range(30)}
    assert len(students) > 10


def test_variants_are_identical_across_processes(bank, tmp_path):
    code = textwrap.dedent(f"""
        import sys; sys.path.insert(0, {str(__import__('pathlib').Path(exercises.__file__).parents[1])!r})
        import exercises
        ex = exercises.load({str(tmp_path / 'b.toml')!r})['lr-halving']
        print([(s, ex.variant_for(s).prompt) for s in ('alice', 'bob', 'carol', 'dave')])
    """)
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": h, "PATH": "/usr/bin:/bin"}).stdout for h in ("1", "999")}
    assert len(outs) == 1
    here = [(s, bank["lr-halving"].variant_for(s).prompt) for s in ("alice", "bob", "carol", "dave")]
    assert outs.pop().strip() == str(here)


def test_negative_values_are_bracketed_after_an_operator(bank):
    for seed in range(30):
        v = bank["lr-halving"].variant(seed)
        if v.params["g"] < 0:
            assert f"$g = {v.params['g']}$" in v.prompt  # no brackets after '='
            assert f"\\cdot \\left({v.params['g']}\\right)$" in v.prompt
            assert f"· ({v.params['g']});".replace("-", "−") in v.prompt_text
            return
    raise AssertionError("no seed gave a negative g")


def test_terminal_prompt_has_no_latex(bank):
    v = bank["lr-halving"].variant(1)
    assert "\\" not in v.prompt_text and "$" not in v.prompt_text
    assert "·" in v.prompt_text


def test_variant_renders_and_serialises(bank):
    v = bank["lr-halving"].variant(3)
    text = v.to_unicode()
    assert "lr-halving: Halving the step" in text and "(costs 1)" in text and "η g" in text
    data = json.loads(v.render("json"))
    assert data["id"] == "lr-halving" and data["answer_text"] == "true" and data["kind"] == "true_false"
    assert set(data["params"]) == {"lr", "g"}
    assert "The statement is true." in v.solution.to_text()
    assert "Answer: true" in v.solution.to_markdown()


def test_multiple_choice_lists_its_choices_and_carries_feedback_as_mistakes():
    bank = exercises.load()
    v = bank["dense-level-curves"].variant(0)
    assert v.answer == "b" and v.answer_text == "b" and v.kind == "multiple_choice"
    assert "\na) " in v.prompt and "\nd) " in v.prompt
    keys = {m.key for m in v.mistakes}
    assert keys == {"choice-a", "choice-c", "choice-d"}
    assert all(m.description for m in v.mistakes)
    assert list(v.options()["choices"]) == ["a", "b", "c", "d"]


@pytest.mark.parametrize("tex, text", [
    (r"\nabla f \cdot u", "∇f · u"),
    (r"\frac{\partial f}{\partial x}", "∂f/∂x"),
    (r"x^2 + y^{2}", "x² + y²"),
    (r"\theta_{t+1} = \theta_t - \eta g_t", "θₜ₊₁ = θₜ - η gₜ"),
    (r"\sqrt{x^2 + y^2}", "√(x² + y²)"),
    (r"\lim_{h \to 0}", "lim_(h → 0)"),
    (r"\mathbb{R}^n", "ℝⁿ"),
    (r"\hat y = wx + b", "ŷ = wx + b"),
    (r"H = \begin{pmatrix} 2 & c \\ c & 2 \end{pmatrix}", "H = [[2, c], [c, 2]]"),
])
def test_latex_to_unicode(tex, text):
    assert latex_to_unicode(tex) == text


def test_fill_leaves_latex_braces_and_unknown_names_alone():
    out = fill(r"$\frac{1}{2} x^{a}$ and {unknown} {a}", {"a": 3})
    assert out == r"$\frac{1}{2} x^{3}$ and {unknown} 3"


def test_a_brace_group_directly_after_a_command_or_group_is_latex():
    values = {"h": 0.5, "a": -3, "function": "f"}
    assert fill(r"$\frac{f(a + h)}{h}$", values) == r"$\frac{f(a + h)}{h}$"
    assert fill(r"$\text{a} + x^{a}$", values) == r"$\text{a} + x^{-3}$"
    assert fill(r"$\lim_{x \to 0} {function}$", values) == r"$\lim_{x \to 0} f$"


def test_variants_are_cached_per_seed(bank):
    ex = bank["lr-halving"]
    assert ex.variant_for("zoe") is ex.variant_for("zoe")
    assert ex.variant(4) is ex.variant(4) and ex.variant(4) is not ex.variant("4")
    for seed in range(ex.CACHE + 5):  # the cache stays small
        ex.variant(seed)
    assert len(ex._variants) <= ex.CACHE


HINTED = '''
[[exercise]]
id = "slope-hint"
topic = "derivative-rules"
title = "A slope"
task = "derivative"
prompt = "Find the slope of $f(x) = {function}$."
function = "a*x^2"
parameters = { a = { choices = [3, -2] } }
[[exercise.hints]]
text = "With a = {a} in front: $f'(x) = 2 \\\\cdot {a} x$, as $\\\\frac{d}{dx} x^{2} = 2x$."
cost = 1
'''


def test_hints_are_filled_with_the_variants_parameters_like_the_prompt(tmp_path):
    path = tmp_path / "h.toml"
    path.write_text(textwrap.dedent(HINTED), encoding="utf-8")
    ex = exercises.load(path)["slope-hint"]
    seen = set()
    for seed in range(12):
        v = ex.variant(seed)
        a = v.params["a"]
        seen.add(int(a))
        (hint,) = v.hints()
        shown = "\\left(-2\\right)" if a < 0 else "3"  # bracketed after an operator, as in prompts
        assert hint.text == f"With a = {a} in front: $f'(x) = 2 \\cdot {shown} x$, as $\\frac{{d}}{{dx}} x^{{2}} = 2x$."
        assert hint.cost == 1
        assert v.to_dict()["hints"] == [{"text": hint.text, "cost": 1}]
        assert f"With a = {a} in front" in v.to_text()
    assert seen == {3, -2}
    assert ex.hints[0].text.startswith("With a = {a} in front")  # the exercise keeps its template


def test_tangent_line_course_hints_match_the_students_point():
    # the bank once said "at a = −2 the slope is −16" to every student, whatever their point
    ex = exercises.load()["tangent-line-course"]
    points = set()
    for seed in range(30):
        v = ex.variant(seed)
        p = int(v.params["p"])
        points.add(p)
        text = " ".join(h.text for h in v.hints())
        assert f"$a = {p}$" in text and f"f'({p})" in text
        if p != -2:
            assert "-16" not in text and "25" not in text and "-2" not in text
    assert len(points) > 2


def test_builtin_hints_leave_no_placeholder_unfilled():
    # in prose braces are never LaTeX, so a {name} left there is a placeholder nobody filled
    from exercises.prompt import PLACEHOLDER, segments

    for ex in exercises.load().exercises():
        if not ex.hints:
            continue
        for hint in ex.variant(0).hints():
            prose = "".join(text for is_math, text in segments(hint.text) if not is_math)
            assert not PLACEHOLDER.findall(prose), (ex.id, hint.text)
