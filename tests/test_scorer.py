"""The devset scorer: small hand-made gold and predictions, one rule each."""

from __future__ import annotations

import pytest

from pipeline.evaluate.scoring import Tally, equivalents, fold, score, score_dates, score_entities

GOLD = {
    "id": "a1",
    "people": [{"name": "Roberto Velasco Álvarez", "forms": ["Roberto Velasco", "Velasco"]},
               {"name": "Ronald Johnson", "forms": ["Ronald Johnson"]}],
    "places": [{"name": "Estados Unidos", "forms": ["Estados Unidos", "EE.UU."]}],
    "optional": ["América del Norte"],
    "dates": [{"value": "2025-12-11", "forms": ["11 de diciembre"]}],
    "optional_dates": ["2026"],
}


def tally(category: str, predicted: list, gold: dict = GOLD, equiv=None) -> Tally:
    t = Tally()
    score_entities(gold, predicted, category, t, equiv)
    return t


@pytest.mark.parametrize("a, b", [
    ("Secretaría de Relaciones Exteriores", "secretaria de relaciones exteriores"),
    ("“Sin dejar rastro”", "sin dejar rastro"),
    ("  Misión   Cortafuegos. ", "mision cortafuegos"),
    ("Víctor Manuel \"N\"", "victor manuel n"),
])
def test_fold_ignores_case_accents_quotes_and_spacing(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("predicted, hit, fp", [
    (["Roberto Velasco Álvarez", "Ronald Johnson"], 2, 0),
    (["Velasco"], 1, 0),  # any form of the entity hits it
    (["Velasco", "Roberto Velasco", "Roberto Velasco Álvarez"], 1, 0),  # one entity counts once
    (["Crédito"], 0, 1),
    (["América del Norte"], 0, 0),  # optional strings are ignored
    ([{"name": "Ronald Johnson"}], 1, 0),  # predictions may be objects with a name
    ([], 0, 0),
])
def test_entities_hit_forms_once_and_count_false_positives(predicted, hit, fp):
    t = tally("people", predicted)
    assert (t.gold, t.hit, t.fp) == (2, hit, fp)


def test_a_name_in_the_wrong_category_is_a_false_positive():
    t = tally("places", ["Estados Unidos", "Ronald Johnson"])
    assert (t.hit, t.fp) == (1, 1)
    assert ("FP", "a1", "ronald johnson") in t.misses


def test_misses_name_the_gold_entity_not_found():
    assert tally("people", ["Ronald Johnson"]).misses == [("FN", "a1", "Roberto Velasco Álvarez")]


def test_a_form_from_another_article_of_the_same_entity_hits():
    other = {"id": "a2", "places": [{"name": "Washington, D.C.", "forms": ["Washington"]}]}
    here = {"id": "a3", "places": [{"name": "Washington", "forms": ["Washington"]}]}
    equiv = equivalents([other, here], "places")
    assert tally("places", ["Washington, D.C."], here, equiv).hit == 1


def test_dates_compare_values_and_ignore_optional_ones():
    t = Tally()
    score_dates(GOLD, [{"text": "11 de diciembre", "value": "2025-12-11"}, {"value": "2026"}, "2025-01"], t)
    assert (t.gold, t.hit, t.fp) == (1, 1, 1)


@pytest.mark.parametrize("hit, gold, fp, expected", [
    (0, 0, 0, (1.0, 1.0, 1.0)),  # nothing to find and nothing found
    (1, 2, 0, (1.0, 0.5, 2 / 3)),
    (2, 2, 2, (0.5, 1.0, 2 / 3)),
    (0, 3, 1, (0.0, 0.0, 0.0)),
])
def test_precision_recall_f1(hit, gold, fp, expected):
    assert Tally(gold=gold, hit=hit, fp=fp).prf() == pytest.approx(expected)


def test_score_micro_averages_over_articles_and_reports_missing_ones():
    golds = [GOLD, {"id": "a2", "people": [{"name": "Esteban Moctezuma", "forms": []}]}]
    out = score(golds, {"a1": {"people": ["Velasco", "Trump"]}}, {"a1": {"published": "2025-12-11"}})
    assert out["people"] == {"p": 0.5, "r": 0.333, "f1": 0.4, "gold": 3, "hit": 1, "fp": 1}
    assert ("MISSING", "article", "a2", "") in out["_misses"]
    assert out["published"] == {"ok": 0, "of": 1}


def test_events_recall_by_date_and_merging_by_key():
    golds = [{"id": i, "events": [{"type": "meeting", "date": "2025-12-11", "key": "gis-2"}]} for i in ("a", "b")]
    same = {i: {"events": [{"id": 7, "type": "meeting", "date": "2025-12-11"}]} for i in ("a", "b")}
    apart = {"a": same["a"], "b": {"events": [{"id": 8, "type": "meeting", "date": "2025-12-11"}]}}
    assert score(golds, same, {})["events"]["merged"] == 1.0
    assert score(golds, apart, {})["events"] == {"recall": 1.0, "gold": 2, "merge_pairs": 1,
                                                 "merged": 0.0, "overmerged_ids": 0}


def test_an_event_on_another_day_is_not_found():
    golds = [{"id": "a", "events": [{"type": "meeting", "date": "2025-12-11", "key": "k"}]}]
    assert score(golds, {"a": {"events": [{"id": 1, "date": "2025-12-12"}]}}, {})["events"]["recall"] == 0.0


def test_verbose_misses_name_events_not_found_split_and_over_merged():
    golds = [
        {"id": "a", "events": [{"type": "meeting", "date": "2025-12-11", "key": "gis-2"},
                               {"type": "call", "date": "2025-12-12", "key": "call"}]},
        {"id": "b", "events": [{"type": "meeting", "date": "2025-12-11", "key": "gis-2"}]},
        {"id": "c", "events": [{"type": "call", "date": "2025-12-12", "key": "call"}]},
    ]
    predictions = {
        "a": {"events": [{"id": 1, "type": "meeting", "date": "2025-12-11"}]},
        "b": {"events": [{"id": 2, "type": "meeting", "date": "2025-12-11"}]},
        "c": {"events": [{"id": 1, "type": "meeting", "date": "2025-12-12"}]},
    }
    misses = {(kind, where) for kind, category, where, _ in score(golds, predictions, {})["_misses"] if category == "events"}
    assert misses == {("MISS", "a"), ("SPLIT", "gis-2"), ("SPLIT", "call"), ("OVER", "#1")}
    predictions["a"]["events"].append({"id": 3, "type": "call", "date": "2025-12-12"})
    predictions["c"]["events"][0]["id"] = 3
    misses = {(kind, where) for kind, category, where, _ in score(golds, predictions, {})["_misses"] if category == "events"}
    assert misses == {("SPLIT", "gis-2")}
