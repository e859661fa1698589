"""The grammar of Spanish news dates: candidate spans and their parts, before resolution.

Precompiled regexes built once from `data/dates.toml` find "el pasado 2 de diciembre",
"febrero y agosto de 2025", "el viernes", "ayer", "hace tres días", "11/12/2025",
"January 21, 2026" and bare years, each as a Candidate: its kind, its span (widened over
"el pasado", "a finales de", a weekday) and its parts (day, month, year or year phrase,
direction word). Counts, times, amounts, codes and places named after dates
("Avenida 16 de Septiembre") never become candidates. Resolution is in `dates.py`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "dates.toml"
WORD = re.compile(r"\w+")
CONNECTOR = re.compile(r"\s*(?:,|y|e|al|a|-|–|hasta\s+el)\s*(?:el\s+)?$", re.I)


def _alt(items) -> str:
    """A regex alternation of literal words, longest first, spaces as \\s+."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True))


@dataclass(frozen=True)
class Candidate:
    """One date expression the grammar found, before resolution."""

    kind: str
    start: int
    end: int
    parts: dict = field(default_factory=dict, hash=False, compare=False)


@cache
def words() -> dict:
    """data/dates.toml, read once."""
    return tomllib.loads(DATA.read_text("utf-8"))


@cache
def name(table: str, number: int) -> str:
    """The first word a table gives for a number: 9 → "septiembre", 4 → "viernes"."""
    return next(word for word, n in words()[table].items() if n == number)


@cache
def _grammar() -> dict[str, re.Pattern]:
    w = words()
    month, weekday = _alt(w["months"]), _alt(w["weekdays"])
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:º|°|o\.|o|ro\.?)?(?!\d)|primero"
    years = _alt(w["relative_years"])
    year_tail = rf"(?:\s*,?\s+(?:de|del)\s+(?P<year>\d{{4}}|{years})|,?\s+(?P<year2>\d{{4}}))(?![\d%])"
    direction = _alt(w["direction"]["past"] + w["direction"]["future"])
    numwords = _alt(w["number_words"])
    relmonths = _alt(w["relative_months"])
    return {
        "days": re.compile(
            rf"\b(?P<days>(?:{day})(?:\s*(?:,|y|e|al|a|-|–)\s*(?:el\s+)?(?:{day}))*)\s+"
            rf"(?:de\s+(?P<month>{month})\b(?:{year_tail})?|del?\s+(?P<relmonth>{relmonths})\b)",
            re.I,
        ),
        # bylines and datelines: "12 Agosto 2025 17:26", "21 DICIEMBRE 2025-NACIONAL" (no "de";
        # the year is required, so "5 mayo" alone stays out)
        "bare_days": re.compile(
            rf"(?<![\w/.-])(?P<day>[12]\d|3[01]|0?[1-9])\s+(?P<month>{month})\.?,?\s+(?P<year>\d{{4}})(?![\d%]|[.,:]\d)",
            re.I,
        ),
        # a dateline's month before its day: "CIUDAD DE MÉXICO, agosto 25 (EL UNIVERSAL).-"
        "dateline_days": re.compile(
            rf"^[A-ZÁÉÍÓÚÑ][\w .,'-]{{1,40}}?,\s+(?P<month>{month})\.?\s+(?P<day>[12]\d|3[01]|0?[1-9])"
            rf"(?:,?\s+(?:de\s+)?(?P<year>\d{{4}}))?(?=\s*[(.,–—-])",
            re.I | re.M,
        ),
        "months": re.compile(
            rf"\b(?P<months>(?:{month})(?:\s*(?:,|y|e|o|u|al|a|-|–)\s*(?:{month}))*)"
            rf"(?:\s*,?\s+(?:de|del)\s+(?P<year>\d{{4}}|{years})|\s+(?P<year2>\d{{4}}))\b(?![\d%])",
            re.I,
        ),
        # lower case only: mid-sentence a capitalized "Mayo" is a name
        "month": re.compile(rf"\b(?P<months>(?:{month})(?:\s*(?:,|y|e|o|u)\s*(?:{month}))*)\b"),
        "weekday": re.compile(
            rf"\b(?P<det>el|este|del|al|pasado|próximo)\s+(?:(?P<dir>{direction})\s+)?"
            rf"(?P<weekday>{weekday})\b(?:\s+(?P<daynum>[12]\d|3[01]|0?[1-9])\b(?!\s+de\s|\s*[-–:]\s*\d))?",
            re.I,
        ),
        # "de lunes a viernes": a schedule, not a date
        "weekday_range": re.compile(rf"\s+(?:al?|hasta(?:\s+el)?)\s+(?:{weekday})\b", re.I),
        "weekday_before": re.compile(rf"\b(?:{weekday})\s+$", re.I),
        "relative_day": re.compile(rf"\b(?P<rel>{_alt(w['relative_days'])})\b", re.I),
        "relative_year": re.compile(rf"\b(?:(?:el|del)\s+)?(?P<rel>{years})\b", re.I),
        "relative_month": re.compile(rf"\b(?:(?:el|del)\s+)?(?P<rel>{relmonths})\b", re.I),
        "ago": re.compile(rf"\bhace\s+(?P<n>\d{{1,3}}|{numwords})\s+(?P<unit>{_alt(w['ago_units'])})\b", re.I),
        "numeric": re.compile(
            r"(?<![\w/.-])(?P<d>[0-3]?\d)(?P<sep>[/.-])(?P<m>[01]?\d)(?P=sep)"
            r"(?P<y>\d{4}|(?<=/)\d{2})(?![\w/-]|[.,]\d)"
        ),
        "iso": re.compile(r"(?<![\w/.-])(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\w/-]|[.,]\d)"),
        "english": re.compile(
            rf"\b(?P<month>{_alt(w['months_english'])})\s+(?P<d>[0-3]?\d),?\s+(?P<y>\d{{4}})\b", re.I
        ),
        "year_range": re.compile(r"(?<![\w$€#/.,:-])(?P<y1>\d{4})\s*[-–/]\s*(?P<y2>\d{4}|\d{2})(?![\w%]|[.,:/-]\d)"),
        "year": re.compile(r"(?<![\w$€#/.,:-])(?P<year>\d{4})(?![\w%°º]|[.,:/-]\d)"),
        # left and right context of a core
        "left": re.compile(
            rf"(?:\b(?P<det>{_alt(w['span']['determiners'])})\s+)?(?:\b(?P<dir>{direction})\s+)?"
            rf"(?:mes\s+de\s+)?(?:\b(?P<weekday>{weekday})\s*,?\s+)?$",
            re.I,
        ),
        "named": re.compile(rf"(?:^|[^\w.])(?:{_alt(w['named_after_dates']['before'])})\s+$", re.I),
        "named_caps": re.compile(rf"\b(?:{_alt(w['named_after_dates']['capitalized_before'])})\s+$", re.I),
        "period": re.compile(rf"\b(?:{_alt(w['span']['periods'])})\s+(?:del?\s+)?$", re.I),
        "right_dir": re.compile(rf"^\s+(?P<dir>{direction})\b", re.I),
        "year_temporal": re.compile(rf"\b(?:{_alt(w['years']['temporal_before'])})\s+(?:de\s+|del\s+)?$", re.I),
        "year_blocked": re.compile(rf"(?:^|\s|\b)(?:{_alt(w['years']['blocked_before'])})\s*$", re.I),
        "year_after": re.compile(rf"^\s*(?:{_alt(w['years']['blocked_after'])})(?!\w)", re.I),
        "plural_after": re.compile(r"^\s+(?P<w>[a-záéíóúñü]{3,}s)\b"),
    }


