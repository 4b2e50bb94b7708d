"""A tiny stand-in bank for unit tests of the session logic only.

End-to-end tests (test_e2e_*.py) drive the real bank and checker; these
fakes let the loop's bookkeeping be tested without SymPy or timing.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class Clock:
    """A clock that moves one second per reading, so stored attempts have distinct, ordered times."""

    def __init__(self, t: float = 1_000_000.0):
        self.t = t

    def __call__(self) -> float:
        self.t += 1.0
        return self.t


@dataclass(frozen=True)
class Hint:
    text: str
    cost: float = 0


@dataclass(frozen=True)
class Interp:
    text: str
    unicode: str


@dataclass(frozen=True)
class Detail:
    label: str
    status: str
    feedback: str = ""


@dataclass(frozen=True)
class Verdict:
    status: str
    score: float
    feedback: str = ""
    interpreted: Interp | None = None
    details: tuple = ()
    mistake: str | None = None
    error: str | None = None


class Solution:
    def __init__(self, text):
        self.text = text

    def render(self, fmt):
        return f"Worked solution ({fmt}): {self.text}"


ANSWERS = {  # typed answer -> verdict, for every fake exercise
    "6x-4": Verdict("correct", 1.0, "Right.", Interp("6*x - 4", "6·x − 4")),
    "6x": Verdict("incorrect", 0.0, "You forgot the derivative of -4x: power rule on the linear term.",
                  Interp("6*x", "6·x"), mistake="linear-term-dropped"),
    "(1,2)": Verdict("partial", 0.5, "One component is right.", Interp("(1, 2)", "(1, 2)"),
                      details=(Detail("∂f/∂x", "correct"), Detail("∂f/∂y", "incorrect", "check the sign"))),
    "slow": Verdict("undecided", 0.0, "Could not decide in 3 s.", Interp("slow", "slow")),
    "y=6x-4": Verdict("correct", 1.0, "Right.", Interp("6*x - 4", "6·x − 4")),  # the real checker reads y = …
}


CHECKED: list = []  # (exercise id, answer, grading options) of every check, for tests that need them


@dataclass(frozen=True)
class Variant:
    exercise: "Exercise"
    seed: str
    prompt: str
    kind: str = "expression"

    @property
    def solution(self):
        return Solution(f"the answer to {self.exercise.id} is 6x - 4")

    def grade_answer(self, text, **options):
        CHECKED.append((self.exercise.id, text, options))
        if text == "boom":
            raise RuntimeError("checker exploded")
        if "=" in text and text.replace(" ", "") not in ANSWERS:
            return Verdict("invalid", 0.0, "", None, error="I expected an expression, but your answer is an equation.")
        if text.endswith("-") or text.endswith("+"):
            col = len(text) + 1
            return Verdict("invalid", 0.0, "", None,
                           error=f"The answer ends with an operator that has nothing after it.\n  {text}\n  {' ' * (col - 1)}^")
        return ANSWERS.get(text.replace(" ", ""), Verdict("incorrect", 0.0, "Not equal.", Interp(text, text)))

    def figure(self, path):
        if self.exercise.id.endswith("plot"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"\x89PNG fake")
            return path
        return None


def grade(variant, text, **options):
    """The stand-in for grader.check_variant that a Session is given (grading takes the variant)."""
    return variant.grade_answer(text, **options)


@dataclass(frozen=True)
class Exercise:
    id: str
    topic: str
    title: str
    prompt: str = "Find $f'(x)$ for $f(x) = 3x^2 - 4x + 5$."
    kind: str = "expression"
    points: float = 2
    hints: tuple = field(default=(Hint("Use the power rule on each term: $\\frac{d}{dx} x^n = n x^{n-1}$.", 0.5),
                                  Hint("The derivative of $-4x$ is $-4$.", 0.5)))
    calls: list = field(default_factory=list, compare=False)

    def variant_for(self, student):
        self.calls.append(student)
        return Variant(self, f"seed-{student}", self.prompt, self.kind)


class Bank:
    def __init__(self, exercises):
        self._by_id = {ex.id: ex for ex in exercises}

    def __getitem__(self, key):
        try:
            return self._by_id[key]
        except KeyError:
            raise KeyError(f"no exercise {key!r} in the bank") from None

    def topics(self):
        return list(dict.fromkeys(ex.topic for ex in self._by_id.values()))

    def by_topic(self, topic):
        return [ex for ex in self._by_id.values() if ex.topic == topic]


def small_bank() -> Bank:
    return Bank([
        Exercise("rules-1", "derivative-rules", "Power rule"),
        Exercise("rules-2", "derivative-rules", "Another power rule"),
        Exercise("grad-plot", "gradients", "A gradient with a picture", kind="vector", points=4, hints=()),
    ])
