"""Event detection: triggers, their arguments, and an article's reports gathered into events."""

from __future__ import annotations

import pytest

from pipeline.extract.event_rules import load_rules
from pipeline.models import Article, EventMention, Participant


@pytest.fixture
def events(extractor):
    def run(text: str, published: str = "2025-05-01") -> list[EventMention]:
        article = Article(url="https://example.mx/nota/1", source="test", title=None, text=text,
                          published=published, published_by="metadata", fetched_at="", content_hash="h")
        return extractor.extract_doc(extractor.nlp(text), article).events
    return run


def one(found: list[EventMention]) -> EventMention:
    assert len({e.label for e in found}) == 1, [e.label for e in found]
    return found[0]


@pytest.mark.parametrize("text, type_", [
    ("La tercera sesión del Consejo Binacional de Aduanas se celebró el 4 de marzo de 2025.", "meeting"),
    ("El gobierno entregó a 12 reos a Guatemala el 2 de febrero de 2025.", "transfer"),
    ("La Secretaría de Marina aseguró 300 kilos de cocaína el 5 de abril de 2025.", "seizure"),
    ("La presidenta Laura Méndez anunció la Estrategia Nacional de Paz el 3 de abril de 2025.", "announcement"),
    ("La presidenta Laura Méndez sostuvo una llamada con el ministro Paul Dubois el 9 de abril de 2025.", "call"),
    ("La Guardia Nacional desplegó un operativo en Culiacán que dejó 15 detenidos.", "operation"),
    ("El canciller Mario Ruiz visitó Ottawa el 5 de mayo de 2025.", "visit"),
    ("A través de un comunicado, el Departamento de Justicia agradeció al Gobierno de México.", "announcement"),
    ("La FGR extraditó a Juan López Mendoza el 2 de abril de 2025.", "transfer"),
    ("El presidente Tomás Rivas recibió el 15 de diciembre de 2025 al presidente electo Luis Mora.", "meeting"),
    ("Luis Mora ganó el 14 de diciembre de 2025 la segunda vuelta con el 58% de los votos.", "other"),
    ("Los uruguayos acudieron a las urnas el 26 de octubre de 2025 para elegir presidente.", "other"),
    ("Luis Mora asumirá el poder el 11 de marzo de 2026 en Valparaíso.", "other"),
    ("La Cámara de Diputados aprobó el 22 de mayo de 2025 la reforma fiscal con 215 votos a favor.", "other"),
    ("El Departamento del Tesoro impuso sanciones el 25 de junio de 2025 a tres casas de cambio.", "announcement"),
    ("Este lunes 14 de julio de 2025 entra en vigor un arancel de 17 por ciento al jitomate.", "other"),
    ("Tras el ataque, ocurrido el lunes 27 de octubre de 2025, la Marina buscó al sobreviviente.", "other"),
    ("El Pentágono confirmó ataques contra cuatro lanchas el 27 de octubre de 2025 en el Pacífico.", "other"),
    ("Lando Norris ganó el Gran Premio de Austin el domingo 19 de octubre de 2025.", "other"),
])
def test_trigger_gives_the_type(events, text, type_):
    assert one(events(text)).type == type_


@pytest.mark.parametrize("text", [
    "Ana Pérez aseguró que no habrá cambios en la policía.",  # "aseguró que": said, not seized
    "Los acuerdos iban desde el comercio hasta la migración y extradiciones.",  # no one named or counted
    "Se habló de la llamada 'Operación Relámpago' sin más detalles.",  # "so-called", not a phone call
    "Sheinbaum dijo que la reunión fue productiva.",  # a meeting this article does not report
    # attribution of the article's own information, not a communiqué worth an event
    "La información fue difundida por la Guardia Nacional a través de un comunicado.",
    "Lo anterior fue dado a conocer por la Fiscalía General de la República en un comunicado.",
    "Según informó la Secretaría de Marina a través de un comunicado, no hubo heridos.",
    # a statistic of crimes, not one crime
    "En 2024 se registraron 30 mil homicidios en el estado.",
    "El número de secuestro exprés en 2024 fue el más bajo en una década.",
])
def test_no_event_without_its_arguments(events, text):
    assert events(text) == []