# ── finding candidates ───────────────────────────────────────────────────────


@cache
def _needs() -> dict[str, tuple[str, ...]]:
    """Words a kind of expression cannot do without: a pattern is not run on a text lacking them."""
    w = words()
    return {
        "english": tuple(w["months_english"]),
        "weekday": tuple(w["weekdays"]),
        "relative_day": tuple({word.split()[-1] for word in w["relative_days"]}),
        "relative_year": ("año",),
        "relative_month": ("mes",),
        "ago": ("hace",),
        "month": tuple(w["months"]),
        "months": tuple(w["months"]),
        "days": (*tuple(w["months"]), "mes"),
        "bare_days": tuple(w["months"]),
        "dateline_days": tuple(w["months"]),
    }


def candidates(text: str) -> list[Candidate]:
    """Every date expression in text, the longest where two overlap, left to right."""
    grammar, folded, needs = _grammar(), text.casefold(), _needs()
    found = [
        c
        for kind, build in BUILDERS.items()
        if kind not in needs or any(word in folded for word in needs[kind])
        for m in grammar[kind].finditer(text)
        if (c := build(m, text)) is not None
    ]
    found.sort(key=lambda c: (c.start, c.start - c.end))
    kept: list[Candidate] = []
    for c in found:
        if not kept or c.start >= kept[-1].end:
            kept.append(c)
    _share_years(kept, text)
    return kept


def _share_years(cands: list[Candidate], text: str) -> None:
    """ "del 28 de diciembre al 3 de enero de 2026": the first date takes the second's year."""
    for a, b in pairwise(cands):
        if (
            a.kind == b.kind == "days"
            and a.parts["year"] is None
            and isinstance(b.parts["year"], int)
            and a.parts["month"]
            and b.parts["month"]
            and CONNECTOR.match(text[a.end : b.start])
        ):
            a.parts["year"] = b.parts["year"] - (a.parts["month"] > b.parts["month"])


