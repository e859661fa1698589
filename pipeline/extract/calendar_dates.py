"""Complete calendar dates as pages show them by a headline: "27 de septiembre de 2025",
"Sept. 27, 2025", "27/09/2025", "2025-09-27".

Part of the one Spanish date grammar: the month names come from the same `data/dates.toml`
through `date_grammar.words()`. The clean stage reads a page's visible publication date with it;
`date_grammar` finds the dates in running text that extraction resolves.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from .date_grammar import words


@cache
def _all_months() -> dict[str, int]:
    w = words()
    return {**w["months_english"], **w["month_abbreviations"], **w["months"]}


@cache
def calendar_date_pattern() -> re.Pattern:
    """A complete calendar date as pages show it: "27 de septiembre de 2025", "Sept. 27, 2025",
    "27/09/2025", "2025-09-27" (groups read by `calendar_date`)."""
    month = "|".join(sorted(map(re.escape, _all_months()), key=len, reverse=True))
    return re.compile(
        rf"\b(?P<d1>[0-3]?\d)(?:º|°)?(?:\s+de\s+|\s*[/.-]\s*|\s+)(?P<m1>{month})\.?"
        rf"(?:,\s*|\s+del?\s+|\s*[/.-]\s*|\s+)(?P<y1>\d{{4}})\b"
        rf"|\b(?P<m2>{month})\.?\s+(?P<d2>[0-3]?\d),?\s+(?:de\s+)?(?P<y2>\d{{4}})\b"
        rf"|(?<![\d/.-])(?P<d3>[0-3]?\d)(?P<sep>[/.-])(?P<m3>[01]?\d)(?P=sep)(?P<y3>\d{{4}}|\d{{2}})(?![\d/-])"
        rf"|(?<![\d/.-])(?P<y4>\d{{4}})-(?P<m4>[01]\d)-(?P<d4>[0-3]\d)(?!\d)",
        re.I,
    )


def calendar_date(m: re.Match) -> str | None:
    """The YYYY-MM-DD a `calendar_date_pattern` match names, or None for an impossible date."""
    if m["m1"] or m["m2"]:
        day, month, year = (m["d1"], m["m1"], m["y1"]) if m["m1"] else (m["d2"], m["m2"], m["y2"])
        number = _all_months().get(month.lower())
        parts = (int(year), number, int(day)) if number else None
    elif m["d3"]:
        day, month = int(m["d3"]), int(m["m3"])
        if month > 12 >= day:  # 09/27/2025: month first
            day, month = month, day
        parts = (int(m["y3"]) + (2000 if len(m["y3"]) == 2 else 0), month, day)
    else:
        parts = (int(m["y4"]), int(m["m4"]), int(m["d4"]))
    try:
        return date(*parts).isoformat() if parts else None
    except ValueError:
        return None
