"""HTML output read back with an HTML parser: MathML everywhere, a plain d, brackets that stretch, whole pages."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
import sympy as sp

from tutor.reading.printer import to_mathml

x, y = sp.symbols("x y")


@dataclass
class El:
    tag: str
    attrs: dict
    parent: "El | None" = None
    children: list = field(default_factory=list)
    text: str = ""

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def find(self, tag: str) -> list["El"]:
        return [e for e in self.walk() if e.tag == tag]

    def all_text(self) -> str:
        return self.text + "".join(c.all_text() for c in self.children)

    def inside(self, tag: str) -> bool:
        p = self.parent
        while p is not None:
            if p.tag == tag:
                return True
            p = p.parent
        return False


class Tree(HTMLParser):
    VOID = {"meta", "br", "img", "hr", "link", "input"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.root = El("#root", {})
        self.cur = self.root
        self.doctype = None
        self.feed(text)
        self.close()

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        el = El(tag, dict(attrs), self.cur)
        self.cur.children.append(el)
        if tag not in self.VOID:
            self.cur = el

    def handle_endtag(self, tag):
        el = self.cur
        while el is not None and el.tag != tag:
            el = el.parent
        if el is not None and el.parent is not None:
            self.cur = el.parent

    def handle_data(self, data):
        self.cur.text += data


def tree(text: str) -> El:
    return Tree(text).root


@pytest.mark.parametrize("expr", [
    sp.Derivative(x**2, x), sp.Derivative(sp.sin(x) * x, x, 2), sp.Derivative(sp.exp(x), x, 3),
])
def test_derivative_uses_a_plain_d(expr):
    html = to_mathml(expr)
    assert "&dd;" not in html and "\u2146" not in html
    root = tree(html)
    frac = root.find("mfrac")[0]
    ds = [e for e in frac.walk() if e.tag in ("mi", "mo") and e.text == "d"]
    assert len(ds) == 2 and all(d.tag == "mi" and d.attrs.get("mathvariant") == "normal" for d in ds)


def test_higher_order_puts_the_power_on_the_variable():
    root = tree(to_mathml(sp.Derivative(x**2 * y, x, 2)))
    below = root.find("mfrac")[0].children[1]
    power = below.find("msup")[0]
    assert power.children[0].tag == "mi" and power.children[0].text == "x" and power.children[1].text == "2"


@pytest.mark.parametrize("matrix", [sp.Matrix([[1, 2], [3, 4]]), sp.Matrix([[2 * y, 2 * x], [2 * x, 18 * y]]),
                                    sp.Matrix([[1], [2], [3]])])
def test_matrix_brackets_stretch(matrix):
    root = tree(to_mathml(matrix))
    table = root.find("mtable")[0]
    row = table.parent
    fences = [c for c in row.children if c.tag == "mo"]
    assert [f.text for f in fences] == ["[", "]"]
    assert all(f.attrs.get("stretchy") == "true" and f.attrs.get("fence") == "true" for f in fences)


@pytest.mark.parametrize("expr", [x - 1, sp.Integer(-3), sp.Float("-1.25", 3), sp.Matrix([[-1, 2], [3, -4]]),
                                  sp.Tuple(-1, -2)])
def test_minus_is_a_minus_sign(expr):
    root = tree(to_mathml(expr))
    assert "\u2212" in [e.text for e in root.find("mo")]
    assert not any("-" in e.all_text() for e in root.walk() if e.tag in ("mn", "mo", "mi"))


def _prompt_maths(html: str) -> list[El]:
    root = tree(html)
    boxes = [d for d in root.find("div") if "prompt" in d.attrs.get("class", "")]
    assert boxes
    return [m for b in boxes for m in b.find("math")]


@pytest.mark.parametrize("exercise", ["gd-one-step-line-fit", "lr-stable-bound-quadratic", "hessian-polynomial",
                                      "ls-normal-matrix", "quotient-rule-rational"])
def test_solution_prompt_boxes_are_mathml_not_unicode_text(tmp_path, exercise):
    import exercises
    from grader.reports.solutions import document, entries

    items = entries([exercises.load()[exercise].variant(0)], "html", None)
    maths = _prompt_maths(document(items, "html", "t", "s", tmp_path))
    assert maths
    for m in maths:
        assert not m.find("mtext") or m.find("mi") or m.find("mn"), m.all_text()
        assert any(e.tag in ("mi", "mn", "mo") for e in m.walk())


def test_line_fit_prompt_keeps_the_hat_as_an_accent(tmp_path):
    import exercises
    from grader.reports.solutions import document, entries

    items = entries([exercises.load()["gd-one-step-line-fit"].variant(0)], "html", None)
    maths = _prompt_maths(document(items, "html", "t", "s", tmp_path))
    hats = [o for m in maths for o in m.find("mover") if o.attrs.get("accent") == "true"]
    assert hats and hats[0].children[0].text == "y"


def test_tex_units_are_not_numbers():
    from xml.dom import minidom

    from tutor.render.texmathml import tex_to_mathml

    dom = minidom.Document()
    out = tex_to_mathml(r"\frac{\partial L}{\partial w} = 2ex", dom).toxml()
    root = tree(out)
    assert [e.text for e in root.find("mn")] == ["2"] and [e.text for e in root.find("mi")][-2:] == ["e", "x"]


@pytest.mark.parametrize("tex", [r"\frac{", r"\begin{bmatrix} 1 & 2", "x^", r"\left( x"])
def test_unreadable_tex_falls_back_to_its_unicode_reading(tex):
    from exercises.texmath import make_tex

    html = to_mathml(make_tex(tex, "the text"))
    assert [e.text for e in tree(html).find("mtext")] == ["the text"]


def test_sheet_prompt_boxes_are_mathml():
    import exercises
    from grader.batch.work import _prompt

    v = exercises.load()["gd-one-step-line-fit"].variant(0)
    html = _prompt(v, "html")
    maths = tree(html).find("math")
    assert maths and all(any(e.tag in ("mi", "mn") for e in m.walk()) for m in maths)
    assert not any(m.find("mtext") for m in maths)


def test_cli_html_is_a_whole_page_and_fragment_on_request(capsys):
    from tutor.cli import main

    assert main(["hessian", "x^2 y + y^3", "--format", "html"]) == 0
    page = capsys.readouterr().out
    parser = Tree(page)
    assert parser.doctype and parser.doctype.lower() == "doctype html"
    html_el = parser.root.find("html")[0]
    assert [c.tag for c in html_el.children] == ["head", "body"]
    assert html_el.find("title")[0].text.startswith("calctutor hessian")
    assert html_el.find("meta")[0].attrs.get("charset") == "utf-8"
    assert any(f.attrs.get("stretchy") == "true" for f in html_el.find("mo"))
    assert main(["hessian", "x^2 y + y^3", "--format", "html", "--fragment"]) == 0
    fragment = capsys.readouterr().out
    assert "<html" not in fragment and tree(fragment).find("math")


def test_cli_html_error_prints_no_half_page(capsys):
    from tutor.cli import main

    assert main(["diff", "x^", "--format", "html"]) == 2
    out = capsys.readouterr()
    assert out.out == "" and "needs something after it" in out.err


@pytest.mark.parametrize("argv", [["diff", "x^2 sin(x)"], ["critical", "x^3 - 3x"], ["bank", "show", "gd-one-step-line-fit"],
                                  ["limit", "x y/(x^2 + y^2)", "--at", "0,0"]])
def test_every_html_command_prints_one_whole_page(argv, capsys):
    from tutor.cli import main

    assert main([*argv, "--format", "html"]) == 0
    parser = Tree(capsys.readouterr().out)
    assert parser.doctype and len(parser.root.find("html")) == 1 and len(parser.root.find("body")) == 1
    assert parser.root.find("body")[0].find("math")
