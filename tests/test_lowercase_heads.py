"""Heads the press writes in lower case before a name: "la embajada de Estados Unidos en México"."""

from __future__ import annotations

import pytest

from pipeline.extract.mentions import find_entities


def organizations(extractor, text: str) -> set[str]:
    found = find_entities(extractor.nlp(text), extractor.lexicon)
    return {m.text for m in found if m.kind == "organization"}


@pytest.mark.parametrize("text, name", [
    ("Señaló la embajada de Estados Unidos en México que todos llegaron.", "embajada de Estados Unidos en México"),
    ("El consulado de México en Houston abrió sus puertas.", "consulado de México en Houston"),
])
def test_a_lower_case_embassy_with_its_country_is_an_organization(extractor, text, name):
    assert name in organizations(extractor, text)


def test_a_lower_case_embassy_without_a_name_is_none(extractor):
    assert organizations(extractor, "La embajada mexicana no respondió a la solicitud.") == set()
