"""Events: sentences with a trigger word and resolved arguments.

How a news article reports an event, and so how the event rules read one:

1. A trigger names it ("reunión", "se reunió", "entrega", "anunció"): `pipeline/data/events.toml`.
2. Its own words qualify it: an ordinal before it ("la segunda reunión"), the body it belongs to
   after it ("… del Grupo de Implementación de Seguridad"), a count ("37 capos").
3. The sentence supplies the rest: dates, places, people and organizations, operation names, tense.
   Each goes to the nearest trigger of the sentence.
4. A trigger after "previo al", "tras la", "desde el" … refers to another event than the clause's.
5. Within an article, reports of one event are gathered: a bare "el encuentro" is the meeting just
   named; two mentions of "la segunda reunión del Grupo …" are one. Every sentence of a gathered
   event becomes an `EventMention` with the event's arguments and its own evidence offsets.
6. Earlier occurrences a sentence recalls ("en febrero se enviaron 29; en agosto, 26 más") are
   events of their own with their own dates (`event_echoes.py`); a past event of the lead without
   a date of its own takes the lead's news date (`event_dates.py`).
7. Every article gives at least its main event, the first that names an event of its own, even
   when it lacks what its type requires (a match, a cold front, a rate decision).

The rules are split by what they read: `event_context.py` (the article: sentences, datelines,
acronyms), `event_hits.py` (triggers and their own words), `event_arguments.py` (the rest of
the sentence), `event_clusters.py` (gathering an article's reports); this module puts them
together and makes one event of each cluster.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..merge.labels import make_label
from ..models import DateMention, EventMention, Mention
from .event_arguments import assign
from .event_clusters import (
    Hit,
    gather,
    inherit_subjects,
    merge_in_sentence,
    number_the_next,
    number_the_previous,
    profile,
)
from .event_context import ORG_KINDS, Context, read_article
from .event_dates import news_date
from .event_hits import sentence_hits
from .event_rules import NUMBER, load_rules, number_value
from .lexicon import Lexicon

__all__ = ["find_events"]


def find_events(
    doc, mentions: list[Mention], dates: list[DateMention], published: str | None, lexicon: Lexicon
) -> list[EventMention]:
    """Every event the article reports, one `EventMention` per evidence sentence."""
    ctx = read_article(doc, mentions, dates, published, lexicon, load_rules())
    hits, echoes = [], []
    for sentence in ctx.sentences:
        found = sentence_hits(ctx, sentence)
        echoes += assign(ctx, sentence, found)
        hits += merge_in_sentence(found)
    inherit_subjects(hits + echoes)
    number_the_next(hits)
    clusters = number_the_previous(gather(hits) + [[e] for e in echoes])
    main = _main(ctx, clusters)
    kept = [(cluster, event) for cluster in clusters if (event := _event(ctx, cluster, cluster is main)) is not None]
    if main is not None and all(c is not main for c, _ in kept) and (event := _event(ctx, main, True, relaxed=True)):
        kept.append((main, event))
    out = [
        replace(event, trigger=h.trigger, evidence=h.sentence.text, start=h.sentence.start, end=h.sentence.end)
        for cluster, event in _enumerated(ctx, kept)
        for h in cluster
    ]
    return sorted(out, key=lambda e: e.start)


def _main(ctx: Context, clusters: list[list[Hit]]) -> list[Hit] | None:
    """The article's main event: the first that names an event of its own, not one named elsewhere
    ("dijo que la reunión …"), another clause's ("tras la entrega") or a kind ("sismos"). It takes
    the lead's news date, and is kept even when it lacks what its type requires ("el frente frío
    dejó dos muertos")."""
    lead = next((s.index for s in ctx.sentences if not s.heading), -1)
    own = [c for c in clusters if any(_own(ctx, h, lead) for h in c)]
    return min(own, key=lambda c: c[0].start, default=None)


def _own(ctx: Context, h: Hit, lead: int) -> bool:
    """The hit names an event of its own: not anchored, not a bare plural, and not a reference
    unless it is its sentence's subject (no verb before it: "Sheinbaum dijo que la reunión …" refers)
    and opens that sentence ("El frente frío dejó …") or the article (nothing comes before the lead
    for "El amistoso disputado en …" to refer to)."""
    if h.anchored or h.generic:
        return False
    if not h.referring:
        return True
    opens = re.fullmatch(r"\W*\w+\s+", h.sentence.text[: h.start - h.sentence.start]) is not None
    subject = not ctx.verbs.any_between(h.sentence.start, h.start)
    return subject and (opens or h.sentence.index == lead)


