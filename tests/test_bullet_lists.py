"""Items of one bulleted list share their kind; a classifier in brackets types the name before it."""

from __future__ import annotations

import pytest

from pipeline.extract.mentions import find_entities


def kinds(extractor, text: str) -> dict[str, str]:
    return {m.name: m.kind for m in find_entities(extractor.nlp(text), extractor.lexicon)}


CARTELS = ("La lista incluye:\n\n- Cártel del Golfo (CDG).\n\n- Cártel del Noreste (CDN).\n\n"
           "- Tren de Aragua (banda criminal originaria de Venezuela).\n\n- Mara Salvatrucha (MS-13).\n\n"
           "Según el documento, la designación entra en vigor hoy.")


@pytest.mark.parametrize("name", ["Cártel del Golfo", "Tren de Aragua", "Mara Salvatrucha"])
def test_a_list_of_organizations_types_its_items(extractor, name):
    assert kinds(extractor, CARTELS).get(name) == "organization"


def test_a_list_of_known_places_stays_places(extractor):
    text = ("Las sedes serán:\n\n- Monterrey (Nuevo León).\n\n- Guadalajara (Jalisco).\n\n"
            "- Cártel del Golfo (CDG).\n\n- Cártel del Noreste (CDN).\n\nEl sorteo será en marzo.")
    assert kinds(extractor, text).get("Monterrey") == "place"


@pytest.mark.parametrize("text, name", [
    ("Detuvieron a dos miembros del Tren de Aragua (banda criminal originaria de Venezuela) en Texas.",
     "Tren de Aragua"),
    ("La Mara Salvatrucha (pandilla surgida en Los Ángeles) opera en Centroamérica.", "Mara Salvatrucha"),
])
def test_a_classifier_opening_the_brackets_after_a_name_makes_it_an_organization(extractor, text, name):
    assert kinds(extractor, text).get(name) == "organization"
