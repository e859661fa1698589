"""People, places and organizations: spaCy's NER cleaned, retyped and canonicalized.

Sentences are made up in the style of Mexican news; each case is one phenomenon.
"""

from __future__ import annotations

import pytest

from pipeline.extract.lexicon import Lexicon
from pipeline.extract.mentions import find_entities


def entities(extractor, text: str, lexicon: Lexicon | None = None) -> set[tuple[str, str]]:
    return {(m.kind, m.name) for m in find_entities(extractor.nlp(text), lexicon or extractor.lexicon)}


def names(extractor, text: str) -> set[str]:
    return {name for _, name in entities(extractor, text)}


@pytest.mark.parametrize("text, kind, name", [
    # titles, articles and prepositions are not part of a name
    ("El embajador Carlos Mendoza llegó a Monterrey para la reunión.", "person", "Carlos Mendoza"),
    ("La presidenta Claudia Sheinbaum encabezó la ceremonia en Puebla.", "person", "Claudia Sheinbaum"),
    ("Así lo dijo el Mtro. Javier Landa durante el foro.", "person", "Javier Landa"),
    ("El vicefiscal Dámaso Castro pidió calma a la población.", "person", "Dámaso Castro"),
    ("La SRE informó que el cónsul viajará a Houston.", "organization", "Secretaría de Relaciones Exteriores"),
    # what spaCy types wrong, a gazetteer or a head word types right
    ("Los agentes viajaron desde Texas hasta Chihuahua.", "place", "Texas"),
    ("México y Washington acordaron una nueva etapa.", "place", "Washington"),
    ("La Secretaría de Relaciones Exteriores emitió una nota diplomática.", "organization",
     "Secretaría de Relaciones Exteriores"),
    ("El Departamento de Estado publicó su informe anual.", "organization", "Departamento de Estado"),
    ("La Guardia Nacional mexicana desplegó 500 elementos.", "organization", "Guardia Nacional"),
    ("Elementos de la Fiscalía General del Estado de Guerrero acudieron al lugar.", "organization",
     "Fiscalía General del Estado de Guerrero"),
    ("El Comité de Seguridad Fronteriza sesionó ayer en Tijuana.", "organization", "Comité de Seguridad Fronteriza"),
    ("Fueron detenidos integrantes del cártel de Santa Rosa de Lima en Celaya.", "organization",
     "Cártel de Santa Rosa de Lima"),
    ("La Agencia de Alcohol, Tabaco, Armas de Fuego y Explosivos abrió 30 casos.", "organization", "ATF"),
    # groups: a capitalized article, a classifier noun, a noun for members
    ("El líder de Los Rojos fue capturado en Chilpancingo.", "organization", "Los Rojos"),
    ("La Línea, brazo armado de un grupo criminal, opera en la zona.", "organization", "La Línea"),
    ("Se enfrentaron sicarios de La Barredora y de Los Ardillos.", "organization", "Los Ardillos"),
    ("Se registraron enfrentamientos entre Los Chapitos y La Mayiza en Culiacán.", "organization", "La Mayiza"),
    ("Detuvieron a dos integrantes del cartel de Sinaloa en Sonora.", "organization", "Cártel de Sinaloa"),
    # places spaCy may miss, split or call something else
    ("Las lluvias afectarán la península de Yucatán y el golfo de México.", "place", "Península de Yucatán"),
    ("Hallaron un arsenal en la colonia Benito Juárez de Reynosa.", "place", "Benito Juárez"),
    ("MATAMOROS, Tamaulipas.- Autoridades federales aseguraron armas.", "place", "Tamaulipas"),
    ("Los Estados Unidos Mexicanos firmaron el convenio en Madrid.", "place", "México"),
    ("El huracán se aleja del océano Pacífico.", "place", "Océano Pacífico"),
    ("CIUDAD DE MÉXICO.- La jefa de Gobierno inauguró la obra.", "place", "Ciudad de México"),
])
def test_finds_names_with_their_kind(extractor, text, kind, name):
    assert (kind, name) in entities(extractor, text)


