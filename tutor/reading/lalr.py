"""Lark's LALR loop over a finished token list, with the parse table flattened once.

Lark's own loop (``ParserState.feed_token``) looks up each reduction's callback by hashing its
Rule, compares the Rule with the end state, and reads ``rule.expansion``/``rule.origin`` at every
step: about a tenth of reading an answer. The same table, read once into plain tuples, drives the
same shifts and reductions and calls the same callbacks in the same order, so the result (or the
SemanticError a callback raises) is the same. Where the table has no action for a token, the
text is not in the grammar: ``drive`` returns ``SYNTAX`` and the caller runs Lark's loop,
which raises its own UnexpectedToken (the messages are built from it).
"""
from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from typing import Any

from lark import Lark, Token

SYNTAX = object()  # the token list is not in the grammar: ask Lark for its exception

# a shift is the next state (an int); a reduction is (size, the rule's name, how, what, picks):
CALLBACK, PASS, SPREAD, PICK, COLLECT, SPLICE, SPLICE_ONE = range(7)  # how: what(children),
#   children[picks[0]], what(*children), what(*children at picks), the kept children as a list,
#   what(*kept), what(*kept) or the one kept child. "Kept": picks are (index, spliced) pairs, and a
#   spliced child is the list a COLLECT rule made (Lark's inlined ``_rule``, e.g. the repetition of
#   ``addend+``, for which Lark builds a Tree only to splice its children into the parent).
Step = int | tuple[int, str, int, Any, tuple[Any, ...]]


def _reduction(size: int, callback: Callable[[list], Any], inlined: bool) -> tuple[int, Any, tuple[Any, ...]]:
    """Lark's wrapper chain for one rule, read once: which children it keeps (a filter of
    anonymous tokens, and the children of inlined rules spliced in), whether it passes a lone
    child on (``?rule``), and the builder method it ends in (marked ``spread_method`` by the
    caller). ``inlined``: the rule is an ``_rule``, whose value only ever gets spliced into its
    parent. A chain of any other shape is called as it is, or (an inlined rule) refused."""
    from lark.parse_tree_builder import ChildFilterLALR_NoPlaceholders, ExpandSingleChild

    picks: tuple[Any, ...] = tuple(range(size))
    spliced: tuple[tuple[int, bool], ...] = tuple((i, False) for i in range(size))
    inner: Any = callback
    if type(inner) is ChildFilterLALR_NoPlaceholders:
        spliced = tuple((i, bool(expand)) for i, expand in inner.to_include)
        picks = tuple(i for i, _ in spliced)
        inner = inner.node_builder
    if inlined:
        if not isinstance(inner, functools.partial):  # not Lark's tree builder: an unknown chain
            raise ValueError("an inlined rule with a callback of its own")
        return COLLECT, None, spliced
    one = type(inner) is ExpandSingleChild
    spliced_any = any(expand for _, expand in spliced)
    if one and len(picks) == 1 and not spliced_any:
        return PASS, None, picks
    if one:
        inner = inner.node_builder
    method = getattr(inner, "spread_method", None)
    if method is None:
        if any(expand for _, expand in getattr(callback, "to_include", ())):
            raise ValueError("Lark's own chain would splice a Tree where this loop makes a list")
        return CALLBACK, callback, ()
    if spliced_any:
        return (SPLICE_ONE if one else SPLICE), method, spliced
    # (a ?rule keeping a fixed number of children other than one always calls its builder)
    return (SPREAD, method, ()) if picks == tuple(range(size)) else (PICK, method, picks)


class Table:
    """The LALR table of ``lark`` (built with ``parser="lalr"``), one dict per state."""

    def __init__(self, lark: Lark, start: str = "start") -> None:
        from lark.parsers.lalr_analysis import Shift  # Lark's internals: an ImportError means its own loop

        inner = lark.parser.parser.parser  # ParsingFrontend -> LALR_Parser -> _Parser
        table, callbacks = inner.parse_table, inner.callbacks
        if any(isinstance(key, str) for key in callbacks):
            raise ValueError("terminal callbacks are not supported")  # our grammar has none
        self.start = table.start_states[start]
        self.end = table.end_states[start]
        self.states: dict[int, dict[str, Step]] = {
            state: {kind: (arg if action is Shift else
                           (len(arg.expansion), _plain(arg.origin.name),
                            *_reduction(len(arg.expansion), callbacks[arg], arg.origin.name.startswith("_"))))
                    for kind, (action, arg) in actions.items()}
            for state, actions in table.states.items()}


def _plain(name: str) -> str:
    """A rule's name as a plain interned str: Lark keeps it as a Token, whose Python ``__eq__`` ran at
    every goto lookup (a dict compares a key equal in hash with ``==``), about 2 % of reading."""
    return sys.intern(str.__str__(name))


def drive(table: Table, tokens: Sequence[Token]) -> Any:
    """The value Lark's loop would return for ``tokens``, or ``SYNTAX``."""
    states, end = table.states, table.end
    stack = [table.start]
    values: list[Any] = []
    last = tokens[-1] if tokens else None
    stop = Token.new_borrow_pos("$END", "", last) if last is not None else Token("$END", "", 0, 1, 1)
    for token in (*tokens, stop):
        kind = token.type
        while True:
            step = states[stack[-1]].get(kind)
            if step is None:
                return SYNTAX
            if step.__class__ is int:  # a shift: the token's value goes on the stack
                if token is stop:
                    return SYNTAX  # Lark asserts here; let its loop say so
                stack.append(step)  # type: ignore[arg-type]
                values.append(token)
                break
            size, origin, how, what, picks = step  # type: ignore[misc]
            if size:
                children = values[-size:]
                del stack[-size:]
                del values[-size:]
            else:
                children = []
            if how == SPREAD:
                value = what(*children)
            elif how == PASS:
                value = children[picks[0]]
            elif how == PICK:
                value = what(*[children[i] for i in picks])
            elif how >= COLLECT:
                kept: list[Any] = []
                for i, spliced in picks:
                    if not spliced:
                        kept.append(children[i])
                    elif kept:
                        kept += children[i]
                    else:  # the left-recursive repetition: its list goes on growing
                        kept = children[i]
                if how == COLLECT:
                    value = kept
                elif how == SPLICE_ONE and len(kept) == 1:
                    value = kept[0]
                else:
                    value = what(*kept)
            else:
                value = what(children)
            goto = states[stack[-1]][origin]
            stack.append(goto)  # type: ignore[arg-type]
            values.append(value)
            if token is stop and goto == end:
                return value
    return SYNTAX  # not reached: the end token always reduces to the end state or fails
