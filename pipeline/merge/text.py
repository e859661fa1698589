"""Names as compared: one folding for extraction's word lists and for merging people.

`fold` takes away what does not tell two writings of a name apart: accents, case, quotes and
extra spacing ("José  PÉREZ" and "Jose Perez" fold alike). It lives here, below extract and
store, so that both compare names the same way without the store reaching into extraction.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold"]

_SPACES = re.compile(r"\s+")
_QUOTES = re.compile(r"[\"'“”‘’«»]")


def fold(s: str) -> str:
    """A name as compared: no accents, case, quotes or extra spacing."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return _SPACES.sub(" ", _QUOTES.sub("", s)).strip(" .,;:()-")
