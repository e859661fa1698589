"""A sentence's arguments given to its triggers: each date, place, participant, operation name
and tense cue goes to the nearest trigger.

A trigger after "previo al", "tras la", "desde el" … refers to another event than the clause's,
and reaches no further than its own phrase. A sentence naming nobody continues the subject of
the one before it. The earlier occurrences a sentence recalls ("superando las realizadas en
febrero y agosto"; "en febrero se enviaron 29; en agosto, 26 más") are `event_echoes.py`'s.
"""

from __future__ import annotations

import re

from ..models import DateMention, Mention, Participant
from .event_clusters import Hit, Sentence
from .event_context import ORG_KINDS, Context, in_another_clause
from .event_echoes import echo_parties, recalled

COMMA = 30  # characters a comma between an argument and a trigger counts as

__all__ = ["assign"]


def assign(ctx: Context, s: Sentence, hits: list[Hit]) -> list[Hit]:
    """Give the sentence's dates, places, participants, operations and tense cues to its triggers;
    return the earlier occurrences it names ("superando las realizadas en febrero y agosto")."""
    if not hits:
        return []
    echoes, taken = recalled(ctx, s, hits)  # what the earlier occurrences take is theirs
    taken |= {d for _, d in ctx.datelines.values() if d is not None}  # when the report was written
    effective = ctx.rules.cue("effective")
    for d in ctx.dates.between(s.start, s.end):
        if d not in taken and not effective.search(ctx.text[max(s.start, d.start - 40) : d.start]):
            hit = _nearest(hits, d.start, d.end, ctx)
            if not _verb_between(ctx, hit, d) or _fronted(ctx, s, d):
                hit.dates.append(d)
    for mention in ctx.mentions.between(s.start, s.end):
        if mention not in taken:
            _attach_mention(ctx, s, hits, mention)
    _place_phrases(ctx, s, hits)
    _pro_drop(ctx, s, hits)
    _share_people(ctx, hits)
    _body_subject(ctx, s, hits)
    _cues(ctx, s, hits)
    echo_parties(echoes, hits)
    return echoes


def _fronted(ctx: Context, s: Sentence, d: DateMention) -> bool:
    """ "Este domingo 16 de noviembre, 15 millones de chilenos sellaron … las elecciones": a date
    opening its sentence, set off by a comma, dates what the sentence tells."""
    return not ctx.text[s.start : d.start].strip() and ctx.text[d.end : d.end + 2].lstrip().startswith(",")


def _verb_between(ctx: Context, hit: Hit, d: DateMention) -> bool:
    """A finite verb other than one saying the event took place separates a date from the trigger,
    and so does a clause of its own ("… ocurrió luego de que Trump amagara el jueves")."""
    lo, hi = (d.end, hit.start) if d.end <= hit.start else (hit.end, d.start)
    if d.start >= hit.end and in_another_clause(ctx, hit.end, d.start):
        return True
    transparent = ctx.rules.cues["transparent_verbs"]
    return any(lemma not in transparent for _, _, lemma in ctx.verbs.between(lo, hi))


def _nearest(hits: list[Hit], start: int, end: int, ctx: Context | None = None) -> Hit:
    """The trigger an argument belongs to: the closest, a comma or a verb of its own between them
    counting as a stretch of words ("desde el inicio de su mandato el 20 de enero, los operativos
    …"; "se instaló en McAllen y volverá a reunirse"); a trigger after "previo al", "tras la" …
    reaches no further than its own phrase ("previo al encuentro con X,")."""

    def distance(h: Hit) -> tuple[int, int]:
        gap = h.start - end if end <= h.start else start - h.end if start >= h.end else 0
        text, offset = h.sentence.text, h.sentence.start
        between = text[end - offset : h.start - offset] if end <= h.start else text[h.end - offset : start - offset]
        gap += COMMA * len(re.findall(r"[,;:]", between))
        if ctx is not None:
            lo, hi = (end, h.start) if end <= h.start else (h.end, start)
            transparent = ctx.rules.cues["transparent_verbs"]
            gap += COMMA * sum(1 for _, _, lemma in ctx.verbs.between(lo, hi) if lemma not in transparent)
        beyond = text[h.end - offset : start - offset]
        if h.anchored and (start < h.end or re.search(r"[,;:]", beyond)):
            gap += 1000
        return (gap, h.start > start)

    return min(hits, key=distance)


