r"""How the words of a pattern's every match begin, to skip texts it cannot match.

`(?<!\w)(?:reuni[oó]n|se reun(?:ió|e))` matches only at the start of a word beginning "reun"
or "se" (in any case): a sentence with no such word needs no search. `word_starts` reads that
off the compiled pattern (`re._parser`, the standard library's own parse), `heads` off a text
(the first one to four letters of each of its words, lower case), and `may_match` compares them.
It only ever says "no" when no match is possible: a pattern it cannot read (no `(?<!\w)` first,
a class or a repeat at its start) is always searched, and so is a text with a letter that
IGNORECASE matches otherwise than `str.lower` says (a dotless ı, a long ſ, letters past Latin
Extended-B).
"""

from __future__ import annotations

import re
from functools import cache
from re import _casefix, _constants, _parser  # type: ignore[attr-defined]

__all__ = ["heads", "may_match", "prefixes", "word_starts"]

HEAD = 4  # letters of a word compared
MAX_PREFIXES = 256  # past this many spellings, the prefixes stop growing (they stay prefixes)
ZERO_WIDTH = (_constants.ASSERT, _constants.ASSERT_NOT, _constants.AT)
WORD = re.compile(r"\w+")
WORD_CLASS = [(_constants.IN, [(_constants.CATEGORY, _constants.CATEGORY_WORD)])]
Found = tuple[set[str], bool]  # (prefixes, whether they spell the whole sequence)


def word_starts(pattern: re.Pattern) -> frozenset[str] | None:
    r"""The first HEAD (or fewer) letters of the word every match begins, for a pattern whose
    matches begin words (`(?<!\w)` first); None when unknown."""
    found = prefixes(pattern)
    parsed = _parser.parse(pattern.pattern, pattern.flags).data
    if found is None or not parsed or not _not_after_word(*parsed[0]):
        return None
    starts = {m.group()[:HEAD] if (m := WORD.match(p)) else "" for p in found}
    return None if "" in starts else frozenset(starts)


def _not_after_word(op, av) -> bool:
    """The item is `(?<!\\w)`."""
    return op is _constants.ASSERT_NOT and av[0] == -1 and list(getattr(av[1], "data", av[1])) == WORD_CLASS


def heads(text: str) -> frozenset[str] | None:
    """The first one to HEAD letters of every word of text, lower case; None when lower case
    says nothing of how IGNORECASE matches it."""
    if not (text.isascii() or set(text) <= _plain_letters()):
        return None
    return frozenset(w[:n] for w in WORD.findall(text.lower()) for n in range(1, HEAD + 1))


def may_match(starts: frozenset[str] | None, text_heads: frozenset[str] | None) -> bool:
    """False only when no match of a pattern whose words begin so can be in a text of these heads."""
    return starts is None or text_heads is None or not starts.isdisjoint(text_heads)


def prefixes(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case strings one of which starts every match of `pattern`; None when unknown."""
    if pattern.flags & (re.LOCALE | re.VERBOSE):
        return None
    found, _ = _sequence(_parser.parse(pattern.pattern, pattern.flags).data)
    if "" in found:
        return None
    return frozenset(found)


@cache
def _plain_letters() -> frozenset[str]:
    odd = {chr(c) for c in _casefix._EXTRA_CASES} | {chr(c) for v in _casefix._EXTRA_CASES.values() for c in v}
    return frozenset(c for c in map(chr, range(0x250)) if len(c.lower()) == 1 and (c.isascii() or c not in odd))


def _sequence(items: list) -> Found:
    out = {""}
    for op, av in items:
        if op in ZERO_WIDTH:
            continue
        step = _item(op, av)
        if step is None:
            return out, False
        found, whole = step
        grown = {a + b for a in out for b in found}
        if len(grown) > MAX_PREFIXES:
            return out, False
        out = grown
        if not whole:
            return out, False
    return out, True


def _item(op, av) -> Found | None:
    if op is _constants.LITERAL:
        return ({_letter(av)}, True) if _letter(av) else None
    if op is _constants.IN and all(o is _constants.LITERAL for o, _ in av):
        letters = {_letter(v) for _, v in av}
        return (letters, True) if all(letters) else None
    if op is _constants.SUBPATTERN:
        return _sequence(av[-1].data if hasattr(av[-1], "data") else av[-1])
    if op is _constants.BRANCH:
        alternatives = [_sequence(a.data if hasattr(a, "data") else a) for a in av[1]]
        return {p for found, _ in alternatives for p in found}, all(whole for _, whole in alternatives)
    return None


def _letter(code: int) -> str:
    """The character as matched, lower-cased; "" for one whose case IGNORECASE reads otherwise."""
    c = chr(code)
    return c.lower() if c in _plain_letters() else ""
