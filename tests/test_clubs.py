"""Sports clubs: named by their city in a match report ("León 2-1 Cruz Azul"), by a nickname
("el Rebaño Sagrado"), or known ("Liga MX"); the city itself stays a place elsewhere."""

from __future__ import annotations

import pytest

from pipeline.extract.mentions import find_entities


def found(extractor, text: str) -> dict[str, str]:
    return {m.text: m.kind for m in find_entities(extractor.nlp(text), extractor.lexicon)}


@pytest.mark.parametrize("text, club", [
    ("Toluca 3–1 Puebla. Los locales dominaron el partido desde el primer minuto.", "Puebla"),
    ("León se impuso por marcador de 2-1 a Cruz Azul en el Nou Camp.", "León"),
    ("Atlas arrancó con pie derecho y sostuvo el resultado ante un Puebla que luchó sin fortuna. Gol: Djurdevic (Atlas, 8’)", "Puebla"),
    ("Los Xolos recibieron al América en la primera fecha del torneo, que terminó sin goles.", "América"),
    ("Goles: Ismael Díaz (León, 46’), Agustín Palavecino (Cruz Azul, 89’).", "León"),
    ("El único gol fue obra de un delantero argentino que milita en Monterrey.", "Monterrey"),
    ("En la jornada 1, el Juárez FC derrotó 1-2 a Mazatlán como visitante.", "Mazatlán"),
    ("Cruz Azul recibe al América el sábado; Guadalajara visita a Pachuca el domingo en la jornada 2.", "Pachuca"),
])
def test_a_city_standing_for_a_side_is_the_club(extractor, text, club):
    assert found(extractor, text).get(club) == "organization"


@pytest.mark.parametrize("text, nickname", [
    ("Firme actuación del Rebaño Sagrado, que desde temprano tomó ventaja.", "Rebaño Sagrado"),
    ("Las Chivas de Guadalajara derrotaron este sábado a los Tuzos de Pachuca.", "Tuzos de Pachuca"),
    ("La Liga MX inició su Torneo Clausura 2026 con una jornada llena de intensidad.", "Liga MX"),
    ("En otro encuentro, el Necaxa le ganó por 1-3 al Santos Laguna.", "Necaxa"),
    ("Lando Norris ganó el Gran Premio con su McLaren y el piloto de Ferrari llegó segundo.", "Ferrari"),
    ("El Liverpool cayó 2-1 y el Real Madrid lidera LaLiga EA Sports.", "LaLiga EA Sports"),
])
def test_clubs_and_leagues_by_their_names(extractor, text, nickname):
    assert found(extractor, text).get(nickname) == "organization"


@pytest.mark.parametrize("text, place", [
    ("El Necaxa le ganó 1-3 al Santos Laguna en el estadio de Torreón.", "Torreón"),
    ("Tras semanas de espera, el futbol regresó a la ciudad de Tijuana con un empate.", "Tijuana"),
    ("Celaya, Gto., a 13 de enero de 2026.- La Liga MX inició su torneo con muchos goles.", "Celaya"),
    ("El gobernador de Puebla dijo que el partido ganó la jornada electoral en León.", "Puebla"),
    ("Ocho personas fueron detenidas en León, Guanajuato, tras un operativo.", "León"),
    ("El equipo venció 2-0 al Toluca y después volvió a Pachuca en autobús.", "Pachuca"),
    ("México venció 1-0 a Bolivia en el último amistoso antes de la repesca.", "Bolivia"),
])
def test_a_city_outside_a_match_is_the_place(extractor, text, place):
    assert found(extractor, text).get(place) == "place"


def test_a_player_named_before_his_club_is_still_a_person(extractor):
    kinds = found(extractor, "Goles: Francisco Javier Nevárez (Juárez, 22’), Facundo Almada (Mazatlán, 34’).")
    assert kinds.get("Francisco Javier Nevárez") == "person"
    assert kinds.get("Juárez") == "organization"


def test_a_name_only_spacy_took_for_a_place_in_a_paragraph_about_sport_is_a_player(extractor):
    kinds = found(extractor, "El Real Madrid venció 2-1 al Barcelona. Courtois atajó un penal y Militao marcó "
                             "en el Estadio Rommel Fernández, en Madrid.")
    assert kinds.get("Courtois") == kinds.get("Militao") == "person"
    assert kinds.get("Madrid") == "place" and kinds.get("Estadio Rommel Fernández") != "person"
