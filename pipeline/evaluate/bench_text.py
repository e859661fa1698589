"""Main text on trafilatura's public evaluation set, the clean stage beside trafilatura.

The set (not ours to commit) is `evaldata.json`: for each URL, its `file` (in `cache/` or
`eval/`) and a few passages the main text must hold (`with`) and must not (`without`: menus,
sidebars, comments). Counted as trafilatura's own evaluation counts them: a `with` passage
found is a true positive, missed a false negative; a `without` passage found a false
positive. A page the clean stage refuses gives no text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from ..errors import CleanError, ConfigError
from ..fetch.encoding import decode_html
from ..models import Page, utc_now

FOLDERS = ("cache", "eval")


def read_set(folder: Path) -> tuple[list[tuple[str, str, dict]], list[str]]:
    """(url, html, annotation) of every page found, and the files named but missing."""
    path = folder / "evaldata.json"
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ConfigError(f"cannot read trafilatura's evaluation set: {e}", path=str(path)) from e
    pages, missing = [], []
    for url, item in sorted(data.items()):
        found = next((folder / d / item["file"] for d in FOLDERS if (folder / d / item["file"]).is_file()), None)
        if found is None:
            missing.append(item["file"])
        else:
            pages.append((url, decode_html(found.read_bytes())[0], item))
    return pages, missing


def ours(url: str, html: str) -> str | None:
    """The clean stage's article text, or None when it refuses the page."""
    from ..clean import clean

    try:
        return clean(Page(url=url, source="trafilatura-eval", html=html, fetched_at=utc_now())).text
    except CleanError:
        return None


def trafilatura_default(url: str, html: str) -> str | None:
    """trafilatura as its evaluation runs it: defaults, tables in, comments out."""
    from trafilatura import extract

    return extract(html, url=url, include_comments=False, include_tables=True, include_formatting=False)


RUNNERS: dict[str, Callable[[str, str], str | None]] = {
    "pipeline (clean stage)": ours,
    "trafilatura default": trafilatura_default,
}


def evaluate_text(folder: Path, verbose: bool = False) -> tuple[dict, str]:
    """Precision, recall and F1 of each runner over the passages; -v lists our misses."""
    pages, missing = read_set(Path(folder))
    scores, lines = {}, []
    for name, run in RUNNERS.items():
        tp = fp = fn = refused = 0
        for url, html, item in pages:
            text = _run(run, url, html)
            refused += text is None
            a, b, c, misses = count(item, text)
            tp, fp, fn = tp + a, fp + b, fn + c
            if verbose and run is ours:
                lines += [f"{kind}\t{url}\t{passage[:80]}" for kind, passage in misses]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        scores[name] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "no_text": refused}
    lines.append(f"trafilatura evaluation set: {len(pages)} pages ({len(missing)} missing)")
    lines += [
        f"  {name:<26}P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}  ({s['no_text']} pages without text)"
        for name, s in scores.items()
    ]
    return {"pages": len(pages), "missing": len(missing), "runners": scores}, "\n".join(lines)


def count(item: dict, text: str | None) -> tuple[int, int, int, list[tuple[str, str]]]:
    """(tp, fp, fn) of one page and the passages it got wrong: ("FN", a `with` missed) or
    ("FP", a `without` kept); whitespace is normalized on both sides."""
    have = _norm(text or "")
    kept = [w for w in item["with"] if _norm(w) in have]
    leaked = [w for w in item["without"] if _norm(w) in have]
    misses = [("FN", w) for w in item["with"] if w not in kept] + [("FP", w) for w in leaked]
    return len(kept), len(leaked), len(item["with"]) - len(kept), misses


def _run(run: Callable[[str, str], str | None], url: str, html: str) -> str | None:
    try:
        return run(url, html)
    except Exception:  # a page that breaks a runner gives no text, not the end of the run
        return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
