"""Token tests shared by the name rules: what looks like a name, where a sentence starts,
how far a capitalized name runs."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

OPEN_QUOTES = frozenset("\"“«‘'")
CLOSE_QUOTES = frozenset("\"”»’'")
DASHES = frozenset("-–—")
CLAUSE_ENDS = frozenset({".", "!", "?", ":", "…", "..", "...", "|", "•", "¿", "¡", ";", ".-", "(", ")"})
ARTICLES = frozenset({"el", "la", "los", "las"})
# Lower-case words that may join the words of one name: "Secretaría de Seguridad y Protección Ciudadana".
CONNECTORS = frozenset({"de", "del", "la", "las", "los", "el", "y", "e", "para", "contra", "sobre", "a", "al"})
COORDINATORS = frozenset({"y", "e"})
SCORE = re.compile(r"(?<![\d/.:\-–])\d{1,2} ?[-–] ?\d{1,2}(?![\d/.:\-–])")  # "2-1", "1 – 0": a match's score


def name_like(tok: Token) -> bool:
    """Capitalized ("Texas"), upper case ("SRE") or camel case ("eTrace"); not a number."""
    return name_like_text(tok.text)


def name_like_text(t: str) -> bool:
    """`name_like` of a token's text."""
    if not t or not t[0].isalpha():
        return False
    return t[0].isupper() or any(c.isupper() for c in t[1:])


def is_space(tok: Token) -> bool:
    return tok.is_space or "\n" in tok.text


def starts_clause(doc: Doc, i: int) -> bool:
    """True when token i begins a sentence, a line or a quotation: its capital says nothing."""
    j = i - 1
    while j >= 0 and (doc[j].text in OPEN_QUOTES or doc[j].text in DASHES or doc[j].text == "("):
        j -= 1
    if j < 0:
        return True
    prev = doc[j]
    return is_space(prev) or prev.text in CLAUSE_ENDS or prev.text.endswith((".", ":", "?", "!", ".-", ".–", ".—"))


def quoted_end(doc: Doc, i: int, max_words: int) -> int | None:
    """If token i opens a quotation closed on the same line within max_words, the closing index."""
    if doc[i].text not in OPEN_QUOTES:
        return None
    for j in range(i + 1, min(len(doc), i + max_words + 2)):
        tok = doc[j]
        if is_space(tok):
            return None
        if tok.text in CLOSE_QUOTES and j > i + 1:
            return j
    return None


def extend_name(
    doc: Doc,
    i: int,
    *,
    connectors: frozenset[str] = CONNECTORS,
    stop: Callable[[Token], bool] = lambda t: False,
    new_name: Callable[[Token], bool] = lambda t: False,
    commas: bool = False,
    numbers: bool = False,
    max_tokens: int = 16,
    article_after_and: bool = False,
) -> int:
    """End (exclusive) of the name that starts at token i.

    It runs on over capitalized words (not `stop` ones), lower-case connectors followed by
    one, dashes between two, and (with `commas`) a list "Alcohol, Tabaco, Armas de Fuego y
    Explosivos" closed by "y". After "y" or a comma, a word that `new_name` says begins
    another name ends it, and so does an article unless `article_after_and`: "la Secretaría
    de Marina y la Guardia Nacional" is two names, "Plan … por la Paz y la Justicia" one.
    """
    end = j = i + 1
    limit = min(len(doc), i + max_tokens)
    if closes_name(doc[i]):
        return end
    while j < limit:
        tok = doc[j]
        if (name_like(tok) or (numbers and tok.like_num)) and not stop(tok):
            end = j = j + 1
            if closes_name(tok):
                break
        elif tok.lower_ in connectors or (tok.text in DASHES and not after_stop(doc, j)):
            k = j + 1
            while k < limit and doc[k].lower_ in connectors - COORDINATORS:
                k += 1
            if k >= limit or not name_like(doc[k]) or stop(doc[k]):
                break
            opens = any(doc[x].lower_ in ARTICLES for x in range(j + 1, k))  # "y la Guardia"; "y de Valores" goes on
            if tok.lower_ in COORDINATORS and ((opens and not article_after_and) or new_name(doc[k])):
                break
            j = k
        elif commas and tok.text == "," and _after_of(doc, i, j) and comma_list_closes(doc, j, limit, new_name):
            j += 1
        elif tok.text == "." and abbreviation(doc[j - 1]) and j + 1 < limit and abbreviation(doc[j + 1]):
            j += 1  # "México-EE. UU.": the points of a spaced abbreviation are part of the name
        else:
            break
    return end


def after_stop(doc: Doc, j: int) -> bool:
    """ "… de EE. UU. - Rubio exigió": a spaced dash after a full stop opens a list's next item
    (the stop of "UU." also ends the sentence); "México - Estados Unidos" joins."""
    return doc[j - 1].text.endswith(".") and bool(doc[j - 1].whitespace_) and bool(doc[j].whitespace_)


def closes_name(tok: Token) -> bool:
    """ "Texas.-", "MÉXICO.-": a dateline's place, glued to the dash that ends it."""
    return closes_name_text(tok.text)


def closes_name_text(t: str) -> bool:
    """`closes_name` of a token's text."""
    return len(t) > 2 and t[-1] in "-–—" and not t[-2].isalnum()


def abbreviation(tok: Token) -> bool:
    """ "EE", "UU", "México-EE", "D": one to three capitals ending a token."""
    last = tok.text.replace("–", "-").split("-")[-1]
    return 1 <= len(last) <= 3 and last.isalpha() and last.isupper()


def _after_of(doc: Doc, i: int, j: int) -> bool:
    """The name's words up to j follow a "de": its list is what it is "of" ("Oficina de Alcohol,
    Tabaco, …"), not names listed after it ("Banco Azteca, Tlaxbanc y Banorte")."""
    return any(t.lower_ in ("de", "del") for t in doc[i + 1 : j])


def comma_list_closes(doc: Doc, j: int, limit: int, new_name: Callable[[Token], bool]) -> bool:
    """True when the comma at j starts items of one name that a "y" closes: ", Tabaco, … y Explosivos"."""
    k = j + 1
    while k < limit:
        tok = doc[k]
        if tok.lower_ in COORDINATORS:
            return k + 1 < limit and name_like(doc[k + 1]) and not new_name(doc[k + 1])
        if tok.text == "," or tok.lower_ in CONNECTORS or (name_like(tok) and not new_name(tok)):
            k += 1
        else:
            return False
    return False