def test_ordinal_body_place_and_date(events):
    ev = one(events("La tercera sesión del Consejo Binacional de Aduanas se celebró el 4 de marzo de 2025 en Tijuana."))
    assert (ev.ordinal, ev.subject, ev.place, ev.date, ev.granularity) == \
        (3, "Consejo Binacional de Aduanas", "Tijuana", "2025-03-04", "day")


def test_what_was_visited_is_the_place(events):
    assert one(events("El canciller Mario Ruiz visitó Ottawa el 5 de mayo de 2025.")).place == "Ottawa"


def test_a_date_governed_by_another_verb_is_not_the_events(events):
    ev = one(events("El secretario Omar Ruiz adelantó que el 7 de mayo de 2025 dará detalles sobre el traslado "
                    "de 26 reos a Guatemala."))
    assert (ev.count, ev.date, ev.status) == (26, None, "past")


def test_count_and_destination_of_a_transfer(events):
    ev = one(events("El gobierno entregó a 12 reos a Guatemala el 2 de febrero de 2025."))
    assert ev.count == 12 and Participant("Guatemala", "place", "destino") in ev.participants


@pytest.mark.parametrize("text, status", [
    ("La próxima reunión del Comité de Seguridad Fronteriza se realizará en junio de 2025.", "planned"),
    ("La reunión del Comité de Seguridad Fronteriza se celebró el 2 de abril de 2025.", "past"),
])
def test_past_or_planned(events, text, status):
    assert one(events(text)).status == status


def test_a_meeting_to_prepare_another_is_another_event(events):
    found = events("Previo al encuentro, la canciller Alicia Bárcena sostuvo reuniones preparatorias "
                   "con el embajador Pedro Ruiz.")
    assert [e.qualifier for e in found] == ["preparatoria"]


def test_bare_mention_joins_the_event_just_named(events):
    found = events("El Comité de Aduanas celebró su segunda sesión el 3 de marzo de 2025. "
                   "El encuentro, encabezado por Marta Ruiz, reunió a funcionarios de ambos países.")
    assert len(found) == 2 and found[0].label == found[1].label  # one event, two evidence sentences
    assert Participant("Marta Ruiz", "person", "encabezó") in found[1].participants
    assert found[1].evidence.startswith("El encuentro") and found[1].start > found[0].end


def test_earlier_occurrences_are_events_too(events):
    found = events("La entrega de 15 reos a Estados Unidos superó a las realizadas en enero de 2024 y marzo de 2024.")
    assert {(e.count, e.date) for e in found} == {(15, None), (None, "2024-01"), (None, "2024-03")}


def test_evidence_offsets_point_into_the_text(events):
    text = "Sin novedad.\n\nLa Secretaría de Marina aseguró 300 kilos de cocaína el 5 de abril de 2025."
    ev = one(events(text))
    assert text[ev.start:ev.end] == ev.evidence


def test_every_type_is_exported_as_a_known_type():
    from pipeline.models import EVENT_TYPES

    rules = load_rules()
    assert set(rules.types) <= set(EVENT_TYPES) and {t.type for t in rules.triggers} <= set(rules.types)


@pytest.mark.parametrize("closing", [
    "Ambas partes revisarán los avances de cara a la próxima reunión del Consejo, prevista para junio de 2025.",
    "Las delegaciones se comprometieron a volver a reunirse en junio de 2025.",
])
def test_the_next_meeting_of_a_numbered_series_is_the_following_number_planned(events, closing):
    found = events("La segunda sesión del Consejo Binacional de Aduanas se celebró el 4 de marzo de 2025 en Tijuana. "
                   + closing, published="2025-03-05")
    by_ordinal = {e.ordinal: e for e in found}
    assert set(by_ordinal) == {2, 3}
    assert (by_ordinal[3].status, by_ordinal[3].date, by_ordinal[3].subject) == ("planned", "2025-06", by_ordinal[2].subject)


