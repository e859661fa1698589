"""Review in Datasette: metadata, canned queries, and corrections kept as decisions."""

from __future__ import annotations

import asyncio
import re

import pytest
from datasette.app import Datasette

from pipeline.models import Article, DateMention, EventMention, Extraction, Mention, Participant
from pipeline.review import app, metadata
from pipeline.store import decisions

TEXT = "Ana Pérez se reunió con Luis Gómez en Monterrey el 3 de marzo de 2025."


def extraction(url="https://a.mx/nota/1", names=("Ana Pérez", "Luis Gómez"), source="a.mx") -> Extraction:
    """An article naming two people who met in Monterrey."""
    people = [Mention("person", n, n, 0, len(n), TEXT) for n in names]
    event = EventMention("meeting", "se reunió", TEXT, 0, len(TEXT), date="2025-03-03", granularity="day",
                         place="Monterrey", participants=[Participant(n, "person") for n in names])
    event.label = "Reunión · Ana Pérez – Luis Gómez · Monterrey · 2025-03-03"
    article = Article(url=url, source=source, title="Reunión en Monterrey", text=TEXT, published="2025-03-04",
                      published_by="metadata", fetched_at="2025-03-04T10:00:00+00:00", content_hash=f"h-{url}")
    return Extraction(article=article, mentions=[*people, Mention("place", "Monterrey", "Monterrey", 38, 47, TEXT)],
                      dates=[DateMention("3 de marzo de 2025", "2025-03-03", "day", 51, 68)], events=[event],
                      model="m", extractor_version="1")


@pytest.fixture
def ds(store):
    store.save(extraction())
    return app(store.path)


def get(ds: Datasette, path: str, **kwargs):
    return asyncio.run(ds.client.get(path, **kwargs))


def post_as(ds: Datasette, actor: str | None, path: str, data: dict):
    """Submit a canned query's form as a browser would (CSRF token included), signed in as `actor`."""
    cookies = {"ds_actor": ds.sign({"a": {"id": actor}}, "actor")} if actor else {}

    async def go():
        form = await ds.client.get(path, cookies=cookies)
        if form.status_code != 200:
            return form
        token = re.search(r'name="csrftoken" value="([^"]+)"', form.text).group(1)
        return await ds.client.post(path, data={**data, "csrftoken": token},
                                    cookies={**cookies, "ds_csrftoken": form.cookies["ds_csrftoken"]})
    return asyncio.run(go())


def rows(ds: Datasette, path: str) -> list[dict]:
    base, _, query = path.partition("?")
    response = get(ds, f"{base}.json?{query}&_shape=array")
    assert response.status_code == 200, response.text
    return response.json()


# ── metadata ─────────────────────────────────────────────────────────────────────────────────
def test_every_table_and_events_column_is_described(store):
    meta = metadata(store.path.stem)["databases"][store.path.stem]
    tables = {t for t in store.db.table_names() if not t.startswith(("articles_fts", "entity_search_"))}
    assert tables <= set(meta["tables"]) and all(meta["tables"][t].get("description") for t in tables)
    assert set(store.db["events"].columns_dict) - {"id"} <= set(meta["tables"]["events"]["columns"])


def test_writable_queries_need_a_signed_in_actor():
    queries = metadata()["databases"]["news"]["queries"]
    writable = [q for q in queries.values() if q.get("write")]
    assert len(writable) == 7 and all(q["allow"] == {"id": "*"} and ":_actor_id" in q["sql"] for q in writable)


def test_password_accounts_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("PASSWORD_HASH_ANA", "pbkdf2_sha256$x")
    assert metadata()["plugins"]["datasette-auth-passwords"] == {"ana_password_hash": {"$env": "PASSWORD_HASH_ANA"}}


# ── reading ──────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("path, expected", [
    ("/news/timeline?type=meeting&date_from=2025-03&date_to=2025-03-31&entity=Luis", "Reunión · Ana Pérez"),
    ("/news/entity_profile?entity=Ana+P%C3%A9rez", "Luis Gómez"),
    ("/news/articles_mentioning?entity=Luis+G%C3%B3mez", "Reunión en Monterrey"),
    ("/news/top_entities?kind=person", "Ana Pérez"),
    ("/news/review_queue?what=", "Monterrey"),
    ("/news/event_evidence?event_id=1", "se reunió con"),
    ("/news/source_health", "a.mx"),
    ("/news/recent_runs", ""),
    ("/news/decisions_log", ""),
    ("/news/articles?_search=Monterrey", "Reunión en Monterrey"),
    ("/news/events?_facet=type", "meeting"),
])
def test_canned_queries_and_pages_answer(ds, path, expected):
    response = get(ds, path)
    assert response.status_code == 200 and expected in response.text


