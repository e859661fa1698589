"""An article's reports of one event, gathered: the clusters `find_events` turns into events.

Within a sentence, triggers of one type that nothing tells apart are one report ("La primera
reunión ocurrió …, cuando … se reunieron en McAllen"). Across the article, reports join when
they name the same event ("la segunda reunión del Grupo X" twice, "37 capos" twice) or when a bare,
definite mention refers back to the event just named ("El encuentro, realizado el 11 de
diciembre, …"), forward from a heading, or to the article's only event of its type.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..merge.events import compatible_dates, disagree, subjects_compatible
from ..models import DateMention, Participant

SENTENCE_WINDOW = 3  # a bare "la reunión" refers to a meeting named at most this many sentences before

__all__ = ["Hit", "Sentence", "gather", "inherit_subjects", "merge_in_sentence", "number_the_previous", "profile"]


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
    generic: bool = False  # a bare plural ("hasta huachicol y extradiciones"): a kind of event, not one
    ordinal: int | None = None
    subject: str | None = None
    subject_is_anaphor: bool = False
    count: int | None = None
    about: int | None = None  # an approximate count ("más de 30 reos"): says what, not which
    requires: tuple[str, ...] = ()
    prisoner: bool = False  # a person named right after the trigger ("la extradición de …")
    prep: bool = False
    dates: list[DateMention] = field(default_factory=list)
    place: str | None = None
    participants: dict[str, Participant] = field(default_factory=dict)
    operations: list[str] = field(default_factory=list)
    status: str | None = None  # from cue words: past | planned
    tense: str | None = None  # from the nearest finite verb: past | planned
    next_in_series: bool = False  # "la próxima reunión del GIS": the one after those the article numbers
    copular: bool = False  # "Es el segundo encuentro del grupo": says which the event just named is
    previous: bool = False  # "desde el último encuentro": the one before the event its sentence reports
    sides_of: Hit | None = None  # "la conversación que ambos mantuvieron el 12 de enero": that hit's sides

    @property
    def named(self) -> bool:
        return bool(
            self.ordinal
            or self.subject
            or self.count
            or self.dates
            or (self.operations and self.type in ("announcement", "operation"))
        )


def merge_in_sentence(hits: list[Hit]) -> list[Hit]:
    """ "La primera reunión ocurrió …, cuando … se reunieron en McAllen": one meeting; but past a
    colon or a semicolon another clause begins ("Es el tercer envío: en febrero se enviaron 29 …")."""
    out: list[Hit] = []
    for h in hits:
        same = next(
            (
                o
                for o in out
                if o.type == h.type and not o.anchored and not h.anchored and _one_clause(o, h) and _compatible(o, h)
            ),
            None,
        )
        if same:
            _absorb(same, h)
        else:
            out.append(h)
    return out


def _one_clause(a: Hit, b: Hit) -> bool:
    """No colon or semicolon between two hits of a sentence."""
    first, second = sorted((a, b), key=lambda h: h.start)
    offset = a.sentence.start
    return not re.search(r"[:;]", a.sentence.text[first.end - offset : max(first.end, second.start) - offset])


def _compatible(a: Hit, b: Hit) -> bool:
    """Nothing tells the two apart, by the rules reports of one event agree by
    (`pipeline/merge/events.py`); within an article a place must be the same, not merely contain
    the other, and a meeting to prepare another is not that meeting."""
    if disagree(a.ordinal, b.ordinal) or disagree(a.count, b.count) or a.prep != b.prep:
        return False
    if a.subject and b.subject and not subjects_compatible(a.subject, b.subject):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    return all(compatible_dates(x.value, y.value) for x in a.dates for y in b.dates)


def _absorb(into: Hit, h: Hit) -> None:
    into.ordinal = into.ordinal or h.ordinal
    into.subject = into.subject or h.subject
    into.subject_is_anaphor = into.subject_is_anaphor or h.subject_is_anaphor
    into.count = into.count or h.count
    into.about = into.about or h.about
    into.place = into.place or h.place
    seen = {x.value for x in into.dates}
    for d in h.dates:  # one of each value
        if d.value not in seen:
            seen.add(d.value)
            into.dates.append(d)
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
    """ "La primera reunión …" in an article about "la Segunda Reunión del Grupo X" is the Grupo X's."""
    for type_ in {h.type for h in hits}:
        named = [h.subject for h in hits if h.type == type_ and h.subject and h.ordinal]
        if not named:
            named = [h.subject for h in hits if h.type == type_ and h.subject]
        if not named:
            continue
        counts = Counter(named)
        series = max(counts, key=counts.__getitem__)  # the most named; of equal counts, the first
        for h in hits:
            if h.type == type_ and not h.subject and (h.ordinal or h.subject_is_anaphor or h.next_in_series):
                h.subject = series


