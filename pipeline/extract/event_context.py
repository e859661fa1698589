"""An article as the event rules read it: sentences, datelines, acronyms, verbs, and what the
other rules found (mentions, dates), each looked up by offset.

Built once per article by `read_article`; the trigger rules (`event_hits.py`), the argument
rules (`event_arguments.py`) and `find_events` (`events.py`) read it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..merge.events import written_on
from ..merge.places import place_parents
from ..models import DateMention, Mention
from .event_clusters import Sentence
from .event_rules import EventRules
from .lexicon import Lexicon
from .offsets import ByOffset
from .table import Table, table

ORG_KINDS = ("person", "organization")
VERB_POS = ("VERB", "AUX")
LINE = re.compile(r"[^\n]+")

__all__ = ["ORG_KINDS", "Context", "in_another_clause", "read_article"]


@dataclass
class Context:
    """An article as the rules read it: its text, spaCy's verbs, and what the other rules found."""

    text: str
    published: str | None
    mentions: ByOffset[Mention]  # looked up by offset: a long article is never scanned per sentence
    dates: ByOffset[DateMention]
    lexicon: Lexicon
    rules: EventRules
    sentences: list[Sentence]
    acronyms: dict[str, str]
    datelines: dict[int, tuple[str | None, DateMention | None]]  # paragraph -> (place, date)
    verbs: ByOffset[tuple[int, str, str]]  # (offset, tense, lemma) of finite verbs
    participles: ByOffset[int]  # where participles start ("trasladados", "celebrado")
    written: str | None = None  # its publication date, or the latest day it states (merge.events.written_on)


def read_article(
    doc, mentions: list[Mention], dates: list[DateMention], published: str | None, lexicon: Lexicon, rules: EventRules
) -> Context:
    """The article's context, computed once: sentences, acronyms, verbs, participles, datelines."""
    read = table(doc)
    text = read.text
    sentences = _sentences(read)
    verbs = [
        (read.idx[i], (read.morph(i, "Tense") or [""])[0], read.lemmas[i].casefold())
        for i, pos in enumerate(read.pos)
        if pos in VERB_POS and "Fin" in read.morph(i, "VerbForm")
    ]
    participles = [read.idx[i] for i in range(len(read.texts)) if "Part" in read.morph(i, "VerbForm")]
    ctx = Context(
        text,
        published,
        ByOffset(mentions, _start),
        ByOffset(dates, _start),
        lexicon,
        rules,
        sentences,
        _acronyms(text),
        {},
        ByOffset(verbs, _first),
        ByOffset(participles, int),
        written_on(published, dates),
    )
    ctx.datelines = _datelines(ctx)
    return ctx


def _start(x: Mention | DateMention) -> int:
    return x.start


def _first(verb: tuple[int, str, str]) -> int:
    return verb[0]


def _sentences(read: Table) -> list[Sentence]:
    """spaCy's sentences, also cut at line breaks (headings and captions are sentences too)."""
    text, out = read.text, list[Sentence]()
    breaks = [m.end() for m in re.finditer("\n\n", text)]  # paragraph breaks, counted by bisection
    for sent_start, sent_end in read.sentences:
        for m in LINE.finditer(text, sent_start, sent_end):
            chunk = m.group()
            if chunk.strip():
                start = m.start() + len(chunk) - len(chunk.lstrip())
                end = m.end() - (len(chunk) - len(chunk.rstrip()))
                out.append(Sentence(len(out), start, end, text[start:end], bisect_right(breaks, start)))
    for i, s in enumerate(out):
        first = i == 0 or out[i - 1].paragraph != s.paragraph
        last = i + 1 == len(out) or out[i + 1].paragraph != s.paragraph
        alone = first and last
        s.heading = alone and not re.search(r"[.!?:;\"”»…)]$", s.text)
    return out


def _acronyms(text: str) -> dict[str, str]:
    """ "Grupo de Implementación de Seguridad (SIG)" → {"SIG": "Grupo de Implementación de Seguridad"}.

    The expansion is the shortest run of capitalized words before the parenthesis whose initials
    are the acronym's letters, in any order (Spanish names keep English acronyms: SIG, DEA).
    """
    out = {}
    for m in re.finditer(r"\(([A-Z]{2,8})\)", text):
        acronym = m.group(1)
        words = re.findall(r"[\wáéíóúñÁÉÍÓÚÑ]+", text[max(0, m.start() - 120) : m.start()])
        for i in range(len(words) - 1, -1, -1):
            capitals = [w[0] for w in words[i:] if w[0].isupper()]
            if sorted(capitals) == sorted(acronym) and words[i][0].isupper():
                out[acronym] = " ".join(words[i:])
                break
    return out


def _datelines(ctx: Context) -> dict[int, tuple[str | None, DateMention | None]]:
    """ "Ciudad de México, 11 de diciembre (Agencia).- …": where and when the lead paragraph was written."""
    out: dict[int, tuple[str | None, DateMention | None]] = {}
    pattern = re.compile(
        r"^(?P<place>[^\W\d][^,.(\n]{1,40}?)(?:,\s*(?P<rest>[^()\n]{1,40}?))?\s*(?:\([^)\n]{1,40}\))?"
        r"\s*(?:\.-|\.–|\.—|\s[-–—]|\.)\s+(?=[A-ZÁÉÍÓÚÑ¿\"“])"
    )
    for s in ctx.sentences:
        if s.paragraph in out:
            continue
        m = pattern.match(s.text)
        if not m:
            continue
        place = _place_named(ctx, s.start + m.start("place"), s.start + m.end("place"))
        when = next(iter(ctx.dates.between(s.start, s.start + m.end())), None)
        if place:
            out[s.paragraph] = (place, when)
    return out


def _place_named(ctx: Context, start: int, end: int) -> str | None:
    for m in ctx.mentions.between(start, end + 1):
        if m.kind == "place" and m.end <= end + 1:
            return m.name
    surface = ctx.text[start:end].strip()
    parents = place_parents()
    known = {p.casefold(): p for p in [*parents, *parents.values()]}
    return known.get(surface.casefold())


def in_another_clause(ctx: Context, trigger_end: int, date_start: int) -> bool:
    """A date after a trigger lies in a clause of its own ("… ocurrió luego de que Trump amagara el
    jueves"): a subordinating cue opens it between them, and no comma or semicolon has closed it."""
    for m in ctx.rules.cue("subordinate").finditer(ctx.text, trigger_end, date_start):
        if not re.search(r"[,;:]", ctx.text[m.end() : date_start]):
            return True
    return False
