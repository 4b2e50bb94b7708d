"""The terminal on both sides: styled output, and line input with or without a TTY.

On a terminal, prompt_toolkit gives line editing, history kept in the data
directory and tab completion. Piped input (scripts, tests) is read line by
line and echoed after the prompt, so a transcript reads like a session; no
colour or control codes are written then.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from tutor.repl.markup import to_ascii

STYLES = {
    "title": "1", "correct": "1;32", "partial": "1;33", "carried": "1;34", "incorrect": "1;31", "invalid": "1;35",
    "undecided": "1;36", "dim": "2", "note": "36", "error": "31", "strong": "1",
}


class Output:
    """Where the tutor speaks. ``ascii_only`` transliterates every line; ``color`` adds ANSI styles."""

    def __init__(self, stream: TextIO | None = None, color: bool = False, ascii_only: bool = False,
                 width: int | None = None):
        self.stream = stream or sys.stdout
        self.color = color
        self.ascii_only = ascii_only
        self._width = width

    @property
    def width(self) -> int:
        if self._width:
            return self._width
        import shutil

        return max(40, min(100, shutil.get_terminal_size((80, 24)).columns - 2))

    def style(self, text: str, name: str) -> str:
        code = STYLES.get(name)
        if not self.color or not code or not text:
            return text
        return f"\x1b[{code}m{text}\x1b[0m"

    def bold_pair(self) -> tuple[str, str]:
        return ("\x1b[1m", "\x1b[0m") if self.color else ("", "")

    def say(self, text: str = "", style: str | None = None) -> None:
        if self.ascii_only:
            text = to_ascii(text)
        if style:
            text = "\n".join(self.style(ln, style) for ln in text.split("\n"))
        try:
            print(text, file=self.stream, flush=True)
        except UnicodeEncodeError:  # a terminal that cannot show Unicode: degrade, do not crash
            self.ascii_only = True
            print(to_ascii(text), file=self.stream, flush=True)


def can_show_unicode(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        "·−²√∂∇→≤η‖•".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def wants_color(stdin: TextIO, stdout: TextIO) -> bool:
    """Colour only for a person at a terminal who has not asked for none (NO_COLOR, TERM=dumb)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return _isatty(stdin) and _isatty(stdout)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


class PlainReader:
    """Line-by-line input for pipes and scripts; the line is echoed after the prompt."""

    interactive = False

    def __init__(self, stdin: TextIO | None = None, output: Output | None = None):
        self.stdin = stdin or sys.stdin
        self.output = output or Output()

    def read(self, prompt: str) -> str:
        self._write(prompt)
        line = self.stdin.readline()
        if not line:
            self._write("\n")
            raise EOFError
        line = line.rstrip("\r\n")
        from tutor.repl.lines import shown

        echo = shown(line)  # never echo raw escape sequences or undecodable bytes to the terminal
        self._write((to_ascii(echo) if self.output.ascii_only else echo) + "\n")
        return line

    def _write(self, text: str) -> None:
        stream = self.output.stream
        try:
            stream.write(text)
        except UnicodeEncodeError:
            stream.write(to_ascii(text))
        stream.flush()


class ToolkitReader:
    """prompt_toolkit line editing with persistent history and tab completion."""

    interactive = True

    def __init__(self, history: Path | None, words: Callable[[], Iterable[str]],
                 arguments: dict[str, Callable[[], Iterable[str]]]):
        from prompt_toolkit import PromptSession
        from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
        from prompt_toolkit.history import FileHistory, InMemoryHistory

        hist: InMemoryHistory | FileHistory = InMemoryHistory()
        if history is not None:
            try:
                history.parent.mkdir(parents=True, exist_ok=True)
                history.touch(exist_ok=True)
                hist = FileHistory(str(history))
            except OSError:
                pass
        self._session: PromptSession[str] = PromptSession(history=hist, completer=make_completer(words, arguments),
                                      complete_while_typing=False, auto_suggest=AutoSuggestFromHistory(),
                                      enable_history_search=True)

    def read(self, prompt: str) -> str:
        return self._session.prompt(prompt)


def make_completer(words: Callable[[], Iterable[str]], arguments: dict[str, Callable[[], Iterable[str]]]):
    """Complete the command word, then the argument of commands that take a name (:open ID)."""
    from prompt_toolkit.completion import Completer, Completion

    class TutorCompleter(Completer):
        def get_completions(self, document, complete_event):
            text = document.text_before_cursor
            head, space, rest = text.lstrip().partition(" ")
            if not space:
                for word in sorted(set(words())):
                    if word.startswith(head) and word != head:
                        yield Completion(word + " ", start_position=-len(head), display=word)
                return
            source = arguments.get(head)
            if source is None or " " in rest.strip():
                return
            for option in sorted(set(source())):
                if option.lower().startswith(rest.lower()):
                    yield Completion(option, start_position=-len(rest))

    return TutorCompleter()


def make_reader(output: Output, history: Path | None, words: Callable[[], Iterable[str]],
                arguments: dict[str, Callable[[], Iterable[str]]], stdin: TextIO | None = None):
    """A prompt_toolkit reader on a terminal, a plain one otherwise (or if prompt_toolkit fails)."""
    stdin = stdin or sys.stdin
    if _isatty(stdin) and _isatty(output.stream):
        try:
            return ToolkitReader(history, words, arguments)
        except Exception:  # no usable terminal after all: fall back to plain lines
            pass
    return PlainReader(stdin, output)