def number_the_next(hits: list[Hit]) -> None:
    """ "La segunda reunión del GIS … de cara a la próxima reunión del GIS": the third, planned; but
    not where the article also reports one of the series it does not number (which would come
    between: "se instaló en septiembre … la reunión del 11 de diciembre … volverá a reunirse")."""
    for h in hits:
        if h.next_in_series and h.subject and not h.ordinal:
            series = [o for o in hits if o is not h and o.type == h.type and o.subject in (h.subject, None) and o.dates]
            numbered = [o.ordinal for o in series if o.ordinal and o.subject == h.subject]
            if numbered and all(o.ordinal for o in series if not o.next_in_series):
                h.ordinal, h.anchored, h.referring, h.status = max(numbered) + 1, False, False, "planned"


def number_the_previous(clusters: list[list[Hit]]) -> list[list[Hit]]:
    """ "La segunda reunión del GIS … desde el último encuentro en McAllen": the first, of the same
    body. The event its sentence reports is the cluster with the latest hit of the type before it
    there. One before an event the article does not number, and with no date of its own, says
    nothing that tells which it was: it is dropped."""
    out = []
    for cluster in clusters:
        h = cluster[0]
        if h.previous:
            before = [
                (x.start, c)
                for c in clusters
                for x in c
                if x.sentence is h.sentence and x.type == h.type and not x.previous and x.start < h.start
            ]
            owner = profile(max(before, key=lambda pair: pair[0])[1]) if before else None
            if owner is not None and owner.ordinal and owner.ordinal > 1:
                h.ordinal, h.subject = owner.ordinal - 1, h.subject or owner.subject
            elif not h.dates:
                continue
        out.append(cluster)
    return out


def gather(hits: list[Hit]) -> list[list[Hit]]:
    """Clusters of hits reporting one event: the same named event, or a bare mention and its antecedent."""
    g = Gathering()
    for h in hits:
        target = g.same_series(h)
        if target is None and ((not (h.ordinal or h.count) and h.referring) or h.copular):
            target = g.antecedent(h)
        g.add(h, target)
    return _salient(_attach_forward(g.clusters, g.profiles), g.profiles)


def profile(cluster: list[Hit]) -> Hit:
    merged = replace(
        cluster[0],
        dates=list(cluster[0].dates),
        participants=dict(cluster[0].participants),
        operations=list(cluster[0].operations),
    )
    for h in cluster[1:]:
        _absorb(merged, h)
    return merged


class Profiles:
    """Each cluster's profile, folded once: hits added at a cluster's end are absorbed into
    the profile kept for it; hits put before them (`_attach_forward`) make it fold again."""

    def __init__(self) -> None:
        self.kept: dict[int, tuple[list[Hit], Hit, int, Hit]] = {}  # id -> (cluster, first hit, folded, profile)

    def of(self, cluster: list[Hit]) -> Hit:
        entry = self.kept.get(id(cluster))
        if entry is None or entry[1] is not cluster[0] or entry[2] > len(cluster):
            entry = (cluster, cluster[0], len(cluster), profile(cluster))
        for h in cluster[entry[2] :]:
            _absorb(entry[3], h)
        self.kept[id(cluster)] = (cluster, cluster[0], len(cluster), entry[3])
        return entry[3]


