"""Events: sentences with a trigger word and resolved arguments.

How a news article reports an event, and so how this module reads one:

1. A trigger names it ("reunión", "se reunió", "entrega", "anunció"): `pipeline/data/events.toml`.
2. Its own words qualify it: an ordinal before it ("la segunda reunión"), the body it belongs to
   after it ("… del Grupo de Implementación de Seguridad"), a count ("37 capos").
3. The sentence supplies the rest: dates, places, people and organizations, operation names, tense.
   Each goes to the nearest trigger of the sentence.
4. A trigger after "previo al", "tras la", "desde el" … refers to another event than the clause's.
5. Within an article, reports of one event are gathered: a bare "el encuentro" is the meeting just
   named; two mentions of "la segunda reunión del Grupo …" are one. Every sentence of a gathered
   event becomes an `EventMention` with the event's arguments and its own evidence offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from ..merge.labels import make_label
from ..merge.places import place_parents
from ..models import DateMention, EventMention, Mention, Participant
from .event_clusters import Hit, Sentence, gather, inherit_subjects, merge_in_sentence, number_the_next, profile
from .event_rules import EventRules, Trigger, load_rules
from .lexicon import Lexicon
from .offsets import ByOffset

CAP = r"[A-ZÁÉÍÓÚÑ]"
ORG_KINDS = ("person", "organization")

__all__ = ["find_events"]


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


# ── the article as the rules see it ─────────────────────────────────────────────────────────────
def find_events(doc, mentions: list[Mention], dates: list[DateMention],
                published: str | None, lexicon: Lexicon) -> list[EventMention]:
    """Every event the article reports, one `EventMention` per evidence sentence."""
    ctx = _context(doc, mentions, dates, published, lexicon, load_rules())
    hits, echoes = [], []
    for sentence in ctx.sentences:
        found = _hits(ctx, sentence)
        echoes += _assign(ctx, sentence, found)
        hits += merge_in_sentence(found)
    inherit_subjects(hits)
    number_the_next(hits)
    clusters = gather(hits) + [[e] for e in echoes]
    out = []
    for cluster in clusters:
        event = _event(ctx, cluster)
        if event is not None:
            out += [replace(event, trigger=h.trigger, evidence=h.sentence.text,
                            start=h.sentence.start, end=h.sentence.end) for h in cluster]
    return sorted(out, key=lambda e: e.start)


def _context(doc, mentions, dates, published, lexicon, rules) -> Context:
    text = doc.text
    sentences = _sentences(doc)
    verbs = [(t.idx, (t.morph.get("Tense") or [""])[0], t.lemma_.casefold()) for t in doc
             if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")]
    participles = [t.idx for t in doc if "Part" in t.morph.get("VerbForm")]
    ctx = Context(text, published, ByOffset(mentions, _start), ByOffset(dates, _start), lexicon, rules, sentences,
                  _acronyms(text), {}, ByOffset(verbs, _first), ByOffset(participles, int))
    ctx.datelines = _datelines(ctx)
    return ctx


def _start(x: Mention | DateMention) -> int:
    return x.start


def _first(verb: tuple[int, str, str]) -> int:
    return verb[0]


def _sentences(doc) -> list[Sentence]:
    """spaCy's sentences, also cut at line breaks (headings and captions are sentences too)."""
    text, out = doc.text, list[Sentence]()
    breaks = [m.end() for m in re.finditer("\n\n", text)]  # paragraph breaks, counted by bisection
    for sent in doc.sents:
        for m in re.finditer(r"[^\n]+", sent.text):
            chunk = m.group()
            if chunk.strip():
                start = sent.start_char + m.start() + len(chunk) - len(chunk.lstrip())
                end = sent.start_char + m.end() - (len(chunk) - len(chunk.rstrip()))
                out.append(Sentence(len(out), start, end, text[start:end], bisect_right(breaks, start)))
    for i, s in enumerate(out):
        first = i == 0 or out[i - 1].paragraph != s.paragraph
        last = i + 1 == len(out) or out[i + 1].paragraph != s.paragraph
        alone = first and last
        s.heading = alone and not re.search(r"[.!?:;\"”»…)]$", s.text)
    return out


