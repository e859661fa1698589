"""Calendar references in an article's text, resolved against its publication date.

    text ──date_grammar──▶ candidate spans ──tense, direction──▶ dateparser / arithmetic ──▶ DateMention

A cheap regex grammar (`date_grammar.py`, word lists in `data/dates.toml`) finds the
candidate spans ("el pasado 2 de diciembre", "septiembre de 2025", "el viernes", "ayer",
"el próximo 2026") and their parts; numbers that are counts, times, amounts or
codes never become candidates. A partial date (no year, a weekday, a month) takes
its direction from a word in the span ("pasado", "próximo") or else from the
tense of its sentence, so a past-tense sentence never gets a date after the
article. dateparser resolves the relative and numeric cores against the
publication date (cached); explicit parts are plain calendar arithmetic.
Without a publication date, dates that state their year are returned, and those that name their
month ("el 23 de enero", "en agosto") are anchored on the fetch time: the page was written before
it was fetched, and after the latest date it states with a year. Relative dates ("ayer", "el
viernes") stay unresolved there: a fetch long after publication would put them on the wrong day.

A count of days, months or years from a date written before ("en febrero de 2025 … seis meses
después") is that date moved (`date_anchors.py`).

Granularity follows the words: a day ("ayer", "el viernes", "2 de diciembre"), a month
("septiembre de 2025", "en diciembre", "a principios de enero") or a year ("en 2024",
"el próximo 2026", "el segundo semestre de 2024"). Weeks ("esta semana", "la semana
pasada") are not returned: a week is neither, and the month it falls in would be a guess.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

from ..merge.events import date_span
from ..models import DateMention
from .date_anchors import counted_from, occurrences, pick, weekdays_on_stated_days, year_fixed
from .date_grammar import Candidate, candidates, name, words

SENTENCE_END = re.compile(r"[.!?]\s|\n")
CLAUSE_END = re.compile(r"[.!?;:,]\s|\n")  # a comma between digits ("3,77") is no bound
SAYS = re.compile(r"\s+que\b", re.I)
THIS = re.compile(r"(?:este|esta)\s", re.I)
WORD = re.compile(r"\w+")


# ── direction: explicit word, else the tense of the sentence ─────────────────


def _direction(text: str, c: Candidate) -> str | None:
    """ "past" or "future" for a partial date, or None when nothing says."""
    word = c.parts.get("dir")
    if word:
        return "past" if word in words()["direction"]["past"] else "future"
    if c.kind == "days" and THIS.match(text, c.start):
        return None  # "este 4 de marzo": the nearest, whatever the tense of a verb around it
    return _tense(text, c.start, c.end) or _tense_before(text, c.start)


def _tense(text: str, start: int, end: int) -> str | None:
    """The tense of the verb (or tense word) nearest to a span in its clause, else in its sentence:
    "se ubicó en 3.77% en enero, cifra menor a la prevista" is past."""
    return _nearest_tense(text, start, end, CLAUSE_END) or _nearest_tense(text, start, end, SENTENCE_END)


def _nearest_tense(text: str, start: int, end: int, bound: re.Pattern) -> str | None:
    """The tense of the tense word nearest to a span, between the `bound`s around it."""
    left = max((m.end() for m in bound.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    right_m = bound.search(text, end, end + 300)
    right = right_m.start() if right_m else min(len(text), end + 300)
    best, best_dist = None, 10**9
    for m in WORD.finditer(text, left, right):
        if start <= m.start() < end or (m.end() <= start and SAYS.match(text, m.end())):
            continue  # the date itself; "señaló que …": the time of saying, not of what is said
        tense = _tense_of(m[0].lower()) or (_purpose(text, m) if m.end() <= start else None)
        dist = start - m.end() if m.end() <= start else m.start() - end
        if tense and dist < best_dist:
            best, best_dist = tense, dist
    return best


def _tense_before(text: str, start: int) -> str | None:
    """The tense of the last verb of the sentence before: "… estos serán los más relevantes: –
    Gemínidas, con pico el 14 de diciembre" (a list item or a verbless sentence continues it)."""
    window = text[max(0, start - 400) : start]
    sentences = [x for x in SENTENCE_END.split(window)[:-1] if WORD.search(x)]  # the last is the date's own
    if not sentences:
        return None
    tenses = [t for m in WORD.finditer(sentences[-1]) if (t := _tense_of(m[0].lower()))]
    return tenses[-1] if tenses else None


