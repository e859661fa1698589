"""People, places and organizations: spaCy's NER, cleaned and retyped, plus what it misses.

Rules that propose candidates (see `candidates.PRIORITY` for who wins an overlap):

- `head_candidates`: a capitalized organization head and the name it begins
  ("Secretaría de Relaciones Exteriores", "Cártel Jalisco Nueva Generación");
- `blocked_candidates`: names of laws, treaties, awards and meetings, which are
  none of the kinds and whose words are no one's ("Ley de Seguridad Nacional");
- `gazetteer_candidates`: known places and bodies in any of their forms;
- `place_candidates`: the name after "colonia", "municipio de", "ejido";
- `title_candidates`: capitalized words after a title ("el vicefiscal Dámaso Castro");
- `ner_candidates`: spaCy's spans, trimmed of titles, articles and sentence-initial
  words, cut at the first word that is no part of a name, and typed again
  (`type_span`: gazetteers, heads, given names, dictionary words, spaCy's label).
"""

from __future__ import annotations

from ..merge.text import fold
from .bylines import split_dateline
from .candidates import BLOCKED, MISC, ORG, PERSON, PLACE, Candidate, Context, trim
from .glued_names import given_or_particle, name_start, person_after_body
from .lookalikes import genus_before, shouted_words
from .person_names import capitalized_title, given_at, particles_open, past_portfolio, surnames_after, withheld_surname
from .table import table
from .tokens import (
    ARTICLES,
    CLOSE_QUOTES,
    CONNECTORS,
    OPEN_QUOTES,
    closes_name_text,
    extend_name,
    name_like,
    name_like_text,
    quoted_end,
)

NER_CONNECTORS = frozenset({"de", "del", "la", "las", "los", "el", "y", "e", "of"})  # "of": "Bank of America"
GAZETTEER_MAX_TOKENS = 7
INFINITIVE = ("ar", "er", "ir")
PRETERITE = ("ó", "í", "é", "aron", "ieron")
SHOUTED_RUN = 4  # words in capitals in a row that make a headline  # "Respondí, sí", "Anunció que", "Llegaron a"


# organizations by their head word ------------------------------------------
def head_candidates(ctx: Context) -> list[Candidate]:
    doc, lex = ctx.doc, ctx.lexicon

    def new_name(t):
        return t.text in lex.org_heads or lex.is_given_name(t.text) or lex.kind_of(t.text) is not None

    out = []
    for i in sorted(set(ctx.where(lex.org_heads)) | set(ctx.where(lex.org_heads_lower))):
        tok = doc[i]
        lower_head = tok.text not in lex.org_heads and i + 2 < len(doc) and ctx.lowers[i + 1] in ("de", "del")
        if (tok.text not in lex.org_heads and not lower_head) or ctx.in_caption(i, i + 1):
            continue
        connectors = CONNECTORS | {"en"} if tok.text.capitalize() in lex.org_take_en else CONNECTORS
        end = extend_name(doc, i, connectors=connectors, new_name=new_name, commas=True)
        if end == i + 1:
            if lex.kind_of(tok.text) == ORG:
                out.append(Candidate(i, end, ORG, "head", lex.canonical(tok.text)))
            continue
        if tok.text in lex.org_need_connector and not any(t.is_lower for t in doc[i + 1 : end]):
            continue
        end = _before_destination(ctx, i, end)
        out.append(Candidate(i, end, ORG, "head", _head_canonical(ctx, i, end, lower_head)))
    return out


def _before_destination(ctx: Context, start: int, end: int) -> int:
    """ "las Fuerzas Armadas | a Washington": a known place after "a" is where they went, not the name's."""
    for k in range(start + 1, end - 1):
        if ctx.lowers[k] in ("a", "al") and ctx.lexicon.kind_of(ctx.doc[k + 1 : end].text) == PLACE:
            return k
    return end


