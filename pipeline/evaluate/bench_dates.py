"""Publication dates on htmldate's public evaluation set, ours beside htmldate's own.

The set (not ours to commit) is laid out as htmldate's repository has it: `eval_default.json`
and `eval_mediacloud_2020.json` map each URL to its `file` and true `date`; the pages sit
in `test_set/`, `cache/` or `eval/` (see `public.SOURCES`). A page is right when the date
given is the annotated one, or when neither has a date.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..fetch.encoding import decode_html
from ..models import Page, utc_now

LISTS = ("eval_default.json", "eval_mediacloud_2020.json")
FOLDERS = ("test_set", "cache", "eval")


@dataclass(frozen=True)
class DatedPage:
    url: str
    html: str
    date: str | None


def read_set(folder: Path) -> tuple[list[DatedPage], list[str]]:
    """The annotated pages found under `folder`, and the files named but missing."""
    pages, missing = [], []
    lists = [folder / name for name in LISTS if (folder / name).is_file()]
    if not lists:
        raise ConfigError(f"no {' or '.join(LISTS)} here: not htmldate's evaluation set", path=str(folder))
    for path in lists:
        for url, item in _json(path).items():
            found = next((folder / d / item["file"] for d in FOLDERS if (folder / d / item["file"]).is_file()), None)
            if found is None:
                missing.append(item["file"])
                continue
            date = item.get("date")  # NaN in the JSON where a page has no date
            pages.append(DatedPage(url, decode_html(found.read_bytes())[0], date if isinstance(date, str) else None))
    return pages, missing


def ours(page: DatedPage) -> str | None:
    """The clean stage's date, the page given as fetched now from its URL."""
    from ..clean import page_date

    found = page_date(Page(url=page.url, source="htmldate-eval", html=page.html, fetched_at=utc_now()))
    return found.value if found else None


def htmldate_extensive(page: DatedPage) -> str | None:
    """htmldate as its own evaluation runs it: extensive search, original date, no URL."""
    from htmldate import find_date

    return _quiet(lambda: find_date(page.html, original_date=True, extensive_search=True))


def htmldate_with_url(page: DatedPage) -> str | None:
    """htmldate with the URL too, as the pipeline has it."""
    from htmldate import find_date

    return _quiet(lambda: find_date(page.html, url=page.url, original_date=True, extensive_search=True))


RUNNERS: dict[str, Callable[[DatedPage], str | None]] = {
    "pipeline (clean stage)": ours,
    "htmldate extensive": htmldate_extensive,
    "htmldate extensive + URL": htmldate_with_url,
}


def evaluate_dates(folder: Path, verbose: bool = False) -> tuple[dict, str]:
    """Right answers of each runner on the set; the report lists our wrong ones with -v."""
    pages, missing = read_set(Path(folder))
    scores: dict[str, dict] = {}
    wrong: list[str] = []
    for name, run in RUNNERS.items():
        right = 0
        for page, value in zip(pages, _each(run, pages), strict=True):
            right += value == page.date
            if verbose and run is ours and value != page.date:
                wrong.append(f"date\t{page.url}\tgold {page.date}\tours {value}")
        scores[name] = {"right": right, "pages": len(pages), "share": round(right / max(1, len(pages)), 3)}
    lines = [*wrong, *(f"missing file: {m}" for m in missing)]
    lines.append(f"htmldate evaluation set: {len(pages)} pages ({len(missing)} missing)")
    lines += [f"  {name:<28}{s['right']:>5}/{s['pages']}  {s['share']:.1%}" for name, s in scores.items()]
    return {"pages": len(pages), "missing": len(missing), "runners": scores}, "\n".join(lines)


def _each(run: Callable[[DatedPage], str | None], pages: list[DatedPage]) -> Iterator[str | None]:
    for page in pages:
        try:
            yield run(page)
        except Exception:  # a page that breaks a runner is a wrong answer, not the end of the run
            yield None


def _quiet(call: Callable[[], str | None]) -> str | None:
    try:
        return call()
    except (ValueError, TypeError):
        return None


def _json(path: Path) -> dict:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ConfigError(f"cannot read benchmark list: {e}", path=str(path)) from e
