"""The rules after spaCy do work in proportion to the article, not to its square.

Work is counted, not timed: the lines of `pipeline/extract/` executed, the same on any machine
and under any load. An article four times as long must cost about four times as much; a rule
that compares every mention (or sentence, or event report) with every other costs sixteen.
Speed targets live in `make bench`, never in timed unit tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import pipeline.extract
from pipeline.extract.dates import find_dates
from pipeline.extract.events import find_events
from pipeline.extract.mentions import find_mentions

from .data.articles import corpus_texts

EXTRACT = str(Path(pipeline.extract.__file__).parent)
PUBLISHED = "2025-12-12"
TIMES = 4
SLACK = 1.25  # linear work is TIMES × as much, give or take what does not grow (word lists, caches)


def lines_run(call) -> int:
    """How many lines of pipeline/extract/ `call()` executes."""
    count = 0

    def in_extract(frame, event, arg):
        nonlocal count
        count += event == "line"
        return in_extract

    def tracer(frame, event, arg):
        return in_extract if frame.f_code.co_filename.startswith(EXTRACT) else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count


@pytest.fixture(scope="module")
def docs(nlp):
    """The corpus articles as one text, and the same text TIMES over."""
    body = "\n\n".join(text.strip() for _, text in corpus_texts())
    return nlp(body), nlp("\n\n".join([body] * TIMES))


def stage(name: str, extractor, doc):
    """One stage of the rules on `doc`, as a call with its inputs ready."""
    lexicon = extractor.lexicon
    if name == "mentions":
        return lambda: find_mentions(doc, lexicon)
    if name == "dates":
        return lambda: find_dates(doc.text, PUBLISHED)
    mentions, dates = find_mentions(doc, lexicon), find_dates(doc.text, PUBLISHED)
    return lambda: find_events(doc, mentions, dates, PUBLISHED, lexicon)


@pytest.mark.parametrize("name", ["mentions", "dates", "events"])
def test_work_grows_linearly_with_the_article(extractor, docs, name):
    short, long = (stage(name, extractor, doc) for doc in docs)
    short(), long()  # word lists loaded and caches warm: only the article's own work is counted
    assert lines_run(long) <= TIMES * SLACK * lines_run(short)


def test_the_counter_sees_quadratic_work():
    """The measure itself: a pairwise loop in pipeline/extract/ shows as quadratic."""
    from pipeline.extract.canonical import Clusters

    def pairwise(n):
        clusters = Clusters(n)
        return lambda: [clusters.find(i) == clusters.find(j) for i in range(n) for j in range(n)]

    assert lines_run(pairwise(40)) > TIMES * SLACK * lines_run(pairwise(10))
