"""Reading a teacher's CSV (roster or submissions) without losing a row in silence.

Two hostile shapes are caught here, for both kinds of file:

* a header whose columns repeat after trimming and case-folding
  (``Student, EXERCISE ,Answer,answer``): which ``answer`` counts is a guess, so
  the file is refused (:class:`InputError`, exit 2), naming the columns;
* a double quote that opens and never closes: the csv module would read every
  row after it as one answer. The broken row is reported (with its student) and
  skipped, and the lines after it are read again on their own.

Cells written by :mod:`grader.batch.cells` (``'-2x``) read back as written (``-2x``).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from grader.batch.cells import from_cell
from grader.batch.model import Problem


class InputError(ValueError):
    """A whole input file cannot be used (exit 2); single bad rows are Problems instead."""


def header_names(header: Sequence[str], known: Sequence[str], where: str) -> list[str]:
    """The header's column names, trimmed and case-folded; refuse a known column given twice."""
    names = [from_cell(h).strip().casefold() for h in header]
    clashes = []
    for name in known:
        at = [i for i, n in enumerate(names) if n == name]
        if len(at) > 1:
            shown = " and ".join(f"{header[i]!r} (column {i + 1})" for i in at)
            clashes.append(f"{shown} all mean {name!r}")
    if clashes:
        raise InputError(f"{where}:1: the header names a column more than once: {'; '.join(clashes)}. "
                         "Which one counts would be a guess: keep one of them, or rename the others")
    return names


def lines_of(text: str) -> list[str]:
    """The text's lines with their endings, split where the csv module splits (CR, LF, CRLF only)."""
    return io.StringIO(text, newline="").readlines()


def table(text: str, path: Path | str, problems: list[Problem], student_col: int | None = None,
          first: int = 1) -> Iterator[tuple[int, list[str]]]:
    """(line where the row starts, cells) for each non-blank row from line ``first`` (1-based).

    A row the csv module cannot read (an unclosed quote, text after a closing
    quote) becomes a Problem naming its student, and reading starts again on
    the next line, so the rows a broken quote would swallow are kept.
    """
    lines = lines_of(text)
    pos = first - 1
    while pos < len(lines):
        reader = csv.reader((lines[i] for i in range(pos, len(lines))), strict=True)  # no copy per restart
        done = 0  # lines of lines[pos:] consumed by the rows read so far
        try:
            for row in reader:
                start = pos + done + 1
                done = reader.line_num
                if any(c.strip() for c in row):
                    yield start, [from_cell(c) for c in row]
            return
        except csv.Error as exc:
            start = pos + done + 1
            problems.append(_broken_row(lines, start, pos + reader.line_num, exc, path, student_col))
            pos = start  # read again from the line after the broken row's first line


def _broken_row(lines: list[str], start: int, end: int, exc: csv.Error, path: Path | str,
                student_col: int | None) -> Problem:
    raw = next(csv.reader([lines[start - 1].rstrip("\r\n")]), [])
    student = from_cell(raw[student_col]).strip() if student_col is not None and student_col < len(raw) else ""
    whose = f"the row of {student!r}" if student else "the row"
    why = ("a double quote opens here and never closes" if "end of data" in str(exc) or end > start
           else f"it cannot be read ({exc})")
    return Problem("malformed", f"{why}; {whose} is skipped (the lines after it are read on their own). "
                   "Close the quote, or put an answer that contains quotes or commas in double quotes "
                   'with each " doubled', str(path), start, student)


def read_header(text: str, where: str, empty: str) -> tuple[list[str], int] | None:
    """(the header's cells, the line after it); None for an empty file; InputError if unreadable."""
    lines = lines_of(text)
    reader = csv.reader(io.StringIO("".join(lines), newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return None
    except csv.Error as exc:
        raise InputError(f"{where}:1: cannot read the header: {exc}. {empty}") from None
    return header, reader.line_num + 1
