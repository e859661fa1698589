"""Local files as a source: a folder or glob of .html and .txt (with front matter).

Files are decoded as web pages are (`encoding.decode_html`: BOM, <meta charset>, then detection),
so a Spanish file saved in latin-1, windows-1252 or UTF-16 reads as it should. A file is refused,
as a FetchError naming it and the reason, when it is no text (binary under a .txt name) or its
front matter gives an impossible date; the files beside it are read all the same.

A source whose folder does not exist fails on its own, saying so, rather than stopping the whole
configuration: a folder on a mount that is briefly away must not stop the web sources (or
`serve`) with it.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from ..clean.screen import not_text
from ..errors import FetchError
from ..models import Page
from .encoding import decode_html

SUFFIXES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain"}
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
DATE_KEYS = ("published", "date")  # the front matter keys clean takes the publication date from, in order
FRONT_MATTER_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")  # YYYY-MM-DD, a time may follow
EARLIEST_YEAR = 1900  # a front matter year before this (0, 1, 19) is a typo, not an archive
YEARS_AHEAD = 1  # nor is one more than a year past today's (9999)


def file_pages(pattern: str, source: str, base_dir: Path) -> Iterator[Page | FetchError]:
    """Each readable file matched by `pattern`, or a FetchError naming a bad one and why."""
    root = _root(pattern, base_dir)
    if missing := _missing_folder(root):
        yield FetchError(
            f"folder {missing} does not exist (the path of source '{source}' in config.toml)",
            url=str(root),
            source=source,
        )
        return
    paths = _expand(root)
    if not paths:
        yield FetchError("no .html or .txt files found", url=str(root), source=source)
    for path in paths:
        try:
            yield read_file(path, source)
        except FetchError as e:
            yield e
        except OSError as e:
            yield FetchError(f"cannot read file: {e.strerror or e}", url=str(path), source=source)


def _root(pattern: str, base_dir: Path) -> Path:
    root = Path(pattern).expanduser()
    return root if root.is_absolute() else base_dir / root


def _missing_folder(root: Path) -> Path | None:
    """The folder `root` (a folder, or a glob) lives in, when that folder does not exist."""
    folder = root
    while glob.has_magic(str(folder)):
        folder = folder.parent
    if folder == root and root.suffix.lower() in SUFFIXES:  # one file named outright
        folder = root.parent
    return None if folder.is_dir() else folder


def _expand(root: Path) -> list[Path]:
    candidates = root.rglob("*") if root.is_dir() else map(Path, glob.glob(str(root), recursive=True))
    return sorted(p for p in candidates if p.is_file() and p.suffix.lower() in SUFFIXES)


def read_file(path: Path, source: str) -> Page:
    """One file as a page; a .txt file's front matter gives its date, title and URL.

    FetchError when the file is no text or its front matter date is impossible.
    """
    content_type = SUFFIXES[path.suffix.lower()]
    text, codec = decode_html(path.read_bytes(), content_type)
    text = text.removeprefix("\ufeff")  # decode_html keeps a UTF-16 byte order mark
    if reason := not_text(text):
        raise FetchError(f"{reason}; read as {codec}", url=str(path), source=source)
    meta: dict[str, str] = {}
    if content_type == "text/plain":
        meta, text = split_front_matter(text)
        if reason := front_matter_date_problem(meta):
            raise FetchError(reason, url=str(path), source=source)
    mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(microsecond=0)
    return Page(
        url=meta.get("url") or path.resolve().as_uri(),
        source=source,
        html=text,
        fetched_at=mtime.isoformat(),
        content_type=content_type,
        meta=meta,
    )


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """`key: value` lines between two `---` lines at the top of a text file."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.split(" #")[0].strip()
    return meta, text[m.end() :]


def front_matter_date_problem(meta: dict[str, str], today: date | None = None) -> str | None:
    """Why the publication date the front matter gives cannot be a date, or None (also when it gives none)."""
    key = next((k for k in DATE_KEYS if meta.get(k)), None)
    if key is None:
        return None
    value = meta[key]
    m = FRONT_MATTER_DATE.match(value)
    if not m:
        return f"front matter {key} {value!r} is not a date (YYYY-MM-DD)"
    try:
        day = date(*map(int, m.groups()))
    except ValueError:
        return f"front matter {key} {value!r} is not a date of the calendar"
    latest = (today or date.today()).year + YEARS_AHEAD
    if not EARLIEST_YEAR <= day.year <= latest:
        return f"front matter {key} {value!r} is out of range (years {EARLIEST_YEAR} to {latest})"
    return None
