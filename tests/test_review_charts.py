"""Charts drawn as SVG by the review desk: an even time axis, stacked series, tooltips, no script."""

from __future__ import annotations

import re
from datetime import date

from pipeline.review.charts import MAX_WEEKS, weekly_bars, weeks_between


def test_weeks_run_monday_to_monday_with_gaps_kept_and_old_ones_cut():
    assert weeks_between(date(2025, 3, 5), date(2025, 3, 20)) == [date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 17)]
    many = weeks_between(date(2020, 1, 6), date(2025, 1, 6))
    assert len(many) == MAX_WEEKS and many[-1] == date(2025, 1, 6)


def test_bars_stack_by_series_with_a_tooltip_each():
    svg = weekly_bars([("2025-03-03", "meeting", 2), ("2025-03-17", "call", 1), ("2025-03-17", "meeting", 3)], "t")
    assert re.findall(r"<title>(week[^<]+)</title>", svg) == [
        "week of 2025-03-03: 2 meeting", "week of 2025-03-17: 3 meeting", "week of 2025-03-17: 1 call"]
    assert "<script" not in svg and svg.startswith("<svg")


def test_an_empty_chart_says_so():
    assert "nothing to draw yet" in weekly_bars([], "t")
