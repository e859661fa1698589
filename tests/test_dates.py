"""Dates in the text: candidate spans resolved against the publication date."""

from __future__ import annotations

import pytest

from pipeline.extract.dates import find_dates


def values(text: str, published: str | None) -> list[str]:
    return [m.value for m in find_dates(text, published)]


@pytest.mark.parametrize("text, published, expected", [
    # a day and month without a year: the occurrence the tense allows, else the nearest
    ("El pasado 2 de diciembre se reunieron en Monterrey.", "2026-01-21", "2025-12-02"),
    ("La audiencia fue el 2 de diciembre.", "2025-12-11", "2025-12-02"),
    ("La cumbre se realizará el 2 de diciembre.", "2025-11-20", "2025-12-02"),
    ("El foro se celebró el 28 de diciembre en Mérida.", "2026-01-05", "2025-12-28"),
    ("La consulta será el 15 de febrero.", "2025-12-20", "2026-02-15"),
    ("Ciudad de México, 11 de diciembre (Agencia).- El gabinete informó", "2025-12-12", "2025-12-11"),
    ("La mañana de este 11 de diciembre se instaló la mesa.", "2025-12-11", "2025-12-11"),
    ("El decreto del 2 de diciembre pasado sigue vigente.", "2026-01-10", "2025-12-02"),
    ("El 1o. de mayo marcharon miles de trabajadores.", "2025-05-02", "2025-05-01"),
    ("El operativo inició el lunes 3 de marzo en Culiacán.", "2025-03-05", "2025-03-03"),
    # explicit years
    ("El informe se presentó en septiembre de 2025.", "2026-01-10", "2025-09"),
    ("La primera caída llegó el 16 de noviembre de 2024 ante Honduras.", "2026-01-26", "2024-11-16"),
    ("Las obras concluirán el próximo 2026.", "2025-10-01", "2026"),
    ("La cifra es la más alta desde 2018.", "2025-10-01", "2018"),
    ("En el segundo semestre de 2024 se registraron incursiones.", "2025-07-23", "2024"),
    ("Recibió el Premio Nacional de Periodismo 2023 en Palacio.", "2025-07-23", "2023"),
    ("Según el oficio fechado el 11/12/2025, la dependencia respondió.", "2026-01-02", "2025-12-11"),
    ("— Comisionado (@comisionado) March 3, 2025", "2025-03-04", "2025-03-03"),
    # years and months said relative to the article
    ("En diciembre del año pasado se firmó el acuerdo.", "2026-01-21", "2025-12"),
    ("A finales de septiembre de este año se lanzó la misión.", "2025-11-02", "2025-09"),
    ("El año pasado se decomisaron 20 toneladas de cocaína.", "2025-05-01", "2024"),
    ("El mes pasado la cancillería envió una nota diplomática.", "2025-05-20", "2025-04"),
    ("A principios de enero se anunció el programa.", "2025-03-01", "2025-01"),
    ("El acuerdo se firmó en marzo en Washington.", "2025-01-15", "2024-03"),
    ("La feria se realizará en marzo en Monterrey.", "2025-01-15", "2025-03"),
    # days said relative to the article
    ("Ayer la Fiscalía detuvo a tres personas.", "2025-06-10", "2025-06-09"),
    ("Anoche se registró un sismo en Oaxaca.", "2025-09-20", "2025-09-19"),
    ("Hoy se instaló la mesa de trabajo.", "2025-11-06", "2025-11-06"),
    ("Mañana se votará la reforma en el Senado.", "2025-04-29", "2025-04-30"),
    ("Hace tres días el alcalde presentó su renuncia.", "2025-05-20", "2025-05-17"),
    # weekdays: past sentences look back, future ones ahead, "este" on the same day is that day
    ("El viernes, la Guardia Nacional desplegó 300 elementos.", "2025-12-11", "2025-12-05"),
    ("El gabinete sesionará el próximo martes.", "2025-12-11", "2025-12-16"),
    ("La reunión se celebró este jueves en Palacio Nacional.", "2025-12-11", "2025-12-11"),
    ("El pasado lunes se entregó el informe.", "2025-12-08", "2025-12-01"),
    ("El sábado 14 se reanudarán las clases.", "2025-06-10", "2025-06-14"),
    ("Dijo que el viernes viajaría a Washington.", "2025-12-11", "2025-12-12"),
    ("Ocurrió a las 23:30 horas del sábado en Iztapalapa.", "2025-12-15", "2025-12-13"),
    # a purpose points ahead, whatever the tense around it
    ("Dijo que fue su última prueba para enfrentar el 26 de marzo a Surinam.", "2026-01-26", "2026-03-26"),
    # a score after a weekday is no day of the month: "el domingo 2-1" is the Sunday just gone
    ("Chile derrotó el domingo 2-1 a Perú en Lima.", "2025-11-16", "2025-11-16"),
    ("Perú cayó el sábado 3 - 0 ante Chile.", "2025-11-16", "2025-11-15"),
    # other ways of writing a day
    ("El 12 de este mes vence el plazo para presentar la declaración.", "2025-12-03", "2025-12-12"),
    ("El 16 de septiembre de 1810 inició la guerra de Independencia.", "2025-09-16", "1810-09-16"),
    ("El decreto se publicó en el DOF el 2025-03-14.", "2025-04-01", "2025-03-14"),
    # bylines and datelines write day, month and year without "de"
    ("Por: Redacción 12 Agosto 2025 17:26", "2025-08-12", "2025-08-12"),
    ("21 DICIEMBRE 2025-NACIONAL- La extradición fue formalizada", "2025-12-21", "2025-12-21"),
    ("CIUDAD DE MÉXICO, agosto 25 (Agencia).- El gabinete informó", "2025-08-26", "2025-08-25"),
    ("Monterrey, N.L., enero 5, 2026.- El gobernador informó", "2026-01-06", "2026-01-05"),
    # the verb of the date's own clause, before one after a comma; never the verb of saying
    ("El índice se ubicó en 3.7% en la primera quincena de enero, cifra menor a la prevista.", "2026-02-20", "2026-01"),
    ("La rectora señaló que hasta el 7 de diciembre, la ciudad será sede de la feria.", "2025-11-29", "2025-12-07"),
    # a score after a weekday is not its day
    ("México venció el domingo 1-0 a Bolivia.", "2026-01-25", "2026-01-25"),
    ("El equipo cayó el sábado 2 - 1 ante Chile.", "2026-01-26", "2026-01-24"),
    # an infinitive of purpose before a day looks ahead; one after it says nothing
    ("Bolivia se prepara para enfrentar el 26 de marzo a Surinam.", "2026-01-26", "2026-03-26"),
    ("Se reunieron en Washington el 23 de enero para impulsar resultados.", "2026-01-24", "2026-01-23"),
])
def test_date_value(text, published, expected):
    assert values(text, published) == [expected]


