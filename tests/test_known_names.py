"""A word that opens non-entities ("Mundial 2026") does not block a known name it ends."""

from __future__ import annotations

import pytest

from pipeline.extract.mentions import find_entities


def names(extractor, text: str) -> dict[str, str]:
    return {m.name: m.kind for m in find_entities(extractor.nlp(text), extractor.lexicon)}


@pytest.mark.parametrize("text", [
    "México es el segundo país que más remesas recibe, según datos del Banco Mundial.",
    "La decisión del Banco Mundial fue clara.",
])
def test_a_known_body_holding_a_blocked_word_is_found(extractor, text):
    assert names(extractor, text).get("Banco Mundial") == "organization"


def test_the_blocked_word_still_opens_no_name(extractor):
    assert "Mundial" not in " ".join(names(extractor, "El Mundial 2026 será en México y Canadá."))


def test_designated_criminal_organizations_are_known_wherever_written(extractor):
    found = {(m.kind, m.name) for m in find_entities(extractor.nlp(
        "Los Chapitos y el Tren de Aragua fueron designados como terroristas, como el CJNG."), extractor.lexicon)}
    assert {("organization", "Los Chapitos"), ("organization", "Tren de Aragua"),
            ("organization", "Cártel de Jalisco Nueva Generación")} <= found