def test_timeline_filters(ds):
    assert rows(ds, "/news/timeline?type=transfer&date_from=&date_to=&entity=") == []
    assert rows(ds, "/news/timeline?type=&date_from=2025-04&date_to=&entity=") == []
    assert [r["event_id"] for r in rows(ds, "/news/timeline?type=&date_from=&date_to=2025&entity=Monterrey")] == [1]


# ── correcting ───────────────────────────────────────────────────────────────────────────────
def test_anonymous_visitors_cannot_write(ds, store):
    assert post_as(ds, None, "/news/confirm_event", {"event_id": "1", "note": ""}).status_code == 403
    assert store.db["decisions"].count == 0


def test_a_decision_records_who_and_applies_at_once(ds, store):
    response = post_as(ds, "ana", "/news/mark_event_wrong", {"event_id": "1", "note": "no fue reunión"})
    assert response.status_code == 302 and response.headers["location"] == "/-/review/news/decided"
    decision = next(store.db.query("SELECT actor, action, event_label, note FROM decisions"))
    assert decision == {"actor": "ana", "action": "event_wrong", "note": "no fue reunión",
                        "event_label": "Reunión · Ana Pérez – Luis Gómez · Monterrey · 2025-03-03"}
    assert rows(ds, "/news/timeline?type=&date_from=&date_to=&entity=") == []


def test_bad_decision_is_refused_with_a_message(ds, store):
    post_as(ds, "ana", "/news/merge_entity", {"entity_id": "1", "into_id": "3", "note": ""})  # person into place
    assert store.db["decisions"].count == 0 and store.db["entities"].get(1)["review_status"] is None


def entity(store, name: str) -> dict:
    return next(store.db.query("SELECT * FROM entities WHERE name = ?", [name]), {})


def mentioned(store) -> list[str]:
    return sorted(r["name"] for r in store.db.query(
        "SELECT DISTINCT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id"))


def test_rename_holds_on_later_ingests(store):
    store.save(extraction())
    luis = entity(store, "Luis Gómez")["id"]
    decisions.record(store.db, "ana", "entity_rename", entity_id=luis, target="Luis Gómez Ruiz")
    store.save(extraction("https://b.mx/nota/2", source="b.mx"))
    assert mentioned(store) == ["Ana Pérez", "Luis Gómez Ruiz", "Monterrey"] and not entity(store, "Luis Gómez")


def test_merge_holds_on_later_ingests_and_reprocess(store):
    store.save(extraction(names=("Ana Pérez", "Luis Gómez", "L. Gómez")))
    decisions.record(store.db, "ana", "entity_merge", entity_id=entity(store, "L. Gómez")["id"],
                     target_id=entity(store, "Luis Gómez")["id"])
    store.save(extraction(names=("Ana Pérez", "L. Gómez")))  # the same article, extracted again
    assert mentioned(store) == ["Ana Pérez", "Luis Gómez", "Monterrey"]
    assert entity(store, "L. Gómez")["review_status"] == "merged"


def test_wrong_entity_stays_flagged_and_is_not_duplicated(store):
    store.save(extraction())
    wrong = entity(store, "Monterrey")["id"]
    decisions.record(store.db, "ana", "entity_wrong", entity_id=wrong)
    x = extraction()
    x.mentions = x.mentions[:2]
    store.save(x)  # no longer mentioned: kept, flagged
    store.save(extraction("https://b.mx/nota/2", source="b.mx"))
    assert [(r["id"], r["review_status"]) for r in store.db.query(
        "SELECT id, review_status FROM entities WHERE name = 'Monterrey'")] == [(wrong, "wrong")]


def test_rename_onto_an_existing_name_is_a_merge(store):
    store.save(extraction(names=("Ana Pérez", "Luis Gómez", "L. Gómez")))
    decisions.record(store.db, "ana", "entity_rename", entity_id=entity(store, "L. Gómez")["id"], target="Luis Gómez")
    assert mentioned(store) == ["Ana Pérez", "Luis Gómez", "Monterrey"]
    assert entity(store, "L. Gómez")["merged_into"] == entity(store, "Luis Gómez")["id"]
