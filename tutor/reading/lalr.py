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

from collections.abc import Callable, Sequence
from typing import Any

from lark import Lark, Token

SYNTAX = object()  # the token list is not in the grammar: ask Lark for its exception

# a shift is the next state (an int); a reduction is (size, the rule's name, how, what, picks):
CALLBACK, PASS, SPREAD, PICK = range(4)  # how: what(children), children[picks[0]],
#   what(*children), what(*children at picks)
Step = int | tuple[int, str, int, Any, tuple[int, ...]]


def _reduction(size: int, callback: Callable[[list], Any]) -> tuple[int, Any, tuple[int, ...]]:
    """Lark's wrapper chain for one rule, read once: which children it keeps (a filter of
    anonymous tokens), whether it passes a lone child on (``?rule``), and the builder method
    it ends in (marked ``spread_method`` by the caller). Any other chain is kept as it is."""
    from lark.parse_tree_builder import ChildFilterLALR_NoPlaceholders, ExpandSingleChild

    picks = tuple(range(size))
    inner = callback
    if type(inner) is ChildFilterLALR_NoPlaceholders:
        if any(expand for _, expand in inner.to_include):
            return CALLBACK, callback, ()
        picks = tuple(i for i, _ in inner.to_include)
        inner = inner.node_builder
    if type(inner) is ExpandSingleChild:
        if len(picks) == 1:
            return PASS, None, picks
        inner = inner.node_builder
    method = getattr(inner, "spread_method", None)
    if method is None:
        return CALLBACK, callback, ()
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
                           (len(arg.expansion), arg.origin.name, *_reduction(len(arg.expansion), callbacks[arg])))
                    for kind, (action, arg) in actions.items()}
            for state, actions in table.states.items()}


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
            else:
                value = what(children)
            goto = states[stack[-1]][origin]
            stack.append(goto)  # type: ignore[arg-type]
            values.append(value)
            if token is stop and goto == end:
                return value
    return SYNTAX  # not reached: the end token always reduces to the end state or fails
