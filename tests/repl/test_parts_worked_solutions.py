"""Worked solutions of multi-part exercises (issue 14): ``calctutor bank show`` and ``calctutor solutions``
show the parts in order, each with its prompt, its steps and its answer, in every format.

The bank is the REPL tests' own (tests/repl/parts_bank.py), so these tests live beside it.
"""
from __future__ import annotations

import pytest

import parts_bank
from exercises.parts_doc import solution_doc
from grader.reports.solutions import document, entries
from tutor.cli import main
from tutor.render import render

PROMPTS = ("Find ∇L at (w, b) = (1, 0).", "Using your gradient, take one gradient-descent step",
           "What is the loss at your new point?")


def positions(text: str, pieces) -> list[int]:
    return [text.index(p) for p in pieces]


def test_bank_show_lists_the_parts_in_order_with_prompts_hints_and_then_the_worked_solution(tmp_path, capsys):
    bank = parts_bank.write(tmp_path)
    assert main(["bank", "show", "fit-chain", "--bank", str(bank), "--seed", "0"]) == 0
    shown = capsys.readouterr().out
    heads = ["Part 1 of 3 (grad), 2 points", "Part 2 of 3 (step), 2 points", "Part 3 of 3 (loss), 1 point"]
    assert positions(shown, heads) == sorted(positions(shown, heads))
    assert all(p in shown for p in PROMPTS) and "One partial derivative per variable" in shown
    assert "Answer" not in shown                                           # no answer without --solution

    assert main(["bank", "show", "fit-chain", "--bank", str(bank), "--seed", "0", "--solution"]) == 0
    worked = capsys.readouterr().out.split("Worked solution: Loss, gradient, one step", 1)[1]
    parts = [worked.index(h) for h in heads]
    assert parts == sorted(parts)
    grad, step, loss = worked[parts[0]:parts[1]], worked[parts[1]:parts[2]], worked[parts[2]:]
    assert PROMPTS[0] in grad and "With respect to w" in grad and "Answer: (−4, −4)" in grad  # prompt, steps, answer
    assert PROMPTS[1] in step and "Answer: (1.4, 0.4)" in step
    assert PROMPTS[2] in loss and "Answer: 1.44" in loss


@pytest.mark.parametrize("fmt, heading", [("md", "- Part 1 of 3 (grad), 2 points"), ("html", "<li>Part 1 of 3 (grad)"),
                                          ("tex", r"\item Part 1 of 3 (grad)")])
def test_the_solutions_document_shows_each_part_in_every_format(tmp_path, fmt, heading):
    bank = parts_bank.load(tmp_path)
    variant = bank["fit-chain"].variant("0")
    items = entries([variant], fmt, None)
    text = document(items, fmt, "Worked solutions", "seed 0", tmp_path)
    assert heading in text
    assert "line fitted to one data point" in items[0].prompt               # the stem above the parts
    for n, name in enumerate(("grad", "step", "loss"), 1):
        assert f"Part {n} of 3 ({name})" in items[0].solution
    assert items[0].solution.index("(grad)") < items[0].solution.index("(step)") < items[0].solution.index("(loss)")


def test_each_part_of_the_solution_is_the_parts_own_worked_solution(tmp_path):
    variant = parts_bank.load(tmp_path)["fit-chain"].variant("0")
    doc = solution_doc(variant, with_stem=False)
    assert len(doc.nodes) == 3
    for node, (name, part) in zip(doc.nodes, variant.parts):
        assert node.children[1:] == tuple(part.solution.doc().nodes)      # its steps and answer, unchanged
        assert render(type(doc)(None, (node.children[0],)), "text").strip() == part.prompt_text.strip()


def test_bank_show_json_lists_each_part_and_hides_the_answers_unless_asked(tmp_path, capsys):
    import json

    bank = parts_bank.write(tmp_path)
    main(["bank", "show", "fit-chain", "--bank", str(bank), "--seed", "0", "--format", "json"])
    hidden = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in hidden["parts"]] == ["grad", "step", "loss"]
    assert all("answer_text" not in p and "solution" not in p for p in hidden["parts"])
    main(["bank", "show", "fit-chain", "--bank", str(bank), "--seed", "0", "--format", "json", "--solution"])
    shown = json.loads(capsys.readouterr().out)
    assert [p["answer_text"] for p in shown["parts"]] == [parts_bank.RIGHT[n] for n in ("grad", "step", "loss")]
    assert shown["parts"][0]["prompt"].startswith("Find $\\nabla L$")
