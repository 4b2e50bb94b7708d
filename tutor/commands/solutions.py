"""``calctutor solutions (--assignment A | --exercise ID …) --out DIR --format md|html|tex|pdf``.

For each exercise: the prompt, every worked step, the answer and a figure (PNG
and SVG, when the exercise has one), for one student's variants (``--student``),
one seed (``--seed``), or seed 0. HTML renders offline (MathML, figures embedded);
``pdf`` writes the LaTeX and the PDF a LaTeX engine makes of it.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from tutor.commands.common import CommandError, require_latex


def add_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--assignment", "-a", metavar="FILE", help="every exercise of this assignment (TOML)")
    what.add_argument("--exercise", "-e", metavar="ID", action="append", help="this exercise (repeatable)")
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--student", metavar="ID", help="this student's variants")
    who.add_argument("--seed", metavar="S", help="the variants for this seed (default 0)")
    parser.add_argument("--out", "-o", metavar="DIR", required=True, help="the folder for the document and figures")
    parser.add_argument("--format", choices=("md", "html", "tex", "pdf"), default="html",
                        help="document format (default html; pdf writes the .tex and, with a LaTeX engine, the .pdf)")
    parser.add_argument("--no-figures", dest="figures", action="store_false", help="leave the figures out")
    parser.add_argument("--bank", metavar="PATH", help="a teacher's bank (default: the assignment's, or built in)")


def run(args: argparse.Namespace) -> int:
    from exercises.errors import BankError
    from grader.batch.assignment import AssignmentError, load_assignment
    from grader.batch.work import bank_for
    from grader.reports.page import safe_name
    from grader.reports.solutions import document, entries

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CommandError(f"{out} is a file; --out names a folder")
    if args.format == "pdf":
        require_latex()  # before any work
    try:
        if args.assignment:
            bank = bank_for(args.bank) if args.bank else None
            assignment, bank = load_assignment(args.assignment, bank)
            ids, title, stem = list(assignment.exercises), assignment.title, Path(args.assignment).stem
        else:
            bank = bank_for(args.bank)
            ids, title, stem = list(dict.fromkeys(args.exercise)), "Worked solutions", "solutions"
            for ex_id in ids:
                bank[ex_id]  # KeyError with a did-you-mean
    except (AssignmentError, BankError) as exc:
        raise CommandError(str(exc)) from None
    except KeyError as exc:
        raise CommandError(exc.args[0]) from None
    if args.student:
        variants = [bank[i].variant_for(args.student) for i in ids]
        subtitle, stem = f"Worked solutions for {args.student}", f"{stem}-{safe_name(args.student)}"
    else:
        seed = args.seed if args.seed is not None else "0"
        variants = [bank[i].variant(_seed(seed)) for i in ids]
        subtitle = f"Worked solutions, variant seed {seed}"
    if args.assignment is None:
        title = "Worked solutions: " + ", ".join(ids) if len(ids) <= 3 else f"Worked solutions: {len(ids)} exercises"
    out.mkdir(parents=True, exist_ok=True)
    label = safe_name(args.student) if args.student else f"seed-{args.seed or 0}"
    fmt = "tex" if args.format == "pdf" else args.format
    items = entries(variants, fmt, out / "figures" if args.figures else None, label)
    path = out / f"{stem}.{fmt}"
    path.write_text(document(items, fmt, title, subtitle, out), encoding="utf-8")
    if args.format == "pdf":
        path = _pdf(path, out)
    drawn = sum(1 for e in items if e.figure is not None)
    print(f"Wrote {path} ({len(items)} exercise{'s' if len(items) != 1 else ''}"
          + (f", {drawn} figure{'s' if drawn != 1 else ''} in {out / 'figures'}" if drawn else "") + ").")
    return 0


def _seed(text: str) -> int | str:
    """An integer seed when it reads as one (as ``calctutor bank show --seed``), else the text."""
    try:
        return int(text)
    except ValueError:
        return text


def _pdf(tex: Path, folder: Path) -> Path:
    """``tex`` compiled beside it (figures found in ``folder``); the LaTeX stays for editing."""
    from tutor.render.pdf import PdfError, compile_pdf, write_pdf

    try:
        data = compile_pdf(tex.read_text(encoding="utf-8"), folder, name=tex.stem)
    except PdfError as exc:
        raise CommandError(str(exc), exc.status) from None
    return write_pdf(data, tex.with_suffix(".pdf"))
