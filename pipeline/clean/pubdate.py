"""A page's publication date, and which evidence gave it, most trusted first:

    metadata  article:published_time, JSON-LD datePublished, <time itemprop="datePublished">
    visible   the date the page shows by its headline: "Publicado: 27/09/2025",
              "27 de septiembre de 2025", "Secretaría de Relaciones Exteriores | 11 de diciembre de 2025"
    metadata  generic <meta name="date"> and other <time datetime> in the article (some CMS
              stamp the day the page was generated there)
    teaser    the date the feed or sitemap gave for the link
    metadata  htmldate's extensive search on what is left of the page (the URL only after it), last of all

An update date ("Actualizado", dateModified) is never taken for the publication date,
nor is a date after the page was fetched. The visible date is scored: a "Publicado"
label, a date-like element, closeness after the headline on a short line or a
dateline; so copyright years, "today's date" bars above the headline and dates inside
the body lose. Sidebars and related lists are already cut (pagetree.prune).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from ..extract.calendar_dates import calendar_date, calendar_date_pattern
from ..models import Page
from .pagetree import jsonld_objects, settings

ISO = re.compile(r"(\d{4})[-/.](\d{2})[-/.](\d{2})")
# "2.7.13" is a version number far more often than 2 July 2013; a byline writes "02.07.13" or the year in full.
VERSION_LIKE = re.compile(r"(?:\d\.\d{1,2}|\d{1,2}\.\d)\.\d{2}")
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{2})[/-](\d{2})(?:/|$)")
# A timestamp in UTC with a time of day: the publisher's own day may be the one before or after.
# (Midnight UTC is how some CMS write a bare date.)
UTC_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ](?!00:00)\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]00:?00)(?!\d)")
# "11 de diciembre (Agencia).-"; possessive \s*+, else a run of spaces is split three ways (cubic time).
DATELINE_END = re.compile(r"\s*+(?:\([^)]{0,40}\))?\s*+\.?\s*+[-–—]")
MIN_VISIBLE_SCORE = 2  # a label, a byline element or closeness to the headline; a date in the body is not enough


@dataclass(frozen=True)
class PubDate:
    """A publication date and the evidence it came from."""

    value: str  # YYYY-MM-DD
    source: str  # metadata | url | visible | teaser


def publication_date(tree, page: Page, headline: str | None = None, html: str | None = None) -> PubDate | None:
    """The best evidence of when an HTML page was published, or None; `html` is the page as read
    (capped), for htmldate, the last resort."""
    latest = _latest(page.fetched_at)
    stamps = metadata_stamps(tree, latest)
    if stamps and not UTC_STAMP.search(stamps[0][1]):
        return PubDate(stamps[0][0], "metadata")
    evidence = _weaker_evidence(tree, page, headline, latest, stamps[1:], html or page.html)
    if not stamps:
        return next(evidence, None)
    return _publisher_day(stamps[0][0], evidence)


def _weaker_evidence(tree, page: Page, headline: str | None, latest: date, stamps: list[tuple[str, str]], html: str):
    """Every other answer, most trusted first, each worked out only when asked for."""
    yield from (PubDate(value, "metadata") for value, raw in stamps if not UTC_STAMP.search(raw))
    if value := from_url(page.url, latest):
        yield PubDate(value, "url")
    if value := from_visible_text(tree, latest, headline):
        yield PubDate(value, "visible")
    if value := from_metadata(tree, latest, weak=True):
        yield PubDate(value, "metadata")
    if teaser := _from_teaser(page, latest):
        yield teaser
    if value := _from_htmldate(tree, html, page.url, latest):
        yield PubDate(value, "metadata")


def _publisher_day(utc_day: str, evidence) -> PubDate:
    """A UTC timestamp gives the day in Greenwich; the publisher's own day is that one or the one
    beside it (an evening in Mexico, a morning in Berlin). Other evidence naming one of those
    three days says which; without it, the day as written."""
    day = date.fromisoformat(utc_day)
    for found in evidence:
        if abs((date.fromisoformat(found.value) - day).days) <= 1:
            return PubDate(found.value, "metadata")
    return PubDate(utc_day, "metadata")


def text_publication_date(page: Page, text: str) -> PubDate | None:
    """A plain-text article without a date in its front matter: its first lines, then the teaser."""
    latest = _latest(page.fetched_at)
    if value := from_text_head(text, latest):
        return PubDate(value, "visible")
    return _from_teaser(page, latest)


def _from_teaser(page: Page, latest: date) -> PubDate | None:
    if page.teaser and page.teaser.published and (value := _checked(parse_iso(page.teaser.published), latest)):
        return PubDate(value, "teaser")
    return None


def _latest(fetched_at: str) -> date:
    """No page is published after the day it was fetched."""
    try:
        return date.fromisoformat(fetched_at[:10])
    except ValueError:
        return date.today()


def _checked(value: str | None, latest: date) -> str | None:
    if value and settings()["pubdate"]["earliest"] <= value <= latest.isoformat():
        return value
    return None


# ── metadata ─────────────────────────────────────────────────────────────────


def from_metadata(tree, latest: date, weak: bool = False) -> str | None:
    """<meta> publication dates, then JSON-LD datePublished, then <time datetime> marked as such;
    `weak`: generic <meta name="date"> and any <time datetime> in the article."""
    stamps = metadata_stamps(tree, latest, weak)
    return stamps[0][0] if stamps else None


def metadata_stamps(tree, latest: date, weak: bool = False) -> list[tuple[str, str]]:
    """(date, value as written) of every usable metadata date, most trusted first (see `from_metadata`)."""
    w = settings()["pubdate"]
    values = (
        [*_meta_dates(tree, w["meta_weak"]), *_time_dates(tree, w["time_xpath_weak"])]
        if weak
        else [*_meta_dates(tree, w["meta"]), *_jsonld_dates(tree), *_time_dates(tree, w["time_xpath"])]
    )
    return [
        (checked, value) for value in values if (checked := _checked(parse_iso(value) or _first_visible(value), latest))
    ]


def _meta_dates(tree, keys: list[str]) -> list[str]:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key and meta.get("content") and key not in found:
            found[key] = meta.get("content")
    return [found[k] for k in keys if k in found]


def _jsonld_dates(tree) -> list[str]:
    """datePublished of article-like JSON-LD objects, the most article-like first."""
    order = settings()["pubdate"]["jsonld_types"]
    ranked = []
    for obj in jsonld_objects(tree):
        kinds = obj.get("@type") if isinstance(obj.get("@type"), list) else [obj.get("@type")]
        rank = min((order.index(k) for k in kinds if k in order), default=None)
        if rank is not None and isinstance(obj.get("datePublished"), str):
            ranked.append((rank, obj["datePublished"]))
    return [value for _, value in sorted(ranked, key=lambda r: r[0])]


def _time_dates(tree, xpath: str) -> list[str]:
    return [el.get("datetime") or el.get("content") or "" for el in tree.xpath(xpath)]


def parse_iso(value: str) -> str | None:
    """YYYY-MM-DD of an ISO 8601 date or datetime, as written: a timestamp's date is the one in
    the offset it carries (a "Z" or "+02:00" publisher writes its own day), never shifted to ours."""
    m = ISO.search(value or "")
    if not m:
        return None
    y, mo, d = m.group(1, 2, 3)
    try:
        return date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None


def from_url(url: str, latest: date) -> str | None:
    """A full date as a path segment ("/2025/12/16/", "/2025-12-16/"): the day the CMS filed the story."""
    m = URL_DATE.search(url.split("?", 1)[0])
    if not m:
        return None
    try:
        return _checked(date(*map(int, m.groups())).isoformat(), latest)
    except ValueError:
        return None


# ── the date the page shows ──────────────────────────────────────────────────


def from_visible_text(tree, latest: date, headline: str | None = None) -> str | None:
    """The full date shown by the headline or after a "Publicado" label; never an update date."""
    chunks, stream = _text_stream(tree)
    at_headline = _headline_at(chunks, stream, headline)
    best: tuple[int, str] | None = None
    for m in calendar_date_pattern().finditer(stream):
        value = _checked(calendar_date(m), latest)
        if not value or VERSION_LIKE.fullmatch(m.group(0).strip()):
            continue
        chunk = _chunk_at(chunks, m.start())
        score = _score(stream, m, chunk, at_headline)
        if score is not None and score >= MIN_VISIBLE_SCORE and (best is None or score > best[0]):
            best = (score, value)
    return best[1] if best else None


def _text_stream(tree) -> tuple[list[tuple[int, int, object]], str]:
    """The page's text in reading order, with (start, end, element) of each piece."""
    chunks, parts, at = [], [], 0
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "head", "title", "meta"):
            continue
        for piece, owner in ((el.text, el), (el.tail, el.getparent())):
            piece = " ".join((piece or "").split())
            if piece:
                chunks.append((at, at + len(piece), owner))
                parts.append(piece)
                at += len(piece) + 1
    return chunks, " ".join(parts)


