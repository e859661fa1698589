"""Triggers in a sentence: each match of a trigger word of `pipeline/data/events.toml`, with what
its own words say of it (an ordinal, the body it belongs to, a count, whether it refers back).

"La segunda reunión del Grupo de Implementación de Seguridad", "37 capos trasladados": the
ordinal before the trigger, the body after it, the count near it. What the rest of the sentence
gives (dates, places, people) is `event_arguments.py`'s.
"""

from __future__ import annotations

import re

from .event_clusters import Hit, Sentence
from .event_context import Context
from .event_rules import NUMBER, EventRules, Trigger, number_value
from .literals import heads, may_match
from .tokens import SCORE

CAP = r"[A-ZÁÉÍÓÚÑ]"
COPULA = r"(?:es|fue|será|era|se trata)\s+(?:el|la|del|de la|un|una)"  # "Es el segundo …", "Se trata de la tercera …"
COUNT_REACH = 90  # characters either side of a trigger its count may be ("26 personas recluidas en … fueron enviadas")
SIDE_WORD = r"(?:[A-ZÁÉÍÓÚÑ][^\W\d_]*|FC|de|del)"  # a word of a team's name: "Xolos de Tijuana", "FC Juárez"
VERSUS_REACH = 80  # characters after a match's verb within which its opponent is named
ALONE_REACH = 60  # characters within which another trigger names the event a happening verb reports

__all__ = ["sentence_hits"]


def sentence_hits(ctx: Context, s: Sentence) -> list[Hit]:
    """Trigger matches of a sentence; where two overlap, the longer ("reunión inaugural" over "reunión");
    a happening verb ("tuvo lugar") only where no trigger near it names the event."""
    words = heads(s.text)
    matches = [
        (m, t)
        for t in ctx.rules.triggers
        if may_match(t.starts, words)  # most sentences hold no word most triggers begin with
        and (not t.only_in or ctx.rules.cue(t.only_in).search(s.text))
        for m in t.pattern.finditer(s.text)
        if not _excluded(t, s.text, m)
    ]
    taken: list[tuple[int, int]] = []
    hits, kinds = [], []
    for m, trigger in sorted(matches, key=lambda mt: (-(mt[0].end() - mt[0].start()), mt[0].start())):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            taken.append((m.start(), m.end()))
            hits.append(_hit(ctx, s, trigger, m))
            kinds.append(trigger)
    named = [h for h, t in zip(hits, kinds, strict=True) if not t.alone]
    kept = [h for h, t in zip(hits, kinds, strict=True) if not t.alone or not any(_names(ctx, o, h) for o in named)]
    return _drop_objects(sorted(kept, key=lambda h: h.start))


def _names(ctx: Context, other: Hit, verb: Hit) -> bool:
    """The event a happening verb reports is the trigger near it: just before it ("El envío ocurrió
    en febrero"), its antecedent ("La reunión, que tuvo lugar el 3 de marzo"), or its subject after
    it in the same clause ("Se llevó a cabo en la sede del Departamento de Estado la tercera reunión")."""
    text, offset = verb.sentence.text, verb.sentence.start
    if other.end <= verb.start:
        between = text[other.end - offset : verb.start - offset]
        return len(between) <= ALONE_REACH or bool(re.fullmatch(r"[^,;:]{0,20},\s*(?:que|la cual|el cual)\s+", between))
    between = text[verb.end - offset : other.start - offset]
    return not re.search(r"[;:]", between) and not ctx.verbs.any_between(verb.end, other.start)


def _drop_objects(hits: list[Hit]) -> list[Hit]:
    """ "anuncia operaciones como …": the operations are what was announced, not a second event;
    "el traslado … como parte de un operativo especial": the operation is how the transfer was done."""
    out: list[Hit] = []
    transfer = any(h.type == "transfer" for h in hits)
    for h in hits:
        if transfer and h.type == "operation" and not _named_after(h):
            continue
        gap = h.sentence.text[out[-1].end - h.sentence.start : h.start - h.sentence.start] if out else ","
        if out and out[-1].type == "announcement" and h.type == "operation" and len(gap) < 25 and "," not in gap:
            continue
        out.append(h)
    return out


def _named_after(h: Hit) -> bool:
    """ "operación 'Enjambre'", "operativo Sin Dejar Rastro": the trigger opens a name."""
    after = h.sentence.text[h.end - h.sentence.start :]
    return bool(re.match(r"\s*(?:[\"“'‘«]|[A-ZÁÉÍÓÚÑ])", after))


