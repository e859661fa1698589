"""One entity per person across articles, whichever of their surnames each article gives (the store)."""

from __future__ import annotations

import itertools

import pytest

from pipeline.config import load_config
from pipeline.models import Article, Extraction, Mention
from pipeline.run import ingest, reprocess
from pipeline.store import decisions, open_store

from .data.workdir import write_config

_ids = itertools.count()


# ── the store ────────────────────────────────────────────────────────────────────────────────
def article(*people: str, url: str | None = None, text: str | None = None) -> Extraction:
    """An article naming `people` (each as its canonical name)."""
    n = next(_ids)
    url = url or f"https://a.mx/nota/{n}"
    text = text or f"nota {n}"
    a = Article(url=url, source="a.mx", title="t", text=text, published="2025-12-11", published_by="metadata",
                fetched_at="2025-12-11T10:00:00+00:00", content_hash=f"h-{url}-{text}")
    return Extraction(article=a, mentions=[Mention("person", p, p, 0, len(p)) for p in people],
                      model="m", extractor_version="1")


def people(store) -> dict[str, list[str]]:
    """Each person entity's name -> its aliases."""
    rows = store.db.execute("SELECT e.name, a.name FROM entities e LEFT JOIN entity_aliases a ON a.entity_id = e.id "
                            "WHERE e.kind = 'person' ORDER BY e.name, a.name")
    out: dict[str, list[str]] = {}
    for entity, alias in rows:
        out.setdefault(entity, []).extend([alias] if alias else [])
    return out


def articles_of(store, name: str) -> int:
    return store.db.execute("SELECT COUNT(DISTINCT m.article_id) FROM mentions m JOIN entities e ON e.id = m.entity_id "
                            "WHERE e.name = ?", [name]).fetchone()[0]


def test_surnames_added_at_the_end_are_one_person(store):
    store.save(article("Claudia Sheinbaum"))
    store.save(article("Claudia Sheinbaum Pardo"))
    assert people(store) == {"Claudia Sheinbaum Pardo": ["Claudia Sheinbaum", "Claudia Sheinbaum Pardo"]}
    assert articles_of(store, "Claudia Sheinbaum Pardo") == 2


def test_the_entity_keeps_its_id_when_a_longer_name_arrives(store):
    store.save(article("Claudia Sheinbaum"))
    first = store.db.execute("SELECT id FROM entities").fetchone()
    store.save(article("Claudia Sheinbaum Pardo"))
    assert store.db.execute("SELECT id FROM entities").fetchall() == [first]


@pytest.mark.parametrize("order", list(itertools.permutations(["Juan Pérez", "Juan Pérez García", "Juan Pérez López"])))
def test_a_name_two_people_could_have_stays_apart_whatever_the_order(store, order):
    for name in order:
        store.save(article(name))
    assert people(store) == {"Juan Pérez": ["Juan Pérez"], "Juan Pérez García": ["Juan Pérez García"],
                             "Juan Pérez López": ["Juan Pérez López"]}


@pytest.mark.parametrize("lone", ["Sheinbaum", "Claudia"])
def test_a_lone_first_name_or_surname_is_never_merged(store, lone):
    store.save(article(lone))
    store.save(article("Claudia Sheinbaum Pardo"))
    assert set(people(store)) == {lone, "Claudia Sheinbaum Pardo"}


def test_a_name_no_article_gives_any_more_goes_and_the_person_is_renamed_back(store):
    store.save(article("Claudia Sheinbaum"))
    store.save(article("Claudia Sheinbaum Pardo", url="https://a.mx/larga"))
    store.save(article("Claudia Sheinbaum", url="https://a.mx/larga", text="corregida"))  # the same article, again
    assert people(store) == {"Claudia Sheinbaum": ["Claudia Sheinbaum"]}
    assert articles_of(store, "Claudia Sheinbaum") == 2


