"""The session loop's bookkeeping, driven with piped lines (a stand-in bank; the e2e tests use the real one)."""
from __future__ import annotations

import io
import re


import repl_fakes as fakes
from tutor.repl.session import Session
from tutor.repl.store import ProgressStore
from tutor.repl.terminal import Output, PlainReader
from repl_fakes import Clock


def drive(tmp_path, lines, user="ana", bank=None, clock=None, ascii_only=False, topic=None):
    stdout = io.StringIO()
    out = Output(stdout, ascii_only=ascii_only, width=78)
    store = ProgressStore(tmp_path / "progress.sqlite3")
    session = Session(user=user, out=out, store=store, bank=bank or fakes.small_bank(), grade=fakes.grade,
                      clock=clock or Clock(), topic=topic)
    session.reader = PlainReader(io.StringIO("".join(line + "\n" for line in lines)), out)
    assert session.run() == 0
    store.close()
    return stdout.getvalue(), session


def test_a_whole_exercise_wrong_hint_right_then_progress(tmp_path):
    text, session = drive(tmp_path, ["", "6x", ":hint", "6x - 4", ":progress"])
    assert "Suggested next: rules-1" in text
    assert "calctutor> \n" in text and "rules-1> 6x\n" in text          # piped lines are echoed
    assert "I read your answer as: 6·x\nIncorrect" in text
    assert "power rule on the linear term" in text                        # the feedback names the mistake
    assert "Hint 1 of 2 (costs 0.5 points):" in text
    assert "I read your answer as: 6·x − 4\nCorrect" in text
    # issue 13: the wrong first try costs 0.1 of the points (STACK's default), the hint its cost
    assert "Score: 0 of 2 points. Attempts used: 1; the next can earn up to 1.8." in text
    assert "Score: 1.3 of 2 points (attempt 2 can earn up to 1.8; 1.8 − 0.5 for hints)." in text
    assert "Suggested next: rules-2" in text
    assert re.search(r"Derivative rules and tangent lines\s+1/2 +solved\s+1.3 of 4 +points", text)
    assert text.rstrip().endswith("Goodbye, ana: 2 answers this session, 1 exercise solved, "
                                  "1.3 points earned. Your progress is saved.")
    assert "\x1b" not in text                                            # no control codes when piped


def test_progress_survives_a_new_session(tmp_path):
    drive(tmp_path, ["", "6x-4"])
    text, _ = drive(tmp_path, [":progress"])
    assert text.startswith("Welcome back, ana.")
    assert "Suggested next: rules-2" in text
    assert re.search(r"1/2 +solved\s+2 of 4 +points", text)
    other, _ = drive(tmp_path, [], user="bo")                           # progress is per student
    assert "Suggested next: rules-1" in other and "Welcome back" not in other


def test_invalid_answers_explain_with_a_caret_and_cost_nothing(tmp_path):
    text, session = drive(tmp_path, [":open rules-1", "6x-", "6x-4"])
    block = text.split("rules-1> 6x-\n")[1]
    assert block.startswith("Invalid: The answer ends with an operator that has nothing after it.\n")
    assert "Nothing was counted: fix it and type it again." in block
    assert "  6x-\n     ^" in block
    assert "I read your answer as" not in block.split("rules-1> 6x-4")[0]
    assert "Score: 2 of 2 points." in text
    attempts = ProgressStore(tmp_path / "progress.sqlite3").attempts("ana")
    assert [a.status for a in attempts] == ["invalid", "correct"]          # recorded, but not counted


def test_partial_answers_show_each_component(tmp_path):
    text, _ = drive(tmp_path, [":open grad-plot", "(1, 2)"])
    assert "Partly correct.\nOne component is right." in text
    assert "  • ∂f/∂x: correct" in text and "  • ∂f/∂y: incorrect. check the sign" in text
    assert "Score: 2 of 4 points." in text


def test_undecided_is_flagged_not_counted_wrong(tmp_path):
    text, _ = drive(tmp_path, [":open rules-1", "slow"])
    assert "Undecided: I could not decide in time" in text and "Score: pending" in text


def test_a_crash_in_the_checker_is_an_apology_not_a_traceback(tmp_path):
    text, _ = drive(tmp_path, [":open rules-1", "boom", "6x-4"])
    assert "Sorry, something went wrong inside the tutor: a problem in calctutor, not in what you typed." in text
    assert "Traceback" not in text and "RuntimeError" not in text and "checker exploded" not in text
    assert "Correct" in text                                              # the loop went on


def test_solution_makes_later_answers_practice(tmp_path):
    text, _ = drive(tmp_path, [":open rules-1", ":solution", "6x-4"])
    assert "Worked solution (unicode): the answer to rules-1" in text
    assert "practice after the worked solution, so 0 of 2 points" in text
    again, _ = drive(tmp_path, [":progress"])
    assert re.search(r"1/2 +solved\s+0 of 4 +points", again)


def test_hints_run_out_and_are_remembered(tmp_path):
    drive(tmp_path, [":open rules-1", ":hint"])
    text, _ = drive(tmp_path, [":open rules-1", ":hint", ":hint"])
    assert "Hint 2 of 2 (costs 0.5 points):" in text and "The derivative of −4x is −4." in text
    assert "You have seen both hints." in text
    assert "Hint 1 of 2" not in text


def test_skip_records_and_moves_on(tmp_path):
    text, _ = drive(tmp_path, [":open rules-1", ":skip"])
    assert "Skipped rules-1; it will come back later." in text
    assert "── rules-2 ·" in text
    events = ProgressStore(tmp_path / "progress.sqlite3").events("ana", kind="skip")
    assert [e.exercise for e in events] == ["rules-1"]