def _excluded(trigger: Trigger, text: str, m: re.Match) -> bool:
    if trigger.not_before and trigger.not_before.search(text[m.end() :]):
        return True
    if trigger.not_after and trigger.not_after.search(text[: m.start()]):
        return True
    # Capitalized inside a name ("Operación Limpieza", "Reunión Nacional de …") only when not sentence-initial
    return trigger.type == "operation" and m.group()[0].isupper() and m.start() > 0


def _hit(ctx: Context, s: Sentence, trigger: Trigger, m: re.Match) -> Hit:
    rules, before = ctx.rules, s.text[: m.start()]
    type_ = trigger.type
    if trigger.in_context and rules.cue(trigger.in_context[0]).search(s.text):
        type_ = trigger.in_context[1]  # "Este encuentro marcó el debut del Tri": a match, not a meeting
    hit = Hit(
        type_,
        m.group(),
        s.start + m.start(),
        s.start + m.end(),
        s,
        requires=tuple(rules.types[type_]["requires"])
        if trigger.requires is None or type_ != trigger.type
        else trigger.requires,
    )
    hit.anchored = bool(re.search(rf"(?:{'|'.join(rules.cues['anchors'])})\s+(?:[\wáéíóúñ]+\s+){{0,2}}$", before, re.I))
    passive = re.match(r"(?:fue|fueron|ha|han|había|habían|habría|se)\s", m.group(), re.I)  # "fue detenido": reports
    verb = ctx.verbs.any_between(s.start + m.start(), s.start + m.end())  # "El gobierno entregó": its subject
    hit.referring = (
        not passive
        and not verb
        and (
            bool(re.search(rf"\b(?:{rules.cues['determiners']})\s+(?:[\wáéíóúñ]+\s+)?$", before, re.I))
            or ctx.participles.any_between(s.start + m.start(), s.start + m.end())  # "los capos trasladados"
        )
    )
    hit.ordinal = trigger.ordinal or _ordinal(rules, before, s.text[m.end() :])
    hit.generic = bool(
        re.search(r"[a-záéíóúñ]s$", m.group())
        and not hit.referring
        and not re.search(r"(?:\d|\b(?:un|unos|unas|dos|tres|cuatro|cinco|varios|varias))\s+$", before, re.I)
    )
    hit.copular = bool(hit.ordinal and re.fullmatch(rf"\s*{COPULA}\s+\S+\s+", before, re.I))
    hit.next_in_series = bool(re.search(rf"\b(?:{rules.cues['next']})\s+$", before, re.I))
    hit.anchored = hit.anchored and not hit.next_in_series  # "de cara a la próxima reunión": planned, reported
    hit.subject, hit.subject_is_anaphor = _subject(ctx, s, trigger, m)
    hit.subject = hit.subject or trigger.subject
    if type_ == "other" and SCORE.fullmatch(m.group()):
        hit.subject = _scoreline_sides(s.text, m)  # "Mazatlán FC 1–2 FC Juárez": the names around it
    elif type_ == "other" and rules.cue("sport").search(s.text):
        hit.ordinal = None  # "su segundo triunfo", "su octavo partido": a team's or player's tally
        hit.subject = hit.subject or _sides(ctx, s, m)
    own = s.text if not hit.anchored else s.text[: _phrase_end(s.text, m.end())]  # "tras el envío de 29, …"
    count, approximate = _count(rules, trigger.type, own, m)
    hit.count, hit.about = (None, count) if approximate else (count, None)
    hit.prisoner = any(
        x.kind == "person" and re.fullmatch(r"\s+(?:a|al|de|del)\s+(?:[^\W\d]+\s+){0,4}", ctx.text[hit.end : x.start])
        for x in ctx.mentions.between(hit.end, min(hit.end + 60, s.end) + 1)
    )
    return hit


