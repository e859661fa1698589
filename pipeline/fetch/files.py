"""Local files as a source: a folder or glob of .html and .txt (with front matter)."""

from __future__ import annotations

import glob
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from ..errors import FetchError
from ..models import Page

SUFFIXES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain"}
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def file_pages(pattern: str, source: str, base_dir: Path) -> Iterator[Page | FetchError]:
    """Each readable file matched by `pattern`, or a FetchError naming the bad one."""
    paths = _expand(pattern, base_dir)
    if not paths:
        yield FetchError("no .html or .txt files found", url=str(base_dir / pattern), source=source)
    for path in paths:
        try:
            yield read_file(path, source)
        except (OSError, UnicodeDecodeError) as e:
            yield FetchError(f"cannot read file: {e}", url=str(path), source=source)


def _expand(pattern: str, base_dir: Path) -> list[Path]:
    root = Path(pattern).expanduser()
    root = root if root.is_absolute() else base_dir / root
    candidates = root.rglob("*") if root.is_dir() else map(Path, glob.glob(str(root), recursive=True))
    return sorted(p for p in candidates if p.is_file() and p.suffix.lower() in SUFFIXES)


def read_file(path: Path, source: str) -> Page:
    """One file as a page; a .txt file's front matter gives its date, title and URL."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    content_type = SUFFIXES[path.suffix.lower()]
    meta: dict[str, str] = {}
    if content_type == "text/plain":
        meta, text = split_front_matter(text)
    mtime = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).replace(microsecond=0)
    return Page(
        url=meta.get("url") or path.resolve().as_uri(), source=source, html=text,
        fetched_at=mtime.isoformat(), content_type=content_type, meta=meta,
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
    return meta, text[m.end():]
