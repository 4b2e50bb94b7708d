"""The item analysis as an HTML page: an overview table with success bars, then one section per
exercise with its diagnosed mistakes and most common wrong answers (as mathematics)."""
from __future__ import annotations

from grader.batch.analysis import ItemAnalysis, ItemStats
from grader.batch.gradebook import points_text
from grader.reports.page import esc, math_html, page
from tutor.render.words import count


def _bar(rate: float | None) -> str:
    if rate is None:
        return "–"
    colour = "var(--ok)" if rate >= 0.7 else "var(--part)" if rate >= 0.4 else "var(--bad)"
    return (f'<span class="bar" style="width:{rate * 60:.0f}px;background:{colour}"></span> '
            f"{100 * rate:.0f}%")


def _overview(analysis: ItemAnalysis) -> str:
    carried = analysis.has_parts
    head = ("<tr><th>#</th><th>exercise</th><th class=\"num\">answered</th><th>success</th>"
            "<th class=\"num\">partial</th><th class=\"num\">wrong</th><th class=\"num\">invalid</th>"
            "<th class=\"num\">undecided</th>" + ('<th class="num">carried</th>' if carried else "")
            + "<th class=\"num\">mean</th><th>top mistake</th></tr>")
    rows = []
    for n, i in enumerate(analysis.items, 1):
        top = f"<code>{esc(i.mistakes[0][0])}</code> ({i.mistakes[0][1]})" if i.mistakes else ""
        extra = f'<td class="num">{i.carried if i.part else ""}</td>' if carried else ""
        rows.append(f'<tr><td class="num">{n}</td><td><a href="#item-{n}">{esc(i.exercise)}</a></td>'
                    f'<td class="num">{i.answered}</td><td style="white-space:nowrap">{_bar(i.success_rate)}</td>'
                    f'<td class="num">{i.partial}</td><td class="num">{i.incorrect}</td>'
                    f'<td class="num">{i.invalid}</td><td class="num">{i.undecided}</td>{extra}'
                    f'<td class="num">{points_text(i.mean_points)} / {points_text(i.points)}</td><td class="wrap">{top}</td></tr>')
    return f'<div class="scroll"><table class="wide"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'


def _section(n: int, i: ItemStats) -> str:
    out = [f'<h2 id="item-{n}">{n}. {esc(i.title)} <small><code>{esc(i.exercise)}</code></small></h2>',
           f"<p>{_bar(i.success_rate)} correct of {i.answered} answered"
           + (f", {i.missing} did not answer" if i.missing else "")
           + f"; mean {points_text(i.mean_points)} of {count(i.points, 'point', shown=points_text(i.points))}.</p>"]
    wrong = i.incorrect + i.partial
    if i.carried:
        out.append(f"<p>Error carried forward: {i.carried} of {i.answered} answers ({100 * (i.carried_rate or 0):.0f}%) "
                   "were right for the student's own wrong earlier answer (follow-through credit, not counted "
                   "correct).</p>")
    if i.mistakes:
        rows = "".join(f'<tr><td><code>{esc(k)}</code></td><td class="num">{c}</td>'
                       f'<td class="num">{100 * c / wrong:.0f}%</td><td>{esc(ex)}</td></tr>'
                       for k, c, ex in i.mistakes)
        out.append("<h3>Diagnosed mistakes</h3><table><thead><tr><th>mistake</th><th class=\"num\">answers</th>"
                   "<th class=\"num\">of wrong</th><th>what students were told (one example)</th></tr></thead>"
                   f"<tbody>{rows}</tbody></table>")
    if i.wrong_answers:
        rows = "".join(f'<tr><td>{math_html(a) if a else "(empty)"}</td><td class="num">{c}</td></tr>'
                       for a, c in i.wrong_answers)
        out.append("<h3>Most common wrong answers</h3><table><thead><tr><th>answer, as read</th>"
                   f"<th class=\"num\">answers</th></tr></thead><tbody>{rows}</tbody></table>")
    if i.invalid or i.undecided:
        out.append(f'<p class="note">{i.invalid} invalid and {i.undecided} undecided answers are listed in the '
                   "review file.</p>")
    if not wrong and not i.invalid and not i.undecided and not i.carried:
        out.append("<p>No wrong answers.</p>")
    return "\n".join(out)


def analysis_html(analysis: ItemAnalysis) -> str:
    """A complete page; every student's variant is different, so wrong answers differ by variant too."""
    hardest = sorted((i for i in analysis.items if i.answered), key=lambda i: (i.success_rate, i.exercise))[:3]
    intro = ("<p>Success is the share of correct answers among those given; mean points count a missing answer "
             "as 0. Wrong answers are grouped by how they were read, so <code>2x</code> and <code>2*x</code> count "
             "together.</p>")
    if hardest:
        intro += "<p>Hardest: " + ", ".join(
            f'<a href="#item-{analysis.items.index(i) + 1}">{esc(i.exercise)}</a> ({100 * (i.success_rate or 0):.0f}%)'
            for i in hardest) + ".</p>"
    body = [intro, _overview(analysis)] + [_section(n, i) for n, i in enumerate(analysis.items, 1)]
    sub = f"{count(analysis.students, 'student')} · {count(len(analysis.exercises), 'exercise')}"
    return page(f"Item analysis: {analysis.title}", "\n".join(body), sub, wide=True)