@pytest.mark.parametrize("text, noise", [
    ("El gabinete sesionó en Palacio Nacional. Crédito: X @SRE_mx", "X"),
    ("La delegación llegó a Monterrey.\n\nFoto: Cuartoscuro", "Cuartoscuro"),
    ("Promover la inversión es la prioridad del gobierno federal.", "Promover"),
    ("Robustecer el intercambio de información entre agencias.", "Robustecer"),
    ("Además, el gobernador anunció nuevas patrullas.", "Además"),
    ("Según la fiscalía, los detenidos pertenecen a una célula.", "Según"),
    ("Resultados y perspectivas del encuentro\n\nLa reunión terminó tarde.", "Resultados"),
    ("Agregó que la investigación sigue abierta.", "Agregó"),
    ("Lee también: Detienen a “El Jardinero” en Tamaulipas\n\nEl operativo siguió.", "Tamaulipas"),
    ("El secretario de Hacienda presentó el paquete económico.", "Secretaría de Hacienda y Crédito Público"),
    ("La Ley de Seguridad Nacional fue invocada por el gobierno.", "Seguridad Nacional"),
    ("El Guadalajara, conocido como Rojiblancos, ganó en casa.", "Rojiblancos"),  # "Chivas" is a known club now
    ("Ambos gobiernos revisarán el T-MEC el próximo año.", "T-MEC"),
    ("La Iniciativa Privada respaldó el anuncio del gobierno.", "Iniciativa Privada"),
    ("Ambos revisaron el Acuerdo de Asociación Estratégica en Ottawa.", "Asociación Estratégica"),
    # a title spaCy cut from its name at the abbreviation's period
    ("La comitiva estuvo integrada por la Mtra. Lucía Ortega y el Mtro. Tomás Ibarra.", "Mtra"),
    ("La comitiva estuvo integrada por la Mtra. Lucía Ortega y el Mtro. Tomás Ibarra.", "Mtro"),
    # an acronym after a sentence-initial article: the article is not part of the name
    ("Sesionó el Comité Binacional de Aduanas (CBA) en Tijuana. El CBA volverá a reunirse en marzo.", "El CBA"),
    # a verb in the preterite opening a sentence
    ("Me llamaron del consulado. Respondí, sí, de inmediato.", "Respondí"),
    ("Llegaron a la frontera de madrugada y cruzaron a pie.", "Llegaron"),
])
def test_noise_is_not_a_name(extractor, text, noise):
    assert noise not in names(extractor, text)


@pytest.mark.parametrize("text, surface, canonical", [
    # a short form is the fullest form of the same article
    ("El canciller Juan Ramón de la Fuente viajó a Ottawa. De la Fuente se reunió con empresarios.",
     "Fuente", "Juan Ramón de la Fuente"),
    ("La senadora Lilly Téllez criticó la reforma. Téllez pidió un debate.", "Téllez", "Lilly Téllez"),
    ("Omar García Harfuch llegó temprano. Más tarde, García Harfuch dio una conferencia.",
     "García Harfuch", "Omar García Harfuch"),
    ("Roberto Salas Díaz habló primero; luego Roberto Salas cerró el acto.", "Roberto Salas", "Roberto Salas Díaz"),
    # an acronym defined in the text, or made of the name's initials
    ("La Unidad de Análisis Financiero (UAF) congeló cuentas. La UAF no dio nombres.", "UAF",
     "Unidad de Análisis Financiero"),
    ("El Instituto Nacional de Pesca y Acuacultura (Inapesca) vigila la veda.", "Inapesca",
     "Instituto Nacional de Pesca y Acuacultura"),
    ("La ODN (Oficina de Drogas del Norte) emitió una alerta.", "ODN", "Oficina de Drogas del Norte"),
    ("WASHINGTON (AP) — El Departamento de Estado emitió una alerta.", "AP", "AP"),
    ("El expresidente Andrés Manuel López Obrador reapareció. AMLO pidió calma.", "AMLO",
     "Andrés Manuel López Obrador"),
    # nicknames and shared surnames
    ("Fue extraditado Mario Cárdenas Ruiz, alias “El Toro”, a Texas.", "El Toro", "Mario Cárdenas Ruiz"),
    ("Los hermanos Luis y José Antonio Pérez Ortega fueron detenidos.", "Luis", "Luis Pérez Ortega"),
    # aliases kept as data
    ("Reos fueron enviados de México a EE.UU. en un avión.", "EE.UU.", "Estados Unidos"),
    ("La marcha recorrió la CDMX desde temprano.", "CDMX", "Ciudad de México"),
    ("El flujo hacia la Unión Americana creció en marzo.", "Unión Americana", "Estados Unidos"),
    ("El Departamento de Justicia de Estados Unidos acusó a 12 personas.",
     "Departamento de Justicia de Estados Unidos", "Departamento de Justicia"),
])
def test_mentions_get_the_canonical_name(extractor, text, surface, canonical):
    doc = extractor.nlp(text)
    found = {m.text: m.name for m in find_entities(doc, extractor.lexicon)}
    assert found.get(surface) == canonical