@pytest.mark.parametrize("text, published, expected", [
    ("Los días 27 y 28 de septiembre se llevó a cabo el congreso.", "2025-10-01", ["2025-09-27", "2025-09-28"]),
    ("Del 28 de diciembre al 3 de enero de 2026 habrá operativo vacacional.", "2025-12-20",
     ["2025-12-28", "2026-01-03"]),
    ("Las entregas ocurrieron en febrero y agosto de 2025.", "2026-01-21", ["2025-02", "2025-08"]),
    ("El plan abarca la temporada 2025-2026.", "2025-08-01", ["2025", "2026"]),
    ("Entre 2018 y 2024 la cifra se duplicó.", "2025-08-01", ["2018", "2024"]),
])
def test_several_dates(text, published, expected):
    assert values(text, published) == expected


@pytest.mark.parametrize("text", [
    "Se desplegaron 2000 elementos en 32 entidades del país.",
    "La sesión terminó a las 21:58 horas y se reanudará a las 10:00.",
    "Hay más de 125 investigaciones abiertas y 37 capos entregados.",
    "El presupuesto es de 2 mil 500 millones de pesos, 2025 millones menos.",
    "La inflación anual subió a 4.5% y el desempleo a 2.7 por ciento.",
    "Para denuncias llame al 55 5128 2000 o escriba al 089.",
    "Con fundamento en el artículo 1917 del Código Civil y el artículo 33 constitucional.",
    "El boleto costó $2,025 pesos y la cena $1,950.",
    "El Mayo Zambada fue detenido junto con otro capo.",
    "Hoy en día los jóvenes leen menos; por la mañana hay más tráfico.",
    "La Fiscalía abrió 1998 carpetas de investigación por extorsión.",
    "Los viernes hay tianguis en la colonia.",
    "Según el comunicado No. 2024 de la dependencia.",
    "México ganó 2-1 y Bolivia perdió 1-0 con gol al minuto 45.",
    "Las oficinas están en Insurgentes Sur 1971, colonia Guadalupe Inn.",
    "La norma NOM-051-2010 regula el etiquetado.",
    "Marcharon por la Avenida 16 de Septiembre hasta el Hospital 20 de Noviembre.",
    "De lunes a viernes habrá cortes de agua; del lunes al viernes, también.",
    "La semana pasada y este fin de semana hubo lluvias; en los años 90 también.",
    "El programa Hoy No Circula aplica en la Ciudad de México.",
    "Chivas ganó en la jornada 1 del Clausura 2026 y el Apertura 2025 ya es historia.",
])
def test_numbers_that_are_not_dates(text):
    assert find_dates(text, "2025-12-11") == []


@pytest.mark.parametrize("text, granularity", [
    ("ayer", "day"), ("el viernes", "day"), ("septiembre de 2025", "month"),
    ("en diciembre", "month"), ("en 2024", "year"), ("el próximo 2026", "year"),
])
def test_granularity(text, granularity):
    assert [m.granularity for m in find_dates(text, "2025-12-11")] == [granularity]