def _left(text: str, start: int, period: bool = False) -> tuple[int, dict]:
    """Extend a core leftwards over "el pasado", "viernes", "a finales de"."""
    g = _grammar()
    before = text[max(0, start - 40) : start]
    if period and (m := g["period"].search(before)):
        return start - len(before) + m.start(), {}
    m = g["left"].search(before)  # all its parts are optional: it always matches, at the end at worst
    if m is None:
        return start, {}
    return start - len(before) + m.start(), {k: v.lower() for k, v in m.groupdict().items() if v}


def _right_direction(text: str, end: int) -> tuple[int, str | None]:
    """ "el 2 de diciembre pasado", "el martes próximo"."""
    m = _grammar()["right_dir"].match(text[end : end + 20])
    return (end + m.end(), m["dir"].lower()) if m else (end, None)


def _year_of(token: str | None, explicit: bool = False) -> int | str | None:
    """A four-digit year in range, a relative year phrase ("año pasado"), or None."""
    if not token:
        return None
    if token.isdigit():
        y, limits = int(token), words()["years"]
        return y if limits["min_explicit" if explicit else "min"] <= y <= limits["max"] else None
    return re.sub(r"\s+", " ", token.lower())


def _build_days(m: re.Match, text: str) -> Candidate | None:
    if _is_a_name(text, m.start(), m["month"] or ""):
        return None
    if m["relmonth"]:
        return _build_days_of_month(m, text)
    year = _year_of(m["year"] or m["year2"], explicit=True)
    end = m.end() if year is not None else m.end("month")
    days = [
        (m.start("days") + d.start(), m.start("days") + d.end(), 1 if d[0].isalpha() else int(d[0]))
        for d in re.finditer(r"\d{1,2}|primero", m["days"], re.I)
    ]
    start, left = _left(text, m.start())
    rdir = None
    if year is None:
        end, rdir = _right_direction(text, end)
    month = words()["months"][m["month"].lower()]
    return Candidate(
        "days",
        start,
        end,
        {"days": days, "month": month, "year": year, "dir": left.get("dir") or rdir, "weekday": left.get("weekday")},
    )


def _build_bare_days(m: re.Match, text: str) -> Candidate | None:
    """ "12 Agosto 2025": a byline's day, month and year without "de"."""
    year = _year_of(m["year"], explicit=True)
    after, g = text[m.end() : m.end() + 20], _grammar()
    if year is None or _is_a_name(text, m.start(), m["month"]) or g["year_after"].match(after):
        return None
    if (plural := g["plural_after"].match(after)) and plural["w"] not in words()["years"]["plural_exceptions"]:
        return None  # "5 mayo 2000 acciones": a count
    parts = {"days": [(m.start("day"), m.end("day"), int(m["day"]))], "month": words()["months"][m["month"].lower()]}
    return Candidate("days", m.start(), m.end(), {**parts, "year": year, "dir": None, "weekday": None})


def _build_dateline_days(m: re.Match, text: str) -> Candidate | None:
    """ "CIUDAD DE MÉXICO, agosto 25 (EL UNIVERSAL)": a dateline writing the month first."""
    year = _year_of(m["year"], explicit=True) if m["year"] else None
    parts = {"days": [(m.start("day"), m.end("day"), int(m["day"]))], "month": words()["months"][m["month"].lower()]}
    end = m.end("year") if year is not None else m.end("day")
    return Candidate("days", m.start("month"), end, {**parts, "year": year, "dir": None, "weekday": None})


def _is_a_name(text: str, start: int, month: str) -> bool:
    """ "Avenida 16 de Septiembre", "en la 5 de Mayo": a place named after a date."""
    before = text[max(0, start - 20) : start]
    return bool(_grammar()["named"].search(before) or (month[:1].isupper() and _grammar()["named_caps"].search(before)))


def _build_days_of_month(m: re.Match, text: str) -> Candidate | None:
    """ "el 12 de este mes", "el 3 del mes pasado"."""
    days = [
        (m.start("days") + d.start(), m.start("days") + d.end(), 1 if d[0].isalpha() else int(d[0]))
        for d in re.finditer(r"\d{1,2}|primero", m["days"], re.I)
    ]
    start, _ = _left(text, m.start())
    offset = words()["relative_months"][re.sub(r"\s+", " ", m["relmonth"].lower())]
    return Candidate(
        "days",
        start,
        m.end(),
        {"days": days, "month": None, "month_offset": offset, "year": None, "dir": None, "weekday": None},
    )


def _month_tokens(m: re.Match) -> list[tuple[int, int, int]]:
    """(start, end, month number) of each month in a list ("febrero y agosto")."""
    table, at = words()["months"], m.start("months")
    return [
        (at + x.start(), at + x.end(), table[x[0].lower()]) for x in WORD.finditer(m["months"]) if x[0].lower() in table
    ]


