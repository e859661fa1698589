"""CoNLL-2002 in miniature: documents cut at datelines, spans at their offsets, MISC left out."""

from __future__ import annotations

import pytest

from pipeline.errors import ConfigError
from pipeline.evaluate.bench_names import Tally, documents, evaluate_names, read_conll

CONLL = """\
Oaxaca B-LOC
, O
12 O
dic O
( O
EFE B-ORG
) O
. O

El O
gobernador O
Salomón B-PER
Jara I-PER
inauguró O
el O
hospital O
" B-MISC
Esperanza I-MISC
" I-MISC
. O

Monterrey B-LOC
, O
3 O
mar O
( O
EFE B-ORG
) O
. O

La O
empresa O
Cemex B-ORG
abrió O
una O
planta O
en O
Nuevo B-LOC
León I-LOC
. O
"""


@pytest.fixture
def conll(tmp_path):
    path = tmp_path / "esp.testa"
    path.write_text(CONLL, "utf-8")
    return path


def test_a_dateline_starts_a_document_and_spans_keep_their_offsets(conll):
    docs = documents(read_conll(conll))
    assert len(docs) == 2
    first = docs[0]
    assert first.text.startswith("Oaxaca, 12 dic (EFE). El gobernador Salomón Jara")
    assert [(first.text[s:e], k) for s, e, k in first.spans] == [
        ("Oaxaca", "LOC"), ("EFE", "ORG"), ("Salomón Jara", "PER"), ("Esperanza", "MISC")]
    assert 'el hospital "Esperanza".' in first.text  # quotes hug the words they quote


def test_exact_spans_score_and_misc_overlaps_are_left_out():
    tally = Tally()
    gold = [(0, 6, "LOC"), (10, 22, "PER"), (30, 39, "MISC")]
    errors = tally.add(gold, [(0, 6, "LOC"), (10, 16, "PER"), (30, 39, "ORG")])
    assert (tally.tp["LOC"], tally.fp["PER"], tally.fn["PER"], tally.fp["ORG"]) == (1, 1, 1, 0)
    assert sorted(errors) == [("FN", 10, 22, "PER"), ("FP", 10, 16, "PER")]


def test_ours_and_spacys_are_reported_side_by_side(conll, extractor):
    scores, report = evaluate_names(conll, extractor=extractor)
    assert scores["documents"] == 2 and set(scores) >= {"pipeline", "spacy"}
    assert 0.0 <= scores["pipeline"]["all"]["f1"] <= 1.0
    assert report.splitlines()[-2].split()[0] == "pipeline" and report.splitlines()[-1].split()[0] == "spacy"


def test_a_malformed_line_names_file_and_line(tmp_path):
    path = tmp_path / "esp.testa"
    path.write_text("Oaxaca B-LOC\nsin-etiqueta\n", "utf-8")
    with pytest.raises(ConfigError, match="line 2"):
        read_conll(path)