def _purpose(text: str, word: re.Match) -> str | None:
    """ "para enfrentar el 26 de marzo": an infinitive of purpose before a date points ahead
    (after it, "se reunieron el 23 de enero para impulsar…", it says nothing of the date)."""
    t = words()["tense"]
    if len(word[0]) < 4 or not word[0].lower().endswith(tuple(t["infinitive_endings"])):
        return None
    before = text[max(0, word.start() - 16) : word.start()].lower()
    return "future" if _purpose_words().search(before) else None


@lru_cache(maxsize=1)
def _purpose_words() -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in words()["tense"]["future_before_infinitive"])
    return re.compile(rf"\b(?:{alternatives})\s+$")


@lru_cache(maxsize=8192)
def _tense_of(word: str) -> str | None:
    t = words()["tense"]
    if word in t["future_words"]:
        return "future"
    if word in t["past_words"]:
        return "past"
    if word in t["not_verbs"] or len(word) < 4:
        return None
    if word.endswith(tuple(t["future_suffixes"])):
        return "future"
    if word.endswith(tuple(t["past_suffixes"])):
        return "past"
    return None


# ── resolution ───────────────────────────────────────────────────────────────

Resolved = list[tuple[int, int, str, str]]  # (start, end, value, granularity)


@lru_cache(maxsize=4096)
def _dateparser(core: str, base: date | None, prefer: str | None, language: str = "es") -> date | None:
    """dateparser on one candidate's core, relative to the publication date."""
    settings: dict[str, object] = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    if base:
        settings["RELATIVE_BASE"] = datetime.combine(base, datetime.min.time())
        settings["REQUIRE_PARTS"] = []
    if prefer:
        settings["PREFER_DATES_FROM"] = prefer
    parsed = dateparser.parse(core, languages=[language], settings=settings)
    return parsed.date() if parsed else None


def _nearest(past: date | None, future: date | None, base: date, direction: str | None) -> date | None:
    if direction == "past" or future is None:
        return past
    if direction == "future" or past is None:
        return future
    return past if (base - past) <= (future - base) else future


def _resolve_days(c: Candidate, base: date | None, direction: str | None) -> Resolved:
    month, year, out = c.parts["month"], c.parts["year"], []
    if month is None:  # "el 12 de este mes"
        if base is None:
            return []
        year, month = divmod(base.year * 12 + base.month - 1 + c.parts["month_offset"], 12)
        month += 1
    elif isinstance(year, str):
        year = base.year + words()["relative_years"][year] if base else None
    for i, (s, e, day) in enumerate(c.parts["days"]):
        start = c.start if i == 0 else s
        end = c.end if i == len(c.parts["days"]) - 1 else e
        value = _day_month(day, month, year, base, direction, _weekday(c))
        if value:
            out.append((start, end, value.isoformat(), "day"))
    return out


def _day_month(
    day: int, month: int, year: int | None, base: date | None, direction: str | None, weekday: int | None = None
) -> date | None:
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    if base is None:
        return None
    if (month, day) == (base.month, base.day):
        return base
    core = f"{day} de {name('months', month)}"
    past, future = _dateparser(core, base, "past"), _dateparser(core, base, "future")
    fits = [d for d in (past, future) if d and weekday is not None and d.weekday() == weekday]
    if len(fits) == 1:  # "el domingo 25 de enero": the year in which the 25th is a Sunday
        return fits[0]
    return _nearest(past, future, base, direction)