def _acronyms(text: str) -> dict[str, str]:
    """"Grupo de Implementación de Seguridad (SIG)" → {"SIG": "Grupo de Implementación de Seguridad"}.

    The expansion is the shortest run of capitalized words before the parenthesis whose initials
    are the acronym's letters, in any order (Spanish names keep English acronyms: SIG, DEA).
    """
    out = {}
    for m in re.finditer(r"\(([A-Z]{2,8})\)", text):
        acronym = m.group(1)
        words = re.findall(r"[\wáéíóúñÁÉÍÓÚÑ]+", text[max(0, m.start() - 120): m.start()])
        for i in range(len(words) - 1, -1, -1):
            capitals = [w[0] for w in words[i:] if w[0].isupper()]
            if sorted(capitals) == sorted(acronym) and words[i][0].isupper():
                out[acronym] = " ".join(words[i:])
                break
    return out


def _datelines(ctx: Context) -> dict[int, tuple[str | None, DateMention | None]]:
    """"Ciudad de México, 11 de diciembre (Agencia).- …": where and when the lead paragraph was written."""
    out: dict[int, tuple[str | None, DateMention | None]] = {}
    pattern = re.compile(r"^(?P<place>[^\W\d][^,.(\n]{1,40}?)(?:,\s*(?P<rest>[^()\n]{1,40}?))?\s*(?:\([^)\n]{1,40}\))?"
                         r"\s*(?:\.-|\.–|\.—|\s[-–—]|\.)\s+(?=[A-ZÁÉÍÓÚÑ¿\"“])")
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


# ── triggers in a sentence ──────────────────────────────────────────────────────────────────────
def _hits(ctx: Context, s: Sentence) -> list[Hit]:
    """Trigger matches of a sentence; where two overlap, the longer ("reunión inaugural" over "reunión")."""
    matches = [(m, t) for t in ctx.rules.triggers for m in t.pattern.finditer(s.text) if not _excluded(t, s.text, m)]
    taken: list[tuple[int, int]] = []
    hits = []
    for m, trigger in sorted(matches, key=lambda mt: (-(mt[0].end() - mt[0].start()), mt[0].start())):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            taken.append((m.start(), m.end()))
            hits.append(_hit(ctx, s, trigger, m))
    return _drop_objects(sorted(hits, key=lambda h: h.start))


def _drop_objects(hits: list[Hit]) -> list[Hit]:
    """"anuncia operaciones como …": the operations are what was announced, not a second event;
    "el traslado … como parte de un operativo especial": the operation is how the transfer was done."""
    out: list[Hit] = []
    transfer = any(h.type == "transfer" for h in hits)
    for h in hits:
        if transfer and h.type == "operation" and not _named_after(h):
            continue
        gap = h.sentence.text[out[-1].end - h.sentence.start: h.start - h.sentence.start] if out else ","
        if out and out[-1].type == "announcement" and h.type == "operation" and len(gap) < 25 and "," not in gap:
            continue
        out.append(h)
    return out


def _named_after(h: Hit) -> bool:
    """"operación 'Enjambre'", "operativo Sin Dejar Rastro": the trigger opens a name."""
    after = h.sentence.text[h.end - h.sentence.start:]
    return bool(re.match(r"\s*(?:[\"“'‘«]|[A-ZÁÉÍÓÚÑ])", after))


def _excluded(trigger: Trigger, text: str, m: re.Match) -> bool:
    if trigger.not_before and trigger.not_before.search(text[m.end():]):
        return True
    if trigger.not_after and trigger.not_after.search(text[:m.start()]):
        return True
    # Capitalized inside a name ("Operación Limpieza", "Reunión Nacional de …") only when not sentence-initial
    return trigger.type == "operation" and m.group()[0].isupper() and m.start() > 0


