"""Command parsing: the calculator's words, the registries and completion."""
from __future__ import annotations

import json

import pytest

from tutor.reading.split import split_top_level
from tutor.repl.calculator import CALCULATOR, UsageError, split_keywords, trailing_variable
from tutor.repl.commands import COMMANDS, command_words, unknown_command


def test_keywords_split_whole_words_only():
    head, words = split_keywords("x^2 + y from (1, 2) lr 0.1 steps 20 method adam", ("from", "lr", "steps", "method"))
    assert head == "x^2 + y" and words == {"from": "(1, 2)", "lr": "0.1", "steps": "20", "method": "adam"}
    # 'from' inside a name is not a keyword; 'fromage' stays in the expression
    assert split_keywords("fromage from 3", ("from",)) == ("fromage", {"from": "3"})
    assert split_keywords("x*y/(x^2+y^2) at x=0,y=0", ("at",)) == ("x*y/(x^2+y^2)", {"at": "x=0,y=0"})
    with pytest.raises(UsageError):
        split_keywords("x from 1 from 2", ("from",))


def test_top_level_split_keeps_brackets_whole():
    assert split_top_level("x^2 + f(1, 2) = 1, 4", "=") == ["x^2 + f(1, 2)", "1, 4"]
    assert split_top_level("1, (2, 3), [4, 5]", ",") == ["1", "(2, 3)", "[4, 5]"]


def test_explicit_variable_forms():
    assert trailing_variable("x^2*y wrt y") == ("x^2*y", "y")
    assert trailing_variable("x^2*y with respect to y") == ("x^2*y", "y")
    assert trailing_variable("x^2*y, y") == ("x^2*y", "y")
    assert trailing_variable("f(x, y)") == ("f(x, y)", None)      # a comma inside brackets is not the separator
    assert trailing_variable("x^2 +") == ("x^2 +", None)


def test_every_calculator_command_shows_its_usage_when_empty():
    for name, cmd in CALCULATOR.items():
        with pytest.raises(UsageError) as err:
            cmd.run("   ")
        assert cmd.usage in str(err.value) and "e.g." in str(err.value)


def test_limit_and_level_and_descend_insist_on_their_parts():
    with pytest.raises(UsageError, match="Say where"):
        CALCULATOR["limit"].run("x*y/(x^2+y^2)")
    with pytest.raises(UsageError, match="after '='"):
        CALCULATOR["level"].run("x^2 + y^2")
    with pytest.raises(UsageError, match="where to start"):
        CALCULATOR["descend"].run("x^2 lr 0.1")


def test_registries_cover_the_documented_commands():
    for name in ("hint", "solution", "skip", "next", "open", "topics", "topic", "progress", "plot", "help", "quit"):
        assert name in COMMANDS
    for name in ("diff", "grad", "hessian", "critical", "limit", "level", "descend"):
        assert name in CALCULATOR
    words = command_words()
    assert ":hint" in words and "diff" in words and len(words) == len(set(words))


def test_unknown_commands_suggest_the_closest():
    assert "Did you mean :solution?" in unknown_command(":soluton")
    assert "Did you mean" not in unknown_command(":zzzzzz")


def test_completion_offers_commands_ids_and_topics():
    from prompt_toolkit.document import Document

    from tutor.repl.terminal import make_completer

    completer = make_completer(command_words, {":open": lambda: ["chain-rule-1", "chain-rule-2", "limits-1"],
                                               ":topic": lambda: ["limits", "gradients"]})

    def complete(text):
        return [c.text.strip() for c in completer.get_completions(Document(text), None)]

    assert complete(":h") == [":help", ":hint"]
    assert complete("di") == ["diff"]
    assert complete(":open chain") == ["chain-rule-1", "chain-rule-2"]
    assert complete(":topic LIM") == ["limits"]
    assert complete("diff x") == []


def test_critical_reports_families_not_just_isolated_points():
    """x²y² has no isolated critical point, but both axes are lines of minima."""
    (text,) = CALCULATOR["critical"].run("x^2 y^2", "text")
    (data,) = CALCULATOR["critical"].run("x^2 y^2", "json")
    assert json.loads(data)["points"] == [] and len(json.loads(data)["families"]) == 2
    assert "Family: a global minimum" in text and "never zero" not in text