def test_open_topics_and_errors_are_explained(tmp_path):
    text, _ = drive(tmp_path, [":open nope", ":hnit", ":topic grad", ":topic nonsense", ":open grad", "wat"])
    assert "no exercise 'nope' in the bank" in text
    assert "There is no command :hnit. Did you mean :hint?" in text
    assert "Gradients and directional derivatives — 0 of 1 solved" in text
    assert "There is no topic 'nonsense'." in text
    assert "── grad-plot · Gradients and directional derivatives · 4 points" in text                   # unique prefix opens it
    assert "Type a vector on one line" in text


def test_topic_filter_limits_suggestions(tmp_path):
    text, session = drive(tmp_path, [], topic="gradients")
    assert "Suggested next: grad-plot" in text
    assert session.topic == "gradients"


def test_plot_saves_a_png_and_says_where(tmp_path, monkeypatch):
    monkeypatch.setenv("CALCTUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CALCTUTOR_NO_VIEWER", "1")
    text, _ = drive(tmp_path, [":open grad-plot", ":plot", ":open rules-1", ":plot"])
    saved = re.search(r"Figure saved: (\S+)", text).group(1)
    assert saved.endswith("grad-plot-ana.png") and open(saved, "rb").read().startswith(b"\x89PNG")
    assert "This exercise has no figure." in text


def test_bare_words_work_as_commands_only_when_no_answer_is_awaited(tmp_path):
    text, _ = drive(tmp_path, ["help", ":open rules-1", "hint", "quit", "never read"])
    assert "Commands (Tab completes):" in text
    assert "Not equal." in text                                          # "hint" was an answer here
    assert "never read" not in text


def test_ascii_mode_prints_no_unicode(tmp_path):
    text, _ = drive(tmp_path, ["", "6x", ":hint", "6x-4", ":topics"], ascii_only=True)
    assert text.isascii()
    assert "Find f'(x) for f(x) = 3x^2 - 4x + 5." in text


def test_commands_without_an_exercise_say_what_to_do(tmp_path):
    text, _ = drive(tmp_path, [":hint", "6x", ":solution"])
    assert text.count("No exercise is open") == 3


def test_maths_typed_with_no_exercise_open_is_pointed_to_the_calculator(tmp_path):
    text, _ = drive(tmp_path, ["d/dx x^3 cos x", "x^2 + y^2", "hello there"])
    assert "To differentiate, use the calculator: diff x^3 cos x x" in text
    assert "for example: diff x^2 + y^2 x" in text
    assert text.count("To work with it") == 1  # words are not read as a product of letters


def test_no_bank_still_greets_and_quits(tmp_path):
    stdout = io.StringIO()
    out = Output(stdout, width=78)
    session = Session(user="ana", out=out, store=ProgressStore(tmp_path / "p.sqlite3"), bank=None,
                      bank_error="broken.toml: no title")
    session.reader = PlainReader(io.StringIO(":topics\n"), out)
    session.run()
    text = stdout.getvalue()
    assert "The exercise bank could not be loaded: broken.toml: no title" in text
    assert "There is no exercise bank in this session." in text


def test_an_answer_typed_before_opening_the_next_exercise_is_not_graded(tmp_path):
    text, _ = drive(tmp_path, [":open rules-1", "6x-4", "6x", "", "6x-4", ":open rules-1", "6x"])
    assert "You have already solved rules-1, so that was not graded. Press Enter to open rules-2" in text
    assert "── rules-2 ·" in text
    # opened on purpose, a solved exercise can be answered again (practice; the best score stays)
    assert text.rstrip().split("rules-1> 6x\n")[-1].startswith("I read your answer as: 6·x\nIncorrect.")
    attempts = ProgressStore(tmp_path / "progress.sqlite3").attempts("ana")
    assert [(a.exercise, a.answer) for a in attempts] == [("rules-1", "6x-4"), ("rules-2", "6x-4"), ("rules-1", "6x")]


def test_a_named_answer_goes_to_the_checker_as_typed(tmp_path):
    """The left-hand side (f'(x) = …) is the grader's to read, as for check and grade: no second reading here."""
    fakes.CHECKED.clear()
    text, _ = drive(tmp_path, [":open rules-1", "f'(x) = 6x", "x + y = 3"])
    assert "graded the right-hand side" not in text
    assert [answer for _, answer, _ in fakes.CHECKED] == ["f'(x) = 6x", "x + y = 3"]
    attempts = ProgressStore(tmp_path / "progress.sqlite3").attempts("ana")
    assert [(a.answer, a.status) for a in attempts] == [("f'(x) = 6x", "invalid"), ("x + y = 3", "invalid")]


def test_details_are_listed_only_when_something_is_wrong(tmp_path, monkeypatch):
    right = fakes.Verdict("correct", 1.0, "All right.", fakes.Interp("(1, 2)", "(1, 2)"),
                          details=(fakes.Detail("∂f/∂x", "correct"), fakes.Detail("∂f/∂y", "correct")))
    monkeypatch.setitem(fakes.ANSWERS, "(3,4)", right)
    text, _ = drive(tmp_path, [":open grad-plot", "(3, 4)"])
    assert "All right." in text and "∂f/∂x" not in text


def test_after_solving_the_next_suggestion_stays_in_the_same_topic(tmp_path):
    bank = fakes.Bank([
        fakes.Exercise("intro-1", "intro", "First in the course"),
        fakes.Exercise("rules-1", "derivative-rules", "Power rule"),
        fakes.Exercise("rules-2", "derivative-rules", "Another power rule"),
    ])
    text, _ = drive(tmp_path, [":open rules-1", "6x-4"], bank=bank)
    assert "Suggested next: intro-1" in text          # at the start: course order
    after = text.split("rules-1> 6x-4", 1)[1]
    assert "Suggested next: rules-2" in after          # after solving: the same topic first
