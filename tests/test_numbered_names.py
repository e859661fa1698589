"""A name that ends with "No." takes its number: "Centro Federal de Readaptación Social No. 1"."""

from __future__ import annotations

import pytest

from pipeline.extract.mentions import find_entities


def names(extractor, text: str) -> set[str]:
    return {m.text for m in find_entities(extractor.nlp(text), extractor.lexicon)}


@pytest.mark.parametrize("text, name", [
    ("Los reos salieron del Centro Federal de Readaptación Social No. 1 rumbo a Toluca.",
     "Centro Federal de Readaptación Social No. 1"),
    ("Los alumnos de la Escuela Primaria Núm. 12 marcharon por la avenida.", "Escuela Primaria Núm. 12"),
])
def test_a_name_ending_in_an_abbreviated_number_takes_the_number(extractor, text, name):
    found = names(extractor, text)
    assert name in found
    assert not any(n.endswith(("No", "Núm")) for n in found)