class Gathering:
    """The clusters gathered so far, indexed so that a hit meets only the clusters that could
    take it: by type and what ties a series (a body, a count, an operation), and by the
    sentences of their latest reports. A long article never compares every hit with every cluster."""

    def __init__(self) -> None:
        self.clusters: list[list[Hit]] = []
        self.profiles = Profiles()
        self.created: dict[int, int] = {}  # id(cluster) -> its place in `clusters`
        self.series: dict[tuple, list[list[Hit]]] = {}  # (type, tie) -> clusters whose profile has it
        self.indexed: set[tuple[int, tuple]] = set()
        self.by_sentence: dict[int, list[list[Hit]]] = {}  # sentence index -> clusters reported there

    def add(self, h: Hit, target: list[Hit] | None) -> None:
        """Add a hit to a cluster, or start a new one with it."""
        if target is None:
            target = []
            self.created[id(target)] = len(self.clusters)
            self.clusters.append(target)
        target.append(h)
        self.by_sentence.setdefault(h.sentence.index, []).append(target)
        p = self.profiles.of(target)
        for tie in _ties(p):
            if (id(target), tie) not in self.indexed:
                self.indexed.add((id(target), tie))
                self.series.setdefault((p.type, tie), []).append(target)

    def same_series(self, h: Hit) -> list[Hit] | None:
        """ "La segunda reunión del Grupo X" twice, "37 capos" twice, one operation announced twice:
        the first cluster (in the order they began) tied to the hit and compatible with it."""
        found = {id(c): c for tie in _ties(h) for c in self.series.get((h.type, tie), [])}
        for cluster in sorted(found.values(), key=lambda c: self.created[id(c)]):
            if _compatible(self.profiles.of(cluster), h):
                return cluster
        return None

    def antecedent(self, h: Hit) -> list[Hit] | None:
        """ "El encuentro, realizado el 11 de diciembre": the meeting named just before (the latest
        begun cluster reported within SENTENCE_WINDOW sentences)."""
        first = h.sentence.index - SENTENCE_WINDOW
        near = {id(c): c for k in range(first, h.sentence.index + 1) for c in self.by_sentence.get(k, [])}
        for cluster in sorted(near.values(), key=lambda c: -self.created[id(c)]):
            if _close(cluster, h) and cluster[0].type == h.type and _compatible(self.profiles.of(cluster), h):
                return cluster
        return None


def _ties(h: Hit) -> list[tuple]:
    """What ties reports of one series: a body, a count, an operation (announced or run)."""
    ties: list[tuple] = [("subject",)] if h.subject else []
    if h.count:
        ties.append(("count",))
    if h.type in ("announcement", "operation"):
        ties += [("operation", o) for o in h.operations]
    return ties


def _close(cluster: list[Hit], h: Hit) -> bool:
    return 0 <= h.sentence.index - cluster[-1].sentence.index <= SENTENCE_WINDOW


def _attach_forward(clusters: list[list[Hit]], profiles: Profiles) -> list[list[Hit]]:
    """A heading, or a bare first mention, names the event the next sentences report."""
    out: list[list[Hit]] = []
    firsts = [c[0] for c in clusters]  # clusters began in text order: the search stops past the window
    for i, cluster in enumerate(clusters):
        later = None
        if len(cluster) == 1 and not cluster[0].named and (cluster[0].referring or cluster[0].sentence.heading):
            later = _next_ahead(clusters, firsts, i, profiles)
        if later is not None:
            later[:0] = cluster
        else:
            out.append(cluster)
    return out


def _next_ahead(clusters: list[list[Hit]], firsts: list[Hit], i: int, profiles: Profiles) -> list[Hit] | None:
    """The first cluster after clusters[i] that its hit names ahead of it (`_ahead`), if any.

    A cluster whose first hit was put before it by an earlier heading begins no later than
    clusters[i], so it is never ahead; the others begin in text order, so the search ends at
    the first one beyond the window."""
    h = clusters[i][0]
    for c, first in zip(clusters[i + 1 :], firsts[i + 1 :], strict=False):
        if _beyond(h, first):
            break
        if c[0].type == h.type and _ahead(h, c[0]) and _compatible(profiles.of(c), h):
            return c
    return None


def _salient(clusters: list[list[Hit]], profiles: Profiles) -> list[list[Hit]]:
    """ "¿Qué se dijo en la llamada?" far below the call's report: the article's only call."""
    named: dict[str, list[list[Hit]]] = {}  # by type; absorbing a cluster never makes another named
    for c in clusters:
        if profiles.of(c).named:
            named.setdefault(c[0].type, []).append(c)
    out: list[list[Hit]] = []
    for cluster in clusters:
        p = profiles.of(cluster)
        only = named.get(p.type, [])
        if not p.named and p.referring and len(only) == 1 and _compatible(profiles.of(only[0]), p):
            only[0].extend(cluster)
        else:
            out.append(cluster)
    return out


def _beyond(h: Hit, later: Hit) -> bool:
    """`later` begins past the window `_ahead` looks in from h."""
    if h.sentence.heading:
        return later.sentence.paragraph - h.sentence.paragraph > 3
    return later.sentence.index - h.sentence.index > SENTENCE_WINDOW


def _ahead(h: Hit, later: Hit) -> bool:
    if h.sentence.heading:
        return 0 < later.sentence.paragraph - h.sentence.paragraph <= 3
    return 0 < later.sentence.index - h.sentence.index <= SENTENCE_WINDOW
