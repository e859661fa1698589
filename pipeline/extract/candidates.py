"""Candidate names: spans of a parsed article the rules propose, type and then resolve.

A candidate is a token span with a kind; rules of different trust propose
overlapping candidates and `resolve` keeps, for every stretch of text, the one
of the most trusted rule (then the longest).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from ..merge.text import fold
from .lexicon import Lexicon
from .table import table
from .tokens import ARTICLES, name_like, starts_clause

PERSON, PLACE, ORG, OPERATION = "person", "place", "organization", "operation"
BLOCKED = "none"  # a name that is none of the kinds (a law, an award): its words are no one else's
MISC = "misc"  # a name of unknown kind: an organization if listed with one, else dropped

# Trust of the rule that proposed a candidate: lower wins an overlap.
#   operation  trigger-word rules (operations.py)
#   nickname   "alias “El Toro”" after a person
#   blocked    "Ley …", "Premio …", "Reunión …"
#   head       an organization head, a classifier noun, a place noun ("colonia")
#   person     a person's full name (spaCy's, or after a title)
#   longer     a spaCy name that holds a known one and goes on ("Expo Guadalajara")
#   gazetteer  a known place or body
#   ner        any other spaCy name, cleaned and retyped
PRIORITY = {"operation": 0, "nickname": 1, "blocked": 2, "head": 3, "person": 4, "longer": 5, "gazetteer": 6, "ner": 7}


@dataclass
class Candidate:
    """A proposed name: a token span, its kind and the rule that proposed it."""

    start: int  # token offsets in the doc
    end: int
    kind: str
    rule: str  # one of PRIORITY
    canonical: str | None = None  # fixed by a gazetteer or alias, or decided by `canonical`
    label: str = ""  # the spaCy label it came from, if any

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class Context:
    """One parsed article and what the rules need to know about it, computed once."""

    doc: Doc
    lexicon: Lexicon
    captions: set[int] = field(default_factory=set)  # token indices inside photo captions/credits
    lower_words: set[str] = field(default_factory=set)  # words the article writes in lower case
    name_words: set[str] = field(default_factory=set)  # folded words of the people spaCy names in full
    texts: list[str] = field(default_factory=list)  # token texts, read once (Token objects are dear)
    lowers: list[str] = field(default_factory=list)
    memo: dict[str, Any] = field(default_factory=dict)  # what several rules read, computed on first use

    @classmethod
    def of(cls, doc: Doc, lexicon: Lexicon) -> Context:
        read = table(doc)
        ctx = cls(doc, lexicon, texts=read.texts, lowers=read.lowers)
        for m in lexicon.caption_re.finditer(read.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                ctx.captions.update(range(span.start, span.end))
        ctx.lower_words = {t for t in ctx.texts if t.islower() and t.isalpha()}
        for ent in doc.ents:
            words = [t for t in ent if name_like(t) and t.lower_ not in ARTICLES]
            if ent.label_ == "PER" and len(words) >= 2:
                ctx.name_words.update(fold(t.text) for t in words)
        return ctx

    def text(self, c: Candidate) -> str:
        return table(self.doc).span_text(c.start, c.end)

    def starts_clause(self, i: int) -> bool:
        return starts_clause(self.doc, i)

    def where(self, words: frozenset[str] | set[str], lower: bool = False) -> list[int]:
        """Indices of the tokens whose text (or lower-case text) is one of `words`."""
        seq = self.lowers if lower else self.texts
        return [i for i, t in enumerate(seq) if t in words]

    def common_word(self, i: int) -> bool:
        """A capitalized word the article also writes in lower case ("Seguridad", "Reos")."""
        return self.lowers[i] in self.lower_words

    def dictionary_word(self, i: int) -> bool:
        """A Spanish dictionary word that no person named in full in the article carries."""
        text = self.doc[i].text
        return self.lexicon.is_common_word(text) and fold(text) not in self.name_words

    def in_caption(self, start: int, end: int) -> bool:
        return any(i in self.captions for i in range(start, end))

    def known(self, start: int, end: int) -> str | None:
        """The canonical name of a gazetteer or alias form spanning these tokens, or None."""
        return self.lexicon.canonical(table(self.doc).span_text(start, end))

    def noise(self, start: int, end: int) -> bool:
        """Page furniture, lone "X", handles: never a name."""
        words = self.texts[start:end]
        if any("@" in w or "/" in w or w.startswith("www.") for w in words):
            return True
        text = table(self.doc).span_text(start, end)
        return text in self.lexicon.noise_words or (end - start <= 4 and fold(text) in self.lexicon.boilerplate)


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates: the most trusted rule first, then the longest.

    The tokens already taken are marked, so each candidate is checked against its own
    tokens only, not against every candidate kept before it."""
    kept: list[Candidate] = []
    taken = bytearray(max((c.end for c in candidates), default=0))
    ordered = sorted(candidates, key=lambda c: (PRIORITY[c.rule], -(c.end - c.start), c.start))
    for c in ordered:
        if not any(taken[c.start : c.end]):
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def trim(doc: Doc, start: int, end: int, lexicon: Lexicon) -> tuple[int, int]:
    """Drop what precedes or follows a name inside a span: articles, prepositions, adverbs,
    titles ("el embajador"), a trailing lower-case adjective ("Guardia Nacional mexicana")."""
    while start < end and _leading_junk(doc, start, lexicon):
        start += 1
    while end > start and (not name_like(doc[end - 1]) or (end - start > 1 and doc[end - 1].lower_ in ARTICLES)):
        end -= 1  # "Alivio La presidenta…": a name never ends with an article
    return start, end


