"""Dates that hang on another date: an undated page's day-month on the fetch time, and a count
of days, months or years on the date written before it.

`dates.py` finds and resolves the calendar references; these are the pure rules it applies
where the publication date or the text gives no year of its own:

* a day-month of a page without a publication date is the occurrence between the latest date
  the page states with a year and the fetch time (`occurrences`, `pick`);
* a weekday alone is the day written before it on that weekday; a weekday with a day-month may
  leave one year only (`weekdays_on_stated_days`, `year_fixed`);
* "seis meses después", "dos días antes" count from the latest date written before them, at
  that date's precision or coarser (`counted_from`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from ..merge.events import date_span
from ..models import DateMention
from .date_grammar import Candidate, words

LATER_REACH = 400  # characters back "seis meses después" looks for the date it counts from
PRECISION = {"year": 4, "month": 7, "day": 10}

__all__ = ["counted_from", "occurrences", "pick", "weekdays_on_stated_days", "year_fixed"]


def occurrences(day: int, month: int, year: int, weekday: int | None) -> list[date]:
    """The day-month in the years around `year`; only those on its weekday, when one is written
    ("el domingo 25 de enero") and some fall on it."""
    options = []
    for y in range(year - 2, year + 2):
        try:
            options.append(date(y, month, day))
        except ValueError:  # 29 February
            continue
    return [d for d in options if d.weekday() == weekday] or options


def pick(options: list[date], fetched: date, lower: date | None, direction: str | None) -> date | None:
    """The occurrence written about: the one between the latest stated date and the fetch (of
    two, the one the tense points to); without a stated date, the latest before the fetch, or for
    a planned event the first after it (when the weekday allows one)."""
    ahead = [d for d in options if d >= fetched]
    if direction == "future" and lower is None and ahead:
        return min(ahead)
    lo = lower or fetched - timedelta(days=365)
    inside = [d for d in options if lo <= d <= fetched]
    if inside:
        return min(inside) if direction == "future" else max(inside)
    return max((d for d in options if d <= fetched), default=None)


def year_fixed(parts: dict, weekday: int | None, fetched: date | None) -> bool:
    """ "El lunes 25 de agosto": of the years a fetch time leaves, only one puts it on its weekday
    (a day-month `parts` of the date grammar)."""
    days = parts["days"]
    if fetched is None or weekday is None or len(days) != 1:
        return False
    return len(occurrences(days[0][2], parts["month"], fetched.year, weekday)) == 1


def weekdays_on_stated_days(found: list[Candidate], days: list[tuple[int, date]]) -> dict[Candidate, list[tuple]]:
    """ "Ayer sábado 10 de enero de 2026 … derrotaron este sábado": on an undated page, a weekday
    alone is the latest day written before it with its year (`days`: offset, day) that falls on
    that weekday; it stays unresolved when none does (the fetch time says nothing of which week)."""
    out: dict[Candidate, list[tuple]] = {}
    for c in found:
        if c.kind == "weekday" and not c.parts["daynum"]:
            on = [d for start, d in days if start < c.start and d.weekday() == c.parts["weekday"]]
            out[c] = [(c.start, c.end, on[-1].isoformat(), "day")] if on else []
    return out


# ── "seis meses después": counted from the date written before ──────────────


@lru_cache(maxsize=1)
def _later() -> re.Pattern:
    w = words()
    numbers = "|".join(sorted(w["number_words"], key=len, reverse=True))
    units = "|".join(sorted(w["ago_units"], key=len, reverse=True))
    return re.compile(
        rf"\b(?P<n>\d{{1,2}}|{numbers})\s+(?P<unit>{units})\s+(?P<dir>después|más tarde|antes)\b(?!\s+(?:de|del|que)\b)",
        re.I,
    )


def counted_from(text: str, found: list[DateMention]) -> list[DateMention]:
    """ "En febrero de 2025 … Seis meses después, …": 2025-08, counted from the latest date
    written before it (at most a few sentences back) precise enough to count the unit from, at
    that date's precision or coarser."""
    out = []
    for m in _later().finditer(text):
        before = [d for d in found if d.end <= m.start() and m.start() - d.end <= LATER_REACH]
        if not before:
            continue
        n = int(m["n"]) if m["n"].isdigit() else words()["number_words"][m["n"].lower()]
        unit, step = words()["ago_units"][m["unit"].lower()], -n if m["dir"].lower() == "antes" else n
        # the latest date that can be counted from: "en febrero … ocurrido en 1985. Seis meses
        # después" counts from febrero (six months from a year alone say nothing)
        moved = next(
            ((d, x) for d in sorted(before, key=lambda d: -d.end) if (x := _moved(d, unit, step))),
            None,
        )
        if moved:  # counted from a guessed year, it is as guessed
            out.append(DateMention(m[0], *moved[1], m.start(), m.end(), moved[0].guessed))
    return out


def _moved(anchor: DateMention, unit: str, n: int) -> tuple[str, str] | None:
    """A date moved by n units, at its own precision or the unit's, whichever is coarser."""
    order = ["year", "month", "day"]
    if order.index(unit) > order.index(anchor.granularity):
        return None  # "dos días después" of "en marzo": which day is not known
    first = date_span(anchor.value)[0]
    if unit == "day":
        return (first + timedelta(days=n)).isoformat(), "day"
    months = first.year * 12 + first.month - 1 + (n if unit == "month" else 12 * n)
    moved = date(months // 12, months % 12 + 1, 1)
    granularity = "month" if unit == "month" or anchor.granularity == "month" else "year"
    return moved.isoformat()[: PRECISION[granularity]], granularity
