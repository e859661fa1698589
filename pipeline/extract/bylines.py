"""Names in the lines around an article's text: bylines, datelines and photo credits.

- a dateline after a byline runs the reporter's name into the place: "Por Ana Ruiz Oaxaca,
  12 dic (EFE)." is the person "Ana Ruiz" and the place "Oaxaca" (`split_dateline`);
- a photo credit names its photographer after the marker: "(Foto de ULISES RUIZ / AFP)",
  "Foto Juan Pérez", "(Sáshenka Gutiérrez/EFE)": the person, without "Foto" (`credit_candidates`);
- a dateline's place in capitals, "SANTA CRUZ DE LA SIERRA, Bolivia (AP).-", is a place whatever
  spaCy made of it (`dateline_places`);
- an embedded post signs off with its account's name, "— TUDN USA (@TUDNUSA) January 25,
  2026": a name that opens with no known name and no given name is the organization that
  posts, not the place its last word names (`signature_candidates`);
- a news agency credited in a dateline, "Ciudad de Panamá, 22 ene (EFE).-", "CIUDAD DE MÉXICO
  (apro) .-", or alone in a photo credit, "Foto: AFP": the organization (`agency_candidates`).
"""

from __future__ import annotations

import re

from ..merge.text import fold
from .apposition import NAME_CONNECTORS
from .candidates import ORG, PERSON, PLACE, Candidate, Context
from .tokens import is_space, name_like

CREDIT_LINKS = frozenset({":", "de", "por"})
CREDIT_ENDS = frozenset({"/", ")", "|", ",", "."})
CREDIT_MAX_TOKENS = 5
DATELINE_MAX_TOKENS = 12  # a dateline's place and date before the agency's bracket
DATELINE_AGENCY = re.compile(r"(?P<name>[^\W\d_]{2,12})\)\s*\.?\s*[-–—]")
AGENCY_ACRONYM = re.compile(r"[A-Z]{2,5}")
SIGNATURE_MAX_TOKENS = 5
CAPS_CONNECTORS = frozenset(w.upper() for w in NAME_CONNECTORS)  # "CIUDAD DE MÉXICO"
DATELINE_PLACE_MAX_TOKENS = 6
DATELINE_END = re.compile(r"\.\s*[-–—]|^[-–—]$|\)\s*\.?\s*[-–—]")


def dateline_after(ctx: Context, end: int) -> bool:
    """ "…, 23 may (EFE)", "…, 11 de diciembre": a dateline's date right after a name."""
    lowers, n = ctx.lowers, len(ctx.lowers)
    if end + 2 >= n or lowers[end] != ",":
        return False
    k = end + 1
    if ctx.doc[k].like_num:
        k += 1 + (k + 1 < n and lowers[k + 1] == "de")
        return k < n and lowers[k].rstrip(".") in ctx.lexicon.months
    return lowers[k].rstrip(".") in ctx.lexicon.months and ctx.doc[k + 1].like_num


def split_dateline(ctx: Context, start: int, end: int) -> tuple[Candidate, Candidate] | None:
    """A person's name that a dateline's date follows and that ends in a place: the person and
    the place (the longest known place it ends with, else its last word)."""
    words = [i for i in range(start, end) if name_like(ctx.doc[i])]
    if len(words) < 3 or not dateline_after(ctx, end):
        return None
    cut = end - 1
    for k in range(words[1] + 1, end - 1):
        if ctx.lexicon.kind_of(ctx.doc[k:end].text) == PLACE:
            cut = k
            break
    while cut > start and not name_like(ctx.doc[cut - 1]):
        cut -= 1
    return Candidate(start, cut, PERSON, "person"), Candidate(cut, end, PLACE, "head", ctx.known(cut, end))


def credit_candidates(ctx: Context) -> list[Candidate]:
    """The photographer a credit names: two to five capitalized words after a credit marker
    ("Foto", "Fotografía", "Crédito"…, with ":", "de" or "por" or nothing between) or right
    after an opening bracket, ending where the credit goes on to its agency ("/ AFP")."""
    doc, lex = ctx.doc, ctx.lexicon
    markers = lex.caption_markers_lower
    out = []
    for i, low in enumerate(ctx.lowers):
        if low in markers and name_like(doc[i]):
            j = i + 1
            while j < len(doc) and ctx.lowers[j] in CREDIT_LINKS:
                j += 1
        elif low == "(":
            j = i + 1
        else:
            continue
        end = j
        while (
            end < len(doc)
            and end - j < CREDIT_MAX_TOKENS
            and name_like(doc[end])
            and "/" not in doc[end].text
            and (end == j or lex.kind_of(doc[end].text) is None)  # "Foto: Ana Ruiz | Oaxaca"
        ):
            end += 1
        closed = end < len(doc) and (
            lex.kind_of(doc[end].text) is not None
            or ctx.texts[end] in CREDIT_ENDS
            or ctx.texts[end].startswith("/")
            or "\n" in ctx.texts[end]
        )
        agency = low != "(" or (end < len(doc) and ctx.texts[end].startswith("/"))
        if end - j >= 2 and (closed or end == len(doc)) and agency and lex.kind_of(doc[j:end].text) is None:
            out.append(Candidate(j, end, PERSON, "person"))
    return out + agency_candidates(ctx) + signature_candidates(ctx)


