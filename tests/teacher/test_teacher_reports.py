"""Gradebook layouts, the review file, item analysis, feedback pages and worked solutions."""
from __future__ import annotations

import csv
import io

import pytest

import exercises
from grader.batch import gradebook, review
from grader.batch.analysis import analyse
from grader.batch.assignment import Assignment
from grader.batch.model import Answer, Outcome, Problem
from grader.reports.analysis_page import analysis_html
from grader.reports.feedback import ReportData, student_html, student_markdown
from grader.reports.page import safe_name
from grader.reports.solutions import document, entries

IDS = ("log-times-x", "gradient-at-point", "lr-too-small")


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


@pytest.fixture(scope="module")
def assignment():
    return Assignment("Week 0 & friends", IDS, {"log-times-x": 3.0, "gradient-at-point": 2.0, "lr-too-small": 1.0},
                      {"hint_cost": 0.5})


def outcome(student, exercise, status, score=None, mistake="", read_as="", feedback="Fine.", error="", note=""):
    score = {"correct": 1.0, "partial": 0.5}.get(status, 0.0) if score is None else score
    return Outcome(student, exercise, "d", status, score, feedback, read_as, read_as, mistake, error, (), note, "k")


@pytest.fixture(scope="module")
def results():
    answers = {
        ("ana", "log-times-x"): Answer("ana", "log-times-x", "ln(x) + 1", hints=1, source="s.csv", line=2),
        ("ana", "gradient-at-point"): Answer("ana", "gradient-at-point", "(1, 2", source="s.csv", line=3),
        ("ana", "lr-too-small"): Answer("ana", "lr-too-small", "b", source="s.csv", line=4),
        ("ben", "log-times-x"): Answer("ben", "log-times-x", "ln(x)", source="s.csv", line=5),
        ("ben", "gradient-at-point"): Answer("ben", "gradient-at-point", "(2, 1)", source="s.csv", line=6),
        ("cy", "log-times-x"): Answer("cy", "log-times-x", "<script>alert(1)</script>", source="s.csv", line=7),
        ("cy", "lr-too-small"): Answer("cy", "lr-too-small", "9^9^9^9", source="s.csv", line=8),
    }
    outcomes = {
        ("ana", "log-times-x"): outcome("ana", "log-times-x", "correct", read_as="log(x) + 1"),
        ("ana", "gradient-at-point"): outcome("ana", "gradient-at-point", "invalid", error="a ( is not closed\n(1, 2\n     ^"),
        ("ana", "lr-too-small"): outcome("ana", "lr-too-small", "partial", score=1 / 3),
        ("ben", "log-times-x"): outcome("ben", "log-times-x", "incorrect", mistake="product-rule-one-term",
                                        read_as="log(x)", feedback="You kept only one term."),
        ("ben", "gradient-at-point"): outcome("ben", "gradient-at-point", "incorrect", mistake="gradient-swapped",
                                              read_as="(2, 1)"),
        ("cy", "log-times-x"): outcome("cy", "log-times-x", "incorrect", mistake="product-rule-one-term",
                                       read_as="log(x)", feedback="Second example."),
        ("cy", "lr-too-small"): outcome("cy", "lr-too-small", "undecided", note="stopped after 10 s"),
    }
    return answers, outcomes


@pytest.fixture(scope="module")
def book(assignment, bank, results):
    answers, outcomes = results
    info = {"ana": {"name": "Ana Souza", "email": "ana@x", "section": "A"}}
    return gradebook.build(assignment, bank, ("ana", "ben", "cy", "dev"), answers, outcomes, info)


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_points_text_is_short_and_exact():
    assert [gradebook.points_text(v) for v in (2.0, 1.5, 2 / 3, 0.0, -0.0, 12.345, None)] == \
           ["2", "1.5", "0.67", "0", "0", "12.35", ""]


def test_plain_gradebook_has_points_row_cells_total_and_percent(book):
    table = rows(gradebook.render(book))
    assert table[0] == ["student", *IDS, "total", "percent"]
    assert table[1] == ["points possible", "3", "2", "1", "6", "100"]
    # ana: 3 - 0.5 hint, invalid 0, partial 1/3 of 1 point
    assert table[2] == ["ana", "2.5", "0", "0.33", "2.83", "47.2"]
    assert table[3] == ["ben", "0", "0", "0", "0", "0.0"]
    assert table[4] == ["cy", "0", "0", "", "0", "0.0"]  # undecided waits for the teacher: empty
    assert table[5] == ["dev", "0", "0", "0", "0", "0.0"]  # no answers at all


def test_canvas_and_moodle_layouts(book):
    canvas = rows(gradebook.render(book, "canvas"))
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert canvas[0][-1] == "Week 0 & friends" and canvas[1][0] == "Points Possible" and canvas[1][-1] == "6"
    assert canvas[2][:5] == ["Ana Souza", "", "ana", "ana@x", "A"] and canvas[2][-1] == "2.83"
    moodle = rows(gradebook.render(book, "moodle"))
    assert moodle[0][:2] == ["ID number", "Email address"] and len(moodle) == 5
    assert moodle[1][:2] == ["ana", "ana@x"]
    with pytest.raises(ValueError, match="choose one of plain, canvas, moodle"):
        gradebook.render(book, "excel")