def _hit(ctx: Context, s: Sentence, trigger: Trigger, m: re.Match) -> Hit:
    rules, before = ctx.rules, s.text[: m.start()]
    hit = Hit(trigger.type, m.group(), s.start + m.start(), s.start + m.end(), s,
              requires=trigger.requires or tuple(rules.types[trigger.type]["requires"]))
    hit.anchored = bool(re.search(rf"(?:{'|'.join(rules.cues['anchors'])})\s+(?:[\wáéíóúñ]+\s+){{0,2}}$", before, re.I))
    hit.referring = bool(re.search(rf"\b(?:{rules.cues['determiners']})\s+(?:[\wáéíóúñ]+\s+)?$", before, re.I)) \
        or ctx.participles.any_between(s.start + m.start(), s.start + m.end())  # "los capos trasladados"
    hit.ordinal = trigger.ordinal or _ordinal(rules, before, s.text[m.end():])
    hit.next_in_series = bool(re.search(rf"\b(?:{rules.cues['next']})\s+$", before, re.I))
    hit.anchored = hit.anchored and not hit.next_in_series  # "de cara a la próxima reunión": planned, reported
    hit.subject, hit.subject_is_anaphor = _subject(ctx, s, trigger, m)
    hit.count = _count(rules, trigger.type, s.text, m)
    hit.prisoner = any(x.kind == "person"
                       and re.fullmatch(r"\s+(?:a|al|de|del)\s+(?:[^\W\d]+\s+){0,4}", ctx.text[hit.end:x.start])
                       for x in ctx.mentions.between(hit.end, min(hit.end + 60, s.end) + 1))
    return hit


def _ordinal(rules: EventRules, before: str, after: str) -> int | None:
    bridge = rules.cues["ordinal_bridge"]
    word_or_number = r"(?:(?P<w>[\wáéíóúñ]+)|(?P<d>\d+)\s*(?:\.?\s*[ªºa°]|er|era|o)\.?)"
    m = re.search(rf"{word_or_number}\s+(?:{bridge}\s+)?$", before, re.I)
    if m and m.group("w"):
        return rules.ordinals.get(m.group("w").casefold())
    if m and m.group("d"):
        return int(m.group("d"))
    if re.match(r"\s+inaugural\b", after, re.I):
        return 1
    return None


def _subject(ctx: Context, s: Sentence, trigger: Trigger, m: re.Match) -> tuple[str | None, bool]:
    """The body whose event this is: "… reunión del Grupo X", "El Grupo X fue instalado", "lanzó la Misión X"."""
    bodies = "|".join(ctx.rules.cues["bodies"])
    joints = r"(?:(?:de|del|la|las|los|el|y|e|para|sobre|contra)\s+)*"
    name = rf"(?:{bodies})(?:[ -]+{joints}(?:{CAP}[\wáéíóúñ.]*|[A-Z]{{2,}}))*"
    article = r"(?:del?|de la|de los|a la|al|el|la)"
    after = re.match(rf"\s+(?:[\wáéíóúñ]+\s+)?{article}\s+(?:[a-záéíóúñ]+\s+){{0,2}}[“\"'‘]?({name})",
                     s.text[m.end():])
    passive = r"(?:fue|será|se|quedó|quedará|ha sido)?"
    before = re.search(rf"({name})[”\"'’]?\s*(?:\([A-Z]{{2,8}}\))?\s*{passive}\s*$", s.text[: m.start()])
    acronym = re.match(r"\s+(?:del|de la)\s+([A-Z]{2,8})\b", s.text[m.end():])
    if after:
        raw = _named_by_mention(ctx, s.start + m.end() + after.start(1), after.group(1))
    elif before and trigger.subject_before:
        raw = before.group(1)
    elif owner := re.search(rf"({name})[^,.;]{{0,40}}\bsus?\s+(?:[\wáéíóúñ]+\s+)?$", s.text[: m.start()]):
        raw = owner.group(1)  # "El Comité X celebró su segunda sesión"
    elif acronym and re.match(rf"(?:{bodies})\b", ctx.acronyms.get(acronym.group(1), "")):
        raw = ctx.acronyms[acronym.group(1)]
    else:
        return None, False
    return _clean_subject(ctx, raw)