def agency_candidates(ctx: Context) -> list[Candidate]:
    """News agencies a dateline or a photo credit names (see the module's doc)."""
    return [c for i in range(len(ctx.doc)) if (c := _dateline_agency(ctx, i) or _credited_agency(ctx, i))]


def _dateline_agency(ctx: Context, i: int) -> Candidate | None:
    """ "(EFE).-" among a line's first words: one word in brackets, then ".-" ends the dateline
    (spaCy may keep "EFE).-" one token)."""
    if ctx.texts[i] != "(" or i + 1 >= len(ctx.doc) or not _opens_line(ctx, i):
        return None
    m = DATELINE_AGENCY.match("".join(ctx.texts[i + 1 : i + 4]))
    if m and ctx.texts[i + 1].startswith(m["name"]) and not ctx.texts[i + 1][len(m["name"]) :].strip(").-–—"):
        return _agency(ctx, i + 1, m["name"])
    return None


def _opens_line(ctx: Context, i: int) -> bool:
    """Token i is among the first words of a line (a dateline's)."""
    for k in range(i - 1, max(-1, i - DATELINE_MAX_TOKENS - 1), -1):
        if is_space(ctx.doc[k]):
            return True
        if ctx.texts[k] in {".", ";", "?", "!"}:
            return False
    return i <= DATELINE_MAX_TOKENS


def _credited_agency(ctx: Context, i: int) -> Candidate | None:
    """ "Foto: AFP", "(Foto de ULISES RUIZ / AFP)": an acronym a credit ends with."""
    credit = (
        ctx.texts[i - 1] in {"/", ":"}
        and i >= 2
        and (ctx.texts[i - 1] == "/" or ctx.lowers[i - 2] in ctx.lexicon.caption_markers_lower)
    )
    ends = i + 1 >= len(ctx.doc) or is_space(ctx.doc[i + 1]) or ctx.texts[i + 1] in CREDIT_ENDS
    if credit and ends and AGENCY_ACRONYM.fullmatch(ctx.texts[i]):
        return _agency(ctx, i, ctx.texts[i])
    return None


def _agency(ctx: Context, i: int, name: str) -> Candidate | None:
    known = ctx.lexicon.kind_of(name)
    if known != ORG and (known is not None or not name[0].isupper() or ctx.lexicon.is_common_word(name)):
        return None  # "(Sinaloa).-", "(ahora).-": no agency
    return Candidate(i, i + 1, ORG, "head", ctx.lexicon.canonical(name) or name)


def dateline_places(ctx: Context, kept: list[Candidate]) -> list[Candidate]:
    """The candidates, with the place in capitals that opens a dateline made one place."""
    for start in (i for i in range(len(ctx.doc)) if i == 0 or is_space(ctx.doc[i - 1])):
        end = _caps_place_end(ctx, start)
        if end is not None:
            kept = [c for c in kept if not (c.start < end and start < c.end)]
            kept.append(Candidate(start, end, PLACE, "head", ctx.known(start, end)))
    return sorted(kept, key=lambda c: c.start)


def _caps_place_end(ctx: Context, start: int) -> int | None:
    """Where "SANTA CRUZ DE LA SIERRA" ends, when a line opens with words in capitals, then ","
    and a capitalized name or a number, and ".-" closes the dateline on that line; else None."""
    end, texts = start, ctx.texts
    while end < len(texts) and end - start < DATELINE_PLACE_MAX_TOKENS and _caps_word(texts[end], end == start):
        end += 1
    while end > start and texts[end - 1] in CAPS_CONNECTORS:
        end -= 1
    if end == start or end + 1 >= len(texts) or texts[end] != ",":
        return None
    if not (name_like(ctx.doc[end + 1]) or ctx.doc[end + 1].like_num):
        return None
    if ctx.lexicon.kind_of(ctx.doc[start:end].text) not in (None, PLACE):
        return None
    for k in range(end + 1, min(len(texts), end + 12)):
        if is_space(ctx.doc[k]):
            return None
        if DATELINE_END.search(texts[k]):
            return end
    return None


def _caps_word(text: str, first: bool) -> bool:
    return (text.isalpha() and text.isupper() and len(text) > 1) or (not first and text in CAPS_CONNECTORS)


def signature_candidates(ctx: Context) -> list[Candidate]:
    """Accounts that sign an embedded post as organizations (see the module's doc)."""
    out = []
    for i in range(2, len(ctx.doc) - 1):
        if ctx.texts[i] != "(" or not ctx.texts[i + 1].startswith("@"):
            continue
        start = i
        while start > 0 and i - start < SIGNATURE_MAX_TOKENS and name_like(ctx.doc[start - 1]):
            start -= 1
        if start == i or start == 0 or ctx.texts[start - 1] not in {"—", "–", "-"}:
            continue
        first, lex = ctx.texts[start], ctx.lexicon
        if lex.kind_of(first) or lex.is_given_name(first) or fold(first) in ctx.name_words:
            continue  # "— SSPC México (@…)", "— Xóchitl Gálvez (@…)": a body or person we know
        if lex.kind_of(ctx.doc[start:i].text):
            continue
        out.append(Candidate(start, i, ORG, "head"))
    return out
