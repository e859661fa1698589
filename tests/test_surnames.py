"""A lone surname of people named in full in the article is a person, not a place."""

from __future__ import annotations

from pipeline.extract.mentions import find_entities


def kinds(extractor, text: str) -> dict[str, str]:
    return {m.text: m.kind for m in find_entities(extractor.nlp(text), extractor.lexicon)}


def test_a_surname_two_people_share_is_still_a_person(extractor):
    text = ("La presidenta habló con Donald Trump. Saludó a Melania Trump. "
            "Precisó que la comunicación fue iniciativa de Trump como continuidad.")
    assert kinds(extractor, text).get("Trump") == "person"


def test_a_place_named_like_a_person_after_en_stays_a_place(extractor):
    text = "El senador Juan Zepeda votó en contra. La brigada llegó desde Zepeda por la tarde."
    assert kinds(extractor, text)["Zepeda"] == "place"