def _head_canonical(ctx: Context, start: int, end: int, lower_head: bool) -> str | None:
    """A known body's name (also named with its country); else, for a head with one spelling or written in lower case,
    the name with that head ("cartel de Sinaloa" is "Cártel de Sinaloa")."""
    known = ctx.known(start, end) or ctx.lexicon.known_before_country(ctx.doc[start:end].text)
    if known:
        return known
    head = ctx.texts[start]
    spelled = ctx.lexicon.head_spelling.get(head.lower(), head[0].upper() + head[1:])
    if spelled == head and not lower_head:
        return None
    rest = ctx.doc[start + 1 : end].text
    return f"{spelled} {rest}" if rest else spelled


def blocked_candidates(ctx: Context) -> list[Candidate]:
    """ "Ley de Seguridad Nacional", "Premio Nobel de la Paz 1992" and their acronyms: nobody's
    words. A meeting's name stops at an organization's ("Reunión del | Grupo de …"), a
    document's runs on over it ("Acuerdo de Asociación Estratégica")."""
    doc, lex = ctx.doc, ctx.lexicon
    known = lambda t: lex.kind_of(t.text) is not None or (t.ent_iob_ == "B" and t.ent_type_ == "PER")  # noqa: E731
    head = lambda t: t.text in lex.org_heads or known(t)  # noqa: E731
    out = []
    for i in ctx.where(lex.not_entity_words):
        stop = known if ctx.texts[i] in lex.documents else head
        end = extend_name(doc, i, connectors=CONNECTORS | {"en", "entre"}, stop=stop, new_name=stop, numbers=True)
        if ctx.texts[end : end + 1] == ["("] and ctx.texts[end + 2 : end + 3] == [")"]:
            end += 3  # "Índice Nacional de Precios al Consumidor (INPC)"
        out.append(Candidate(i, end, BLOCKED, "blocked"))
    return out


# known names ----------------------------------------------------------------
def gazetteer_candidates(ctx: Context) -> list[Candidate]:
    """Known places and bodies, in any form the alias lists give, longest first."""
    doc, lex = ctx.doc, ctx.lexicon
    out: list[Candidate] = []
    firsts = lex.first_words_lower
    for i in [i for i, w in enumerate(ctx.lowers) if w in firsts or w.rstrip(".-—–") in firsts]:
        if (out and i < out[-1].end) or not (name_like(doc[i]) or ctx.lowers[i] in lex.feature_heads):
            continue
        found = _longest_known(ctx, i)
        if found and not ctx.in_caption(i, found.end):
            out.append(found)
    return out


def _longest_known(ctx: Context, i: int) -> Candidate | None:
    lex, texts = ctx.lexicon, ctx.texts
    longest = lex.longest_form.get(ctx.lowers[i].rstrip(".-—–"), GAZETTEER_MAX_TOKENS)
    for end in range(min(len(texts), i + longest), i, -1):
        if not name_like_text(texts[end - 1]) or any(closes_name_text(t) for t in texts[i : end - 1]):
            continue
        canonical = lex.canonical(table(ctx.doc).span_text(i, end))
        kind = lex.kinds.get(fold(canonical)) if canonical else None
        if kind == PLACE and end == i + 1 and _club_of_city(ctx, i, canonical):
            return Candidate(i, end, ORG, "gazetteer", lex.club_places.get(fold(canonical or "")))
        if kind:
            return Candidate(i, end, kind, "gazetteer", canonical)
    return None


def _club_of_city(ctx: Context, i: int, canonical: str | None) -> bool:
    """ "el Pachuca venció al Toluca": a city after a masculine article is its club (a country or
    a region may take one, "el Perú", "del Pacífico"; a city does not)."""
    return (
        i > 0
        and ctx.lowers[i - 1] in ("el", "del", "al")
        and fold(canonical or "") in ctx.lexicon.cities
        and not ctx.texts[i].isupper()
    )


