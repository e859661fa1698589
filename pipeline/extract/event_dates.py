"""When the event an article leads with happened, where its own sentence does not say.

News reports its main event in the lead ("El gobierno entregó a 29 capos …") and often dates it
in the next clause, sentence or dateline ("… llegaron este jueves a Washington", "informaron este
martes las autoridades", "Ciudad de México, 11 de diciembre.-"). An undated page is read as
written on the latest day it states with its year (`merge.events.written_on`). The main event, when past and
without a date of its own, takes the lead's news date: the day the lead paragraphs name within a
week before publication, nearest its report; unless its sentence says it was earlier ("la semana
pasada", "días atrás"). A year alone ("el
último anuncio de 2025") says nothing the publication date does not, so there the lead event is
dated like one without a date. Elsewhere in the article an undated event stays undated: the
store dates it by its reports' publication, and never by a guess.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..models import DateMention
from .event_clusters import Hit
from .event_context import Context, in_another_clause

LEAD_PARAGRAPHS = 2  # paragraphs of text (not headings or captions) that make the lead
NEWS_DAYS = 7  # a news date lies at most this many days before publication

__all__ = ["news_date"]


def news_date(ctx: Context, cluster: list[Hit], when: DateMention | None, p: Hit) -> DateMention | None:
    """The date of a cluster's event: its own, or for a past event of the lead, the news date."""
    if ctx.written is None or (p.status or p.tense) == "planned":
        return when
    if when is not None and not (when.granularity == "year" and when.value == ctx.written[:4]):
        return when
    lead = _lead(ctx)
    if not any(h.sentence.paragraph in lead for h in cluster):
        return when
    vague = ctx.rules.cue("vague_past")
    if any(vague.search(h.sentence.text) for h in cluster):
        return None  # "… que México entregó la semana pasada": before the news, on a day not said
    return _peg(ctx, cluster, lead)


def _lead(ctx: Context) -> set[int]:
    """The first paragraphs with a sentence of text in them."""
    out: list[int] = []
    for s in ctx.sentences:
        if not s.heading and s.paragraph not in out:
            out.append(s.paragraph)
            if len(out) == LEAD_PARAGRAPHS:
                break
    return set(out)


def _peg(ctx: Context, cluster: list[Hit], lead: set[int]) -> DateMention | None:
    """The day named in the lead, within the week before publication, nearest the event's first
    report: its sentence, then the sentences after it, then those before (a photo caption above
    the lead dates the photo)."""
    published = date.fromisoformat(ctx.written[:10]) if ctx.written else None
    if published is None:
        return None
    first = min(h.sentence.index for h in cluster)
    order = sorted(
        (s for s in ctx.sentences if s.paragraph in lead), key=lambda s: (s.index < first, abs(s.index - first))
    )
    for s in order:
        for d in ctx.dates.between(s.start, s.end):
            if (
                d.granularity == "day"
                and published - timedelta(days=NEWS_DAYS) <= date.fromisoformat(d.value) <= published
                and not _another_clause(ctx, cluster, d)
            ):
                return d
    return None


def _another_clause(ctx: Context, cluster: list[Hit], d: DateMention) -> bool:
    """ "El diálogo ocurrió luego de que Trump amagara el jueves …": the day of a clause of its own
    after the event's trigger is another event's."""
    return any(h.end <= d.start and in_another_clause(ctx, h.end, d.start) for h in cluster)
