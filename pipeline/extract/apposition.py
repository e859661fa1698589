"""What the words around a name say about it.

- a classifier noun types the name next to it: "la célula conocida como “Los
  Cuinis”", "El Tren de Aragua, banda criminal…" are organizations;
- a nickname marker after a person introduces another name of that person:
  "Servando Gómez Martínez, apodado “La Tuta”";
- a parenthesis after a name defines an acronym of it: "Secretaría de Marina
  (Semar)", "Claudia Sheinbaum Pardo (CSP)", "(ATF por sus siglas en inglés)";
- a minister's portfolio is not an organization: "secretario de Hacienda".
"""

from __future__ import annotations

from ..merge.text import fold
from .candidates import MISC, ORG, PERSON, PLACE, Candidate, Context, trim
from .nicknames import after_description, description_gap
from .tokens import CONNECTORS, extend_name, name_like, quoted_end

NAME_CONNECTORS = frozenset({"de", "del", "la", "las", "los", "el", "y"})
ACRONYM_MAX_CHARS = 10
PARENTHESIS_MAX_TOKENS = 8
SETTLED_MAX_TOKENS = 3
LOCATIVES = frozenset({"en", "desde", "hacia"})  # after these a name is where, not who


def classifier_candidates(ctx: Context) -> list[Candidate]:
    """A name right after a classifier noun ("la banda “X”", "el diario The New York Times")."""
    doc, lex = ctx.doc, ctx.lexicon
    out = []
    for i in ctx.where(lex.classifiers):
        if i + 1 >= len(doc):
            continue
        j = i + 1
        while j < len(doc) and j <= i + 3 and (doc[j].lower_ in lex.classifier_linkers or _adjective(doc[j])):
            j += 1
        if j >= len(doc):
            continue
        start, end = _name_at(ctx, j, max_tokens=6)
        if end > start and not _other_kind(ctx, start, end):
            out.append(Candidate(start, end, ORG, "head", ctx.known(start, end)))
    return out


def _adjective(tok) -> bool:
    """ "la empresa argentina Musimundo": a lower-case adjective between the noun and the name."""
    return tok.pos_ == "ADJ" and tok.is_lower and tok.is_alpha


def _name_at(ctx: Context, j: int, max_tokens: int) -> tuple[int, int]:
    """The quoted name that opens at token j, else the capitalized name that starts there."""
    doc = ctx.doc
    close = quoted_end(doc, j, max_tokens)
    if close is not None:
        return (j + 1, close) if name_like(doc[j + 1]) else (j, j)
    if not name_like(doc[j]):
        return j, j
    return j, extend_name(doc, j, connectors=NAME_CONNECTORS, max_tokens=max_tokens)


def appositive_candidates(ctx: Context) -> list[Candidate]:
    """ "La Línea, brazo armado de…", "El Tren de Aragua, banda criminal…": the name before a
    comma and a classifier noun is an organization, even where spaCy saw no name."""
    out = []
    for i in ctx.where(ctx.lexicon.classifiers):
        j = i - 1
        while j > 0 and ctx.lowers[j] in ("un", "una", "el", "la", "otra", "otro"):
            j -= 1
        if j < 1 or ctx.texts[j] != ",":
            continue
        start = trim(ctx.doc, name_before(ctx, j), j, ctx.lexicon)[0]  # "La Comisión …": not its article
        if start < j and not _other_kind(ctx, start, j):
            out.append(Candidate(start, j, ORG, "head", ctx.known(start, j)))
    return out


def name_before(ctx: Context, end: int) -> int:
    """Start of the capitalized name that ends at `end` (exclusive), with its article."""
    doc, start = ctx.doc, end
    while start > 0:
        prev = doc[start - 1]
        if name_like(prev) or (
            prev.lower_ in NAME_CONNECTORS and start - 2 >= 0 and name_like(doc[start - 2]) and start < end
        ):
            start -= 1
        else:
            break
    while start < end and not name_like(doc[start]):
        start += 1
    return start


