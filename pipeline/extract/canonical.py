"""One canonical name per real entity.

Within an article, mentions of one entity are linked into a cluster:

- people: a name whose words are part of a fuller name ("Velasco", "Roberto
  Velasco" → "Roberto Velasco Álvarez"; "Omar H Garcia Harfuch" = "Omar García
  Harfuch"), a nickname to its person, an acronym to its name;
- organizations: a defined acronym ("Grupo de Implementación de Seguridad (GIS)"),
  an acronym made of a name's initials, a name that begins a longer one;
- operations: "A: B" is A, "A (B)" is one, the same name after another trigger
  ("Misión Cortafuegos", "Operación Cortafuegos"), a one-letter slip.

A cluster is named by a gazetteer's canonical name when a member has one (so
across articles every form of a known place or body lands on one name), else
by its fullest form. Everything is deterministic: the same text gives the same
names, so the store's (kind, name) key merges articles.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from difflib import SequenceMatcher

from ..merge.text import fold
from .apposition import LOCATIVES
from .candidates import OPERATION, ORG, PERSON, PLACE, Candidate, Context
from .tokens import CLOSE_QUOTES, CONNECTORS, OPEN_QUOTES

DASH_SPACING = re.compile(r"\s*[–—]\s*|\s+-\s+")
SPACES = re.compile(r"\s+")
TYPO_RATIO = 0.85


class Clusters:
    """Union-find over candidate indices."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return out


def canonical_names(ctx: Context, kept: list[Candidate], links: list[tuple[int, int]]) -> list[str]:
    """The canonical name of every candidate; candidates of one cluster share their kind."""
    surface = [surface_name(ctx, c) for c in kept]
    clusters = Clusters(len(kept))
    for a, b in links:
        clusters.union(a, b)
    _same_name(kept, surface, clusters)
    _link_people(ctx, kept, surface, clusters)
    _link_organizations(ctx, kept, surface, clusters)
    _link_operations(ctx, kept, surface, clusters)
    names = [""] * len(kept)
    for members in clusters.groups().values():
        head = _defining(kept, surface, members)
        name = _cluster_name(ctx, kept, surface, members, head)
        for i in members:
            kept[i].kind = kept[head].kind
            names[i] = name
    return names


def surface_name(ctx: Context, c: Candidate) -> str:
    """A mention's own name: its text on one line, dashes between names unspaced."""
    text = SPACES.sub(" ", ctx.text(c)).strip().rstrip("-–—")
    text = text.rstrip(".") if text.endswith(").") or ctx.texts[c.end - 1].endswith("-") else text
    if c.kind == OPERATION:
        text = text.strip("".join(OPEN_QUOTES | CLOSE_QUOTES) + " .,…")
    return DASH_SPACING.sub("-", text) if c.kind == ORG else text


def _same_name(kept: list[Candidate], surface: list[str], clusters: Clusters) -> None:
    first: dict[tuple[str, str], int] = {}
    for i, c in enumerate(kept):
        key = (c.kind, fold(c.canonical or surface[i]))
        clusters.union(first.setdefault(key, i), i)


# people -----------------------------------------------------------------------
def person_words(ctx: Context, c: Candidate) -> tuple[str, ...]:
    """The folded words that identify a person: no particles, initials or quoted nickname."""
    words, quoted = [], False
    for t in ctx.doc[c.start : c.end]:
        if t.text in OPEN_QUOTES | CLOSE_QUOTES:
            quoted = t.text in OPEN_QUOTES and not quoted  # '"' opens, then closes
            continue
        w = fold(t.text)
        if not quoted and w and t.lower_ not in ctx.lexicon.particles and len(w.strip(".")) > 1:
            words.append(w)
    return tuple(words)


