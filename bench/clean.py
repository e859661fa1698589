"""Clean-stage benchmark: seconds to clean (or refuse) huge and pathological pages, which the caps bound.

    python -m bench.clean [--quick]

Pages: 50,000, 200,000 and 1,000,000 paragraphs of "<p>a</p>" (0.4, 1.6 and 8 MB), 50,000
different paragraphs (5 MB), 50,000 nested <div>, one paragraph of 20,000 dates, a line of
capitals after "POR" (a byline pattern used to try every split of it); and realistic pages of bench/site.py (four templates, about
45 kB each) for the cost per ordinary page. Target: every pathological page within
TARGET_S seconds; the realistic ones within TARGET_REALISTIC_MS each on average. Before
the caps, the 1,000,000-paragraph page took 65 s, the paragraph of dates over 5 minutes, and
the line of capitals minutes.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import date

from pipeline.clean import clean
from pipeline.errors import CleanError
from pipeline.models import Page

from .site import render, story

TARGET_S = 5.0
TARGET_REALISTIC_MS = 100
REALISTIC, QUICK_REALISTIC = 40, 8


def _article(n: int) -> str:
    return "".join(f"<p>Párrafo {i} de una nota sobre la reunión de seguridad número {i * 7}.</p>" for i in range(n))


PAGES: dict[str, Callable[[], str]] = {
    "p_a_50k": lambda: "<html><body>" + "<p>a</p>" * 50_000 + "</body></html>",
    "p_a_200k": lambda: "<html><body>" + "<p>a</p>" * 200_000 + "</body></html>",
    "p_a_1m": lambda: "<html><body>" + "<p>a</p>" * 1_000_000 + "</body></html>",
    "different_50k": lambda: "<html><body><article><h1>Una nota muy larga</h1>" + _article(50_000) + "</article></body></html>",
    "nested_div_50k": lambda: "<html><body>" + "<div>" * 50_000 + _article(10) + "</div>" * 50_000 + "</body></html>",
    "dates_20k": lambda: "<html><body><article><h1>Una nota de fechas</h1><p>" + "11 de diciembre de 2025 " * 20_000
                         + "</p></article></body></html>",
    "byline_capitals": lambda: ("<html><body><article><p>POR " + "LA SEGURIDAD DE TODOS " * 12 + "!</p>" + _article(10)
                                + "</article></body></html>"),
}
QUICK = ["p_a_50k", "nested_div_50k", "dates_20k"]


def seconds_and_outcome(html: str) -> tuple[float, str]:
    """Seconds to clean a page, and what came of it."""
    page = Page(url="https://bench.mx/nota", source="bench", html=html, fetched_at="2026-01-01T00:00:00+00:00")
    started = time.perf_counter()
    try:
        outcome = f"article of {len(clean(page).text):,} characters"
    except CleanError as e:
        outcome = str(e).removeprefix("https://bench.mx/nota: ")
    return time.perf_counter() - started, outcome


def realistic_ms(count: int) -> float:
    """Milliseconds per page to clean `count` realistic pages."""
    pages = [render(story(i, date(2025, 6, 1), date(2025, 12, 31))) for i in range(count)]
    return sum(seconds_and_outcome(html)[0] for html in pages) / count * 1000


def run(quick: bool = False) -> dict[str, float | str | bool]:
    figures: dict[str, float | str | bool] = {}
    for name in QUICK if quick else PAGES:
        seconds, outcome = seconds_and_outcome(PAGES[name]())
        figures[f"{name}_s"], figures[f"{name}_outcome"] = round(seconds, 2), outcome[:90]
    figures["realistic_ms_per_page"] = round(realistic_ms(QUICK_REALISTIC if quick else REALISTIC), 1)
    slowest = max(v for k, v in figures.items() if k.endswith("_s") and isinstance(v, float))
    figures["ok"] = slowest <= TARGET_S and figures["realistic_ms_per_page"] <= TARGET_REALISTIC_MS
    return figures


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=1, ensure_ascii=False))