def _article_of_name(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    """At a sentence start, "Los Chapitos" keeps its article; "La SRE", "El SIG", "El Departamento
    de Estado", "La presidenta" do not: what follows them is a name on its own (an acronym always is)."""
    if i + 1 >= len(doc):
        return False
    nxt = doc[i + 1]
    return (
        name_like(nxt)
        and not nxt.text.isupper()
        and not (
            lexicon.kind_of(nxt.text)
            or nxt.text in lexicon.org_heads
            or lexicon.is_title(nxt.text)
            or nxt.text in lexicon.op_capitalized
            or nxt.text in lexicon.not_entity_words
            or fold(nxt.text) in lexicon.first_words
        )
    )


PREPOSITIONS = frozenset({"de", "del", "en", "a", "al", "por", "para", "con", "desde", "según", "entre", "tras"})
FUNCTION_POS = frozenset({"ADV", "ADP", "CCONJ", "SCONJ", "PRON", "INTJ", "DET", "AUX", "VERB"})


def _leading_junk(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    tok = doc[i]
    low = tok.lower_
    if not any(c.isalnum() for c in tok.text):
        return True
    if low in ARTICLES:  # "La SRE informó" loses it; "fundador de Los Caballeros Templarios" keeps it
        return tok.is_lower or (starts_clause(doc, i) and not _article_of_name(doc, i, lexicon))
    if lexicon.is_title(low) or low in PREPOSITIONS:
        return True
    if (tok.text in lexicon.openers or tok.text in lexicon.caption_markers) and starts_clause(doc, i):
        return True  # "Descubre Oaxaca", "Foto Juan Pérez": an imperative or a credit marker is no name's
    if (
        tok.text in lexicon.government
        and i + 1 < len(doc)
        and (doc[i + 1].lower_ in ("de", "del") or name_like(doc[i + 1]))
    ):
        return True  # "Gobierno de México" is México, "Administración Trump" is Trump
    if tok.is_lower and low not in lexicon.feature_heads:
        return True
    return (tok.is_stop and tok.pos_ != "PROPN") or (tok.pos_ in FUNCTION_POS and starts_clause(doc, i))