def test_a_running_total_is_not_another_transfer_nor_the_operation_a_second_event(events):
    found = events("El gobierno envió a 21 reos a Estados Unidos el 3 de marzo de 2025 como parte de un operativo "
                   "especial. Con este envío, el país suma 66 reos trasladados en lo que va del año.",
                   published="2025-03-04")
    assert {(e.type, e.count) for e in found} == {("transfer", 21)}


def test_a_named_operation_beside_a_transfer_is_still_an_event(events):
    found = events("La FGR trasladó a 12 reos a Estados Unidos el 3 de marzo de 2025 durante el operativo "
                   "'Relámpago' desplegado en Sonora.", published="2025-03-04")
    assert {"transfer", "operation"} <= {e.type for e in found}


# ── earlier occurrences recalled beside the event reported ────────────────────────────────────
@pytest.mark.parametrize("text", [
    "En marzo se enviaron 18 reos a Guatemala; en junio, 12 más.",
    "El gobierno envió 18 reos a Guatemala en marzo y otros 12 en junio.",
    "El gobierno envió 18 reos a Guatemala en marzo y 12 en junio.",
])
def test_a_clause_with_only_a_date_and_a_count_is_another_occurrence(events, text):
    found = events(text, published="2025-07-01")
    assert {(e.type, e.count, e.date) for e in found} == {("transfer", 18, "2025-03"), ("transfer", 12, "2025-06")}


def test_a_count_inside_the_same_occurrence_is_not_another(events):
    found = events("El gobierno entregó 12 reos a Guatemala el 3 de marzo de 2025 y 4 de ellos eran líderes.")
    assert {(e.count, e.date) for e in found} == {(12, "2025-03-03")}


# ── counts ───────────────────────────────────────────────────────────────────────────────────
def test_a_count_in_thousands_written_with_mil(events):
    assert one(events("La aduana aseguró 4 mil 359 armas de fuego el 2 de abril de 2025.")).count == 4359


def test_an_approximate_count_says_what_was_moved_but_not_which_transfer(events):
    ev = one(events("El gobierno entregó a más de 30 reos a Guatemala el 2 de febrero de 2025."))
    assert (ev.type, ev.count, ev.date) == ("transfer", None, "2025-02-02")


# ── news outside the security story ───────────────────────────────────────────────────────────
@pytest.mark.parametrize("text, type_, date", [
    ("La selección de Chile venció 2-1 a Perú en un partido amistoso disputado el 14 de marzo.", "other", "2025-03-14"),
    ("El Festival de Cine de Morelia tendrá lugar el 20 de octubre en el centro histórico.", "other", "2025-10-20"),
    ("El Banco Central recortó la tasa de interés en 50 puntos base el 27 de marzo.", "announcement", "2025-03-27"),
    ("El eclipse lunar será visible el 7 de septiembre desde todo el país.", "other", "2025-09-07"),
    ("El Servicio Meteorológico Nacional emitió una alerta roja por lluvias el 2 de abril.", "announcement",
     "2025-04-02"),
    ("Las ventas minoristas cayeron 2.5% en marzo, informó el instituto de estadística.", "announcement", "2025-03"),
    ("El presunto líder de la banda fue detenido el 20 de abril en Tijuana.", "other", "2025-04-20"),
])
def test_news_outside_security_reports_events_too(events, text, type_, date):
    ev = one(events(text))
    assert (ev.type, ev.date) == (type_, date)


@pytest.mark.parametrize("text, type_, date", [
    ("El 7 de mayo, la Fiscalía General ofrecerá una conferencia para dar detalles del caso.", "announcement",
     "2025-05-07"),
    ("El equipo del primer ministro Paul Dubois se comunicó el martes con la cancillería.", "call", "2025-04-29"),
    ("El diálogo telefónico entre Laura Méndez y Paul Dubois duró veinte minutos el martes.", "call", "2025-04-29"),
    ("El asesinato del periodista Raúl Ortega en 2019 sigue sin resolverse.", "other", "2019"),
    ("El ministro Paul Dubois amenazó el martes con imponer aranceles a los autos.", "announcement", "2025-04-29"),
    ("Tras el derrocamiento del presidente Luis Aranda el 3 de marzo, el congreso convocó a elecciones.", "other",
     "2025-03-03"),
    ("El narcotraficante Julio Campos se declaró culpable el lunes 28 de abril ante una corte de Texas.", "other",
     "2025-04-28"),
    ("El exgobernador Tomás Ibarra fue sentenciado el 10 de abril a 20 años de prisión.", "other", "2025-04-10"),
])
def test_a_press_conference_a_contact_a_threat_a_crime_and_a_plea_are_events(events, text, type_, date):
    found = [e for e in events(text) if e.type == type_]
    assert found and found[0].date == date