def test_when_the_ambiguity_goes_the_short_name_joins(store):
    store.save(article("Juan Pérez"))
    store.save(article("Juan Pérez García"))
    store.save(article("Juan Pérez López", url="https://a.mx/lopez"))
    store.save(article("Marcelo Ebrard", url="https://a.mx/lopez", text="otra"))
    assert people(store)["Juan Pérez García"] == ["Juan Pérez", "Juan Pérez García"]
    assert "Juan Pérez López" not in people(store)


def test_a_reviewers_rename_of_the_person_holds(store):
    store.save(article("Claudia Sheinbaum"))
    store.save(article("Claudia Sheinbaum Pardo"))
    entity = store.db.execute("SELECT id FROM entities").fetchone()[0]
    decisions.record(store.db, "ana", "entity_rename", entity_id=entity, target="Claudia Sheinbaum P.")
    store.save(article("Claudia Sheinbaum"))
    assert people(store) == {"Claudia Sheinbaum P.": ["Claudia Sheinbaum", "Claudia Sheinbaum Pardo"]}
    assert articles_of(store, "Claudia Sheinbaum P.") == 3


def test_a_reviewers_merge_of_a_short_name_holds(store):
    for name in ("Juan Pérez", "Juan Pérez García", "Juan Pérez López"):
        store.save(article(name, url=f"https://a.mx/{name}"))
    short, into = (store.db.execute("SELECT id FROM entities WHERE name = ?", [n]).fetchone()[0]
                   for n in ("Juan Pérez", "Juan Pérez López"))
    decisions.record(store.db, "ana", "entity_merge", entity_id=short, target_id=into)
    assert people(store)["Juan Pérez López"] == ["Juan Pérez", "Juan Pérez López"]  # at once
    store.save(article("Juan Pérez", url="https://a.mx/Juan Pérez", text="otra vez"))  # extracted again
    assert people(store)["Juan Pérez López"] == ["Juan Pérez", "Juan Pérez López"]
    assert articles_of(store, "Juan Pérez López") == 2 and articles_of(store, "Juan Pérez García") == 1


def test_a_confirmed_person_stays_confirmed_under_its_longer_name(store):
    store.save(article("Claudia Sheinbaum"))
    entity = store.db.execute("SELECT id FROM entities").fetchone()[0]
    decisions.record(store.db, "ana", "entity_confirm", entity_id=entity)
    store.save(article("Claudia Sheinbaum Pardo"))
    assert store.db.execute("SELECT id, name, review_status FROM entities").fetchall() == \
        [(entity, "Claudia Sheinbaum Pardo", "confirmed")]


def test_a_name_marked_wrong_lends_nothing_to_a_person_named_in_full(store):
    store.save(article("Benito Juárez"))  # the borough, taken for a person
    wrong = store.db.execute("SELECT id FROM entities").fetchone()[0]
    decisions.record(store.db, "ana", "entity_wrong", entity_id=wrong)
    store.save(article("Benito Juárez García"))
    store.save(article("Benito Juárez"))
    assert people(store) == {"Benito Juárez": ["Benito Juárez"], "Benito Juárez García": ["Benito Juárez García"]}
    assert store.db.execute("SELECT review_status FROM entities WHERE id = ?", [wrong]).fetchone() == ("wrong",)
    assert articles_of(store, "Benito Juárez") == 2


# ── the whole pipeline: two runs, reprocess ────────────────────────────────────────────────────
FIRST = ("La presidenta Claudia Sheinbaum encabezó la reunión en Palacio Nacional con el gabinete de seguridad.\n\n"
         "Durante el encuentro se revisaron los avances en la reducción de homicidios en el país y las acciones "
         "previstas para el cierre del año en los estados con más incidencia delictiva.")
SECOND = ("La presidenta Claudia Sheinbaum Pardo viajó a Monterrey para inaugurar un hospital.\n\n"
          "El nuevo hospital atenderá a más de un millón de personas de la zona metropolitana y contará con "
          "especialidades que hasta ahora solo se ofrecían en la capital del estado.")


