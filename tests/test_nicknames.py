"""A person's nickname beyond the name it sits in, and names of other kinds around people:
"Ismael «El Mayo» Zambada … El Mayo", "…, un exatleta conocido como El Rey de la Cocaína",
"la administración de Trump", "el secretario de Seguridad Omar García Harfuch",
"Federal Bureau of Investigation"."""

from __future__ import annotations

import pytest

from pipeline.extract.mentions import find_entities


def found(extractor, text: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.kind, m.name) for m in find_entities(extractor.nlp(text), extractor.lexicon)}


def test_a_nickname_quoted_in_a_name_is_that_person_when_met_alone(extractor):
    text = (
        "El cofundador del Cartel de Sinaloa, Ismael «El Mayo» Zambada, se declaró culpable.\n\n"
        "Tras la declaración de culpabilidad, El Mayo -que lució uniforme azul- evita el juicio."
    )
    assert found(extractor, text)["El Mayo"] == ("person", "Ismael «El Mayo» Zambada")


def test_a_nickname_after_a_description_of_a_person_is_theirs(extractor):
    text = "La policía dijo que Ryan Wedding, un exatleta olímpico canadiense conocido como El Rey de la Cocaína, se entregó."
    assert found(extractor, text)["El Rey de la Cocaína"] == ("person", "Ryan Wedding")


def test_a_group_after_a_classifier_stays_a_group(extractor):
    text = "Detuvieron a tres integrantes de la célula conocida como Los Cuinis en Jalisco."
    assert found(extractor, text)["Los Cuinis"][0] == "organization"


@pytest.mark.parametrize("text, name, kind", [
    ('"La administración de Trump ha llevado a más criminales ante la justicia", dijo Bondi.', "Trump", "person"),
    ("Agradeció al secretario de Seguridad Omar García Harfuch su apoyo.", "Omar García Harfuch", "person"),
    ("El director del Federal Bureau of Investigation (FBI), Kash Patel, habló.", "Federal Bureau of Investigation", "organization"),
    ("La sucursal del Bank of America en Houston cerró.", "Bank of America", "organization"),
])
def test_names_around_people(extractor, text, name, kind):
    assert found(extractor, text)[name][0] == kind
