"""The export names a place or body as its article writes it; the entity keeps one canonical name."""

from __future__ import annotations

import itertools

import pytest

from pipeline.models import Article, Extraction, Mention
from pipeline.store import decisions
from pipeline.store.export import export_rows

_ids = itertools.count()


def article(kind: str, name: str, *written: str) -> Extraction:
    """An article whose mentions of one entity (canonical `name`) are written as `written`."""
    n = next(_ids)
    text = " … ".join(written)
    a = Article(url=f"https://a.mx/nota/{n}", source="a.mx", title="t", text=text, published="2025-12-11",
                published_by="metadata", fetched_at="2025-12-11T10:00:00+00:00", content_hash=f"h-{n}")
    mentions, at = [], 0
    for w in written:
        mentions.append(Mention(kind, name, w, at, at + len(w)))
        at += len(w) + 3
    return Extraction(article=a, mentions=mentions, model="m", extractor_version="1")


def exported(store, kind: str) -> list[list[str]]:
    return [r["organizations" if kind == "organization" else "places"] for r in export_rows(store.db)]


@pytest.mark.parametrize("kind, name, written, expected", [
    # the written name goes on from the canonical one: the fullest writing
    ("organization", "Departamento de Justicia", ["Departamento de Justicia de Estados Unidos", "Departamento de Justicia"],
     "Departamento de Justicia de Estados Unidos"),
    ("organization", "Gabinete de Seguridad", ["Gabinete de Seguridad de México"], "Gabinete de Seguridad de México"),
    # the article writes the canonical name: it stays, whatever else it writes
    ("organization", "Servicio Meteorológico Nacional", ["SMN", "Servicio Meteorológico Nacional"],
     "Servicio Meteorológico Nacional"),
    ("place", "Estados Unidos", ["EE.UU.", "ESTADOS UNIDOS"], "Estados Unidos"),
    # the article never writes the canonical name: its own
    ("organization", "Servicio Meteorológico Nacional", ["SMN"], "SMN"),
    ("place", "Estados Unidos", ["EE.UU."], "EE.UU."),
])
def test_a_place_or_body_is_exported_as_its_article_writes_it(store, kind, name, written, expected):
    store.save(article(kind, name, *written))
    assert exported(store, kind) == [[expected]]


def test_articles_writing_a_body_differently_still_share_one_entity(store):
    store.save(article("organization", "Departamento de Justicia", "Departamento de Justicia"))
    store.save(article("organization", "Departamento de Justicia", "DOJ"))
    store.save(article("organization", "Departamento de Justicia", "Departamento de Justicia de EE.UU."))
    assert store.db.execute("SELECT name FROM entities").fetchall() == [("Departamento de Justicia",)]
    assert exported(store, "organization") == [
        ["Departamento de Justicia"], ["DOJ"], ["Departamento de Justicia de EE.UU."]
    ]


def test_a_name_a_reviewer_gave_stays(store):
    store.save(article("organization", "Servicio Meteorológico Nacional", "SMN"))
    entity = store.db.execute("SELECT id FROM entities").fetchone()[0]
    decisions.record(store.db, "ana", "entity_rename", entity_id=entity, target="Servicio Meteorológico Nacional (Conagua)")
    assert exported(store, "organization") == [["Servicio Meteorológico Nacional (Conagua)"]]