def _other_kind(ctx: Context, start: int, end: int) -> bool:
    kind = ctx.lexicon.kind_of(ctx.doc[start:end].text)
    return (kind is not None and kind != ORG) or ctx.lexicon.is_given_name(ctx.doc[start].text)


def nickname_candidates(ctx: Context) -> list[Candidate]:
    """What follows "alias", "apodado", "conocido como" after a name, or after a description of a
    person ("Ryan Wedding, un exatleta conocido como …"), not after another noun."""
    doc, lex = ctx.doc, ctx.lexicon
    markers = [m.split() for m in lex.nickname_markers]
    out = []
    for i in ctx.where({m[0] for m in markers}, lower=True):
        for marker in markers:
            after = i + len(marker)
            if i == 0 or after >= len(doc) or ctx.lowers[i:after] != marker:
                continue
            if not (ctx.texts[i - 1] == "," or name_like(doc[i - 1]) or after_description(ctx, i)):
                continue
            start, end = _name_at(ctx, after, max_tokens=5)
            if end > start:
                out.append(Candidate(start, end, PERSON, "nickname"))
    return out


def nickname_links(ctx: Context, kept: list[Candidate]) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """(nickname, person) index pairs: a nickname belongs to the person named just before it;
    one that follows no person ("El Guadalajara, conocido como Chivas") is dropped."""
    out: list[Candidate] = []
    links = []
    for c in kept:
        if c.rule == "nickname":
            prev = out[-1] if out else None
            if prev is None or prev.kind != PERSON or (c.start - prev.end > 4 and not description_gap(ctx, prev, c)):
                continue
            links.append((len(out), len(out) - 1))
        out.append(c)
    return out, links


def classifier_types(ctx: Context, kept: list[Candidate]) -> None:
    """Names that the words around them make organizations: "Mara Salvatrucha (MS-13),
    pandilla originaria de…" (a classifier after a comma), "integrantes de La Mayiza y Los
    Chapitos" (after a noun for members, with the names listed with it)."""
    for k, c in enumerate(kept):
        if c.kind not in (PLACE, MISC) or c.rule == "gazetteer":
            continue
        if _classifier_after(ctx, c) or _member_before(ctx, c):
            c.kind = ORG
            for n in range(k + 1, len(kept)):  # indices, not slices: a slice copies the rest of the list
                prev, nxt = kept[n - 1], kept[n]
                if nxt.kind not in (PLACE, MISC) or nxt.rule == "gazetteer" or not _listed_together(ctx, prev, nxt):
                    break
                nxt.kind = ORG


def settled_kinds(ctx: Context, kept: list[Candidate]) -> None:
    """A name the words around it typed once ("la empresa argentina Musimundo", "Por Ana Ruiz
    Oaxaca, 12 dic") keeps that kind where spaCy alone typed the same words ("gerente de
    Musimundo"); spaCy's own guesses never spread."""
    settled: dict[str, str] = {}
    for c in kept:
        if c.rule in ("head", "gazetteer") and c.kind in (ORG, PLACE):
            settled.setdefault(fold(ctx.text(c)), c.kind)
    for c in kept:
        if c.rule in ("ner", "person") and c.end - c.start <= SETTLED_MAX_TOKENS:
            c.kind = settled.get(fold(ctx.text(c)), c.kind)


def located_people(ctx: Context, kept: list[Candidate]) -> None:
    """ "en Juan Aldama, se reportó…", "desde Benito Juárez": a person's name the article only ever
    writes after "en", "desde" or "hacia" is a place named after the person."""
    mentions: dict[str, list[Candidate]] = {}
    for c in kept:
        if c.kind == PERSON and c.rule in ("ner", "person"):
            mentions.setdefault(fold(ctx.text(c)), []).append(c)
    for group in mentions.values():
        if all(c.start > 0 and ctx.lowers[c.start - 1] in LOCATIVES for c in group):
            for c in group:
                c.kind = PLACE


