"""Bylines, datelines and photo credits: the reporter and the photographer are people, the
dateline's place a place, and the markers around them no part of any name."""

from __future__ import annotations

import pytest

from pipeline.extract.mentions import find_entities


def entities(extractor, text: str) -> set[tuple[str, str]]:
    return {(m.kind, m.name) for m in find_entities(extractor.nlp(text), extractor.lexicon)}


@pytest.mark.parametrize("text, person, place", [
    ("Por Ana Ruiz Oaxaca, 12 dic (EFE). El gobernador inauguró el hospital regional.", "Ana Ruiz", "Oaxaca"),
    ("Por Marta Gil Treviño Monterrey, 3 de marzo. Las lluvias dejaron calles inundadas.", "Marta Gil Treviño",
     "Monterrey"),
])
def test_a_dateline_after_a_byline_is_split_into_person_and_place(extractor, text, person, place):
    found = entities(extractor, text)
    assert ("person", person) in found and ("place", place) in found
    assert not any(kind == "person" and place in name for kind, name in found)


def test_a_place_cut_from_a_byline_is_not_a_person_later_on(extractor):
    text = ("Por Ana Ruiz Oaxaca, 12 dic (EFE). El gobernador inauguró el hospital. "
            "En Oaxaca hubo fiesta y Oaxaca celebró el aniversario del hospital.")
    found = entities(extractor, text)
    assert ("place", "Oaxaca") in found and ("person", "Oaxaca") not in found


@pytest.mark.parametrize("text, person", [
    ("La marcha llegó al Zócalo. (Foto de ULISES RUIZ / AFP)\n\nLos manifestantes pidieron justicia.",
     "ULISES RUIZ"),
    ("Los rescatistas trabajaron toda la noche (Sáshenka Gutiérrez/EFE)\n\nEl alcalde pidió calma.",
     "Sáshenka Gutiérrez"),
    ("Foto Juan Pérez. Los vecinos limpiaron la calle tras la tormenta.", "Juan Pérez"),
])
def test_a_photo_credit_names_its_photographer_without_the_marker(extractor, text, person):
    found = entities(extractor, text)
    assert ("person", person) in found
    assert not any("Foto" in name for _, name in found)


def test_a_headline_in_capitals_does_not_run_into_the_datelines_place(extractor):
    found = entities(extractor, "SOLDADOS ISRAELIES HIEREN A MANIFESTANTES Jerusalén, 23 may (EFE). - El ejército informó.")
    assert ("place", "Jerusalén") in found
    assert not any("SOLDADOS" in name for _, name in found)


@pytest.mark.parametrize("text, agency", [
    ("Ciudad de Panamá, 22 ene (EFE).- La selección de México derrotó a Panamá.", "EFE"),
    ("CIUDAD DE MÉXICO (apro) .- El Banco de México decidió bajar su tasa.", "Agencia Proceso"),
    ("Oaxaca, 3 de marzo (Notimex).- El gobernador inauguró el hospital.", "Notimex"),
    ("La selección entrenó en la cancha. - Foto: AFP\n\nEl técnico habló con la prensa.", "AFP"),
    ("La marcha llegó al Zócalo. (Foto de ULISES RUIZ / AFP)\n\nLos manifestantes pidieron justicia.", "AFP"),
])
def test_a_news_agency_credited_in_a_dateline_or_a_photo_is_an_organization(extractor, text, agency):
    assert ("organization", agency) in entities(extractor, text)


@pytest.mark.parametrize("text", [
    "El convoy llegó a Culiacán (Sinaloa).- Luego siguió al norte.",
    "Las lluvias siguen en la zona. Foto: Especial\n\nEl alcalde pidió calma.",
    "El gobernador dijo que todo va bien (ahora).- Después se fue.",
])
def test_a_bracket_or_credit_without_an_agency_names_no_organization(extractor, text):
    assert not any(kind == "organization" for kind, _ in entities(extractor, text))


@pytest.mark.parametrize("text, place", [
    ("SANTA CRUZ DE LA SIERRA, Bolivia (AP).- El delantero aprovechó una falla.", "SANTA CRUZ DE LA SIERRA"),
    ("WHITE PLAINS, Nueva York, 12 ago (EFE).- El juez leyó los cargos.", "WHITE PLAINS"),
])
def test_a_datelines_place_in_capitals_is_one_place(extractor, text, place):
    found = entities(extractor, text)
    assert ("place", place) in found
    assert not any(kind != "place" and place.split()[0] in name.upper() for kind, name in found)


@pytest.mark.parametrize("text", [
    "ÚLTIMA HORA, el gobierno anunció un cambio.",
    "AVISO IMPORTANTE, Lea con cuidado las bases del concurso.",
])
def test_capitals_without_a_datelines_end_are_no_place(extractor, text):
    assert not any(kind == "place" for kind, _ in entities(extractor, text))


def test_an_account_signing_an_embedded_post_is_an_organization_not_a_place(extractor):
    found = entities(extractor, "¡Qué jugada! pic.twitter.com/jyA1JS12Fs — TUDN USA (@TUDNUSA) January 25, 2026")
    assert ("organization", "TUDN USA") in found
    assert not any(kind == "place" for kind, _ in found)


@pytest.mark.parametrize("text, person", [
    ("Seguimos avanzando. — Claudia Sheinbaum (@Claudiashein) January 12, 2026", "Claudia Sheinbaum"),
    ("Vamos juntos. — Xóchitl Gálvez (@XochitlGalvez) January 20, 2026", "Xóchitl Gálvez"),
])
def test_a_person_signing_an_embedded_post_stays_a_person(extractor, text, person):
    assert ("person", person) in entities(extractor, text)