def _link_people(ctx: Context, kept: list[Candidate], surface: list[str], clusters: Clusters) -> None:
    """A name joins the fuller name that holds its words ("Velasco" → "Roberto Velasco
    Álvarez") when only one person (cluster) named in full does; longest names first."""
    people = [i for i, c in enumerate(kept) if c.kind == PERSON and c.rule != "nickname"]
    words = {i: person_words(ctx, kept[i]) for i in people}
    words.update(_shared_surnames(ctx, kept, surface))
    full = FullNames({i: words[i] for i in people if len(words[i]) >= 2}, clusters)
    for i in sorted(people, key=lambda i: (-len(words[i]), kept[i].start)):
        if not words[i]:
            continue
        fuller = full.clusters_holding(words[i]) - {clusters.find(i)}
        if len(fuller) == 1:
            clusters.union(i, fuller.pop())
    _people_from_other_kinds(ctx, kept, words, clusters)


class FullNames:
    """The people an article names in full, indexed by word: a shorter name finds the fuller
    names holding it among the distinct names that share one of its words, never by scanning
    every mention (a long article names the same people hundreds of times)."""

    def __init__(self, words: dict[int, tuple[str, ...]], clusters: Clusters):
        self.clusters = clusters
        self.roots: dict[tuple[str, ...], set[int]] = {}  # distinct full name -> clusters of its mentions
        self.by_word: dict[str, list[tuple[str, ...]]] = {}
        self.holders: dict[tuple[str, ...], list[tuple[str, ...]]] = {}  # cache of `holding`
        for i, w in words.items():
            if w not in self.roots:
                self.roots[w] = set()
                for word in set(w):
                    self.by_word.setdefault(word, []).append(w)
            self.roots[w].add(clusters.find(i))

    def holding(self, short: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The distinct full names `short` is part of (`_part_of`): all hold its every word,
        so the rarest word's list is enough to look through."""
        if short not in self.holders:
            pool = min((self.by_word.get(w, []) for w in set(short)), key=len)
            self.holders[short] = [f for f in pool if _part_of(short, f)]
        return self.holders[short]

    def clusters_holding(self, short: tuple[str, ...]) -> set[int]:
        """The clusters, as they are now, of the full names holding `short`."""
        out: set[int] = set()
        for f in self.holding(short):
            roots = {self.clusters.find(r) for r in self.roots[f]}
            self.roots[f] = roots  # clusters only merge: the set stays small
            out |= roots
        return out


def _shared_surnames(ctx: Context, kept: list[Candidate], surface: list[str]) -> dict[int, tuple[str, ...]]:
    """ "los hermanos Omar y Miguel Ángel Treviño Morales": a lone first name joined by "y" to a
    full name shares its surnames."""
    lex, doc = ctx.lexicon, ctx.doc
    order = sorted(range(len(kept)), key=lambda i: kept[i].start)
    out = {}
    for i, j in itertools.pairwise(order):
        a, b = kept[i], kept[j]
        if a.kind != PERSON or b.kind != PERSON or a.end - a.start != 1 or not lex.is_given_name(ctx.text(a)):
            continue
        if b.start != a.end + 1 or doc[a.end].lower_ not in ("y", "e"):
            continue
        given = b.start
        while given < b.end and lex.is_given_name(doc[given].text):
            given += 1
        if b.start < given < b.end:
            surface[i] = f"{ctx.text(a)} {doc[given : b.end].text}"
            out[i] = tuple(fold(w) for w in surface[i].split())
    return out


def _part_of(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """ "velasco" ⊂ "roberto velasco álvarez"; a first name alone counts too."""
    if set(short) == set(full):
        return True
    if not set(short) < set(full):
        return False
    return short[-1] in full[1:] or short[0] == full[0]


def _people_from_other_kinds(
    ctx: Context, kept: list[Candidate], words: dict[int, tuple[str, ...]], clusters: Clusters
) -> None:
    """A single word spaCy called a place ("Trump") that is the surname of a person named in
    full in the article is that person; one the article mostly writes "en Tlapa", "desde Tlapa"
    stays a place, so one wrong full name ("Por Ana Ruiz Tlapa") cannot make it a person."""
    surnames: dict[str, set[int]] = {}
    for i, w in words.items():
        for surname in w[1:] if len(w) >= 2 else ():  # "Arias" of "Francisco Arias Cárdenas" too
            surnames.setdefault(surname, set()).add(clusters.find(i))
    located = _mostly_located(ctx)
    for i, c in enumerate(kept):
        word = fold(ctx.text(c))
        if c.kind in (PLACE, ORG) and c.rule == "ner" and c.end - c.start == 1 and word not in located:
            owners = surnames.get(word, set())
            if len(owners) == 1:
                c.kind = PERSON
                clusters.union(i, owners.pop())


def _mostly_located(ctx: Context) -> set[str]:
    """Folded words the article writes after "en", "desde", "hacia" at least half the times it writes them."""
    seen: Counter[str] = Counter()
    located: Counter[str] = Counter()
    for k, text in enumerate(ctx.texts):
        if text[:1].isupper():
            seen[text] += 1
            located[text] += k > 0 and ctx.lowers[k - 1] in LOCATIVES
    return {fold(w) for w, n in located.items() if n and 2 * n >= seen[w]}


# organizations ------------------------------------------------------------------
def _link_organizations(ctx: Context, kept: list[Candidate], surface: list[str], clusters: Clusters) -> None:
    """Organizations that begin a longer one; acronyms of any name made of its initials
    ("SRE", "AMLO")."""
    from .apposition import initials

    orgs: dict[str, int] = {}
    for i, c in enumerate(kept):  # one of each name is enough
        if c.kind == ORG:
            orgs.setdefault(fold(surface[i]), i)
    for b, j in orgs.items():  # look each shorter name up among the beginnings of b: no pairwise scan
        words = b.split()
        for n in range(2, len(words)):
            shorter = orgs.get(" ".join(words[:n]))
            if shorter is not None and _begins(words[:n], words):
                clusters.union(shorter, j)
    acronyms = {
        ctx.texts[c.start]: i
        for i, c in enumerate(kept)
        if c.end - c.start == 1 and c.kind in (ORG, PERSON) and ctx.texts[c.start].isupper()
    }
    for j, c in enumerate(kept):
        if acronyms and c.end - c.start >= 2 and c.kind in (ORG, PERSON):
            short = initials(surface[j].split())
            if len(short) >= 3 and short in acronyms:
                clusters.union(acronyms[short], j)


def _begins(a: list[str], b: list[str]) -> bool:
    """ "Grupo de Implementación de Seguridad" begins "… de Seguridad México-Estados Unidos"."""
    return 2 <= len(a) < len(b) and b[: len(a)] == a and b[len(a)] not in CONNECTORS - {"de", "del"} | {"y"}


# operations --------------------------------------------------------------------
def _link_operations(ctx: Context, kept: list[Candidate], surface: list[str], clusters: Clusters) -> None:
    """Operations named alike: one key, a one-letter slip, a name and its subtitle, "A (B)".

    Each rule looks names up in a dict (or compares distinct keys only), so a long article
    that names one operation hundreds of times costs no pairwise scan of its mentions."""
    ops = [i for i, c in enumerate(kept) if c.kind == OPERATION]
    triggers = {fold(t) for t in ctx.lexicon.op_capitalized}
    by_key: dict[str, int] = {}
    for i in ops:
        clusters.union(by_key.setdefault(_operation_key(surface[i], triggers), i), i)
    for a, b in _slips(list(by_key)):
        clusters.union(by_key[a], by_key[b])
    _link_titled(ops, surface, clusters)
    _link_parenthesized(ctx, kept, ops, clusters)


def _operation_key(name: str, triggers: set[str]) -> str:
    """What names the operation: no leading trigger word, no subtitle after ":"."""
    words = fold(name.split(":")[0]).split()
    if len(words) > 1 and words[0] in triggers:
        words = words[1:]
    return " ".join(words)


def _slips(keys: list[str]) -> list[tuple[str, str]]:
    """Pairs of distinct keys that are one long name misspelled ("Contrafuegos", "Cortafuegos").

    Only distinct names are compared (an article names few operations, however often), and
    only names long enough and close enough in length to reach TYPO_RATIO."""
    long_keys = sorted((k for k in keys if len(k) >= 8), key=len)
    out = []
    for n, a in enumerate(long_keys):
        for b in long_keys[n + 1 :]:
            if 2 * len(a) < TYPO_RATIO * (len(a) + len(b)):
                break  # b and every later key are too long for a to reach the ratio
            if _one_slip(a, b) or _one_slip(b, a):  # difflib's ratio may differ with the order
                out.append((a, b))
    return out


def _one_slip(a: str, b: str) -> bool:
    """ "Contrafuegos" for "Cortafuegos": a misspelling of the same long name."""
    return min(len(a), len(b)) >= 8 and SequenceMatcher(None, a, b).ratio() >= TYPO_RATIO


def _link_titled(ops: list[int], surface: list[str], clusters: Clusters) -> None:
    """ "Misión Cortafuegos: Iniciativa Unidos…" is "Misión Cortafuegos" and its subtitle."""
    by_name: dict[str, int] = {}
    for i in ops:
        by_name.setdefault(fold(surface[i]), i)
    for i in ops:
        if ":" in surface[i]:
            for part in surface[i].split(":", 1):
                j = by_name.get(fold(part))
                if j is not None:
                    clusters.union(i, j)


def _link_parenthesized(ctx: Context, kept: list[Candidate], ops: list[int], clusters: Clusters) -> None:
    """ "Misión Firewall (Misión Cortafuegos)": two names of one operation."""
    starts = {kept[i].start: i for i in ops}
    for i in ops:
        k = _after_parenthesis(ctx, kept[i].end)
        j = None if k is None else starts.get(k)
        if j is not None:
            clusters.union(i, j)


def _after_parenthesis(ctx: Context, k: int) -> int | None:
    """The token after "(" when only "(" (and quotation marks) follow token k, else None."""
    k = _skip_quotes(ctx, k)
    if k >= len(ctx.texts) or ctx.texts[k] != "(":
        return None
    return _skip_quotes(ctx, k + 1)


def _skip_quotes(ctx: Context, k: int) -> int:
    while k < len(ctx.texts) and ctx.texts[k] in OPEN_QUOTES | CLOSE_QUOTES:
        k += 1
    return k


# naming a cluster -------------------------------------------------------------------
def _defining(kept: list[Candidate], surface: list[str], members: list[int]) -> int:
    """The member whose kind the cluster takes: a gazetteer's, else the fullest name's."""
    return min(
        members,
        key=lambda i: (kept[i].rule == "nickname", kept[i].canonical is None, -len(surface[i].split()), kept[i].start),
    )


def _cluster_name(ctx: Context, kept: list[Candidate], surface: list[str], members: list[int], head: int) -> str:
    known = Counter(c for c in (kept[i].canonical for i in members) if c)
    if known:
        return known.most_common(1)[0][0]
    kind = kept[head].kind
    if kind == OPERATION:
        return _operation_name(surface, members)
    if kind == PERSON:
        words = {i: person_words(ctx, kept[i]) for i in members if kept[i].rule != "nickname"}
        pool = list(words) or members
        counts = Counter(fold(surface[i]) for i in pool)
        return surface[min(pool, key=lambda i: (-len(words.get(i, ())), -counts[fold(surface[i])], kept[i].start))]
    return surface[head]


def _operation_name(surface: list[str], members: list[int]) -> str:
    """The most used form, a subtitle after ":" dropped; ties go to the first."""
    forms = [surface[i].split(":")[0].strip() for i in sorted(members)]
    counts = Counter(forms)  # in first-seen order, so max keeps the first of equal counts
    return max(counts, key=lambda f: counts[f])