def _sides(ctx: Context, s: Sentence, m: re.Match) -> str | None:
    """Who played a match: the team named right before its verb ("México venció …") and those
    after a word for the opponent ("… 1-0 a Bolivia", "ante Panamá"), in alphabetical order. A
    team plays one match a day, so the sides and the day say which match a report is of."""
    clause_start = max((i + 1 for i, c in enumerate(s.text[: m.start()]) if c in ",;:"), default=0)
    versus = ctx.rules.cue("versus")
    sides, opponent = set(), None
    for x in ctx.mentions.between(s.start, min(s.end, s.start + m.end() + VERSUS_REACH)):
        if x.kind not in ("place", "organization"):
            continue
        if x.start >= s.start + m.end() and not opponent and versus.search(ctx.text[s.start : x.start]):
            opponent = x.name  # the first only: "… a Bolivia en el torneo que organiza junto a Chile"
        elif s.start + clause_start <= x.start and _right_before(ctx.text[x.end : s.start + m.start()]):
            sides.add(x.name)  # "México venció", "México se impuso", "Bolivia cayó"
    sides |= {opponent} if opponent else set()
    return " – ".join(sorted(sides)) if sides else None


def _scoreline_sides(text: str, m: re.Match) -> str | None:
    """The sides of a results line, the capitalized names right before and after its score
    ("Mazatlán FC 1–2 FC Juárez"), whether or not they are known names, in alphabetical order."""
    before = re.search(rf"((?:{SIDE_WORD} )*{SIDE_WORD}) $", text[: m.start()])
    after = re.match(rf" ((?:{SIDE_WORD} )*{SIDE_WORD})", text[m.end() :])
    if not (before and after):
        return None
    sides = {re.sub(r"^(?:(?:de|del) )+|(?: (?:de|del))+$", "", m.group(1)) for m in (before, after)}
    return " – ".join(sorted(sides))


def _right_before(gap: str) -> bool:
    """A name that ends a few words before the match's verb (and not after it) is its subject."""
    return bool(gap) and re.fullmatch(r"[\s\w]{0,12}", gap) is not None


def _phrase_end(text: str, start: int) -> int:
    """Where the phrase from `start` ends: the next comma, colon or semicolon, or the sentence's end."""
    m = re.compile(r"[,;:]").search(text, start)
    return m.start() if m else len(text)


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
    after = re.match(
        rf"\s+(?:[\wáéíóúñ]+\s+)?{article}\s+(?:[a-záéíóúñ]+\s+){{0,2}}[“\"'‘]?({name})", s.text[m.end() :]
    )
    passive = r"(?:fue|será|se|quedó|quedará|ha sido)?"
    before = re.search(rf"({name})[”\"'’]?\s*(?:\([A-Z]{{2,8}}\))?\s*{passive}\s*$", s.text[: m.start()])
    acronym = re.match(r"\s+(?:del|de la)\s+([A-Z]{2,8})\b", s.text[m.end() :])
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


def _count(rules: EventRules, type_: str, text: str, m: re.Match) -> tuple[int | None, bool]:
    """The count nearest the trigger ("37 capos"; "los 29 que fueron trasladados"; "Caro Quintero y
    otros 28 capos" are 29), and whether it is approximate ("más de 30 reos": enough to say what was
    transferred, not a figure that tells two transfers apart)."""
    pattern = rules.count_pattern(type_)
    if pattern is None:
        return None, False
    number = NUMBER + "|" + "|".join(rules.numbers)
    relative = re.search(
        rf"(?P<n>{number})\s+(?:que|quienes)\s+(?:\S+\s+){{0,2}}$", text[max(0, m.start() - 40) : m.start()]
    )
    if relative:
        return number_value(relative.group("n"), rules.numbers), False
    best = _nearest_count(rules, pattern, text, m)
    if best is None:
        return None, False
    before = text[max(0, best.start() - 60) : best.start()].rstrip()
    approximate = any(a.end() == len(before) for a in rules.cue("approximate").finditer(before))
    one_more = re.search(rf"{CAP}[\wáéíóúñ]+,?\s+(?:y|junto (?:a|con))\s+(?:otros|otras)$", before) is not None
    return number_value(best.group("n"), rules.numbers) + one_more, approximate


def _nearest_count(rules: EventRules, pattern: re.Pattern, text: str, m: re.Match) -> re.Match | None:
    lo, hi = max(0, m.start() - COUNT_REACH), min(len(text), m.end() + COUNT_REACH)
    best = None
    tally = rules.cue("tally")
    for c in pattern.finditer(text, lo, hi):
        if re.search(r"[.;:]\s", text[min(c.end(), m.end()) : max(c.start(), m.start())]):
            continue
        if tally.search(text, max(0, c.start() - 30), c.start()):
            continue  # "México suma 92 reos trasladados": a running total, not this event's count
        distance = abs(c.start() - m.start())
        if best is None or distance < best[0]:
            best = (distance, c)
    return best[1] if best else None