def test_mentions_point_into_the_text_and_their_sentence(extractor):
    text = "La reunión terminó tarde. El embajador Ronald Johnson llegó a McAllen, Texas."
    for m in find_entities(extractor.nlp(text), extractor.lexicon):
        assert text[m.start:m.end] == m.text
        assert m.text in m.sentence and m.sentence.startswith("El embajador")


def test_canonical_names_are_deterministic(extractor):
    text = "Velasco dijo que Roberto Velasco Álvarez y la SRE revisarán el caso en EE. UU."
    assert entities(extractor, text) == entities(extractor, text)


def test_an_extra_alias_file_adds_forms(extractor, tmp_path):
    extra = tmp_path / "aliases.toml"
    extra.write_text('[aliases]\n"Nuevo León" = ["NL"]\n[people]\n"Samuel García" = ["El Gober"]\n', "utf-8")
    lexicon = Lexicon.load(extra)
    found = entities(extractor, "En NL, El Gober inauguró la planta.", lexicon)
    assert {("place", "Nuevo León"), ("person", "Samuel García")} <= found


def test_a_missing_extra_alias_file_is_a_config_error(tmp_path):
    from pipeline.errors import ConfigError

    with pytest.raises(ConfigError):
        Lexicon.load(tmp_path / "nope.toml")


@pytest.mark.parametrize("text, name", [
    ("El ministro Joao Pimienta da Veiga firmó el convenio con el estado.", "Joao Pimienta da Veiga"),
    ("El concejal Rogerio dos Santos presentó la iniciativa ayer.", "Rogerio dos Santos"),
    ("La investigadora Luisa de la Vega presentó el estudio en Puebla.", "Luisa de la Vega"),
    ("El arquitecto Pieter van der Berg visitó la obra del puerto.", "Pieter van der Berg"),
    ("La doctora Ana María de los Santos atendió a los heridos.", "Ana María de los Santos"),
    # no title, no known given name: the particle alone says it is a person's name
    ("La reunión fue con Giulia di Marco, en Roma.", "Giulia di Marco"),
    ("El acuerdo lo firmó Hendrik van Leeuwen en La Haya.", "Hendrik van Leeuwen"),
])
def test_particles_inside_a_name_survive(extractor, text, name):
    assert ("person", name) in entities(extractor, text)


def test_capitalized_particles_open_a_surname_at_a_sentence_start(extractor):
    text = "El matador Víctor de la Serna cortó una oreja en Madrid. De la Serna toreó con valor toda la tarde."
    mentions = find_entities(extractor.nlp(text), extractor.lexicon)
    assert [(m.text, m.name) for m in mentions if m.kind == "person"] == [
        ("Víctor de la Serna", "Víctor de la Serna"), ("De la Serna", "Víctor de la Serna")]


@pytest.mark.parametrize("text, name", [
    ("La empresa argentina Musimundo abrió doce tiendas este año.", "Musimundo"),
    ("El sindicato minero Sutrame convocó a una huelga nacional.", "Sutrame"),
])
def test_a_one_word_organization_after_its_noun(extractor, text, name):
    assert ("organization", name) in entities(extractor, text)


@pytest.mark.parametrize("text, absent", [
    ("Descubre Oaxaca con tu familia en estas vacaciones.", "Descubre Oaxaca"),
    ("Consulta Aquí los horarios de los museos.", "Consulta Aquí"),
    ("El termómetro marcó 104 grados Fahrenheit en la ciudad.", "Fahrenheit"),
    ("El mosquito Aedes aegypti transmite el dengue en la región.", "Aedes"),
    ("NOTA DEL CONGRESO ADVIERTE QUE PERSISTE LA CRISIS. El pleno sesionó ayer.", "CONGRESO ADVIERTE"),
])
def test_words_that_are_not_names(extractor, text, absent):
    assert absent not in names(extractor, text)


def test_an_institution_glued_to_a_rank_and_a_name(extractor):
    found = entities(extractor, "Lo anunció la Sedena General Luis Cresencio Sandoval en conferencia.")
    assert ("person", "Luis Cresencio Sandoval") in found
    assert ("organization", "Secretaría de la Defensa Nacional") in found
    assert not any("General" in name for _, name in found)


def test_a_withheld_surname_is_part_of_the_name(extractor):
    found = entities(extractor, "La fiscalía entregó a Faustino “N” y a Óscar “N” a las autoridades de Texas.")
    assert {("person", "Faustino “N”"), ("person", "Óscar “N”")} <= found