def test_offsets_point_at_the_mention():
    text = "Lo anunció el pasado 2 de diciembre, y ayer lo confirmó."
    mentions = find_dates(text, "2025-12-11")
    assert [m.text for m in mentions] == ["el pasado 2 de diciembre", "ayer"]
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_without_a_publication_date_only_dates_with_a_year():
    text = "Ayer, el viernes y el 2 de diciembre; también el 5 de marzo de 2024 y en 2023."
    assert values(text, None) == ["2024-03-05", "2023"]


def test_a_past_sentence_never_gets_a_date_after_the_article():
    for text in ["El viernes se firmó el acuerdo.", "Se detuvo al líder el 20 de diciembre.", "Ocurrió en diciembre."]:
        assert all(v <= "2025-12-11" for v in values(text, "2025-12-11"))


# ── an article without a publication date: the fetch time and the dates it states anchor it ──
FETCHED = "2026-12-07T10:00:00+00:00"


def anchored(text: str, fetched: str = FETCHED) -> list[str]:
    return [m.value for m in find_dates(text, None, fetched)]


@pytest.mark.parametrize("text, expected", [
    # the latest occurrence before the fetch
    ("La comisión sesionó el pasado 11 de diciembre en Mérida.", ["2025-12-11"]),
    # after the latest date the page states with a year: it was written after that
    ("El 20 de febrero se firmó el convenio, un año después de la visita de noviembre de 2025.",
     ["2026-02-20", "2025-11"]),
    # a weekday says which year: 25 January 2026 is a Sunday, 2027's a Monday
    ("La selección jugará el domingo 25 de enero ante Chile.", ["2026-01-25"]),
    # planned, nothing stated: the first after the fetch
    ("La cumbre se celebrará el próximo 15 de febrero.", ["2027-02-15"]),
])
def test_an_undated_page_anchors_day_and_month_on_the_fetch(text, expected):
    assert anchored(text) == expected


def test_an_undated_page_leaves_relative_dates_empty():
    """ "ayer" a year after publication would be a made-up day: left out, never guessed."""
    assert anchored("Ayer y el viernes se reunieron; en agosto pasado también.") == []


def test_without_a_fetch_time_an_undated_page_keeps_only_stated_years():
    assert [m.value for m in find_dates("El 23 de enero se firmó; se ratificó el 5 de marzo de 2024.", None, None)] == ["2024-03-05"]


@pytest.mark.parametrize("text, published, expected", [
    # "este" names the nearest occurrence, whatever tense a verb near it has
    ("Dijo que aplicaría los aranceles este 4 de marzo.", "2025-02-28", "2025-03-04"),
    # the weekday decides between two years
    ("El torneo terminó el domingo 25 de enero.", "2026-07-15", "2026-01-25"),
    ("La final se jugará el domingo 25 de enero.", "2026-07-15", "2026-01-25"),
])
def test_this_and_a_weekday_pick_the_occurrence(text, published, expected):
    assert values(text, published) == [expected]


def test_a_verbless_list_item_continues_the_tense_before_it():
    text = ("Estos serán los fenómenos del año:\n\n- Cometa: será visible el 3 de febrero.\n\n"
            "- Lluvia de meteoros, la más intensa, con pico el 14 de diciembre.")
    assert values(text, "2026-01-25") == ["2026-02-03", "2026-12-14"]


def test_a_count_of_months_after_a_date_moves_it():
    text = "En febrero de 2025 se firmó el acuerdo. Seis meses después, se ratificó. Un año después de la visita de 2023."
    assert values(text, "2026-01-20") == ["2025-02", "2025-08", "2023"]


def test_a_count_of_months_skips_a_year_it_cannot_be_counted_from():
    text = ("En marzo de 2025 se firmó el acuerdo, que sustituyó al de 1994. "
            "Seis meses después, se ratificó.")
    assert values(text, "2026-01-20") == ["2025-03", "1994", "2025-09"]


@pytest.mark.parametrize("text, expected", [
    ("Ayer sábado 10 de enero de 2026 siguió la liga. Las Chivas ganaron este sábado por 2-0.", "2026-01-10"),
    ("El lunes 12 de enero de 2026 hubo sesión. El sábado ganaron.", None),  # no Saturday written before
])
def test_a_weekday_of_an_undated_page_is_the_day_written_before_on_that_weekday(text, expected):
    found = [d for d in find_dates(text, None, "2026-12-08T00:00:00+00:00") if d.text.endswith("sábado")]
    assert [d.value for d in found] == ([expected] if expected else [])


def test_a_day_counted_from_a_guessed_year_is_guessed_too():
    found = find_dates("Los aranceles entraron en vigor el 4 de marzo. Un día después se suspendieron.", None,
                       "2026-12-08T00:00:00+00:00")
    assert [(d.value, d.guessed) for d in found] == [("2026-03-04", True), ("2026-03-05", True)]
