"""Operation, mission, program and plan names: rules on top of spaCy."""

from __future__ import annotations

import pytest

from pipeline.extract.mentions import find_operations


def operations(extractor, text: str) -> set[str]:
    return {m.name for m in find_operations(extractor.nlp(text), extractor.lexicon)}


@pytest.mark.parametrize("text, name", [
    # a quoted name after a trigger word, with words between them
    ("La Marina presentó los resultados del operativo “Tormenta del Norte” en Sonora.", "Tormenta del Norte"),
    ("Se informó de la operación estadounidense “Sin dejar rastro”.", "Sin dejar rastro"),
    ("El Ejército lanzó el operativo denominado 'Cosecha Segura' en Michoacán.", "Cosecha Segura"),
    ("Anunciaron operaciones como “Halcón Negro” y la “Misión Escudo”.", "Halcón Negro"),
    ("Anunciaron operaciones como “Halcón Negro” y la “Misión Escudo”.", "Misión Escudo"),
    ("Se dará pie a la llamada «Misión Relámpago» en la frontera.", "Misión Relámpago"),
    # a capitalized trigger that begins a capitalized name
    ("La Operación Frontera Norte continuará hasta diciembre.", "Operación Frontera Norte"),
    ("El gobierno presentó el Plan Sonora de Energía Sostenible.", "Plan Sonora de Energía Sostenible"),
    ("Se revisó el Programa de Cooperación sobre Seguridad Fronteriza y Aplicación de la Ley.",
     "Programa de Cooperación sobre Seguridad Fronteriza y Aplicación de la Ley"),
    ("La Estrategia Nacional de Seguridad reducirá los homicidios.", "Estrategia Nacional de Seguridad"),
    ("Se firmó el Plan Michoacán por la Paz y la Justicia en Morelia.", "Plan Michoacán por la Paz y la Justicia"),
    # a lower-case trigger right before a name
    ("Ampliarán el uso de la herramienta eTrace para rastrear armas.", "eTrace"),
    ("El programa Sembrando Vida llegó a 20 estados.", "Sembrando Vida"),
])
def test_finds_operation_names(extractor, text, name):
    assert name in operations(extractor, text)


@pytest.mark.parametrize("text", [
    "El plan de trabajo incluye reuniones semanales en la capital.",
    "La estrategia de seguridad se mantiene, dijo el vocero.",
    "El programa de cooperación de seguridad fronteriza prioriza el combate al tráfico de armas.",
    "Destacaron la “colaboración sin subordinación” entre ambos países.",
    "Incrementar operativos fronterizos para frenar el trasiego de armas.",
    "Plan de trabajo para 2026: reuniones y visitas.",
])
def test_no_operation_where_there_is_none(extractor, text):
    assert operations(extractor, text) == set()


@pytest.mark.parametrize("text, canonical", [
    # "A: B" is A; the same name after another trigger; a one-letter slip; "A (B)"
    ("Se presentó la “Misión Escudo: Iniciativa contra el Tráfico de Armas”. La Misión Escudo inicia hoy.",
     {"Misión Escudo"}),
    ("La Operación Relámpago comenzó. La Misión Relámpago terminó en marzo.", {"Operación Relámpago"}),
    ("La Misión Cortafuegos avanza. La llamada “Misión Contrafuegos” se anunció en McAllen.",
     {"Misión Cortafuegos"}),
    ("Lanzaron la Misión Firewall (Misión Cortafuegos) en septiembre.", {"Misión Firewall"}),
])
def test_variants_of_one_operation_share_a_canonical_name(extractor, text, canonical):
    assert operations(extractor, text) == canonical


def test_operation_names_do_not_become_organizations_or_places(extractor):
    from pipeline.extract.mentions import find_entities

    doc = extractor.nlp("Estados Unidos anuncia la Misión Cortafuegos y el Plan México con la SRE.")
    assert {m.name for m in find_entities(doc, extractor.lexicon)} == {
        "Estados Unidos", "Secretaría de Relaciones Exteriores"}
