"""Skipping sentences a trigger cannot match never skips a match."""

from __future__ import annotations

import re

import pytest

from pipeline.extract.event_rules import load_rules
from pipeline.extract.literals import heads, may_match, prefixes, word_starts


@pytest.mark.parametrize("pattern, found", [
    (r"reuni[oó]n|se reun(?:ió|e)", {"reunion", "reunión", "se reunió", "se reune"}),
    (r"(?<!\w)(?:Cumbres?)(?!\w)", {"cumbre"}),                # the optional "s" ends the prefix
    (r"en[a-z]+|x", {"en", "x"}),
    (r"\d+ capos", None),                                       # a class first: unknown
    (r"(?:de )?reunión", None),                                 # may begin either way: unknown
])
def test_prefixes(pattern, found):
    assert prefixes(re.compile(pattern, re.I)) == (frozenset(found) if found else None)


def test_word_starts_need_a_word_start():
    assert word_starts(re.compile(r"(?<!\w)(?:reunión|se reunieron)", re.I)) == {"reun", "se"}
    assert word_starts(re.compile(r"reunión", re.I)) is None


@pytest.mark.parametrize("sentence", [
    "La REUNIÓN de ayer", "Se Reunieron en Palacio", "—Reunión bilateral", "(reunión)", "x_reunión",
    "ſe reunieron", "reunıon", "La CUMBRE", "OPERACIÓN Enjambre", "Los 37 capos fueron trasladados",
    "Sheinbaum conversó por teléfono con Trump", "El Ὀδυσσεύς se reunió", "İstanbul: reunión", "",
])
def test_no_trigger_match_is_skipped(sentence):
    found = heads(sentence)
    for trigger in load_rules().triggers:
        if not may_match(trigger.starts, found):
            assert trigger.pattern.search(sentence) is None, trigger.type


def test_letters_ignorecase_reads_otherwise_turn_the_test_off():
    assert heads("ſe reunieron") is None and heads("İstanbul") is None
    assert heads("Se Reunió") == {"s", "se", "r", "re", "reu", "reun"}