def _attach_mention(ctx: Context, s: Sentence, hits: list[Hit], m: Mention) -> None:
    hit = _nearest(hits, m.start, m.end, ctx)
    if m.kind == "operation" and m.name not in hit.operations:
        hit.operations.append(m.name)
    if (hit.subject and m.name == hit.subject) or _inside_subject(ctx, hit, m):
        return
    if m.kind in ORG_KINDS:
        hit.participants.setdefault(m.name, Participant(m.name, m.kind, _role(ctx, s, m)))
    elif m.kind == "place":
        _attach_place(ctx, s, hit, m)


def _inside_subject(ctx: Context, hit: Hit, m: Mention) -> bool:
    if not hit.subject:
        return False
    window = ctx.text[hit.end : hit.end + len(hit.subject) + 12]
    return m.text in window and m.text in hit.subject


def _role(ctx: Context, s: Sentence, m: Mention) -> str | None:
    """What a cue next to a participant says it did: "encabezado por X", "X encabezó"."""
    people = [o for o in ctx.mentions.between(s.start, s.end) if o.kind in ORG_KINDS]
    for r in ctx.rules.roles:
        for c in r.cue.finditer(s.text):
            cue_start, cue_end = s.start + c.start(), s.start + c.end()
            if r.before:
                prior = [
                    o for o in people if o.end <= cue_start and not re.search(r"[;.]\s", ctx.text[o.end : cue_start])
                ]
                chosen = prior[-1] if prior else None
            else:
                after = [
                    o
                    for o in people
                    if o.start >= cue_end
                    and o.start - cue_end < 160
                    and not re.search(r"[;.]\s", ctx.text[cue_end : o.start])
                ]
                chosen = after[0] if after else None
            if chosen is m:
                return r.role
    return None


def _attach_place(ctx: Context, s: Sentence, hit: Hit, m: Mention) -> None:
    if hit.type == "transfer":
        _transfer_place(ctx, hit, m)
        return
    before = ctx.text[max(s.start, m.start - 60) : m.start]
    near = abs(m.start - hit.start) <= 100
    titles = "|".join(ctx.rules.cues["titles"])
    locative = r"\ben\s+(?:(?:la|el)\s+(?:(?:ciudad|estado|municipio|sede|capital|puerto)\s+de\s+)?)?$"
    right_after = re.fullmatch(r"\s+(?:a\s+)?", ctx.text[hit.end : m.start])
    if hit.place is None and ctx.rules.types[hit.type].get("place_after") and right_after:
        hit.place = m.name
        return
    if (
        hit.place is None
        and near
        and re.search(locative, before)
        and not re.search(rf"\b(?:{titles})\b[^,;.]{{0,40}}\ben\s+(?:la\s+|el\s+)?$", before, re.I)
    ):
        hit.place = m.name


def _transfer_place(ctx: Context, hit: Hit, m: Mention) -> None:
    """ "… de 37 capos de México a Estados Unidos": where they were sent from and to."""
    if not 0 <= m.start - hit.end <= 80:
        return
    before = ctx.text[hit.end : m.start]
    after = ctx.text[m.end : m.end + 4]
    if re.search(r"(?:\ba|\bhacia)\s+$", before):
        role = "destino"
    elif re.search(r"\bdesde\s+$", before) or (re.search(r"\bde\s+$", before) and re.match(r"\s+(?:a|hacia)\s", after)):
        role = "origen"
    else:
        return
    hit.participants.setdefault(m.name, Participant(m.name, "place", role))