def test_groups_listed_with_an_organization_are_organizations(extractor):
    text = "Operan sus fracciones Los Mayitos y/o La Mayiza, Los Chapitos, Los Zetas / Cártel del Pacífico en Sonora."
    found = entities(extractor, text)
    assert {("organization", "La Mayiza"), ("organization", "Los Chapitos"), ("organization", "Los Zetas")} <= found


def test_a_destination_is_not_part_of_an_organization(extractor):
    found = entities(extractor, "Los reos viajaron en aviones de las Fuerzas Armadas a Washington y Houston.")
    assert ("organization", "Fuerzas Armadas") in found and ("place", "Washington") in found


def test_a_heading_run_into_a_sentence_is_no_name(extractor):
    found = names(extractor, "Alivio La presidenta de México, Claudia Sheinbaum, habló en la mañanera.")
    assert "Alivio La" not in found and "Claudia Sheinbaum" in found


def test_a_kind_the_context_settled_holds_for_the_same_name_later(extractor):
    text = ("La empresa argentina Musimundo abrió doce tiendas. Las nuevas tiendas permitirán a Musimundo "
            "crecer, precisó Paul Bulacia, gerente general de Musimundo.")
    mentions = find_entities(extractor.nlp(text), extractor.lexicon)
    assert {m.kind for m in mentions if m.name == "Musimundo"} == {"organization"}
    assert ("person", "Paul Bulacia") in {(m.kind, m.name) for m in mentions}


@pytest.mark.parametrize("text, name", [
    ("Además, el Ayuntamiento de Progreso suspendió la feria por el frente frío.", "Ayuntamiento de Progreso"),
    ("Tras dejar la dirección de General Motors, el ingeniero fundó su empresa.", "General Motors"),
])
def test_organizations_that_begin_with_a_head_or_a_rank(extractor, text, name):
    assert ("organization", name) in entities(extractor, text)


def test_a_capitalized_rank_before_a_given_name_is_still_the_persons_title(extractor):
    found = entities(extractor, "La reunión fue aplaudida por la Presidenta Claudia Sheinbaum Pardo en Palacio.")
    assert ("person", "Claudia Sheinbaum Pardo") in found


def test_a_city_after_a_masculine_article_is_its_club(extractor):
    text = "El Pachuca venció al Toluca en el estadio Hidalgo. Después el equipo volvió a Pachuca en autobús."
    mentions = find_entities(extractor.nlp(text), extractor.lexicon)
    assert [(m.kind, m.text) for m in mentions if m.text in ("Pachuca", "Toluca")] == [
        ("organization", "Pachuca"), ("organization", "Toluca"), ("place", "Pachuca")]


def test_a_region_after_an_article_stays_a_place(extractor):
    assert ("place", "Océano Pacífico") in entities(extractor, "Atacaron una lancha en aguas del Pacífico, informó la SRE.")


def test_a_one_word_organization_listed_with_known_ones(extractor):
    assert ("organization", "Bimbo") in entities(extractor, "Pemex, Bimbo y Grupo Modelo firmaron el acuerdo ayer.")


def test_known_places_run_together_are_places_not_a_person(extractor):
    found = entities(extractor, "Cinco líderes fueron llevados a San Diego California, seis a Phoenix, Arizona.")
    assert {("place", "San Diego"), ("place", "California")} <= found
    assert not any(kind == "person" for kind, _ in found)


@pytest.mark.parametrize("text, name", [
    ("La multinacional española Telefónica compró la empresa en marzo.", "Telefónica"),
    ("Lo confirmó la operadora Telesp en un comunicado.", "Telesp"),
    ("El portavoz de los bomberos informó a Efe que no hubo heridos.", "EFE"),
])
def test_one_word_organizations_the_context_or_the_agency_list_gives(extractor, text, name):
    assert ("organization", name) in entities(extractor, text)


def test_a_wrong_full_name_does_not_make_every_mention_of_a_place_a_person(extractor):
    text = ("La reportera Ana Ruiz Tlacoachistlahuaca cubrió la marcha. En Tlacoachistlahuaca hubo protestas. "
            "Desde Tlacoachistlahuaca salieron camiones rumbo a la capital.")
    mentions = find_entities(extractor.nlp(text), extractor.lexicon)
    assert {m.kind for m in mentions if m.text == "Tlacoachistlahuaca"} == {"place"}


def test_a_surname_spacy_took_for_a_place_is_still_the_person(extractor):
    found = entities(extractor, "La senadora Lilly Téllez criticó la reforma. Téllez pidió un debate abierto.")
    assert found == {("person", "Lilly Téllez")}