def _classifier_after(ctx: Context, c: Candidate) -> bool:
    """ "…, pandilla originaria de…" after the name (and its acronym), or "(banda criminal …)"."""
    doc = ctx.doc
    j = _skip_parenthesis(ctx, c.end)
    opened = c.end < len(doc) and doc[c.end].text == "("
    if opened and c.end + 1 < len(doc) and doc[c.end + 1].lower_ in ctx.lexicon.classifiers:
        return True
    if j >= len(doc) or doc[j].text != ",":
        return False
    j += 1
    while j < len(doc) and doc[j].lower_ in ("un", "una", "el", "la", "otra", "otro"):
        j += 1
    return j < len(doc) and doc[j].lower_ in ctx.lexicon.classifiers


def _member_before(ctx: Context, c: Candidate) -> bool:
    doc = ctx.doc
    j = c.start - 1
    if j >= 0 and doc[j].lower_ in ("el", "la", "los", "las") and doc[j].is_lower:
        j -= 1
    if j < 1:
        return False
    noun = ctx.lowers[j - 1]
    return (ctx.lowers[j] in ("de", "del") and noun in ctx.lexicon.member_nouns) or (
        ctx.lowers[j] in ("entre", "con") and noun in ctx.lexicon.conflict_nouns
    )


def _skip_parenthesis(ctx: Context, j: int) -> int:
    doc = ctx.doc
    if j < len(doc) and doc[j].text == "(":
        for k in range(j + 1, min(len(doc), j + PARENTHESIS_MAX_TOKENS)):
            if doc[k].text == ")":
                return k + 1
    return j


def drop_portfolios(ctx: Context, kept: list[Candidate]) -> list[Candidate]:
    """ "secretario de Hacienda", "los secretarios de la Defensa Nacional y de Marina": after
    "de", a name made only of portfolio words is a job, not a body."""
    doc, lex = ctx.doc, ctx.lexicon
    out = []
    for c in kept:
        words = [t for t in doc[c.start : c.end] if t.lower_ not in CONNECTORS]
        prev = doc[c.start - 1].lower_ if c.start else ""
        if prev == "la" and c.start > 1:
            prev = doc[c.start - 2].lower_
        if (
            c.kind == ORG
            and c.rule != "head"
            and prev in ("de", "del")
            and words
            and all(t.text in lex.portfolios for t in words)
        ):
            continue
        out.append(c)
    return out


def acronym_links(ctx: Context, kept: list[Candidate]) -> list[tuple[int, int]]:
    """Index pairs of a name and its acronym: "Name (ACR)", "ACR (Name)". An acronym spaCy
    missed, there or used again in the article, becomes a candidate of the name's kind."""
    doc = ctx.doc
    starts = {c.start: k for k, c in enumerate(kept)}
    links, defined = [], {}
    for k, c in enumerate(list(kept)):
        j = c.end
        if j + 2 >= len(doc) or ctx.texts[j] != "(" or not _parenthesis_closes(ctx, j):
            continue
        inner = starts.get(j + 1)
        if inner is not None and _defines(ctx, c, kept[inner]):
            links.append((inner, k))  # "la DEA (Administración para el Control de Drogas)"
            continue
        if not acronym_like(ctx, j + 1) or not plausible_acronym(ctx.texts[j + 1], ctx.text(c)):
            continue
        if inner is not None and kept[inner].rule in ("head", "gazetteer") and kept[inner].kind != c.kind:
            continue  # "Francisco Nevárez (Juárez, 22’)": a name our rules typed otherwise is no acronym of it
        if inner is None:
            kept.append(Candidate(j + 1, j + 2, c.kind, "ner"))
            inner = starts[j + 1] = len(kept) - 1
        links.append((k, inner))
        defined[ctx.texts[j + 1]] = k
    return links + _other_uses(ctx, kept, defined)


