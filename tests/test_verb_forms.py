"""A verb opening a sentence ("Señalan que…") is no name; a name that only looks like one stays."""

from __future__ import annotations

import pytest

from pipeline.extract.mentions import find_entities
from pipeline.extract.verb_forms import is_verb_form


def names(extractor, text: str) -> set[str]:
    return {m.text for m in find_entities(extractor.nlp(text), extractor.lexicon)}


@pytest.mark.parametrize("word, verb", [
    ("Señalan", True), ("Precisó", True), ("Aseguraron", True), ("Cumplieron", True), ("Decían", True),
    ("Juan", False), ("Durán", False), ("Carmen", False), ("Morgan", False), ("Lima", False),
    ("Logramos", True), ("Tuvimos", True), ("Ramos", False), ("Campos", False), ("Santos", False),
])
def test_a_third_person_form_of_a_known_verb(extractor, word, verb):
    assert is_verb_form(word, extractor.lexicon.common_words) is verb


@pytest.mark.parametrize("text, verb", [
    ("El envío fue masivo.\n\nSeñalan que entre los transferidos se encuentran capos.", "Señalan"),
    ("La reunión terminó. Precisaron que la comunicación fue cordial.", "Precisaron"),
    ("“Tuvimos una reunión muy productiva”, dijo el canciller Mario Ruiz.", "Tuvimos"),
])
def test_a_verb_opening_a_sentence_is_no_name(extractor, text, verb):
    assert verb not in names(extractor, text)


def test_a_surname_opening_a_sentence_stays_a_name(extractor):
    text = "La jueza Ana Durán llegó temprano. Durán dijo que el juicio seguirá en Sonora."
    assert {"Ana Durán", "Sonora"} <= names(extractor, text)