def test_a_date_in_a_clause_of_its_own_belongs_to_another_event(events):
    found = events("El diálogo telefónico entre Laura Méndez y Paul Dubois ocurrió luego de que Dubois amenazara "
                   "el jueves con nuevos aranceles, informó el lunes la cancillería.", published="2025-05-05")
    assert {e.date for e in found if e.type == "call"} == {"2025-05-05"}


def test_publishing_a_list_is_an_announcement_beside_what_it_lists(events):
    found = events("El gobierno entregó este martes a 12 reos a Guatemala. Por la tarde se dio a conocer la lista "
                   "de los 12 reos entregados.", published="2025-05-06")
    assert {(e.type, e.date) for e in found} == {("transfer", "2025-05-06"), ("announcement", None)}


@pytest.mark.parametrize("text", [
    "El Banco Central recortó la tasa de interés en 25 puntos base, con efectos a partir del 8 de mayo.",
    "El Banco Central elevó la tasa de interés en 25 puntos base, vigente a partir del 8 de mayo.",
])
def test_the_day_a_decision_takes_effect_is_not_its_day(events, text):
    """Undated: the store dates it by its reports, not by the day it takes effect."""
    ev = one(events(text, published="2025-05-01"))
    assert (ev.type, ev.date, ev.status) == ("announcement", None, "past")


def test_a_happening_verb_near_a_named_event_only_dates_it(events):
    ev = one(events("La reunión del Comité de Aduanas, que tuvo lugar el 3 de marzo de 2025, fue breve."))
    assert (ev.type, ev.date) == ("meeting", "2025-03-03")


@pytest.mark.parametrize("text", [
    "El museo se concibe como un espacio de encuentro para las familias del barrio.",
    "El taller de la Galería Norte admite a 30 personas en cada sesión.",
])
def test_a_place_to_meet_or_a_recurring_slot_is_no_meeting(events, text):
    assert [e for e in events(text) if e.type == "meeting"] == []


def test_two_arrests_told_in_two_sentences_are_two_events(events):
    found = events("Uno de los acusados fue detenido en marzo en Tijuana. "
                   "El otro sujeto fue capturado el 20 de abril de 2025 en Mexicali.", published="2025-06-01")
    assert sorted({e.date for e in found}) == ["2025-03", "2025-04-20"]


# ── every article gives at least its main event ───────────────────────────────────────────────
def test_the_main_event_is_kept_when_it_lacks_what_its_type_requires(events):
    found = events("El frente frío dejó dos muertos y bajas temperaturas en el norte del país.\n\n"
                   "Las autoridades pidieron a la población abrigarse.", published="2026-01-13")
    assert [e.type for e in found] == ["other"]


def test_the_main_event_is_not_a_reference_nor_a_kind_of_event(events):
    assert events("Sheinbaum dijo que la reunión fue productiva.\n\nNo dio más detalles.") == []
    assert events("Los acuerdos iban desde el comercio hasta la migración y extradiciones.") == []


# ── the lead's news date ──────────────────────────────────────────────────────────────────────
def test_the_lead_event_takes_the_news_date_of_the_lead(events):
    found = events("Con la foto del 2 de febrero de 2025 al fondo.\n\n"
                   "El gobierno entregó a 29 reos a Guatemala, informaron este jueves las autoridades.\n\n"
                   "Los detalles se conocerán después.", published="2025-02-28")
    assert {(e.type, e.date) for e in found} == {("transfer", "2025-02-27")}