def _headline_at(chunks: list[tuple[int, int, object]], stream: str, headline: str | None) -> int:
    """Where the headline is shown: in a heading if it is one, else its first mention, else -1."""
    if not headline:
        return -1
    lead = headline[:60]
    for start, _end, owner in chunks:
        if getattr(owner, "tag", "") in ("h1", "h2", "h3") and stream.startswith(lead, start):
            return start
    return stream.find(lead)


def _chunk_at(chunks: list[tuple[int, int, object]], offset: int) -> tuple[int, int, object]:
    i = bisect_right(chunks, offset, key=lambda chunk: chunk[0])
    return chunks[i - 1] if i else (0, 0, None)


def _score(stream: str, m: re.Match, chunk: tuple[int, int, object], at_headline: int) -> int | None:
    """How much a visible date looks like the byline's; None for an update date.

    A label says most ("Publicado:"); then a short line in a date-like element (<time>,
    class "fecha"); then closeness after the headline, for a short line or a dateline
    only: a date inside a paragraph of the body is news, not the byline.
    """
    w = settings()["pubdate"]
    start, (chunk_start, chunk_end, element) = m.start(), chunk
    before = stream[max(0, start - 40) : start].casefold()
    published = max((before.rfind(label) for label in w["published_labels"]), default=-1)
    updated = max((before.rfind(label) for label in w["updated_labels"]), default=-1)
    if updated > published:
        return None
    short = chunk_end - chunk_start <= w["byline_line_chars"] and _words_beside(stream, m, chunk) <= w["byline_words"]
    score = 4 * (published >= 0) + 2 * (short and _in_byline(element))
    distance = start - at_headline
    if at_headline >= 0 and distance < 0:
        score -= 1  # "today's date" bars and menus above the headline
    elif at_headline >= 0 and distance <= w["near_headline_chars"]:
        dateline = start - chunk_start <= w["byline_chars"] and DATELINE_END.match(stream, m.end())
        score += 2 * bool(short or dateline)
    return score


