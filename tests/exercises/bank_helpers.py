"""Build a one-exercise bank from TOML text (shared by the task tests)."""
from __future__ import annotations

import textwrap

import exercises


def bank_from(tmp_path, text: str, name: str = "bank.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return exercises.load(path)


def one(tmp_path, body: str, topic: str = "derivative-rules"):
    """The single exercise defined by ``body`` (the fields after id/title/topic)."""
    text = f'[[exercise]]\nid = "ex"\ntitle = "T"\ntopic = "{topic}"\n' + textwrap.dedent(body)
    return bank_from(tmp_path, text)["ex"]
