"""What the store keeps for the review desk: names beside each article, a title, search by any
name, where places are, and splitting a person the machine merged wrongly."""

from __future__ import annotations

import json

import pytest

from pipeline.models import Article, Extraction, Mention
from pipeline.store import decisions
from pipeline.store.facets import first_sentence


def article(url: str, mentions: list[tuple[str, str]], title: str | None = "Nota", text: str | None = None) -> Extraction:
    """An article naming (kind, name) pairs, each once, in order."""
    text = text or " ".join(name for _, name in mentions) + "."
    starts = [text.find(name) for _, name in mentions]
    found = [Mention(kind, name, name, s, s + len(name), text) for (kind, name), s in zip(mentions, starts, strict=True)]
    a = Article(url=url, source="a.mx", title=title, text=text, published="2025-03-04", published_by="metadata",
                fetched_at="2025-03-04T10:00:00+00:00", content_hash=f"h-{url}")
    return Extraction(article=a, mentions=found, dates=[], events=[], model="m", extractor_version="1")


def names(store, url: str, column: str) -> list[str]:
    return json.loads(store.db.execute(f"SELECT {column} FROM articles WHERE url = ?", [url]).fetchone()[0])


def entity(store, name: str) -> dict:
    return next(store.db.query("SELECT * FROM entities WHERE name = ?", [name]), {})


def search(store, text: str) -> list[str]:
    query = " ".join(f'"{w}"*' for w in text.split())
    return sorted(r["name"] for r in store.db.query(
        "SELECT name FROM entities WHERE id IN (SELECT rowid FROM entity_search WHERE entity_search MATCH ?)", [query]))


# ── names beside each article ────────────────────────────────────────────────────────────────
def test_article_lists_its_names_by_kind_in_order_of_mention(store):
    store.save(article("u1", [("place", "Monterrey"), ("person", "Ana Pérez"), ("organization", "SRE"),
                              ("person", "Luis Gómez"), ("operation", "Operativo Enjambre")]))
    assert names(store, "u1", "people") == ["Ana Pérez", "Luis Gómez"]
    assert [names(store, "u1", c) for c in ("places", "organizations", "operations")] == [
        ["Monterrey"], ["SRE"], ["Operativo Enjambre"]]


def test_lists_follow_people_merged_across_articles(store):
    store.save(article("u1", [("person", "Claudia Sheinbaum")]))
    store.save(article("u2", [("person", "Claudia Sheinbaum Pardo")]))
    assert names(store, "u1", "people") == names(store, "u2", "people") == ["Claudia Sheinbaum Pardo"]


@pytest.mark.parametrize("action, extra, expected", [
    ("entity_rename", {"target": "Luis Gómez Ruiz"}, ["Ana Pérez", "Luis Gómez Ruiz"]),
    ("entity_wrong", {}, ["Ana Pérez"]),
    ("entity_merge", {"into": "Ana Pérez"}, ["Ana Pérez"]),
])
def test_lists_follow_decisions_at_once_and_after_a_new_save(store, action, extra, expected):
    x = article("u1", [("person", "Ana Pérez"), ("person", "Luis Gómez")])
    store.save(x)
    into = {"target_id": entity(store, extra.pop("into"))["id"]} if "into" in extra else {}
    decisions.record(store.db, "ana", action, entity_id=entity(store, "Luis Gómez")["id"], **extra, **into)
    assert names(store, "u1", "people") == expected
    store.save(article("u1", [("person", "Ana Pérez"), ("person", "Luis Gómez")], text=x.article.text + " "))
    assert names(store, "u1", "people") == expected


# ── titles ───────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("text, title", [
    ("El subsecretario Roberto Velasco viajó. Luego habló.", "El subsecretario Roberto Velasco viajó"),
    ("Primera línea sin punto\nSegunda línea.", "Primera línea sin punto"),
    ("EE.UU. y México firmaron. Después…", "EE.UU. y México firmaron"),
    ("palabra " * 40, ("palabra " * 13).strip() + "…"),
    ("", None),
])
def test_first_sentence_makes_a_headline(text, title):
    assert first_sentence(text) == title


def test_an_article_without_title_gets_its_first_sentence(store):
    store.save(article("u1", [("person", "Ana Pérez")], title=None, text="Ana Pérez llegó a Monterrey. Luego habló."))
    assert store.db.execute("SELECT title FROM articles").fetchone()[0] == "Ana Pérez llegó a Monterrey"