def _defines(ctx: Context, acronym: Candidate, name: Candidate) -> bool:
    """ "ACR (Name)": a name in parenthesis, alone there, spells out the acronym before it."""
    return (
        acronym.end - acronym.start == 1
        and name.end - name.start >= 2
        and ctx.texts[name.end : name.end + 1] == [")"]
        and acronym_like(ctx, acronym.start)
        and plausible_acronym(ctx.texts[acronym.start], ctx.text(name))
    )


def _parenthesis_closes(ctx: Context, j: int) -> bool:
    return any(t.text == ")" for t in ctx.doc[j + 2 : j + PARENTHESIS_MAX_TOKENS])


def _other_uses(ctx: Context, kept: list[Candidate], defined: dict[str, int]) -> list[tuple[int, int]]:
    """Acronyms defined once and used again where no rule saw a name ("la tercera reunión del SIG")."""
    covered = {i for c in kept for i in range(c.start, c.end)}
    links = []
    for i in ctx.where(set(defined)):
        k = defined[ctx.texts[i]]
        if i not in covered and not ctx.in_caption(i, i + 1):
            kept.append(Candidate(i, i + 1, kept[k].kind, "ner"))
            links.append((k, len(kept) - 1))
    return links


def acronym_like(ctx: Context, i: int) -> bool:
    """ "SRE", "MS-13", "UdeG", "Semar": short, capitalized, not a known place or a first name."""
    text = ctx.doc[i].text
    letters = [c for c in text if c.isalpha()]
    if not letters or not text[0].isupper() or len(text) > ACRONYM_MAX_CHARS or "@" in text:
        return False
    if ctx.lexicon.kind_of(text) == PLACE or ctx.lexicon.is_given_name(text):
        return False
    return sum(c.isupper() for c in letters) >= 2 or not ctx.lexicon.is_common_word(text)


def plausible_acronym(acronym: str, name: str) -> bool:
    """The acronym starts with an initial of the name and half its capitals are initials:
    "DEA" for "Administración de Control de Drogas", not "T-MEC" for "Canadá"."""
    caps = [c for c in acronym if c.isupper()]
    heads = {w[0].upper() for w in name.split() if w[:1].isalpha()}
    return bool(caps) and caps[0] in heads and 2 * sum(c in heads for c in caps) >= len(caps)


def initials(words: list[str]) -> str:
    """ "Secretaría de Relaciones Exteriores" → "SRE"."""
    return "".join(w[0] for w in words if w[:1].isupper())


def siblings_types(ctx: Context, kept: list[Candidate]) -> list[Candidate]:
    """A name of unknown kind (spaCy's MISC) listed next to an organization is one:
    "- Cártel del Golfo / - Nueva Familia Michoacana", "La Familia Michoacana y Los Caballeros
    Templarios"; so is a name spaCy took for a place that opens with a capitalized article
    ("La Mayiza, Los Chapitos, Los Zetas / Cártel del Pacífico"); other MISC names are dropped."""
    changed = True
    while changed:
        changed = False
        for k, c in enumerate(kept):
            neighbours = [kept[j] for j in (k - 1, k + 1) if 0 <= j < len(kept)]
            if _may_be_group(ctx, c) and any(
                n.kind == ORG and _listed_together(ctx, *sorted((n, c), key=lambda x: x.start)) for n in neighbours
            ):
                c.kind, changed = ORG, True
    return [c for c in kept if c.kind != MISC]


def _may_be_group(ctx: Context, c: Candidate) -> bool:
    return c.kind == MISC or (
        c.kind == PLACE and c.rule == "ner" and ctx.texts[c.start] in ("La", "Las", "Los", "El") and c.end - c.start > 1
    )


LIST_SEPARATORS = frozenset({",", "y", "e", "o", "u", "de", "del", "-", "–", "•", "*", ";", "/", "y/o"})


def _listed_together(ctx: Context, a: Candidate, b: Candidate) -> bool:
    between = ctx.doc[a.end : b.start]
    return 0 < len(between) <= 4 and all(t.is_space or t.lower_ in LIST_SEPARATORS for t in between)