def _named_by_mention(ctx: Context, start: int, raw: str) -> str:
    """A subject an operation or organization mention covers takes its canonical name."""
    for m in ctx.mentions.between(start, start + 1):
        if m.kind in ("operation", "organization") and len(m.text) >= len(raw) - 2:
            return m.name
    return raw


def _clean_subject(ctx: Context, raw: str) -> tuple[str | None, bool]:
    countries = "|".join(ctx.rules.cues["countries"])
    raw = re.sub(rf"(?:[\s-]+(?:{countries}))+(?:\s*[-–—y]\s*(?:{countries}))*\.?$", "", raw.strip(" .")).strip(" -–—")
    raw = re.sub(r"\s+(?:de|del|la|las|los|el|y|e|para|sobre|contra|en|a)$", "", raw)
    if raw in ctx.acronyms:
        raw = ctx.acronyms[raw]
    if " " not in raw:
        return None, True  # "del Grupo": the body named elsewhere in the article
    expanded = re.sub(r"\b([A-Z]{2,8})$", lambda a: ctx.acronyms.get(a.group(1), a.group(1)), raw)
    return ctx.lexicon.aliases.get(expanded.casefold(), expanded), False


def _count(rules: EventRules, type_: str, text: str, m: re.Match) -> int | None:
    pattern = rules.count_pattern(type_)
    if pattern is None:
        return None
    lo, hi = max(0, m.start() - 50), min(len(text), m.end() + 90)
    best = None
    tally = rules.cue("tally")
    for c in pattern.finditer(text, lo, hi):
        if re.search(r"[.;]\s", text[min(c.end(), m.end()): max(c.start(), m.start())]):
            continue
        if tally.search(text, max(0, c.start() - 30), c.start()):
            continue  # "México suma 92 reos trasladados": a running total, not this event's count
        distance = abs(c.start() - m.start())
        if best is None or distance < best[0]:
            best = (distance, c.group("n"))
    if best is None:
        return None
    n = best[1]
    return rules.numbers.get(n.casefold()) or int(re.sub(r"[.,]", "", n))


# ── arguments: each goes to the nearest trigger ─────────────────────────────────────────────────
def _assign(ctx: Context, s: Sentence, hits: list[Hit]) -> list[Hit]:
    """Give the sentence's dates, places, participants, operations and tense cues to its triggers;
    return the earlier occurrences it names ("superando las realizadas en febrero y agosto")."""
    if not hits:
        return []
    echoes, echo_dates = _earlier(ctx, s, hits)
    for d in ctx.dates.between(s.start, s.end):
        if d not in echo_dates:
            hit = _nearest(hits, d.start, d.end)
            if not _verb_between(ctx, hit, d):
                hit.dates.append(d)
    for mention in ctx.mentions.between(s.start, s.end):
        _attach_mention(ctx, s, hits, mention)
    _place_phrases(ctx, s, hits)
    _pro_drop(ctx, s, hits)
    _cues(ctx, s, hits)
    _echo_parties(echoes, hits)
    return echoes


def _verb_between(ctx: Context, hit: Hit, d: DateMention) -> bool:
    """A finite verb other than one saying the event took place separates a date from the trigger."""
    lo, hi = (d.end, hit.start) if d.end <= hit.start else (hit.end, d.start)
    transparent = ctx.rules.cues["transparent_verbs"]
    return any(lemma not in transparent for _, _, lemma in ctx.verbs.between(lo, hi))


def _nearest(hits: list[Hit], start: int, end: int) -> Hit:
    """The trigger an argument belongs to: the closest, but a trigger after "previo al", "tras la" …
    reaches no further than its own phrase ("previo al encuentro con X,")."""
    def distance(h: Hit) -> tuple[int, int]:
        gap = h.start - end if end <= h.start else start - h.end if start >= h.end else 0
        beyond = h.sentence.text[h.end - h.sentence.start: start - h.sentence.start]
        if h.anchored and (start < h.end or re.search(r"[,;:]", beyond)):
            gap += 1000
        return (gap, h.start > start)
    return min(hits, key=distance)


