"""Earlier occurrences a sentence recalls beside the event it reports: each is an event of its own.

"… la mayor transferencia, superando las realizadas en febrero y agosto de 2025" names two
earlier transfers; "en febrero se enviaron 29 capos; en agosto, 26 más" and "envió 29 en febrero
y otros 26 en agosto" name a second one in a clause that repeats only a date and a count. Each
becomes an echo: a hit of the same type with its own date (and count), which the store then
joins to the event that the articles reporting it directly created.
"""

from __future__ import annotations

import re

from ..models import DateMention, Mention
from .event_clusters import Hit, Sentence
from .event_context import Context
from .event_rules import NUMBER, number_value

CLAUSE_BREAK = re.compile(r"\s*;\s*|,?\s+y\s+")  # "…; en agosto, 26 más", "… y otros 26 en agosto"

__all__ = ["echo_parties", "recalled"]


def recalled(ctx: Context, s: Sentence, hits: list[Hit]) -> tuple[list[Hit], set[DateMention | Mention]]:
    """The earlier occurrences a sentence names beside its hits, and the dates and places they take."""
    echoes, used = _earlier(ctx, s, hits)
    more, more_used = _elliptical(ctx, s, hits, {d for d in used if isinstance(d, DateMention)})
    last, last_used = _previous(ctx, s, hits)
    told, told_used = _relative(ctx, s, hits, used | more_used | last_used)
    return echoes + more + last + told, used | more_used | last_used | told_used


def _relative(
    ctx: Context, s: Sentence, hits: list[Hit], taken: set[DateMention | Mention]
) -> tuple[list[Hit], set[DateMention | Mention]]:
    """ "… para continuar la conversación que ambos mantuvieron el pasado 12 de enero": an earlier
    event of the kind a hit of the sentence reports, between the same sides, on its own date. A
    trigger on the noun names that earlier one, not the event: it leaves `hits`."""
    echoes: list[Hit] = []
    used: set[DateMention | Mention] = set()
    for d in ctx.dates.between(s.start, s.end):
        if d in taken or (ctx.published and d.value[:10] >= ctx.published[:10]):
            continue  # an earlier one is before the news
        before = ctx.text[max(s.start, d.start - 120) : d.start]
        for type_, pattern in _relatives(ctx).items():
            m = pattern.search(before)
            if m is None:
                continue
            lo = d.start - len(before) + m.start()
            others = (h for h in hits if h.type == type_ and not h.anchored and not lo <= h.start < d.start)
            owner = min(others, key=lambda h: h.start, default=None)
            if owner is None:
                continue  # "la llamada que sostuvieron el lunes …" alone: the event the article reports
            hits[:] = [h for h in hits if not lo <= h.start < d.start]
            echo = _echo(owner, s, d)
            echo.start, echo.end, echo.anchored, echo.sides_of = lo, d.end, True, owner
            echoes.append(echo)
            used.add(d)
            break
    return echoes, used


def _relatives(ctx: Context) -> dict[str, re.Pattern]:
    """For each type with nouns, "<noun> que … mantuvieron el" ending right before a date."""
    key = ("relative",)
    if key not in ctx.rules.compiled:
        tail = ctx.rules.cues["relative"]
        ctx.rules.compiled[key] = {
            t: re.compile(rf"\b(?:{'|'.join(spec['nouns'])}){tail}", re.I)
            for t, spec in ctx.rules.types.items()
            if spec.get("nouns")
        }
    return ctx.rules.compiled[key]


def _previous(ctx: Context, s: Sentence, hits: list[Hit]) -> tuple[list[Hit], set[DateMention | Mention]]:
    """ "… revisaron los avances desde su último encuentro en McAllen": the one before the event the
    sentence reports, with the place and date right after it; `number_the_previous` numbers it once
    the article's clusters say which the event is. A trigger inside the phrase names that earlier
    one, not the event: it leaves `hits`."""
    echoes: list[Hit] = []
    used: set[DateMention | Mention] = set()
    for m in ctx.rules.cue("previous").finditer(s.text):
        lo, hi = s.start + m.start(), s.start + m.end()
        owner = max((h for h in hits if h.end <= lo and not h.anchored), key=lambda h: h.start, default=None)
        if owner is None:
            continue
        hits[:] = [h for h in hits if not lo <= h.start < hi]
        reach = min(hi + 41, s.end)
        places = [x for x in ctx.mentions.between(hi, reach) if x.kind == "place"]
        dates = ctx.dates.between(hi, reach)[:1]
        echo = _echo(owner, s, dates[0]) if dates else _echo(owner, s, None)
        echo.start, echo.end, echo.previous, echo.anchored = lo, hi, True, True  # never the main event
        echo.place = places[0].name if places else None
        used.update(dates)
        used.update(places[:1])
        echoes.append(echo)
    return echoes, used


