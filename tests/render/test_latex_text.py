"""The renderers' LaTeX: ASCII only, every special character escaped, lists no deeper than LaTeX allows."""
from __future__ import annotations

import unicodedata

import sympy as sp
from hypothesis import given, strategies as st
from latex_engine import compile_errors

from tutor.render import Doc, Line, Math, Step, line, render
from tutor.render.latex import SYMBOLS, document, tex_text, unicode_to_tex

NASTY = ["x^2 + y_1", "50% of #3 & {braces} $5 ~ back\\slash", "a < b > c | d", "∂f/∂x → ∇f ≈ 0, σ(z), η = 0.1",
         "Xᵀ X w ⊙ g, μ, Σ, x², x⁻¹, x₁, ½", "café naïve", "—dash– ‘quoted’ “twice” …", "\u2603 snowman"]


@given(st.text())
def test_text_becomes_ascii_with_balanced_braces(text):
    out = tex_text(text)
    assert out.isascii()
    depth = 0
    for i, ch in enumerate(out):
        if ch in "{}" and (i == 0 or out[i - 1] != "\\" or out[i - 2:i] == "\\\\"):
            depth += 1 if ch == "{" else -1
            assert depth >= 0
    assert depth == 0


@given(st.text(alphabet=st.sampled_from("^_$&#%~{}\\"), min_size=1))
def test_specials_never_reach_latex_bare(text):
    out = tex_text(text)
    for ch in "$&#%_":
        assert out.count(ch) == out.count("\\" + ch), out


def test_greek_superscripts_and_symbols_become_commands():
    assert unicode_to_tex("σ") == r"\ensuremath{\sigma}"
    assert unicode_to_tex("Σ") == r"\ensuremath{\Sigma}"
    assert unicode_to_tex("ᵀ") == r"\ensuremath{^{\top}}"
    assert unicode_to_tex("x⁻¹") == r"x\ensuremath{^{\ensuremath{-}}}\ensuremath{^{1}}"
    assert unicode_to_tex("x₀") == r"x\ensuremath{_{0}}"
    assert unicode_to_tex("é") == r"{\'{e}}"
    assert unicode_to_tex("∂") == r"\ensuremath{\partial}"


def _nested(depth: int) -> Step:
    node = Step(line("innermost", sp.Symbol("x") ** 2))
    for k in range(depth - 1, 0, -1):
        node = Step(line(f"level {k}:", sp.Symbol("y")), (node, line("a line at", k)))
    return node


def _max_nesting(tex: str) -> int:
    depth = deepest = 0
    for token in tex.split("\\"):
        if token.startswith("begin{itemize}"):
            depth += 1
            deepest = max(deepest, depth)
        elif token.startswith("end{itemize}"):
            depth -= 1
    return deepest


def test_deep_step_trees_keep_to_four_list_levels():
    for depth in (1, 4, 5, 9):
        tex = render(Doc(Line(("Deep",)), (_nested(depth),)), "latex")
        assert _max_nesting(tex) == min(depth, 4)
        assert tex.count(r"\item") == 2 * depth - 1  # every step and line is still there
        assert ("triangleright" in tex) == (depth > 4)


def test_nasty_words_deep_trees_and_every_symbol_compile(tmp_path):
    chars = "".join(SYMBOLS) + "".join(chr(c) for c in range(0x391, 0x3CA) if unicodedata.name(chr(c), ""))
    chars += "".join(chr(c) for c in range(0x2070, 0x209D) if unicodedata.name(chr(c), "")) + "ᵀᵢⁿ"
    # and a spread of the whole Basic Multilingual Plane: whatever is not in the table still compiles
    chars += "".join(chr(c) for c in range(0xA0, 0xFFFF, 37)
                     if unicodedata.category(chr(c))[0] in "LNPSM" and not 0xD800 <= c < 0xE000)
    nodes = [line(t, Math(sp.Symbol("x") ** 2)) for t in NASTY] + [Line((chars,)), _nested(9)]
    nodes.append(Line((Math(sp.Symbol("σ") + sp.Symbol("η_1") ** 2, display=True),)))
    tex = render(Doc(Line(("Title with ^ and _",)), tuple(nodes)), "latex")
    assert tex.isascii()
    assert compile_errors(document(tex, "Nasty ^_ words", "σ → η"), tmp_path) == []