def _attach_mention(ctx: Context, s: Sentence, hits: list[Hit], m: Mention) -> None:
    hit = _nearest(hits, m.start, m.end)
    if m.kind == "operation" and m.name not in hit.operations:
        hit.operations.append(m.name)
    if hit.subject and m.name == hit.subject or _inside_subject(ctx, hit, m):
        return
    if m.kind in ORG_KINDS:
        hit.participants.setdefault(m.name, Participant(m.name, m.kind, _role(ctx, s, m)))
    elif m.kind == "place":
        _attach_place(ctx, s, hit, m)


def _inside_subject(ctx: Context, hit: Hit, m: Mention) -> bool:
    if not hit.subject:
        return False
    window = ctx.text[hit.end: hit.end + len(hit.subject) + 12]
    return m.text in window and m.text in hit.subject


def _role(ctx: Context, s: Sentence, m: Mention) -> str | None:
    """What a cue next to a participant says it did: "encabezado por X", "X encabezó"."""
    people = [o for o in ctx.mentions.between(s.start, s.end) if o.kind in ORG_KINDS]
    for r in ctx.rules.roles:
        for c in r.cue.finditer(s.text):
            cue_start, cue_end = s.start + c.start(), s.start + c.end()
            if r.before:
                prior = [o for o in people
                         if o.end <= cue_start and not re.search(r"[;.]\s", ctx.text[o.end:cue_start])]
                chosen = prior[-1] if prior else None
            else:
                after = [o for o in people if o.start >= cue_end and o.start - cue_end < 160
                         and not re.search(r"[;.]\s", ctx.text[cue_end:o.start])]
                chosen = after[0] if after else None
            if chosen is m:
                return r.role
    return None


def _attach_place(ctx: Context, s: Sentence, hit: Hit, m: Mention) -> None:
    if hit.type == "transfer":
        _transfer_place(ctx, hit, m)
        return
    before = ctx.text[max(s.start, m.start - 60): m.start]
    near = abs(m.start - hit.start) <= 100
    titles = "|".join(ctx.rules.cues["titles"])
    locative = r"\ben\s+(?:(?:la|el)\s+(?:(?:ciudad|estado|municipio|sede|capital|puerto)\s+de\s+)?)?$"
    right_after = re.fullmatch(r"\s+(?:a\s+)?", ctx.text[hit.end:m.start])
    if hit.place is None and ctx.rules.types[hit.type].get("place_after") and right_after:
        hit.place = m.name
        return
    if hit.place is None and near and re.search(locative, before) \
            and not re.search(rf"\b(?:{titles})\b[^,;.]{{0,40}}\ben\s+(?:la\s+|el\s+)?$", before, re.I):
        hit.place = m.name


def _transfer_place(ctx: Context, hit: Hit, m: Mention) -> None:
    """"… de 37 capos de México a Estados Unidos": where they were sent from and to."""
    if not 0 <= m.start - hit.end <= 80:
        return
    before = ctx.text[hit.end: m.start]
    after = ctx.text[m.end: m.end + 4]
    if re.search(r"(?:\ba|\bhacia)\s+$", before):
        role = "destino"
    elif re.search(r"\bdesde\s+$", before) or (re.search(r"\bde\s+$", before) and re.match(r"\s+(?:a|hacia)\s", after)):
        role = "origen"
    else:
        return
    hit.participants.setdefault(m.name, Participant(m.name, "place", role))


def _pro_drop(ctx: Context, s: Sentence, hits: list[Hit]) -> None:
    """"… el Departamento de Justicia calificó … A través de un comunicado, agradecieron …": a sentence
    naming nobody continues the subject of the sentence before it in the paragraph."""
    if s.index == 0 or any(m.kind in ORG_KINDS for m in ctx.mentions.between(s.start, s.end)):
        return
    prev = ctx.sentences[s.index - 1]
    if prev.paragraph != s.paragraph:
        return
    subject = next((m for m in ctx.mentions.between(prev.start, prev.end) if m.kind in ORG_KINDS), None)
    if subject is not None:
        hits[0].participants.setdefault(subject.name, Participant(subject.name, subject.kind))


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
        hit = _nearest([h for h in hits if h.type == "meeting" and not h.anchored] or hits,
                       s.start + m.start(), s.start + m.end())
        hit.prep = hit.type == "meeting"
    for h in hits:
        h.tense = None if h.anchored else _tense(ctx, s, h)