# ── search by any name ───────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("typed, found", [
    ("Mexico", ["México"]),
    ("velasco", ["Roberto Velasco Álvarez"]),
    ("roberto VELASCO", ["Roberto Velasco Álvarez"]),
    ("vela", ["Roberto Velasco Álvarez"]),
    ("alvarez", ["Roberto Velasco Álvarez"]),
    ("Tamaulipas", []),
])
def test_entities_are_found_without_accents_or_case_by_any_name(store, typed, found):
    store.save(article("u1", [("place", "México"), ("person", "Roberto Velasco")]))
    store.save(article("u2", [("person", "Roberto Velasco Álvarez")]))
    assert search(store, typed) == found


def test_search_follows_renames_and_aliases(store):
    store.save(article("u1", [("person", "Luis Gómez")]))
    decisions.record(store.db, "ana", "entity_rename", entity_id=entity(store, "Luis Gómez")["id"], target="Luis Gómez Ruiz")
    assert search(store, "ruiz") == search(store, "luis gomez") == ["Luis Gómez Ruiz"]


# ── where places are ─────────────────────────────────────────────────────────────────────────
def where(store, name: str) -> tuple:
    row = entity(store, name)
    return (row["country"], round(row["latitude"]), round(row["longitude"])) if row["latitude"] else (None,)


@pytest.mark.parametrize("context, expected", [
    ([("place", "Jalisco")], ("MX", 21, -103)),
    ([("place", "España")], ("ES", 41, -3)),
    ([], (None,)),                        # two Guadalajaras and nothing to tell them apart: no guess
])
def test_an_ambiguous_place_is_placed_by_the_countries_named_beside_it(store, context, expected):
    store.save(article("u1", [("place", "Guadalajara"), *context]))
    assert where(store, "Guadalajara") == expected


def test_places_known_unknown_and_curated(store):
    store.save(article("u1", [("place", "Washington"), ("place", "McAllen"), ("place", "Villa Inventada"),
                              ("place", "Nuevo León")]))
    assert where(store, "Washington") == ("US", 39, -77)  # the capital, not the state nor Washington, Illinois
    assert where(store, "McAllen") == ("US", 26, -98) and where(store, "Nuevo León") == ("MX", 26, -100)
    assert where(store, "Villa Inventada") == (None,)


def test_context_from_a_later_article_places_a_place_named_before(store):
    store.save(article("u1", [("place", "Guadalajara")]))
    store.save(article("u2", [("place", "Guadalajara"), ("place", "Jalisco")]))
    assert where(store, "Guadalajara")[0] == "MX"


# ── splitting a person ───────────────────────────────────────────────────────────────────────
@pytest.fixture
def merged(store):
    """The machine took "Juan Pérez" (a footballer) for "Juan Pérez García" (a senator)."""
    store.save(article("u1", [("person", "Juan Pérez García")]))
    store.save(article("u2", [("person", "Juan Pérez")]))
    store.save(article("u3", [("person", "Juan Pérez García")]))
    assert names(store, "u2", "people") == ["Juan Pérez García"]
    return store


def split(store, names_: list[str], name: str = "Juan Pérez García") -> None:
    decisions.record(store.db, "ana", "entity_split", entity_id=entity(store, name)["id"], names=names_)


def test_a_split_gives_the_names_their_own_person_at_once(merged):
    split(merged, ["Juan Pérez"])
    assert names(merged, "u2", "people") == ["Juan Pérez"] and names(merged, "u1", "people") == ["Juan Pérez García"]
    decision = next(merged.db.query("SELECT target, names, kept FROM decisions"))
    assert decision == {"target": "Juan Pérez", "names": '["Juan Pérez"]', "kept": '["Juan Pérez García"]'}


def test_a_split_holds_when_articles_are_saved_again_and_new_ones_come(merged):
    split(merged, ["Juan Pérez"])
    for url, name in [("u2", "Juan Pérez"), ("u1", "Juan Pérez García"), ("u4", "Juan Pérez")]:
        merged.save(article(url, [("person", name)], text=f"{name} volvió."))
    assert names(merged, "u2", "people") == names(merged, "u4", "people") == ["Juan Pérez"]
    assert names(merged, "u1", "people") == names(merged, "u3", "people") == ["Juan Pérez García"]


@pytest.mark.parametrize("chosen, message", [
    (["Juan Pérez García"], "keeps its own name"),
    (["Pedro Páramo"], "one of the names of this person"),
    ([], "at least one of the names"),
])
def test_a_split_that_cannot_be_is_refused_with_a_reason(merged, chosen, message):
    with pytest.raises(Exception, match=message):
        split(merged, chosen)
    assert merged.db["decisions"].count == 0
