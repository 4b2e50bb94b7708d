"""A lean driver for Lark's LALR tables: the same parse, with less work per step.

Lark's own loop (``lalr_parser_state.feed_token``) checks an ``assert`` that compares
rule objects field by field on every reduction, and calls a chain of wrappers even for
unit rules (``?sum: term``) whose only effect is to return their single child. Reading
an answer makes about a dozen reductions per token, so that is a third of the reading
time when an answer is seen for the first time. This driver uses Lark's parse table and
Lark's callbacks unchanged (the same grammar, the same transformer, the same
``UnexpectedToken`` on a wrong token) and skips only the steps that compute nothing.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lark import Lark, Token
from lark.exceptions import UnexpectedToken
from lark.parse_tree_builder import ExpandSingleChild
from lark.parsers.lalr_analysis import Shift


class Driver:
    """Parse a token list with ``lark``'s LALR table and callbacks (one start symbol)."""

    def __init__(self, lark: Lark, start: str = "start") -> None:
        parser = lark.parser.parser.parser  # ParsingFrontend -> LALR_Parser -> _Parser (table + callbacks)
        table = parser.parse_table
        self.start_state = table.start_states[start]
        self.end_state = table.end_states[start]
        self.token_callbacks = {str(k): f for k, f in parser.callbacks.items() if isinstance(k, str)}
        # per rule: (children taken, the nonterminal made, the callback; None when it returns its only child)
        rules = {rule: (len(rule.expansion), str(rule.origin.name), _unless_identity(rule, f))
                 for rule, f in parser.callbacks.items() if not isinstance(rule, str)}
        # the table with plain-string keys (Lark's are partly its Token objects, whose == is Python code)
        # and each reduction's rule replaced by what the loop needs of it
        self.states = {state: {str(sym): (True, arg) if action is Shift else (False, rules[arg])
                               for sym, (action, arg) in row.items()}
                       for state, row in table.states.items()}

    def parse(self, tokens: Iterable[Token]) -> Any:
        state_stack: list = [self.start_state]
        value_stack: list = []
        last = None
        for token in tokens:
            last = token
            self._feed(token, state_stack, value_stack)
        end = Token.new_borrow_pos("$END", "", last) if last is not None else Token("$END", "", 0, 1, 1)
        return self._feed(end, state_stack, value_stack)

    def _feed(self, token: Token, state_stack: list, value_stack: list) -> Any:
        states = self.states
        ttype = str(token.type)
        while True:
            row = states[state_stack[-1]]
            try:
                shift, arg = row[ttype]
            except KeyError:
                raise UnexpectedToken(token, {s for s in row if s.isupper()}) from None
            if shift:
                state_stack.append(arg)
                callback = self.token_callbacks.get(ttype)
                value_stack.append(token if callback is None else callback(token))
                return None
            size, origin, callback = arg
            if size:
                children = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
            else:
                children = []
            value = children[0] if callback is None else callback(children)
            new_state = states[state_stack[-1]][origin][1]
            state_stack.append(new_state)
            value_stack.append(value)
            if ttype == "$END" and new_state == self.end_state:
                return value


def _unless_identity(rule: Any, callback: Any) -> Any:
    """The callback, or None for a one-symbol rule whose callback returns its only child unchanged."""
    if isinstance(callback, ExpandSingleChild) and len(rule.expansion) == 1:
        return None
    return callback
