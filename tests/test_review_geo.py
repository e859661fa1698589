"""Where places are, from the gazetteer alone: curated names first, cities by context, no guesses."""

from __future__ import annotations

import pytest

from pipeline.merge.gazetteer import ambiguous, locate


@pytest.mark.parametrize("name, context, country", [
    ("Monterrey", {}, "MX"),             # Monterey, California is also written so: ten times smaller
    ("Guadalajara", {"MX": 3, "ES": 1}, "MX"),
    ("Guadalajara", {"ES": 2}, "ES"),
    ("Guadalajara", {}, None),           # two countries, nothing to tell them apart
    ("Guadalajara", {"MX": 1, "ES": 1}, None),
    ("León", {"MX": 1}, "MX"),           # Mexico's León is known by that name only as another of its names
    ("Washington", {}, "US"),            # curated: the capital
    ("EE.UU.", {}, "US"),
    ("mexico", {}, "MX"),
    ("El Paso", {}, "US"),               # its own name beats a city that is also called so
    ("Pueblo Que No Existe", {}, None),
])
def test_a_place_is_located_only_when_sure(name, context, country):
    found = locate(name, context)
    assert (found.country if found else None) == country


def test_ambiguity_is_by_country():
    assert ambiguous("Guadalajara") and not ambiguous("Monterrey") and not ambiguous("Jalisco")


def test_a_places_context_reads_its_latest_articles_not_all_its_mentions(tmp_path):
    """The query behind the map's country context walks an index from the entity's newest
    article and stops after CONTEXT_ARTICLES: no sort of everything the place was ever named in,
    so storing an article costs the same in a large database as in a small one."""
    from pipeline.store import open_store
    from pipeline.store.geo import CONTEXT_ARTICLES, CONTEXT_SQL

    with open_store(tmp_path / "news.db") as store:
        plan = " | ".join(row[-1] for row in store.db.execute(f"EXPLAIN QUERY PLAN {CONTEXT_SQL}", [1, CONTEXT_ARTICLES, 1]))
    assert "TEMP B-TREE" not in plan, plan
    assert "idx_mentions_entity_article" in plan, plan
    assert plan.index("mentions USING COVERING INDEX idx_mentions_entity_article") < plan.index("SCAN latest"), plan