def place_candidates(ctx: Context) -> list[Candidate]:
    """The name after "colonia", "municipio de", "ejido": a place ("la colonia Benito Juárez")."""
    doc, lex = ctx.doc, ctx.lexicon
    out = []
    for i in ctx.where(lex.place_classifiers):
        j = i + 1
        if j < len(doc) and ctx.lowers[j] in ("de", "del"):
            j += 1
        if j >= len(doc) or not name_like(doc[j]) or ctx.in_caption(j, j + 1):
            continue
        known_place = lambda t: lex.kind_of(t.text) == PLACE  # noqa: E731  "Benito Juárez de Reynosa"
        end = extend_name(doc, j, connectors=NER_CONNECTORS - {"y", "e"}, stop=known_place)
        if lex.kind_of(doc[j:end].text) in (None, PLACE):
            out.append(Candidate(j, end, PLACE, "head", ctx.known(j, end)))
    return out


def title_candidates(ctx: Context) -> list[Candidate]:
    """ "la presidenta Claudia Sheinbaum", "el vicefiscal Dámaso Castro": capitalized words right
    after a lower-case title are a person, even where spaCy saw no name."""
    doc, lex = ctx.doc, ctx.lexicon
    out = []
    for i, low in enumerate(ctx.lowers[:-1]):
        if not lex.is_title(low) or not name_like(doc[i + 1]):
            continue
        glued = i > 0 and name_like(doc[i - 1]) and not ctx.starts_clause(i)  # "Sedena General Luis …"
        if not (ctx.texts[i].islower() or glued):
            continue
        end = extend_name(doc, i + 1, connectors=lex.particles - {"y"}, max_tokens=5)
        if (
            end - i - 1 >= 2
            and _person_name(ctx, i + 1, end, "PER")
            and lex.kind_of(doc[i + 1 : end].text) is None
            and not any(t.text in lex.org_heads for t in doc[i + 1 : end])
        ):
            out.append(Candidate(i + 1, end, PERSON, "person"))
    return out


# spaCy's entities -------------------------------------------------------------
def ner_candidates(ctx: Context) -> list[Candidate]:
    out: list[Candidate] = []
    for ent_start, ent_end, label in _entities(ctx):
        if ctx.in_caption(ent_start, ent_end) or ctx.noise(ent_start, ent_end):
            continue
        start, end = _clean_span(ctx, ent_start, ent_end, label)
        if start >= end or ctx.noise(start, end):
            continue
        kind = type_span(ctx, start, end, label)
        if kind == PERSON and (split := split_dateline(ctx, start, end)):
            out.extend(split)
        elif kind == PERSON and _places_only(ctx, start, end):
            continue  # "llevados a San Diego California": known places run together, the gazetteer's
        elif kind and not genus_before(ctx, end):
            out.append(Candidate(start, end, kind, "person" if kind == PERSON else "ner", ctx.known(start, end), label))
    return out


def _places_only(ctx: Context, start: int, end: int) -> bool:
    """The span is known places one after the other ("San Diego California")."""
    i = start
    while i < end:
        if ctx.lowers[i] not in ctx.lexicon.first_words_lower:
            return False
        found = _longest_known(ctx, i)
        if found is None or found.kind != PLACE or found.end > end:
            return False
        i = found.end
    return True


def _entities(ctx: Context) -> list[tuple[int, int, str]]:
    """spaCy's spans, split where one joins two people ("López Hernández y Téllez") or a body and a person."""
    out: list[tuple[int, int, str]] = []
    for ent in ctx.doc.ents:
        start, label = name_start(ctx, ent), ent.label_
        if label != "PER" and (person := person_after_body(ctx, start, ent.end)) is not None:
            out, start, label = [*out, (start, person, label)], person, "PER"
        elif label == "PER":
            for t in ent:
                if t.lower_ in ("y", "e") and t.i > start:
                    out.append((start, t.i, ent.label_))
                    start = t.i + 1
        out.append((start, ent.end, label))
    return out


