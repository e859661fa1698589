"""Two known places joined by a hyphen are two places; a body's name with such a pair stays whole."""

from __future__ import annotations

import pytest

from pipeline.extract.mentions import find_entities


def found(extractor, text: str) -> set[tuple[str, str]]:
    return {(m.kind, m.text) for m in find_entities(extractor.nlp(text), extractor.lexicon)}


@pytest.mark.parametrize("text, left, right", [
    ("Los reos cruzaron por el puente fronterizo de Ciudad Juárez-El Paso.", "Ciudad Juárez", "El Paso"),
    ("La garita Tijuana–San Diego estuvo cerrada.", "Tijuana", "San Diego"),
])
def test_two_known_places_joined_by_a_hyphen_are_two_places(extractor, text, left, right):
    assert {("place", left), ("place", right)} <= found(extractor, text)


def test_the_offsets_of_each_half_point_at_it(extractor):
    text = "Cruzaron el puente Ciudad Juárez-El Paso ayer."
    halves = [m for m in find_entities(extractor.nlp(text), extractor.lexicon) if m.kind == "place"]
    assert [text[m.start : m.end] for m in halves] == ["Ciudad Juárez", "El Paso"]


def test_a_body_named_after_a_pair_of_places_stays_whole(extractor):
    text = "El Grupo de Seguridad México-Estados Unidos sesionó ayer."
    assert ("organization", "Grupo de Seguridad México-Estados Unidos") in found(extractor, text)
