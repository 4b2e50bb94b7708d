"""A multi-part variant as a document: the stem, then each part in order with its prompt, its hints,
and (for a worked solution) the engine's steps and its answer.

``calctutor bank show`` and ``calctutor solutions`` (Markdown, HTML, LaTeX, PDF) render these docs,
so every format shows the parts the same way; the REPL shows one part at a time instead.
"""
from __future__ import annotations

from typing import Any

from tutor.render import Doc, Line, Step
from tutor.render.words import count


def _points(points: float) -> str:
    return count(points, "point", shown=f"{float(points):g}")


def part_heading(n: int, total: int, name: str, points: float) -> Line:
    return Line((f"Part {n} of {total} ({name}), {_points(points)}",))


def _prompt(variant: Any) -> Line:
    from exercises.texmath import prose

    return variant.prompt_line or prose(variant.prompt)


def stem_line(variant: Any) -> Line:
    """The shared stem, parameters filled, as a render Line."""
    from exercises.parts import stem
    from exercises.texmath import prose

    return prose(stem(variant)[0])


def _parts(variant: Any) -> list[tuple[int, int, str, Any, float]]:
    exercise = variant.exercise
    points = {p.name: float(p.points) for p in exercise.parts}
    return [(n, len(variant.parts), name, v, points.get(name, 0.0)) for n, (name, v) in enumerate(variant.parts, 1)]


def variant_doc(variant: Any) -> Doc:
    """What ``bank show`` prints: the stem, the exercise's facts, then each part with its prompt and hints."""
    ex = variant.exercise
    meta = f"{ex.topic} · parts · {_points(ex.points)} · difficulty {ex.difficulty}"
    nodes: list = [stem_line(variant), Line((meta,))]
    for n, total, name, v, points in _parts(variant):
        children: list = [_prompt(v)]
        hints = v.hints()
        if hints:
            from exercises.texmath import prose

            children.append(Step(Line(("Hints",)), tuple(prose(h.text, f"(costs {h.cost:g})") for h in hints)))
        nodes.append(Step(part_heading(n, total, name, points), tuple(children)))
    return Doc(Line((f"{ex.id}: {ex.title}",)), tuple(nodes))


def solution_doc(variant: Any, with_stem: bool = True) -> Doc:
    """The worked solution part by part: each part's prompt, the engine's steps and its answer."""
    nodes: list = [stem_line(variant)] if with_stem else []
    for n, total, name, v, points in _parts(variant):
        steps = tuple(v.solution.doc().nodes)  # the part's steps, ending with its answer
        nodes.append(Step(part_heading(n, total, name, points), (_prompt(v), *steps)))
    return Doc(Line((f"Worked solution: {variant.exercise.title}",)), tuple(nodes))
