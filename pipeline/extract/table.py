"""The token attributes the rules read, taken from a parsed article once.

Every `doc[i]`, `for t in doc` and `doc.text` builds Python objects anew (`Doc.text` joins every
token; a `Token` is made on each access), and the rule modules read the same article many times
over. `table(doc)` reads what they need in one pass (`Doc.to_array`, one walk of the sentences)
and keeps it while the doc lives, so every rule module after the first reads plain lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from weakref import WeakKeyDictionary

from spacy.attrs import IDX, LEMMA, MORPH, ORTH, POS
from spacy.tokens import Doc

__all__ = ["Table", "morph_get", "table"]


@dataclass(frozen=True)
class Table:
    """One parsed article as plain lists: texts, offsets, parts of speech, morphology, sentences."""

    text: str  # doc.text
    texts: list[str]  # token texts
    lowers: list[str]  # token texts, lower case (str.lower, as spaCy's `lower_`)
    idx: list[int]  # character offset of each token
    pos: list[str]  # coarse part of speech (`pos_`)
    lemmas: list[str]  # `lemma_`
    morphs: list[str]  # the morphological features, "Mood=Ind|Tense=Past|VerbForm=Fin"
    sentences: list[tuple[int, int]]  # (start_char, end_char) of spaCy's sentences

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text` (0 <= start), without making the span."""
        end = min(end, len(self.texts))
        if start >= end:
            return ""
        return self.text[self.idx[start] : self.idx[end - 1] + len(self.texts[end - 1])]

    def morph(self, i: int, field: str) -> tuple[str, ...]:
        """`doc[i].morph.get(field)`: the values of one feature of token i."""
        return morph_get(self.morphs[i], field)


_tables: WeakKeyDictionary[Doc, Table] = WeakKeyDictionary()


def table(doc: Doc) -> Table:
    """The doc's table, built on the first call and kept as long as the doc lives."""
    found = _tables.get(doc)
    if found is None:
        found = _tables[doc] = _build(doc)
    return found


def _build(doc: Doc) -> Table:
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, IDX, POS, LEMMA, MORPH]).tolist() if len(doc) else []
    texts = [strings[r[0]] for r in rows]
    return Table(
        text=doc.text,
        texts=texts,
        lowers=[t.lower() for t in texts],
        idx=[r[1] for r in rows],
        pos=[strings[r[2]] if r[2] else "" for r in rows],
        lemmas=[strings[r[3]] if r[3] else "" for r in rows],
        morphs=[_features(strings[r[4]]) if r[4] else "" for r in rows],
        sentences=[(s.start_char, s.end_char) for s in doc.sents] if len(doc) else [],
    )


def _features(morph: str) -> str:
    return "" if morph == "_" else morph  # spaCy stores an empty analysis as "_"


@lru_cache(maxsize=4096)
def morph_get(morph: str, field: str) -> tuple[str, ...]:
    """The values of `field` in a features string, as `MorphAnalysis.get` gives them."""
    for feature in morph.split("|"):
        name, _, values = feature.partition("=")
        if name == field:
            return tuple(values.split(","))
    return ()