def test_a_lead_event_without_a_recent_day_stays_undated(events):
    found = events("El gobierno entregó a 29 reos a Guatemala.\n\nEl acuerdo se firmó el 2 de enero de 2025.",
                   published="2025-02-28")
    assert [(e.type, e.date) for e in found if e.type == "transfer"] == [("transfer", None)]


# ── which event a sentence's words belong to ──────────────────────────────────────────────────
def test_a_copula_numbers_the_event_just_named(events):
    found = events("El Comité de Aduanas se reunió el 3 de marzo de 2025 en Tijuana. Es la segunda reunión del comité.")
    assert {(e.ordinal, e.date, e.place) for e in found} == {(2, "2025-03-03", "Tijuana")}


def test_an_earlier_meeting_recalled_with_its_place_keeps_it(events):
    found = events("El Comité de Aduanas se reunió el 3 de marzo de 2025 en Tijuana. "
                   "Es el segundo encuentro del comité, tras el realizado en enero en Mexicali.")
    assert {(e.ordinal, e.date, e.place) for e in found} == {(2, "2025-03-03", "Tijuana"), (None, "2025-01", "Mexicali")}


def test_a_meeting_held_within_a_body_is_that_bodys(events):
    ev = one(events("Las delegaciones se reunieron el 3 de marzo de 2025 en el marco del Comité Binacional de Aduanas."))
    assert ev.subject == "Comité Binacional de Aduanas"


def test_the_next_of_a_series_is_not_numbered_past_a_meeting_the_article_does_not_number(events):
    found = events("El Comité Binacional de Aduanas se instaló en enero de 2025. El comité celebró una sesión el "
                   "3 de marzo de 2025 y volverá a reunirse en junio de 2025.", published="2025-03-04")
    planned = [e for e in found if e.status == "planned"]
    assert planned and all(e.ordinal is None for e in planned)


@pytest.mark.parametrize("text, count", [
    ("El gobierno no pedirá la pena de muerte para los 29 que fueron trasladados en febrero de 2025.", 29),
    ("Juan Pérez Gómez y otros 28 reos fueron enviados a Guatemala el 27 de febrero de 2025.", 29),
    ("Un total de 26 personas recluidas en distintos penales federales del país fueron enviadas a Guatemala "
     "el 12 de agosto de 2025.", 26),
])
def test_counts_written_apart_from_the_noun_or_the_trigger(events, text, count):
    assert one(events(text)).count == count


def test_a_call_gets_the_people_of_its_sentence_and_a_postponement_is_no_event(events):
    found = events("El presidente Donald Trump pausó la entrada en vigor de los aranceles tras una llamada "
                   "telefónica el 3 de febrero de 2025.")
    assert [(e.type, e.date) for e in found] == [("call", "2025-02-03")]
    assert [p.name for p in found[0].participants] == ["Donald Trump"]


def test_a_happening_verb_before_its_subject_only_dates_it(events):
    ev = one(events("El 3 de marzo de 2025 se llevó a cabo en la sede de la cancillería, en la capital, "
                    "la segunda sesión del Comité de Aduanas."))
    assert (ev.type, ev.ordinal, ev.date) == ("meeting", 2, "2025-03-03")


def test_the_main_event_is_kept_beside_the_others(events):
    found = events("El frente frío dejó dos muertos en el norte del país.\n\n"
                   "La Comisión Nacional del Agua pronosticó 40 frentes fríos más el 15 de marzo.", published="2025-03-15")
    assert {e.type for e in found} == {"other", "announcement"}


def test_the_dateline_dates_the_main_event_unless_its_sentence_says_it_was_earlier(events):
    held = events("Ciudad de México, 11 de diciembre (Agencia).- El gobierno entregó a 12 reos a Guatemala.",
                  published="2025-12-12")
    assert [e.date for e in held] == ["2025-12-11"]
    earlier = events("Ciudad de México, 8 de marzo (Agencia).- Los 29 reos que el gobierno entregó a Guatemala la "
                     "semana pasada ya enfrentan cargos.", published="2025-03-08")
    assert [e.date for e in earlier] == [None]


