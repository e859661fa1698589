"""Every named mention of one parsed article: people, places, organizations, operations.

    propose  operations · organization heads · classifier and place nouns · titles
             · non-entities · nicknames · gazetteers · spaCy's entities, cleaned and retyped
    resolve  one candidate per stretch of text (candidates.PRIORITY)
    retype   what the words around a name say (apposition.py)
    link     acronyms, nicknames, fuller names, variants → canonical names (canonical.py)

One pass over spaCy's doc, no second parse: everything here reads token texts
and attributes the pipeline already computed. `find_entities` and `find_operations`
are that pass, kept to some kinds (the rule modules only propose candidates and
import nothing from here).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from ..models import Mention
from .apposition import (
    acronym_links,
    appositive_candidates,
    classifier_candidates,
    classifier_types,
    drop_portfolios,
    located_people,
    nickname_candidates,
    nickname_links,
    settled_kinds,
    siblings_types,
)
from .bullet_lists import bullet_list_kinds
from .bylines import credit_candidates, dateline_places
from .candidates import BLOCKED, OPERATION, ORG, PERSON, PLACE, Candidate, Context, resolve
from .canonical import canonical_names
from .clubs import club_candidates, players
from .entities import (
    blocked_candidates,
    gazetteer_candidates,
    head_candidates,
    ner_candidates,
    place_candidates,
    title_candidates,
)
from .feature_names import feature_names
from .jurisdictions import nested_places
from .lexicon import Lexicon
from .listed_bodies import listed_bodies
from .nicknames import nickname_reuses
from .numbered_names import numbered_names
from .operations import operation_candidates
from .place_pairs import split_place_pairs
from .surnames import surnames_are_people
from .table import table
from .verb_forms import drop_verb_openers


def find_mentions(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    """People, places, organizations and operations, each with its canonical name."""
    ctx = Context.of(doc, lexicon)
    proposed = (
        operation_candidates(ctx)
        + head_candidates(ctx)
        + club_candidates(ctx)
        + classifier_candidates(ctx)
        + appositive_candidates(ctx)
        + place_candidates(ctx)
        + title_candidates(ctx)
        + blocked_candidates(ctx)
        + nickname_candidates(ctx)
        + gazetteer_candidates(ctx)
        + credit_candidates(ctx)
    )
    proposed += _longer_than_known(ner_candidates(ctx), proposed)
    proposed = _known_names_unblocked(proposed)
    kept = [c for c in resolve(proposed) if c.kind != BLOCKED and not ctx.noise(c.start, c.end)]
    kept = dateline_places(ctx, drop_verb_openers(ctx, kept))
    numbered_names(ctx, kept)
    classifier_types(ctx, kept)
    bullet_list_kinds(ctx, kept)
    listed_bodies(ctx, kept)
    feature_names(ctx, kept)
    players(ctx, kept)
    surnames_are_people(ctx, kept)
    settled_kinds(ctx, kept)
    located_people(ctx, kept)
    kept = drop_portfolios(ctx, siblings_types(ctx, kept))
    kept, links = nickname_links(ctx, kept)
    links += nickname_reuses(ctx, kept)
    links += acronym_links(ctx, kept)
    names = canonical_names(ctx, kept, links)
    sentences = Sentences(doc)
    found = [_mention(ctx, c, name, sentences) for c, name in zip(kept, names, strict=False)]
    found += [_mention(ctx, c, c.canonical or ctx.text(c), sentences) for c in nested_places(ctx, kept)]
    return sorted(split_place_pairs(found, lexicon), key=lambda m: m.start)


def find_entities(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    """People, places and organizations of one parsed article, with canonical names."""
    return [m for m in find_mentions(doc, lexicon) if m.kind in (PERSON, PLACE, ORG)]


def find_operations(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    """Operation names of one parsed article, with canonical names."""
    return [m for m in find_mentions(doc, lexicon) if m.kind == OPERATION]


class Sentences:
    """The sentence around a character offset, from spaCy's sentences read once."""

    def __init__(self, doc: Doc):
        self.text = table(doc).text
        self.bounds = table(doc).sentences
        self.starts = [b[0] for b in self.bounds]

    def at(self, char: int) -> str:
        k = bisect_right(self.starts, char) - 1
        if k < 0:
            return ""
        start, end = self.bounds[k]
        return self.text[start:end].strip()


def _longer_than_known(ner: list[Candidate], proposed: list[Candidate]) -> list[Candidate]:
    """A spaCy name that holds a known one and goes on ("Expo Guadalajara", "Vicente Guerrero")
    is the name there; it outranks the gazetteer."""
    known: dict[int, list[int]] = {}  # start token -> ends of the gazetteer names starting there
    for k in proposed:
        if k.rule == "gazetteer":
            known.setdefault(k.start, []).append(k.end)
    for c in ner:
        if c.rule == "ner" and any(
            end <= c.end and end - start < c.end - c.start
            for start in range(c.start, c.end)
            for end in known.get(start, ())
        ):
            c.rule = "longer"
    return ner


def _known_names_unblocked(proposed: list[Candidate]) -> list[Candidate]:
    """A word that opens a non-entity ("Mundial 2026") inside a known name that begins before it
    ("Banco Mundial"), or a non-entity that is all of a known name ("Liga MX"), blocks nothing there."""
    known = [k for k in proposed if k.rule == "gazetteer"]
    inside = {i for k in known for i in range(k.start + 1, k.end)}
    whole = {(k.start, k.end) for k in known}  # "Liga MX": the known name is all of it
    return [c for c in proposed if c.rule != "blocked" or not (c.start in inside or (c.start, c.end) in whole)]


def _mention(ctx: Context, c: Candidate, name: str, sentences: Sentences) -> Mention:
    span = ctx.doc[c.start : c.end]
    text = span.text
    if text[-1] in "-–—":  # a dateline's "Texas.-"
        text = text.rstrip(".-–—")
    return Mention(c.kind, name, text, span.start_char, span.start_char + len(text), sentences.at(span.start_char))
