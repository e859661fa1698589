"""Names as compared, by extraction and by merging alike.

`fold` takes away what does not tell two writings of a name apart: accents, case, quotes and
extra spacing ("José  PÉREZ" and "Jose Perez" fold alike); extraction's word lists and the
people rules compare names folded. `key_words` gives the words of a place or body name, for
comparing names word by word. Both live here so that extraction and the store compare names
the same way without the store reaching into extraction.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_each", "key_words"]

_SPACES = re.compile(r"\s+")
_QUOTES = re.compile(r"[\"'“”‘’«»]")


def fold_each(s: str) -> str:
    """A name as compared: no accents, case, quotes or extra spacing (`fold` without its memory,
    for loading many distinct names once)."""
    if not s.isascii():  # most names are: nothing to decompose (a hot path: the gazetteer folds 300,000)
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return _SPACES.sub(" ", _QUOTES.sub("", s.casefold())).strip(" .,;:()-")


# The rules fold the same few thousand words and names over and over (about 500 calls an article).
fold = lru_cache(maxsize=1 << 16)(fold_each)
fold.__doc__ = "A name as compared: no accents, case, quotes or extra spacing (remembered)."

STOPWORDS = frozenset({"de", "del", "la", "las", "los", "el", "y", "e"})


def key_words(s: str) -> list[str]:
    """The words that name a place or a body, folded, without articles and conjunctions:
    "Grupo de Implementación" → ["grupo", "implementacion"]. Unlike `fold`, a quote or a
    hyphen separates words ("México-EE.UU." is three), so names compare word by word."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", s.casefold()) if not unicodedata.combining(c))
    return [w for w in re.findall(r"\w+", folded) if w not in STOPWORDS]
