"""Charts as plain SVG, drawn here: they need no script and no network, so they work offline and
in any browser, and a test can read them.

`weekly_bars` draws counts per week, stacked by series (event types, or one series for an
entity's articles): weeks without any count are drawn empty, so the time axis is even; only the
latest MAX_WEEKS are drawn. Each bar carries a tooltip (`<title>`) with its week and counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from xml.sax.saxutils import escape

__all__ = ["COLORS", "MAX_WEEKS", "weekly_bars", "weeks_between"]

MAX_WEEKS = 156  # three years of weeks; older ones are left out of the chart (not of the tables)
WIDTH, HEIGHT = 960, 280
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 36, 34
WIDEST = 48  # a bar is at most this wide, so a few weeks do not fill the chart with one block
COLORS = {  # one per event type (Okabe–Ito, readable by colour-blind readers), then a fallback
    "meeting": "#0072B2",
    "transfer": "#D55E00",
    "announcement": "#009E73",
    "operation": "#CC79A7",
    "seizure": "#E69F00",
    "call": "#56B4E9",
    "visit": "#F0E442",
    "agreement": "#000000",
    "other": "#999999",
    "articles": "#0072B2",
}


def weeks_between(first: date, last: date) -> list[date]:
    """The Mondays from `first`'s week to `last`'s, the latest MAX_WEEKS of them."""
    start = first - timedelta(days=first.weekday())
    weeks = (last - start).days // 7 + 1
    return [start + timedelta(weeks=i) for i in range(max(0, weeks - MAX_WEEKS), weeks)]


def weekly_bars(counts: Iterable[tuple[str, str, int]], title: str) -> str:
    """An SVG of (week's Monday as YYYY-MM-DD, series, count) rows as bars stacked by series."""
    table: dict[date, dict[str, int]] = {}
    for monday, name, n in counts:
        table.setdefault(date.fromisoformat(monday), {})[name] = n
    if not table:
        return _svg(title, [_text(WIDTH / 2, HEIGHT / 2, "nothing to draw yet", "middle", "empty")])
    weeks = weeks_between(min(table), max(table))
    series = [s for s in COLORS if any(s in v for v in table.values())]
    series += sorted({s for v in table.values() for s in v} - set(series))
    top = _nice(max(sum(v.values()) for v in table.values()))
    parts = _axes(weeks, top) + _legend(series)
    step = min((WIDTH - LEFT - RIGHT) / len(weeks), WIDEST)
    for i, week in enumerate(weeks):
        parts += _bar(LEFT + i * step, max(step - 1, 1), week, table.get(week, {}), series, top)
    return _svg(title, parts)


def _bar(x: float, width: float, week: date, counts: Mapping[str, int], series: list[str], top: int) -> list[str]:
    """One week's stacked rectangles, each with its tooltip."""
    out, base = [], float(HEIGHT - BOTTOM)
    scale = (HEIGHT - TOP - BOTTOM) / top
    for s in series:
        n = counts.get(s, 0)
        if not n:
            continue
        h = n * scale
        base -= h
        tip = f"week of {week.isoformat()}: {n} {s}"
        out.append(
            f'<rect class="bar" x="{x:.1f}" y="{base:.1f}" width="{width:.1f}" height="{h:.1f}" '
            f'fill="{COLORS.get(s, "#777777")}"><title>{escape(tip)}</title></rect>'
        )
    return out


def _axes(weeks: list[date], top: int) -> list[str]:
    """Horizontal grid lines with their counts, and a date under every few weeks."""
    out = []
    for i in range(5):
        value = top * i // 4
        y = HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / top
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(_text(LEFT - 6, y + 4, str(value), "end"))
    every = max(1, len(weeks) // 8)
    step = min((WIDTH - LEFT - RIGHT) / len(weeks), WIDEST)
    for i in range(0, len(weeks), every):
        out.append(_text(LEFT + i * step, HEIGHT - BOTTOM + 16, weeks[i].isoformat(), "start"))
    return out


def _legend(series: list[str]) -> list[str]:
    out, x = [], LEFT
    for s in series:
        out.append(f'<rect x="{x}" y="10" width="12" height="12" fill="{COLORS.get(s, "#777777")}"/>')
        out.append(_text(x + 16, 21, s, "start"))
        x += 24 + 8 * len(s)
    return out


def _nice(n: int) -> int:
    """A round number at least `n`, for the top of the axis (4 even steps)."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if step * 4 >= n:
            return step * 4
    return n


def _text(x: float, y: float, s: str, anchor: str, cls: str = "label") -> str:
    return f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(s)}</text>'


def _svg(title: str, parts: list[str]) -> str:
    body = "\n".join(parts)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" font-family="Helvetica, Arial, sans-serif" font-size="12">'
        f"<title>{escape(title)}</title>\n{body}\n</svg>\n"
    )