# ── one event from a cluster ────────────────────────────────────────────────────────────────────
def _event(ctx: Context, cluster: list[Hit], main: bool, relaxed: bool = False) -> EventMention | None:
    """The event a cluster reports, or None when it lacks what its type requires (unless
    `relaxed`: the article's main event) or only refers to an event the article does not report.
    A dateline's date is when the report was written: only the main event may take it, as the
    lead's news date."""
    p = profile(cluster)
    when = news_date(ctx, cluster, _best_date(p.dates), p) if main else _best_date(p.dates)
    when = when or _date_heading(ctx, cluster)
    place = p.place or _dateline(ctx, cluster)[0]
    people = [x for x in p.participants.values() if x.kind in ORG_KINDS]
    args: dict[str, object] = {
        "subject": p.subject,
        "count": p.count or p.about,
        "prisoner": p.prisoner,
        "operation": p.operations,
        "place": place,
        "date": when,
        "person": any(x.kind == "person" for x in people),
        "organization": any(x.kind == "organization" for x in people),
    }
    relaxed = relaxed and ctx.rules.types[p.type].get("main_may_lack", True)
    if p.requires and not relaxed and not any(args.get(r) for r in p.requires):
        return None
    if all(h.referring for h in cluster) and not p.named and len(people) < 2 and not relaxed:
        return None  # "dijo que la reunión fue productiva": a meeting this article does not report
    planned = (p.status or p.tense) == "planned" or bool(when and ctx.published and when.value[:10] > ctx.published)
    status = "planned" if planned else "past"
    ev = EventMention(
        type=p.type,
        trigger=p.trigger,
        evidence="",
        start=0,
        end=0,
        date=when.value if when else None,
        granularity=when.granularity if when else None,
        place=place,
        subject=p.subject,
        ordinal=p.ordinal,
        count=p.count,
        status=status,
        qualifier="preparatoria" if p.prep else None,
        participants=list(p.participants.values()),
        operations=p.operations,
        guessed=bool(when and when.guessed),
    )
    ev.label = make_label(ev)
    return ev


def _enumerated(ctx: Context, kept: list[tuple[list[Hit], EventMention]]) -> list[tuple[list[Hit], EventMention]]:
    """ "El SSN registró este domingo 19 de octubre tres sismos …", then a paragraph for each: the
    events of the type the article reports after the dated count of them, undated, happened on its
    day (when there are no more of them than it counts)."""
    number = re.compile(rf"\b({NUMBER}|{'|'.join(ctx.rules.numbers)})\s+$", re.I)
    for cluster, ev in list(kept):
        counted = [
            m
            for h in cluster
            if h.trigger.endswith("s") and (m := number.search(h.sentence.text[: h.start - h.sentence.start]))
        ]
        if not ev.date or not counted:
            continue
        n = number_value(counted[0].group(1), ctx.rules.numbers)
        items = [
            i for i, (c, e) in enumerate(kept) if e.type == ev.type and not e.date and c[0].start > cluster[0].start
        ]
        if 2 <= len(items) <= n:
            for i in items:
                item = replace(kept[i][1], date=ev.date, granularity=ev.granularity, status=ev.status)
                item.label = make_label(item)
                kept[i] = (kept[i][0], item)
    return kept


def _best_date(dates: list[DateMention]) -> DateMention | None:
    """The most precise date; of equal precision, the first written."""
    return max(dates, key=lambda d: (len(d.value), -d.start)) if dates else None


def _date_heading(ctx: Context, cluster: list[Hit]) -> DateMention | None:
    """ "Viernes 9 de enero", then a paragraph for each match: a heading that is a date alone dates
    the undated events reported under it, up to the next heading."""
    first = min(h.sentence.index for h in cluster)
    heading = next((s for s in reversed(ctx.sentences[:first]) if s.heading), None)
    if heading is None:
        return None
    dates = ctx.dates.between(heading.start, heading.end)
    alone = [
        d
        for d in dates
        if not re.sub(r"\W", "", heading.text[: d.start - heading.start] + heading.text[d.end - heading.start :])
    ]
    return alone[0] if len(dates) == 1 and alone and alone[0].granularity == "day" else None


def _dateline(ctx: Context, cluster: list[Hit]) -> tuple[str | None, DateMention | None]:
    """The dateline (place, date) of the first paragraph the cluster is reported in that has one."""
    for h in cluster:
        if h.sentence.paragraph in ctx.datelines:
            return ctx.datelines[h.sentence.paragraph]
    return None, None