def _pro_drop(ctx: Context, s: Sentence, hits: list[Hit]) -> None:
    """ "… el Departamento de Justicia calificó … A través de un comunicado, agradecieron …": a sentence
    naming nobody continues the subject of the sentence before it in the paragraph."""
    if s.index == 0 or any(m.kind in ORG_KINDS for m in ctx.mentions.between(s.start, s.end)):
        return
    prev = ctx.sentences[s.index - 1]
    if prev.paragraph != s.paragraph:
        return
    subject = next((m for m in ctx.mentions.between(prev.start, prev.end) if m.kind in ORG_KINDS), None)
    if subject is not None:
        hits[0].participants.setdefault(subject.name, Participant(subject.name, subject.kind))


def _body_subject(ctx: Context, s: Sentence, hits: list[Hit]) -> None:
    """ "Las delegaciones se reunieron … en el marco del Grupo de Implementación": a meeting held
    within a body is that body's, though the sentence puts no article between the two."""
    within = re.compile(rf"(?:{ctx.rules.cues['within']})\s+$", re.I)
    bodies = re.compile(rf"(?:{'|'.join(ctx.rules.cues['bodies'])})\s")
    for m in ctx.mentions.between(s.start, s.end):
        if (
            m.kind == "organization"
            and bodies.match(m.name)
            and within.search(ctx.text[max(s.start, m.start - 30) : m.start])
        ):
            h = _nearest(hits, m.start, m.end)
            if h.type == "meeting" and not h.subject:
                h.subject = m.name
                h.participants.pop(m.name, None)


def _share_people(ctx: Context, hits: list[Hit]) -> None:
    """ "Trump pausó la entrada en vigor de los aranceles tras una llamada telefónica": a call or a
    meeting needs the people of its sentence though another trigger stands nearer to them (not one
    after "previo al", "tras la": that phrase reaches no further)."""
    people = {k: p for h in hits for k, p in h.participants.items() if p.kind in ORG_KINDS}
    for h in hits:
        needs = {"person", "organization"} & set(h.requires)
        if needs and not h.anchored and not any(p.kind in ORG_KINDS for p in h.participants.values()):
            for name, p in people.items():
                h.participants.setdefault(name, p)


def _place_phrases(ctx: Context, s: Sentence, hits: list[Hit]) -> None:
    for phrase, place in ctx.rules.place_phrases.items():
        for m in re.finditer(re.escape(phrase), s.text, re.I):
            hit = _nearest(hits, s.start + m.start(), s.start + m.end())
            if hit.place is None and hit.type != "transfer":
                hit.place = place


def _cues(ctx: Context, s: Sentence, hits: list[Hit]) -> None:
    for name in ("past", "planned"):
        for m in ctx.rules.cue(name).finditer(s.text):
            hit = _nearest(hits, s.start + m.start(), s.start + m.end())
            hit.status = hit.status or name
    for m in ctx.rules.cue("preparatory").finditer(s.text):
        hit = _nearest(
            [h for h in hits if h.type == "meeting" and not h.anchored] or hits, s.start + m.start(), s.start + m.end()
        )
        hit.prep = hit.type == "meeting"
    for h in hits:
        h.tense = None if h.anchored else _tense(ctx, s, h)


def _tense(ctx: Context, s: Sentence, h: Hit) -> str | None:
    """Past or planned from the verb reporting the trigger: the trigger itself ("se reunirá") or the
    nearest verb saying it takes place ("la reunión se realizará"); "dará información sobre el
    traslado" says nothing of when the transfer was."""
    transparent = ctx.rules.cues["transparent_verbs"]
    verbs = [
        (abs(offset - h.start), tense)
        for offset, tense, lemma in ctx.verbs.between(s.start, s.end)
        if h.start <= offset < h.end or lemma in transparent
    ]
    if not verbs:
        return None
    tense = min(verbs)[1]
    return "planned" if tense == "Fut" else "past" if tense in ("Past", "Imp") else None