def test_a_first_surname_alone_is_the_person_named_in_full(extractor):
    text = ("El candidato Francisco Arias Cárdenas habló. Las encuestas dan a Chávez el 58 por ciento y a Arias "
            "un 38 por ciento. Arias, por su parte, afirmó que ganará.")
    mentions = find_entities(extractor.nlp(text), extractor.lexicon)
    assert {(m.kind, m.name) for m in mentions if m.text == "Arias"} == {("person", "Francisco Arias Cárdenas")}


def test_a_persons_name_written_only_after_en_is_a_place(extractor):
    found = entities(extractor, "Varios municipios registraron heladas; en Juan Aldama, se reportó hasta 2 grados "
                                "bajo cero. El alcalde Juan Pérez pidió abrigarse y dijo que confía en Juan Pérez.")
    assert ("place", "Juan Aldama") in found and ("person", "Juan Pérez") in found


def test_quoted_groups_after_a_plural_group_noun(extractor):
    found = entities(extractor, "Operan en la zona grupos como “Los Beltrán Leyva” y la “Línea”, según la fiscalía.")
    assert ("organization", "Los Beltrán Leyva") in found


@pytest.mark.parametrize("text, body, person", [
    ("El gobernador de la Fed Stephen Miran votó por un recorte mayor.", "Reserva Federal", "Stephen Miran"),
    ("En la conferencia, la FGR Juan Pérez López presentó el caso.", "Fiscalía General de la República",
     "Juan Pérez López"),
])
def test_a_known_body_run_into_a_persons_name_is_two_names(extractor, text, body, person):
    found = entities(extractor, text)
    assert {("organization", body), ("person", person)} <= found
    assert not any(person in name and name != person for _, name in found)


def test_a_name_ending_as_a_bodys_name_is_one(extractor):
    found = entities(extractor, "La CNBV intervino a Pérez Mora Casa de Bolsa el martes.")
    assert ("organization", "Pérez Mora Casa de Bolsa") in found


def test_a_one_word_name_listed_between_bodies_is_one_wherever_the_article_names_it(extractor):
    text = ("El Tesoro señaló a tres instituciones financieras —Banco Azteca, Tlaxbanc y Pérez Mora Casa de "
            "Bolsa— por lavado de dinero. En el caso de Tlaxbanc, los ejecutivos negaron todo.")
    found = entities(extractor, text)
    assert ("organization", "Tlaxbanc") in found
    assert not any(name == "Tlaxbanc" and kind != "organization" for kind, name in found)


def test_names_listed_after_a_body_are_not_part_of_it(extractor):
    found = entities(extractor, "El Tesoro señaló a Banco Azteca, Tlaxbanc y Banorte por lavado.")
    assert ("organization", "Banco Azteca") in found and not any("," in name for _, name in found)


def test_and_before_a_connector_goes_on_with_the_name(extractor):
    found = entities(extractor, "La Comisión Nacional Bancaria y de Valores intervino los bancos.")
    assert ("organization", "Comisión Nacional Bancaria y de Valores") in found


def test_a_word_before_a_given_name_in_a_persons_span_is_not_the_name(extractor):
    found = entities(extractor, "Apenas Donald Trump asumió, cerró la aplicación de citas.")
    assert ("person", "Donald Trump") in found and not any("Apenas" in name for _, name in found)


def test_a_body_named_before_its_classifier_loses_its_article(extractor):
    found = entities(extractor, "Hubo sequía.\n\nLa Comisión Binacional de Aguas, una agencia del gobierno, lo confirmó. "
                                "El aviso lo dio el Fideicomiso de Puentes Fronterizos.")
    assert {("organization", "Comisión Binacional de Aguas"),
            ("organization", "Fideicomiso de Puentes Fronterizos")} <= found


def test_a_river_named_after_a_place_is_the_river(extractor):
    found = entities(extractor, "El agua del río Colorado llega a Texas, y la del río Tijuana no.")
    assert {("place", "río Colorado"), ("place", "río Tijuana")} <= found
    assert ("place", "Colorado") not in found


@pytest.mark.parametrize("text, kind, name", [
    ("La Marina de México no logró rescatar al sobreviviente.", "organization", "Marina de México"),
    ("La diputada Marina Silva habló con la jueza.", "person", "Marina Silva"),
])
def test_a_given_name_that_names_a_body_with_its_country_is_the_body(extractor, text, kind, name):
    assert (kind, name) in entities(extractor, text)