def _clean_span(ctx: Context, start: int, end: int, label: str) -> tuple[int, int]:
    """The name inside a spaCy span: trimmed, cut, with a capitalized article before it
    mid-sentence ("fundador de Los Caballeros Templarios"); a lower-case geographic name
    ("golfo de Tehuantepec", "mar caribe") kept whole."""
    doc = ctx.doc
    first = start
    start, trimmed_end = trim(doc, start, end, ctx.lexicon)
    if label == "PER" and start > first and particles_open(ctx, first, start):
        start = first  # "De la Serna toreó", "Van der Berg dijo": the particles are his name's
    elif label in ("ORG", "MISC") and start == first + 1 and capitalized_title(ctx, first) and not given_at(ctx, start):
        start = first  # "General Motors", "General Electric": a capitalized rank mid-sentence names a company
    if start < end and doc[start].lower_ in ctx.lexicon.feature_heads and label == "LOC":
        while end > start + 1 and not doc[end - 1].is_alpha:
            end -= 1
        return start, end
    if start >= trimmed_end:
        return start, start
    start = past_portfolio(ctx, start, trimmed_end)
    while trimmed_end - start > 1 and ctx.lexicon.is_title(ctx.lowers[trimmed_end - 1]) and given_at(ctx, end):
        trimmed_end -= 1  # "Sedena General | Luis Cresencio Sandoval": the rank is the person's
    end = _cut(ctx, start, trimmed_end, label)
    prev = start - 1
    if prev >= 0 and doc[prev].lower_ in ARTICLES and doc[prev].text[0].isupper() and not ctx.starts_clause(prev):
        start = prev
    return start, end


def _cut(ctx: Context, start: int, end: int, label: str) -> int:
    """Where the name inside a spaCy span ends: before the first word that is no part of it.
    A person's name may hold a quoted nickname ("Javier “el Vasco” Aguirre") and run past
    spaCy's span to close it."""
    doc = ctx.doc
    connectors = NER_CONNECTORS | ctx.lexicon.particles
    new_end = extend_name(doc, start, connectors=connectors, max_tokens=end - start)
    for k in range(max(start + 1, 2), new_end):  # "SOLDADOS ISRAELIES Jerusalén": a headline runs into a dateline
        shouted = all(t.isupper() and t.isalpha() for t in ctx.texts[k - 2 : k]) and len(ctx.texts[k - 1]) >= 3
        if shouted and ctx.texts[k].istitle():
            return start  # the capitals before are the headline's, the name after is the dateline's
    while label == "PER" and new_end < len(doc) and doc[new_end].text in OPEN_QUOTES:
        close = quoted_end(doc, new_end, 4)
        if close is None or close + 1 >= len(doc) or not name_like(doc[close + 1]):
            break
        new_end = extend_name(doc, close + 1, connectors=NER_CONNECTORS, max_tokens=4)
    if new_end == end and (label == "PER" or ctx.lexicon.is_given_name(doc[start].text)):
        new_end = surnames_after(ctx, new_end)
    if label == "PER" or ctx.lexicon.is_given_name(doc[start].text):
        new_end = withheld_surname(ctx, new_end)
    return new_end


def type_span(ctx: Context, start: int, end: int, label: str) -> str | None:
    """person, place, organization, misc (decided by its neighbours) or None for no name,
    from the words and spaCy's label."""
    doc, lex = ctx.doc, ctx.lexicon
    known = lex.kind_of(table(doc).span_text(start, end))
    if known:
        return known
    first = doc[start]
    if first.text in lex.not_entity_words or first.text in lex.op_capitalized or first.text in lex.org_heads:
        return None  # the head rules decide those
    if end - start == 1 and not _lone_word_ok(ctx, start):
        return None
    if shouted_words(ctx, start, end):
        return None
    if _after_title(ctx, start) or _person_name(ctx, start, end, label):
        return PERSON
    if _acronym(first.text):
        return ORG  # "FBI", "FIL Guadalajara"
    words = [t for t in doc[start:end] if t.lower_ not in CONNECTORS]
    if any(t.like_num for t in words) or all(t.text in lex.portfolios for t in words):
        return None
    if first.lower_ in ARTICLES and label != "LOC":
        return ORG  # "La Familia Michoacana": a capitalized article mid-sentence names a group
    if label == "LOC":
        return None if _not_a_place(ctx, start, end, words) else PLACE
    if label == "ORG" and (end - start > 1 or _mixed_case(first.text) or _club_article(ctx, start)):
        return ORG
    if label in ("ORG", "MISC") and not all(lex.is_common_word(t.text) for t in words):
        return MISC  # an organization if listed with one ("Pemex, Bimbo y Grupo Modelo"), else dropped
    return None