def _earlier(ctx: Context, s: Sentence, hits: list[Hit]) -> tuple[list[Hit], set[DateMention | Mention]]:
    """ "… la mayor transferencia, superando las realizadas en febrero y agosto de 2025": two more;
    "tras el realizado en septiembre en McAllen": one, with its place."""
    echoes: list[Hit] = []
    used: set[DateMention | Mention] = set()
    for m in ctx.rules.cue("earlier").finditer(s.text):
        owner = max((h for h in hits if h.start < s.start + m.start()), key=lambda h: h.start, default=None)
        if owner is None:
            continue
        reach = min(s.start + m.end() + 41, s.end)
        dates = ctx.dates.between(s.start + m.end(), reach)
        places = [x for x in ctx.mentions.between(s.start + m.end(), reach) if x.kind == "place"]
        place = places[0] if dates and places and owner.type != "transfer" else None  # "el realizado en McAllen"
        if place is not None:
            used.add(place)
        for d in dates:
            used.add(d)
            echo = _echo(owner, s, d)
            echo.place = place.name if place else None
            echoes.append(echo)
    return echoes, used


def _elliptical(
    ctx: Context, s: Sentence, hits: list[Hit], taken: set[DateMention]
) -> tuple[list[Hit], set[DateMention | Mention]]:
    """ "En febrero se enviaron 29 capos; en agosto, 26 más": a later clause with a date and a
    count and no trigger of its own is another occurrence of the counted event before it."""
    echoes: list[Hit] = []
    used: set[DateMention | Mention] = set()
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(s.text)]
    for i, start in enumerate(breaks):
        end = breaks[i + 1] if i + 1 < len(breaks) else len(s.text)
        lo, hi = s.start + start, s.start + end
        owner = max((h for h in hits if h.end <= lo and h.count), key=lambda h: h.start, default=None)
        if owner is None or any(lo <= h.start < hi for h in hits):
            continue
        count = _repeated_count(ctx, owner.type, s.text[start:end])
        dates = [d for d in ctx.dates.between(lo, hi) if d not in taken]
        if count and len(dates) == 1 and count != owner.count:
            used.add(dates[0])
            echo = _echo(owner, s, dates[0])
            echo.count = count
            echoes.append(echo)
    return echoes, used


def _repeated_count(ctx: Context, type_: str, clause: str) -> int | None:
    """The count of a clause that repeats one: "26 más", "otros 26", "26 reos", "26 en agosto"."""
    number = NUMBER + "|" + "|".join(ctx.rules.numbers)
    found = (
        re.search(rf"\b(?:otros|otras)\s+(?P<n>{number})\b", clause, re.I)
        or re.search(rf"(?P<n>{number})\s+(?:más|adicionales)\b", clause, re.I)
        or re.match(rf"\s*(?:(?:en|el|durante)\s+[^,\d]{{0,30}},?\s*)?(?P<n>{number})\b(?!\s*(?:%|por ciento))", clause)
    )
    pattern = ctx.rules.count_pattern(type_)
    found = found or (pattern.search(clause) if pattern else None)
    return number_value(found.group("n"), ctx.rules.numbers) if found else None


def _echo(owner: Hit, s: Sentence, d: DateMention | None) -> Hit:
    """An earlier occurrence of the owner's event: of its type and series, on its own date."""
    return Hit(
        owner.type,
        owner.trigger,
        owner.start,
        owner.end,
        s,
        dates=[d] if d else [],
        requires=(),
        status="past",
        subject=owner.subject,
        subject_is_anaphor=True,  # of the owner's series, when the article names one
    )


def echo_parties(echoes: list[Hit], hits: list[Hit]) -> None:
    """Earlier occurrences had, by default, the same sides: "de México a Estados Unidos"; the
    one a relative clause names ("la conversación que ambos mantuvieron") the same people too."""
    for e in echoes:
        if e.sides_of is not None:
            e.participants.update({k: p for k, p in e.sides_of.participants.items() if p.role != "destino"})
        for h in hits:
            if h.type == e.type:
                e.participants.update({k: p for k, p in h.participants.items() if p.kind == "place"})