def _resolve_months(c: Candidate, base: date | None, direction: str | None) -> Resolved:
    year = c.parts["year"]
    if isinstance(year, str):
        if base is None:
            return []
        year = base.year + words()["relative_years"][year]
    months = c.parts["months"]
    return [
        (c.start if i == 0 else s, c.end if i == len(months) - 1 else e, f"{year:04d}-{m:02d}", "month")
        for i, (s, e, m) in enumerate(months)
    ]


def _weekday(c: Candidate) -> int | None:
    """The weekday a day is written with ("el domingo 25 de enero"), as `date.weekday()`."""
    word = c.parts.get("weekday")
    return words()["weekdays"].get(word) if word else None


def _resolve_month(c: Candidate, base: date | None, direction: str | None) -> Resolved:
    if base is None:
        return []
    months = c.parts["months"]
    return [
        (c.start if i == 0 else s, c.end if i == len(months) - 1 else e, _month_near(m, base, direction), "month")
        for i, (s, e, m) in enumerate(months)
    ]


def _month_near(month: int, base: date, direction: str | None) -> str:
    """A month without a year: the occurrence the direction allows, else the nearest."""
    here = base.year * 12 + base.month - 1
    options = [base.year * 12 + month - 1 + 12 * k for k in (-1, 0, 1)]
    past = max(o for o in options if o <= here)
    future = min(o for o in options if o >= here)
    if direction == "past":
        pick = past
    elif direction == "future":
        pick = future
    else:
        pick = past if here - past <= future - here else future
    return f"{pick // 12:04d}-{pick % 12 + 1:02d}"


def _resolve_weekday(c: Candidate, base: date | None, direction: str | None) -> Resolved:
    if base is None:
        return []
    weekday, daynum = c.parts["weekday"], c.parts["daynum"]
    if daynum:
        value = _weekday_with_day(weekday, daynum, base, direction)
    elif weekday == base.weekday():
        step = {"past": -7, "future": 7}.get(direction or "", 0) if c.parts["dir"] else 0
        value = base + timedelta(days=step)
    else:
        value = _dateparser(name("weekdays", weekday), base, direction or "past")
    return [(c.start, c.end, value.isoformat(), "day")] if value else []


def _weekday_with_day(weekday: int, day: int, base: date, direction: str | None) -> date | None:
    """ "el viernes 26": the 26th nearest to the article that falls on a Friday, on the side
    the direction says if there is one there (the weekday and the day outweigh the tense)."""
    fits = []
    for k in range(-2, 3):
        y, m = divmod(base.year * 12 + base.month - 1 + k, 12)
        try:
            d = date(y, m + 1, day)
        except ValueError:
            continue
        if d.weekday() == weekday:
            fits.append(d)
    sided = [d for d in fits if {"past": d <= base, "future": d >= base}.get(direction or "", True)]
    return min(sided or fits, key=lambda d: abs(d - base), default=None)


def _resolve_offset(unit: str):
    def resolve(c: Candidate, base: date | None, direction: str | None) -> Resolved:
        return [(c.start, c.end, *_shift(base, unit, c.parts["offset"]))] if base else []

    return resolve


def _shift(base: date, unit: str, n: int) -> tuple[str, str]:
    if unit == "day":
        return (base + timedelta(days=n)).isoformat(), "day"
    if unit == "month":
        y, m = divmod(base.year * 12 + base.month - 1 + n, 12)
        return f"{y:04d}-{m + 1:02d}", "month"
    return f"{base.year + n:04d}", "year"


def _resolve_ago(c: Candidate, base: date | None, direction: str | None) -> Resolved:
    return [(c.start, c.end, *_shift(base, c.parts["unit"], -c.parts["n"]))] if base else []


def _resolve_exact(language: str):
    def resolve(c: Candidate, base: date | None, direction: str | None) -> Resolved:
        value = _dateparser(c.parts["core"], None, None, language)
        return [(c.start, c.end, value.isoformat(), "day")] if value else []

    return resolve


