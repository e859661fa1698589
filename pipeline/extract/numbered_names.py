"""Names that end with a number: "Centro Federal de Readaptación Social No. 1", "Cefereso No. 1".

The capitalized abbreviation "No" belongs to the name, but spaCy's span (and the rules that run
over capitalized words) stop before ". 1", leaving "Cefereso No". The name takes its number.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from .candidates import Candidate, Context

DATA = Path(__file__).resolve().parent.parent / "data" / "numbered.toml"


@cache
def _markers() -> frozenset[str]:
    return frozenset(m.lower() for m in tomllib.loads(DATA.read_text("utf-8"))["markers"])


def numbered_names(ctx: Context, kept: list[Candidate]) -> None:
    """Extend in place every name that ends with "No" (or "No.") over its number."""
    taken = {c.start for c in kept}
    for c in kept:
        if c.end - c.start < 2 or ctx.lowers[c.end - 1].rstrip(".") not in _markers():
            continue
        k = c.end + (not ctx.texts[c.end - 1].endswith(".") and c.end < len(ctx.texts) and ctx.texts[c.end] == ".")
        if k < len(ctx.doc) and ctx.doc[k].like_num and k not in taken:
            c.end = k + 1