def _words_beside(stream: str, m: re.Match, chunk: tuple[int, int, object]) -> int:
    """Words on the date's line other than the date's own: few in a byline ("Por Ana López | 12:40")."""
    return len(re.findall(r"[^\W\d_]+", stream[chunk[0] : m.start()] + " " + stream[m.end() : chunk[1]]))


def _in_byline(element) -> bool:
    stems = tuple(settings()["pubdate"]["byline_stems"])
    for _ in range(4):
        if element is None:
            return False
        names = f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')}".lower()
        if any(stem in names for stem in stems) or element.tag == "time":
            return True
        element = element.getparent()
    return False


def from_text_head(text: str, latest: date) -> str | None:
    """The dateline of a plain-text article ("Ciudad de México, 11 de diciembre de 2025.-")
    or a labelled date ("Publicado: 27/09/2025") in its first line."""
    first_line = text.split("\n", 1)[0][: settings()["pubdate"]["byline_chars"] + 40]
    for m in calendar_date_pattern().finditer(first_line):
        before = first_line[max(0, m.start() - 40) : m.start()].casefold()
        labelled = any(label in before for label in settings()["pubdate"]["published_labels"])
        if labelled or (m.start() <= settings()["pubdate"]["byline_chars"] and DATELINE_END.match(first_line, m.end())):
            return _checked(calendar_date(m), latest)
    return None


def _first_visible(value: str) -> str | None:
    m = calendar_date_pattern().search(value or "")
    return calendar_date(m) if m else None


# ── last resort ──────────────────────────────────────────────────────────────


def _from_htmldate(tree, html: str, url: str, latest: date) -> str | None:
    """htmldate on the page (its first `htmldate_max_chars`, which bounds the time): the markup
    first (the URL only after it); then its extensive search of the text, whose answer must not be
    a bare year (read as 1 January) nor a date the page shows as an update."""
    html = html[: settings()["pubdate"]["htmldate_max_chars"]]
    if value := _htmldate(html, url, latest, extensive=False):
        return value
    value = _htmldate(html, url, latest, extensive=True)
    if not value or value.endswith("-01-01") or value in _update_dates(tree, latest):
        return None
    return value


def _htmldate(html: str, url: str, latest: date, extensive: bool) -> str | None:
    from htmldate import find_date

    try:
        value = find_date(
            html,
            url=url,
            extensive_search=extensive,
            original_date=True,
            deferred_url_extractor=True,
            min_date=settings()["pubdate"]["earliest"],
            max_date=latest.isoformat(),
        )
    except (ValueError, TypeError):
        return None
    return _checked(value, latest)


def _update_dates(tree, latest: date) -> set[str]:
    """The dates the page shows after an "Actualizado" label."""
    chunks, stream = _text_stream(tree)
    return {
        value
        for m in calendar_date_pattern().finditer(stream)
        if (value := _checked(calendar_date(m), latest)) and _score(stream, m, _chunk_at(chunks, m.start()), -1) is None
    }