@pytest.mark.parametrize("text, type_", [
    ("El banco central rebajó este jueves un cuarto de punto los tipos de interés, hasta el 6 %.", "announcement"),
    ("La junta aplicó un nuevo recorte de 25 puntos base en la tasa de fondeo.", "announcement"),
    ("El equipo local se impuso 2-0 a Costa Rica en el estadio Cuscatlán.", "other"),
    ("En marzo, el gobierno designó a cuatro bandas como organizaciones terroristas.", "announcement"),
])
def test_other_news_in_other_words(events, text, type_):
    assert one(events(text)).type == type_


def test_in_a_sentence_about_sport_an_encuentro_is_the_match(events):
    found = events("Costa Rica venció 2-1 a Honduras en un partido amistoso disputado el 14 de marzo. "
                   "Este encuentro marcó el debut del técnico en el estadio nacional.")
    assert {e.type for e in found} == {"other"}


def test_the_lead_sentence_refers_to_nothing_before_it(events):
    found = events("El amistoso internacional disputado en el estadio nacional dejó un sabor amargo.\n\n"
                   "La afición abucheó al equipo.")
    assert [e.type for e in found] == ["other"]


def test_a_designation_names_its_series_whatever_the_words():
    from pipeline.extract.event_rules import load_rules

    assert any(t.subject for t in load_rules().triggers if t.type == "announcement")


def test_the_events_a_dated_count_names_happened_on_its_day(events):
    text = ("El servicio meteorológico registró el domingo 19 de octubre de 2025 tres sismos en el país.\n\n"
            "El primer sismo se sintió en Ocotlán, Oaxaca.\n\nOtro sismo se sintió en Tonalá, Chiapas.")
    found = {(e.place, e.date) for e in events(text, published=None) if e.trigger.startswith("sismo")}
    assert ("Ocotlán", "2025-10-19") in found and ("Tonalá", "2025-10-19") in found
    assert all(date == "2025-10-19" for _, date in found)


def test_more_undated_events_than_a_dated_count_names_stay_undated(events):
    text = ("El servicio meteorológico registró el domingo 19 de octubre de 2025 dos sismos en el país.\n\n"
            "Un sismo se sintió en Ocotlán, Oaxaca.\n\nOtro sismo se sintió en Tonalá, Chiapas.\n\n"
            "Un sismo se sintió en Tijuana, Baja California.")
    found = [e for e in events(text, published=None) if e.trigger == "sismo"]
    assert found and all(e.date is None for e in found)


def test_a_conferencia_mananera_is_an_announcement(events):
    found = events("Más tarde, en la conferencia mañanera, la presidenta Laura Méndez dio más detalles.",
                   published="2026-01-12")
    assert "announcement" in {e.type for e in found}


@pytest.mark.parametrize("text", [
    "El empresario Raúl Ortega, buscado desde 2024 por cargos de tráfico de cocaína y homicidio, fue detenido el "
    "20 de abril en Tijuana.",
    "Raúl Ortega fue detenido el 20 de abril en Tijuana. Se le buscaba por el secuestro y asesinato de dos "
    "comerciantes desde 2024.",
])
def test_the_charge_someone_is_wanted_for_is_no_event_of_its_own(events, text):
    assert sorted({(e.type, e.date) for e in events(text)}) == [("other", "2025-04-20")]


def test_handing_over_credentials_is_a_meeting_not_a_transfer_of_no_one(events):
    found = events("Tras entregar las cartas credenciales a la presidenta Laura Méndez, el embajador Paul Dubois "
                   "afirmó que ambos países trabajarán juntos.", "2025-05-19")
    assert {e.type for e in found} == {"meeting"}


def test_a_lead_that_hands_over_things_gives_no_transfer(events):
    found = events("La fundación entregó el premio a la escritora Ana Ruiz en Guadalajara.\n\n"
                   "El jurado destacó su obra.", "2025-09-01")
    assert "transfer" not in {e.type for e in found}


def test_a_date_opening_the_sentence_dates_what_it_tells(events):
    found = events("Este domingo 16 de noviembre, millones de uruguayos definieron las elecciones presidenciales.",
                   "2025-11-17")
    assert [(e.type, e.date) for e in found] == [("other", "2025-11-16")]