def _build_months(m: re.Match, text: str) -> Candidate | None:
    year = _year_of(m["year"] or m["year2"], explicit=True)
    if year is None:
        return None
    months = _month_tokens(m)
    start, _ = _left(text, m.start(), period=True)
    return Candidate("months", start, m.end(), {"months": months, "year": year})


def _build_month(m: re.Match, text: str) -> Candidate | None:
    start, left = _left(text, m.start(), period=True)
    end, rdir = _right_direction(text, m.end())
    months = _month_tokens(m)
    return Candidate("month", start, end, {"months": months, "dir": left.get("dir") or rdir})


def _build_weekday(m: re.Match, text: str) -> Candidate | None:
    g = _grammar()
    if g["weekday_range"].match(text, m.end()) or g["weekday_before"].search(text[max(0, m.start() - 12) : m.start()]):
        return None
    end, rdir = _right_direction(text, m.end())
    det = m["det"].lower()
    direction = m["dir"] or rdir or (det if det in ("pasado", "próximo") else None)
    return Candidate(
        "weekday",
        m.start(),
        end,
        {
            "weekday": words()["weekdays"][m["weekday"].lower()],
            "dir": direction and direction.lower(),
            "daynum": int(m["daynum"]) if m["daynum"] else None,
        },
    )


def _build_relative_day(m: re.Match, text: str) -> Candidate | None:
    word = re.sub(r"\s+", " ", m["rel"].lower())
    rule = words()["relative_day_exclusions"].get(word, {})
    before = WORD.findall(text[max(0, m.start() - 12) : m.start()].lower())
    after = text[m.end() : m.end() + 20].lower()
    if (before and before[-1] in rule.get("before", ())) or any(
        re.match(rf"\s+{re.escape(a)}\b", after) for a in rule.get("after", ())
    ):
        return None
    return Candidate("relative_day", m.start(), m.end(), {"offset": words()["relative_days"][word]})


def _build_relative(kind: str, table: str):
    def build(m: re.Match, text: str) -> Candidate | None:
        start, _ = _left(text, m.start(), period=True)
        return Candidate(kind, start, m.end(), {"offset": words()[table][re.sub(r"\s+", " ", m["rel"].lower())]})

    return build


def _build_ago(m: re.Match, text: str) -> Candidate | None:
    n = m["n"].lower()
    count = int(n) if n.isdigit() else words()["number_words"][n]
    return Candidate("ago", m.start(), m.end(), {"n": count, "unit": words()["ago_units"][m["unit"].lower()]})


def _build_exact(kind: str):
    def build(m: re.Match, text: str) -> Candidate | None:
        return Candidate(kind, m.start(), m.end(), {"core": m[0]})

    return build


def _build_year_range(m: re.Match, text: str) -> Candidate | None:
    y1, y2 = int(m["y1"]), int(m["y2"]) if len(m["y2"]) == 4 else int(m["y1"][:2] + m["y2"])
    if _year_of(m["y1"]) is None or not y1 < y2 <= y1 + 10:
        return None
    return Candidate(
        "years", m.start(), m.end(), {"years": [(m.start("y1"), m.end("y1"), y1), (m.start("y2"), m.end("y2"), y2)]}
    )


def _build_year(m: re.Match, text: str) -> Candidate | None:
    year = _year_of(m["year"])
    if not isinstance(year, int) or not _is_year(text, m.start(), m.end()):
        return None
    start, _ = _left(text, m.start(), period=True)
    return Candidate("years", start, m.end(), {"years": [(start, m.end(), year)]})


def _is_year(text: str, start: int, end: int) -> bool:
    """A four-digit number that is a year, not a count, a code or an amount."""
    g, w = _grammar(), words()["years"]
    before, after = text[max(0, start - 25) : start], text[end : end + 20]
    if g["year_after"].match(after) or re.search(r"\d[\s.]?$", before) or re.match(r"[\s.]?\d", after):
        return False
    if g["year_temporal"].search(before):
        return True
    if g["year_blocked"].search(before):
        return False
    plural = g["plural_after"].match(after)
    return not plural or plural["w"] in w["plural_exceptions"]


BUILDERS = {
    "days": _build_days,
    "bare_days": _build_bare_days,
    "dateline_days": _build_dateline_days,
    "months": _build_months,
    "english": _build_exact("english"),
    "iso": _build_exact("iso"),
    "numeric": _build_exact("numeric"),
    "weekday": _build_weekday,
    "ago": _build_ago,
    "relative_day": _build_relative_day,
    "relative_year": _build_relative("relative_year", "relative_years"),
    "relative_month": _build_relative("relative_month", "relative_months"),
    "year_range": _build_year_range,
    "year": _build_year,
    "month": _build_month,
}
