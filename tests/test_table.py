"""The token table the rules read gives what the doc itself gives, token by token."""

from __future__ import annotations

import pytest

from pipeline.extract.table import table
from pipeline.merge.text import fold, fold_each

TEXTS = [
    "El presidente fue detenido ayer en la Ciudad de México.  Los capos trasladados llegaron a Texas.-",
    "SEGURIDAD\n\nLa Secretaría de Marina (Semar) informó que “El Mencho” sigue prófugo, según la DEA.",
    "Hola.",
    "",
    "  \n\n ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_table_matches_the_doc(nlp, text):
    doc = nlp(text)
    read = table(doc)
    assert read.text == doc.text
    assert read.texts == [t.text for t in doc]
    assert read.lowers == [t.lower_ for t in doc]
    assert read.idx == [t.idx for t in doc]
    assert read.pos == [t.pos_ for t in doc]
    assert read.lemmas == [t.lemma_ for t in doc]
    assert read.morphs == [str(t.morph) for t in doc]
    assert read.sentences == ([(s.start_char, s.end_char) for s in doc.sents] if len(doc) else [])


@pytest.mark.parametrize("field", ["VerbForm", "Tense", "Number", "Gender", "Mood"])
def test_morphology_as_spacy_reads_it(nlp, field):
    doc = nlp(TEXTS[0] + " " + TEXTS[1])
    assert [list(table(doc).morph(i, field)) for i in range(len(doc))] == [t.morph.get(field) for t in doc]


def test_span_text_is_the_span_text(nlp):
    doc = nlp(TEXTS[1])
    read = table(doc)
    spans = [(a, b) for a in range(len(doc)) for b in range(a, len(doc) + 3)]
    assert [read.span_text(a, b) for a, b in spans] == [doc[a:b].text for a, b in spans]


def test_one_table_per_doc(nlp):
    first, second = nlp(TEXTS[0]), nlp(TEXTS[0])
    assert table(first) is table(first) and table(first) is not table(second)


@pytest.mark.parametrize("name", ["José  PÉREZ", "“El Mencho”", "Jose Perez", " (Ciudad de México). ", "Ærø"])
def test_fold_remembered_folds_alike(name):
    assert fold(name) == fold_each(name) == fold(name)