def _resolve_iso(c: Candidate, base: date | None, direction: str | None) -> Resolved:
    y, m, d = map(int, c.parts["core"].split("-"))
    try:
        return [(c.start, c.end, date(y, m, d).isoformat(), "day")]
    except ValueError:
        return []


def _resolve_years(c: Candidate, base: date | None, direction: str | None) -> Resolved:
    return [(s, e, f"{y:04d}", "year") for s, e, y in c.parts["years"]]


RESOLVERS = {
    "days": _resolve_days,
    "months": _resolve_months,
    "month": _resolve_month,
    "weekday": _resolve_weekday,
    "relative_day": _resolve_offset("day"),
    "relative_month": _resolve_offset("month"),
    "relative_year": _resolve_offset("year"),
    "ago": _resolve_ago,
    "english": _resolve_exact("en"),
    "iso": _resolve_iso,
    "numeric": _resolve_exact("es"),
    "years": _resolve_years,
}
PARTIAL = {"days", "month", "weekday"}  # kinds whose direction depends on the sentence


def _base(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def find_dates(text: str, published: str | None, fetched: str | None = None) -> list[DateMention]:
    """Every calendar reference in text, resolved against the publication date (YYYY-MM-DD), or
    when it is unknown, those that name their month against the fetch time (see the module's doc)."""
    base = _base(published)
    found = candidates(text)
    anchored = _anchored(text, found, _base(fetched)) if base is None and fetched else {}
    out = []
    for c in found:
        if c in anchored:
            resolved = anchored[c]
        else:
            direction = _direction(text, c) if base and c.kind in PARTIAL else None
            resolved = RESOLVERS[c.kind](c, base, direction)
        guessed = c in anchored and c.kind == "days" and not year_fixed(c.parts, _weekday(c), _base(fetched))
        out += [
            DateMention(text[start:end], value, granularity, start, end, guessed)
            for start, end, value, granularity in resolved
        ]
    return sorted(out + counted_from(text, out), key=lambda d: d.start)


# ── an article without a publication date ───────────────────────────────────

LOOK_BACK = 730  # days before the fetch a stated date may bound when the page was written


def _anchored(text: str, found: list[Candidate], fetched: date | None) -> dict[Candidate, Resolved]:
    """Day-month dates of an undated page, each in the year the fetch time and the latest date
    the page states with a year leave for it ("el 23 de enero" on a page that also says
    "septiembre de 2025" and was fetched in December 2026 is 2026-01-23)."""
    if fetched is None:
        return {}
    stated = [
        date_span(value)[0]
        for c in found
        for _, _, value, granularity in RESOLVERS[c.kind](c, None, None)  # without a base: those with a year
        if granularity != "year"
    ]
    lower = max((d for d in stated if fetched - timedelta(days=LOOK_BACK) <= d <= fetched), default=None)
    out = {
        c: _anchor_days(c, fetched, lower, _direction(text, c))
        for c in found
        if c.kind == "days" and c.parts["month"] is not None and c.parts["year"] is None
    }
    return out | weekdays_on_stated_days(found, _stated_days(found))


def _stated_days(found: list[Candidate]) -> list[tuple[int, date]]:
    """Where an undated page writes a day with its year, and which day."""
    return [
        (c.start, date.fromisoformat(value))
        for c in found
        if c.kind == "days"
        for _, _, value, granularity in RESOLVERS[c.kind](c, None, None)
        if granularity == "day"
    ]


def _anchor_days(c: Candidate, fetched: date, lower: date | None, direction: str | None) -> Resolved:
    out, days = [], c.parts["days"]
    for i, (s, e, day) in enumerate(days):
        value = pick(occurrences(day, c.parts["month"], fetched.year, _weekday(c)), fetched, lower, direction)
        if value:
            out.append((c.start if i == 0 else s, c.end if i == len(days) - 1 else e, value.isoformat(), "day"))
    return out
