"""A body named with its country ("Departamento de Estado de Estados Unidos", "secretario de
Estado de EE. UU."): the portfolio is the title's, never a place; the name runs through the country."""

from __future__ import annotations

import pytest

from pipeline.extract.mentions import find_entities


def found(extractor, text: str) -> dict[str, str]:
    return {m.text: m.kind for m in find_entities(extractor.nlp(text), extractor.lexicon)}


@pytest.mark.parametrize("text, country", [
    ("El 11 de enero, el secretario de Estado de Estados Unidos, Marco Rubio, llamó al canciller.", "Estados Unidos"),
    ("El Secretario de Estado de EE. UU., Marco Rubio, arribó a la capital.", "EE. UU."),
    ("El titular de la SRE y el secretario de Estado de EU convinieron en convocar una reunión.", "EU"),
    ("La secretaria de Seguridad Pública de Jalisco, Ana López, dio una conferencia.", "Jalisco"),
])
def test_the_portfolio_after_a_title_is_no_place(extractor, text, country):
    kinds = found(extractor, text)
    assert kinds.get(country) == "place"
    assert not any(name.startswith(("Estado ", "Seguridad")) for name in kinds)


def test_the_body_runs_through_its_country_and_stops_at_the_next_item(extractor):
    text = (
        "Puntos clave - La llamada fue confirmada por la Oficina del Portavoz del Departamento de "
        "Estado de EE. UU. - Rubio exigió resultados medibles en la cooperación."
    )
    assert found(extractor, text).get("Oficina del Portavoz del Departamento de Estado de EE. UU.") == "organization"


def test_a_spaced_dash_between_two_countries_still_joins_a_name(extractor):
    text = "El Grupo de Implementación de Seguridad México - Estados Unidos se reunió en Washington."
    assert found(extractor, text).get("Grupo de Implementación de Seguridad México - Estados Unidos") == "organization"


@pytest.mark.parametrize("text, written, body", [
    ("El Departamento del Tesoro de EE.UU. sancionó a cinco empresas.", "Departamento del Tesoro de EE.UU.", "Departamento del Tesoro"),
    ("El fiscal demandó al Departamento de Seguridad Nacional de los Estados Unidos.",
     "Departamento de Seguridad Nacional de los Estados Unidos", "DHS"),
    ("La Secretaría de Salud de México informó de tres casos.", "Secretaría de Salud de México", "Secretaría de Salud"),
    # a state's body is not the federal one of the same name
    ("La Secretaría de Salud de Jalisco informó de tres casos.", "Secretaría de Salud de Jalisco", "Secretaría de Salud de Jalisco"),
])
def test_a_known_body_named_with_its_country_is_that_body(extractor, text, written, body):
    names = {m.text: m.name for m in find_entities(extractor.nlp(text), extractor.lexicon)}
    assert names.get(written) == body