def _tense(ctx: Context, s: Sentence, h: Hit) -> str | None:
    """Past or planned from the verb reporting the trigger: the trigger itself ("se reunirá") or the
    nearest verb saying it takes place ("la reunión se realizará"); "dará información sobre el
    traslado" says nothing of when the transfer was."""
    transparent = ctx.rules.cues["transparent_verbs"]
    verbs = [(abs(offset - h.start), tense) for offset, tense, lemma in ctx.verbs.between(s.start, s.end)
             if h.start <= offset < h.end or lemma in transparent]
    if not verbs:
        return None
    tense = min(verbs)[1]
    return "planned" if tense == "Fut" else "past" if tense in ("Past", "Imp") else None


def _earlier(ctx: Context, s: Sentence, hits: list[Hit]) -> tuple[list[Hit], set[DateMention]]:
    """"… la mayor transferencia, superando las realizadas en febrero y agosto de 2025": two more."""
    echoes, used = [], set()
    for m in ctx.rules.cue("earlier").finditer(s.text):
        owner = max((h for h in hits if h.start < s.start + m.start()), key=lambda h: h.start, default=None)
        if owner is None:
            continue
        for d in ctx.dates.between(s.start + m.end(), min(s.start + m.end() + 41, s.end)):
            used.add(d)
            echoes.append(Hit(owner.type, owner.trigger, owner.start, owner.end, s, dates=[d],
                              requires=(), status="past"))
    return echoes, used


def _echo_parties(echoes: list[Hit], hits: list[Hit]) -> None:
    """Earlier occurrences had, by default, the same sides: "de México a Estados Unidos"."""
    for e in echoes:
        for h in hits:
            if h.type == e.type:
                e.participants.update({k: p for k, p in h.participants.items() if p.kind == "place"})


# ── one event from a cluster ────────────────────────────────────────────────────────────────────
def _event(ctx: Context, cluster: list[Hit]) -> EventMention | None:
    p = profile(cluster)
    when = _best_date(p.dates) or _dateline(ctx, cluster, 1)
    place = p.place or _dateline(ctx, cluster, 0)
    people = [x for x in p.participants.values() if x.kind in ORG_KINDS]
    args: dict[str, object] = {
        "subject": p.subject, "count": p.count, "prisoner": p.prisoner, "operation": p.operations,
        "place": place, "date": when, "person": any(x.kind == "person" for x in people),
        "organization": any(x.kind == "organization" for x in people)}
    if p.requires and not any(args.get(r) for r in p.requires):
        return None
    if all(h.referring for h in cluster) and not p.named and len(people) < 2:
        return None  # "dijo que la reunión fue productiva": a meeting this article does not report
    planned = (p.status or p.tense) == "planned" or bool(when and ctx.published and when.value[:10] > ctx.published)
    status = "planned" if planned else "past"
    ev = EventMention(type=p.type, trigger=p.trigger, evidence="", start=0, end=0,
                      date=when.value if when else None, granularity=when.granularity if when else None,
                      place=place, subject=p.subject, ordinal=p.ordinal, count=p.count, status=status,
                      qualifier="preparatoria" if p.prep else None,
                      participants=list(p.participants.values()), operations=p.operations)
    ev.label = make_label(ev)
    return ev


def _best_date(dates: list[DateMention]) -> DateMention | None:
    return max(dates, key=lambda d: (len(d.value), -d.start)) if dates else None


def _dateline(ctx: Context, cluster: list[Hit], part: int):
    for h in cluster:
        if h.sentence.paragraph in ctx.datelines:
            return ctx.datelines[h.sentence.paragraph][part]
    return None
