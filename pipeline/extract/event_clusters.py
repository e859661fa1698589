"""An article's reports of one event, gathered: the clusters `find_events` turns into events.

Within a sentence, triggers of one type that nothing tells apart are one report ("La primera
reunión ocurrió …, cuando … se reunieron en McAllen"). Across the article, reports join when
they name the same event ("la segunda reunión del Grupo X" twice, "37 capos" twice) or when a bare,
definite mention refers back to the event just named ("El encuentro, realizado el 11 de
diciembre, …"), forward from a heading, or to the article's only event of its type.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..models import DateMention, Participant
from .event_rules import subjects_compatible

SENTENCE_WINDOW = 3  # a bare "la reunión" refers to a meeting named at most this many sentences before

__all__ = ["Sentence", "Hit", "merge_in_sentence", "inherit_subjects", "gather", "profile"]


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    heading: bool = False


@dataclass
class Hit:
    """One trigger occurrence and what its sentence gave it."""

    type: str
    trigger: str
    start: int
    end: int
    sentence: Sentence
    anchored: bool = False
    referring: bool = False  # "la reunión", "los trasladados": may refer to an event already named
    ordinal: int | None = None
    subject: str | None = None
    subject_is_anaphor: bool = False
    count: int | None = None
    requires: tuple[str, ...] = ()
    prisoner: bool = False  # a person named right after the trigger ("la extradición de …")
    prep: bool = False
    dates: list[DateMention] = field(default_factory=list)
    place: str | None = None
    participants: dict[str, Participant] = field(default_factory=dict)
    operations: list[str] = field(default_factory=list)
    status: str | None = None  # from cue words: past | planned
    tense: str | None = None  # from the nearest finite verb: past | planned

    @property
    def named(self) -> bool:
        return bool(self.ordinal or self.subject or self.count or self.dates or
                    (self.operations and self.type in ("announcement", "operation")))


def merge_in_sentence(hits: list[Hit]) -> list[Hit]:
    """"La primera reunión ocurrió …, cuando … se reunieron en McAllen": one meeting."""
    out: list[Hit] = []
    for h in hits:
        same = next((o for o in out if o.type == h.type and not o.anchored and not h.anchored
                     and _compatible(o, h)), None)
        if same:
            _absorb(same, h)
        else:
            out.append(h)
    return out


def _compatible(a: Hit, b: Hit) -> bool:
    def differ(x, y):
        return x is not None and y is not None and x != y
    if differ(a.ordinal, b.ordinal) or differ(a.count, b.count) or a.prep != b.prep:
        return False
    if a.subject and b.subject and not subjects_compatible(a.subject, b.subject):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    return all(_dates_agree(x.value, y.value) for x in a.dates for y in b.dates)


def _dates_agree(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _absorb(into: Hit, h: Hit) -> None:
    into.ordinal = into.ordinal or h.ordinal
    into.subject = into.subject or h.subject
    into.subject_is_anaphor = into.subject_is_anaphor or h.subject_is_anaphor
    into.count = into.count or h.count
    into.place = into.place or h.place
    into.dates += [d for d in h.dates if d not in into.dates]
    for name, p in h.participants.items():
        into.participants.setdefault(name, p)
    into.operations += [o for o in h.operations if o not in into.operations]
    into.status = into.status if into.status == "past" else h.status or into.status
    into.tense = into.tense if into.tense == "past" else h.tense or into.tense
    into.prep = into.prep or h.prep
    into.prisoner = into.prisoner or h.prisoner
    into.requires = tuple(dict.fromkeys(into.requires + h.requires))
    into.anchored = into.anchored and h.anchored
    into.referring = into.referring or h.referring


def inherit_subjects(hits: list[Hit]) -> None:
    """"La primera reunión …" in an article about "la Segunda Reunión del Grupo X" is the Grupo X's."""
    for type_ in {h.type for h in hits}:
        named = [h.subject for h in hits if h.type == type_ and h.subject and h.ordinal]
        if not named:
            named = [h.subject for h in hits if h.type == type_ and h.subject]
        if not named:
            continue
        series = max(set(named), key=named.count)
        for h in hits:
            if h.type == type_ and not h.subject and (h.ordinal or h.subject_is_anaphor):
                h.subject = series


def gather(hits: list[Hit]) -> list[list[Hit]]:
    """Clusters of hits reporting one event: the same named event, or a bare mention and its antecedent."""
    clusters: list[list[Hit]] = []
    for h in hits:
        target = _same_series(clusters, h)
        if target is None and not (h.ordinal or h.count) and h.referring:
            target = _antecedent(clusters, h)
        if target is not None:
            target.append(h)
        else:
            clusters.append([h])
    return _salient(_attach_forward(clusters))


def profile(cluster: list[Hit]) -> Hit:
    merged = replace(cluster[0], dates=list(cluster[0].dates), participants=dict(cluster[0].participants),
                     operations=list(cluster[0].operations))
    for h in cluster[1:]:
        _absorb(merged, h)
    return merged


def _same_series(clusters: list[list[Hit]], h: Hit) -> list[Hit] | None:
    """"La segunda reunión del Grupo X" twice, "37 capos" twice, one operation announced twice."""
    for cluster in clusters:
        p = profile(cluster)
        if p.type != h.type or not _compatible(p, h):
            continue
        if (p.subject and h.subject) or (p.count and h.count) or \
                (h.type in ("announcement", "operation") and set(p.operations) & set(h.operations)):
            return cluster
    return None


def _close(cluster: list[Hit], h: Hit) -> bool:
    return 0 <= h.sentence.index - cluster[-1].sentence.index <= SENTENCE_WINDOW


def _antecedent(clusters: list[list[Hit]], h: Hit) -> list[Hit] | None:
    """"El encuentro, realizado el 11 de diciembre": the meeting named just before."""
    for cluster in reversed(clusters):
        if _close(cluster, h) and cluster[0].type == h.type and _compatible(profile(cluster), h):
            return cluster
    return None


def _attach_forward(clusters: list[list[Hit]]) -> list[list[Hit]]:
    """A heading, or a bare first mention, names the event the next sentences report."""
    out: list[list[Hit]] = []
    for i, cluster in enumerate(clusters):
        later = None
        if len(cluster) == 1 and not cluster[0].named and (cluster[0].referring or cluster[0].sentence.heading):
            later = next((c for c in clusters[i + 1:] if c[0].type == cluster[0].type and _ahead(cluster[0], c[0])
                          and _compatible(profile(c), cluster[0])), None)
        if later is not None:
            later[:0] = cluster
        else:
            out.append(cluster)
    return out


def _salient(clusters: list[list[Hit]]) -> list[list[Hit]]:
    """"¿Qué se dijo en la llamada?" far below the call's report: the article's only call."""
    out: list[list[Hit]] = []
    for cluster in clusters:
        p = profile(cluster)
        named = [c for c in clusters if c is not cluster and c[0].type == p.type and profile(c).named]
        if not p.named and p.referring and len(named) == 1 and _compatible(profile(named[0]), p):
            named[0].extend(cluster)
        else:
            out.append(cluster)
    return out


def _ahead(h: Hit, later: Hit) -> bool:
    if h.sentence.heading:
        return 0 < later.sentence.paragraph - h.sentence.paragraph <= 3
    return 0 < later.sentence.index - h.sentence.index <= SENTENCE_WINDOW