def _club_article(ctx: Context, i: int) -> bool:
    """ "el Pachuca", "del Necaxa": a masculine article before a single name that is no dictionary word."""
    return i > 0 and ctx.lowers[i - 1] in ("el", "del", "al") and not ctx.dictionary_word(i)


def _not_a_place(ctx: Context, start: int, end: int, words: list) -> bool:
    """What spaCy calls a place and is not: a quoted title ("“La Mañanera”"), a plural of common
    nouns ("Sistemas Aéreos No Tripulados"), a lone dictionary word ("la Selección")."""
    doc, lex = ctx.doc, ctx.lexicon
    if start > 0 and end < len(doc) and doc[start - 1].text in OPEN_QUOTES and doc[end].text in CLOSE_QUOTES:
        return True
    first = words[0].text
    if len(words) > 1 and first.endswith("s") and lex.is_common_word(first):
        return True
    return len(words) == 1 and ctx.dictionary_word(start)


def _lone_word_ok(ctx: Context, i: int) -> bool:
    """A single capitalized word is a name unless it is a common word: one the article writes
    in lower case, a stop word, or at a sentence start a verb, an adverb or a dictionary word
    ("Promover", "Además", "Resultados") — unless a person named in full carries it."""
    tok = ctx.doc[i]
    if fold(tok.text) in ctx.name_words:
        return True
    if ctx.common_word(i) or tok.is_stop or len(tok.text) < 2 or tok.text in ctx.lexicon.portfolios:
        return False
    if not ctx.starts_clause(i):
        return True
    if tok.pos_ in ("VERB", "AUX", "ADV", "NOUN", "ADJ", "DET", "PRON", "ADP", "SCONJ", "CCONJ", "INTJ"):
        return False
    nxt = ctx.doc[i + 1] if i + 1 < len(ctx.doc) else None
    if tok.lower_.endswith(INFINITIVE) and nxt is not None and nxt.is_lower:
        return False
    if tok.lower_.endswith(PRETERITE) and nxt is not None and (nxt.is_lower or nxt.is_punct):
        return False  # a verb opening the sentence; names the gazetteers know were taken before
    return not ctx.dictionary_word(i)


def _after_title(ctx: Context, start: int) -> bool:
    """ "el presidente Trump", "la administración (de) Trump": a title before capitalized words."""
    if start == 0:
        return False
    prev, lex = ctx.lowers[start - 1], ctx.lexicon
    two = " ".join(ctx.lowers[start - 2 : start])  # "la administración de Trump"
    return (lex.is_title(prev) or prev in lex.person_context or two in lex.person_context) and lex.kind_of(
        ctx.texts[start]
    ) is None


def _person_name(ctx: Context, start: int, end: int, label: str) -> bool:
    """A given name and more capitalized words; or what spaCy calls a person, unless its words
    are common ones ("Seguridad Fronteriza", "Noticia Destacada")."""
    lex = ctx.lexicon
    words = [t for t in _unquoted(ctx.doc[start:end]) if t.lower_ not in lex.particles]
    if not words or any(not name_like(t) for t in words):
        return False
    if len(words) >= 2 and given_or_particle(ctx, words[0].text, start, end):
        return True
    if label != "PER" or any(t.text in lex.portfolios or ctx.common_word(t.i) for t in words):
        return False
    return not all(ctx.dictionary_word(t.i) for t in words)


def _unquoted(span) -> list:
    """The tokens of a span outside quotation marks: "Javier “el Vasco” Aguirre" → Javier, Aguirre."""
    out, inside = [], False
    for t in span:
        if t.text in OPEN_QUOTES | CLOSE_QUOTES:
            inside = not inside
        elif not inside:
            out.append(t)
    return out


def _acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 8 and sum(c.isupper() for c in letters) >= 2 and text[0].isupper()


def _mixed_case(text: str) -> bool:
    return any(c.isupper() for c in text[1:])
