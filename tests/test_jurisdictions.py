"""A public body named with the place it serves names that place too; a group named after a
place does not ("Cártel de Sinaloa")."""

from __future__ import annotations

import pytest

from pipeline.extract.mentions import find_entities


def kinds(extractor, text: str) -> set[tuple[str, str]]:
    return {(m.kind, m.text) for m in find_entities(extractor.nlp(text), extractor.lexicon)}


@pytest.mark.parametrize("text, body, place", [
    ("La Reserva Federal de Estados Unidos redujo las tasas un cuarto de punto.",
     "Reserva Federal de Estados Unidos", "Estados Unidos"),
    ("El acusado se entregó en la Embajada de Estados Unidos en la Ciudad de México.",
     "Embajada de Estados Unidos en la Ciudad de México", "Ciudad de México"),
    ("La Corte del Distrito Este de Nueva York fijó la audiencia para enero.",
     "Corte del Distrito Este de Nueva York", "Nueva York"),
])
def test_the_place_a_body_serves_is_a_place_too(extractor, text, body, place):
    found = kinds(extractor, text)
    assert ("organization", body) in found
    assert ("place", place) in found


@pytest.mark.parametrize("text, place", [
    ("El líder del Cártel de Sinaloa fue detenido en un operativo.", "Sinaloa"),
    ("El Banco de México mantuvo la tasa de interés.", "México"),
])
def test_a_group_or_bank_named_after_a_place_does_not_name_it(extractor, text, place):
    assert ("place", place) not in kinds(extractor, text)