@pytest.fixture
def two_runs(tmp_path):
    """Two articles, ingested in two runs: one names the president with one surname, one with both."""
    folder = tmp_path / "notas"
    folder.mkdir()
    config = load_config(write_config(tmp_path, {"notas": folder}))
    for n, text in enumerate((FIRST, SECOND)):
        front = f"---\npublished: 2025-12-1{n}\ntitle: Nota {n}\nurl: https://noticias.example.mx/{n}\n---\n"
        (folder / f"nota-{n}.txt").write_text(front + text + "\n", encoding="utf-8")
        ingest(config)
    return config


@pytest.mark.slow
def test_two_runs_make_one_person_and_reprocess_keeps_it(two_runs):
    with open_store(two_runs.path("news.db")) as store:
        assert people(store) == {"Claudia Sheinbaum Pardo": ["Claudia Sheinbaum", "Claudia Sheinbaum Pardo"]}
        entity = store.db.execute("SELECT id FROM entities WHERE kind = 'person'").fetchone()[0]
        decisions.record(store.db, "ana", "entity_confirm", entity_id=entity)
    reprocess(two_runs)
    with open_store(two_runs.path("news.db")) as store:
        assert people(store) == {"Claudia Sheinbaum Pardo": ["Claudia Sheinbaum", "Claudia Sheinbaum Pardo"]}
        assert store.db.execute("SELECT id, review_status FROM entities WHERE kind = 'person'").fetchall() == \
            [(entity, "confirmed")]
        assert articles_of(store, "Claudia Sheinbaum Pardo") == 2


@pytest.mark.slow
def test_a_reviewers_rename_survives_reprocess(two_runs):
    with open_store(two_runs.path("news.db")) as store:
        entity = store.db.execute("SELECT id FROM entities WHERE kind = 'person'").fetchone()[0]
        decisions.record(store.db, "ana", "entity_rename", entity_id=entity, target="Claudia Sheinbaum (presidenta)")
    reprocess(two_runs)
    with open_store(two_runs.path("news.db")) as store:
        assert people(store) == {"Claudia Sheinbaum (presidenta)": ["Claudia Sheinbaum", "Claudia Sheinbaum Pardo"]}
        assert articles_of(store, "Claudia Sheinbaum (presidenta)") == 2


def test_export_names_a_person_as_each_article_does_and_a_reviewers_name_as_given(store):
    """One entity, but the export of an article that never writes "Pardo" does not add it."""
    from pipeline.store.export import export_rows

    short, full = article("Claudia Sheinbaum"), article("Claudia Sheinbaum Pardo")
    store.save(short)
    store.save(full)
    assert store.db.execute("SELECT count(*) FROM entities WHERE kind = 'person'").fetchone() == (1,)
    people = {r["url"]: r["people"] for r in export_rows(store.db)}
    assert people[short.article.url] == ["Claudia Sheinbaum"] and people[full.article.url] == ["Claudia Sheinbaum Pardo"]
    entity_id = store.db.execute("SELECT id FROM entities WHERE kind = 'person'").fetchone()[0]
    decisions.record(store.db, "ana", "entity_rename", entity_id=entity_id, target="Presidenta Claudia Sheinbaum")
    assert {p for r in export_rows(store.db) for p in r["people"]} == {"Presidenta Claudia Sheinbaum"}


@pytest.mark.parametrize("short, full", [
    ("Jose Perez", "José Pérez García"),  # written without accents
    ("Joaquín Guzmán", "Joaquín “El Chapo” Guzmán Loera"),  # the nickname is no word of the name
])
def test_export_recognizes_the_shorter_name_as_the_merge_does(store, short, full):
    from pipeline.store.export import export_rows

    a, b = article(short), article(full)
    store.save(a)
    store.save(b)
    people = {r["url"]: r["people"] for r in export_rows(store.db)}
    assert people[a.article.url] == [short] and people[b.article.url] == [full]