def test_review_lists_invalid_and_undecided_then_input_problems(book, results):
    answers, outcomes = results
    problems = [Problem("unknown student", "student 'zed' is not on the roster", "s.csv", 9, "zed", "log-times-x"),
                Problem("malformed", "no answer on this row", "s.csv", 1)]
    table = rows(review.render(review.review_rows(book.students, IDS, answers, outcomes, problems)))
    assert table[0] == list(review.HEADER)
    assert table[1][:4] == ["ana", "gradient-at-point", "invalid", "(1, 2"] and table[1][4] == "a ( is not closed"
    assert table[2][:3] == ["cy", "lr-too-small", "undecided"] and table[2][4] == "stopped after 10 s"
    assert [r[2] for r in table[3:]] == ["malformed", "unknown student"]  # by file and line


def test_item_analysis_counts_and_names_mistakes(book, results):
    answers, outcomes = results
    titles = {e: e for e in IDS}
    analysis = analyse(book, answers, outcomes, titles)
    item = analysis.items[0]
    assert (item.answered, item.correct, item.incorrect, item.missing) == (3, 1, 2, 1)
    assert item.success_rate == pytest.approx(1 / 3)
    assert item.mistakes == (("product-rule-one-term", 2, "You kept only one term."),)
    assert item.wrong_answers == (("log(x)", 2),)
    assert analysis.items[2].undecided == 1 and analysis.items[1].invalid == 1
    md = analysis.to_markdown()
    assert "product-rule-one-term (2×)" in md and "| log-times-x | 3 | 1 | 33% |" in md
    page = analysis_html(analysis)
    assert "<math" in page and "product-rule-one-term" in page and "http" not in page.replace(
        "http://www.w3.org/1998/Math/MathML", "")
    assert analysis.to_dict()["items"][0]["mistakes"][0]["count"] == 2


def test_feedback_pages_show_answers_verdicts_and_solutions_safely(book, results):
    answers, outcomes = results
    rendered = {(e, "k"): {"prompt_md": f"Prompt of {e}", "prompt_html": f"<p>Prompt of {e}</p>",
                           "solution_md": "Step one.", "solution_html": "<p>Step one.</p>"} for e in IDS}
    keys = {(s, e): "k" for s in book.students for e in IDS}
    data = ReportData(book, answers, outcomes, {e: e.title() for e in IDS}, keys, rendered)
    html_page = student_html(data, "cy")
    assert "<script>" not in html_page and "&lt;script&gt;alert(1)&lt;/script&gt;" in html_page
    assert "not counted as wrong" in html_page and "Prompt of lr-too-small" in html_page
    md = student_markdown(data, "ana")
    assert md.startswith("# Feedback: Week 0 & friends") and "Ana Souza (ana) · 2.83 of 6 points (47.2%)" in md
    assert "Your answer: `ln(x) + 1`" in md and "Read as: $log(x) + 1$" in md
    assert "a ( is not closed\n(1, 2\n     ^" in md  # the reader's caret, kept in a code block
    assert "You used 1 hint; its cost" in md and md.count("### Worked solution") == 3
    assert "You did not answer this exercise." in student_markdown(data, "dev")


def test_safe_names_are_distinct_and_harmless():
    names = [safe_name(s) for s in ("ana", "../etc/passwd", "Zoë Ng", "a/b", "a_b")]
    assert names[0] == "ana" and len(set(names)) == 5
    assert all("/" not in n and not n.startswith(".") for n in names)


@pytest.mark.parametrize("fmt", ["md", "html", "tex"])
def test_worked_solutions_in_every_format(tmp_path, bank, fmt):
    variants = [bank["tangent-line-course"].variant_for("ana"), bank["lr-too-small"].variant(0)]
    items = entries(variants, fmt, tmp_path / "figures", "ana")
    assert items[0].figure is not None and items[0].figure.exists()
    assert items[0].figure.with_suffix(".svg").exists() and items[1].figure is None
    text = document(items, fmt, "Solutions", "for ana", tmp_path)
    answer = variants[0].answer_text
    if fmt == "md":
        assert "## 1. " in text and "![Figure for tangent-line-course](figures/tangent-line-course-ana.png)" in text
    elif fmt == "html":
        assert text.count("<math") > 5 and "data:image/png;base64," in text and "<script" not in text
    else:
        assert text.startswith(r"\documentclass") and r"\includegraphics" in text and text.endswith("\\end{document}\n")
        assert r"\section{" in text and "$" in text
    assert text.count("Answer:") == 2
    if fmt == "html":
        assert answer.replace(" ", "") not in text  # the answer is mathematics here (MathML), not typed text
