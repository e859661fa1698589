"""How each source did in a run, kept up to date while it is fetched.

The progress bar reads it as the run goes (articles expected and fetched, per source); the
summary at the end prints one line for each source that needs the operator's attention, saying
what happened and what to do; `runs` keeps each source's state, for `stats`' per-source health.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import SourceConfig
from ..models import FetchRecord
from .errors import RequestFailed
from .patterns import ADVICE, DOCUMENT_KINDS

__all__ = ["SourceOutcome", "advice_for"]


@dataclass
class SourceOutcome:
    """One source in one run: what it gave, what it left, and whether it failed."""

    name: str
    kind: str
    sitemap_days: int = 0
    max_pages: int = 0
    expected: int = 0  # articles scheduled for fetching so far
    fetched: int = 0  # of those, answered (a page, a 304, a failure or a skip)
    pages: int = 0  # pages handed on to clean
    documents: int = 0  # feeds, sitemaps and listing pages read in full
    unchanged: int = 0  # documents unchanged since the last run (304)
    failed: int = 0  # articles (or files) that failed
    skipped: int = 0  # articles deliberately not fetched: robots.txt, not HTML
    refused: int = 0  # links not followed: outside the source's site, or to a non-public address
    first_problem: str = ""  # the first failed or skipped article, with its reason
    old: int = 0  # sitemap entries older than sitemap_days, first seen in this run
    old_sitemaps: int = 0  # sitemaps of an index older than sitemap_days, first seen in this run
    over_budget: int = 0  # links left for the next run by max_pages
    error: str = ""  # the source failed: why, one line starting with the URL
    advice: str = ""  # what to do about `error`

    @classmethod
    def of(cls, source: SourceConfig) -> SourceOutcome:
        return cls(source.name, source.kind, source.fetch.sitemap_days, source.fetch.max_pages)

    @property
    def state(self) -> str:
        """failed, unchanged (every document answered 304 and no page came) or read."""
        if self.error:
            return "failed"
        if self.unchanged and not self.documents and not self.pages:
            return "unchanged"
        return "read"

    def count(self, rec: FetchRecord) -> None:
        """Add a request's outcome."""
        if rec.kind in DOCUMENT_KINDS:
            self.unchanged += rec.status == "not-modified"
            self.documents += rec.status == "ok"
        elif rec.kind == "article":
            self.fetched += 1
            refused = rec.status == "failed" and (rec.error or "").startswith("refused")
            if rec.status in ("failed", "skipped"):
                self.problem("refused" if refused else rec.status, f"{rec.url}: {rec.error}")

    def problem(self, status: str, what: str) -> None:
        """An article (or file) that failed, was skipped or refused."""
        setattr(self, status, getattr(self, status) + 1)
        self.first_problem = self.first_problem or what

    def scheduled(self, count: int, left: int) -> None:
        """`count` more articles to fetch; `left` links over max_pages, for the next run."""
        self.expected += count
        self.over_budget += left

    def too_old(self, kind: str, first_seen: int) -> None:
        """Sitemap entries (kind "article") or sitemaps older than sitemap_days, counted once each."""
        if kind == "article":
            self.old += first_seen
        else:
            self.old_sitemaps += first_seen

    def fail(self, reason: str, advice: str) -> None:
        """The source could not be read: why (one line starting with the URL), and what to do."""
        self.error, self.advice = reason, advice

    def attention(self) -> list[str]:
        """What the operator should know and do, one line each; none when all went well."""
        who = f"{self.kind} '{self.name}'"
        lines = [f"{who} failed: {self.error}; {self.advice}"] if self.error else []
        if self.old or self.old_sitemaps:
            lines.append(
                f"{who}: {self._old()} older than sitemap_days={self.sitemap_days} skipped; raise it to backfill"
            )
        if self.over_budget:
            lines.append(
                f"{who}: {counted(self.over_budget, 'link', 'links')} over max_pages={self.max_pages} left for the next run; "
                "raise max_pages to take them in one run"
            )
        if self.failed or self.skipped or self.refused:
            worst = next(what for what in ("failed", "skipped", "refused") if getattr(self, what))
            lines.append(f"{who}: {self._problems()}; first: {self.first_problem}; {ADVICE['articles ' + worst]}")
        return lines

    def _old(self) -> str:
        parts = [counted(self.old, "entry", "entries"), counted(self.old_sitemaps, "sitemap", "sitemaps")]
        return " and ".join(p for p in parts if p)

    def _problems(self) -> str:
        """'3 articles failed, 1 skipped' (files, for a files source)."""
        noun = ("file", "files") if self.kind == "files" else ("article", "articles")
        counts = [
            (n, what)
            for n, what in ((self.failed, "failed"), (self.skipped, "skipped"), (self.refused, "refused"))
            if n
        ]
        first = f"{counted(counts[0][0], *noun)} {counts[0][1]}"
        return ", ".join([first, *(f"{n} {what}" for n, what in counts[1:])])


def counted(n: int, one: str, many: str) -> str:
    """'1 entry', '12 entries'; '' for none."""
    return f"{n} {one if n == 1 else many}" if n else ""


def advice_for(error: Exception | str) -> str:
    """What to do about a source that failed with `error` (patterns.ADVICE, by error class and status)."""
    if not isinstance(error, RequestFailed):
        return ADVICE["default"]
    name, status = type(error).__name__, error.status or 0
    for key in (f"{name} {status}", f"{name} {status // 100}xx", name):
        if key in ADVICE:
            return ADVICE[key]
    return ADVICE["default"]
