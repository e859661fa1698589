"""Bad input: strange pages and texts never crash or hang a run; each gets a clear per-URL error."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.clean import clean
from pipeline.config import load_config
from pipeline.errors import CleanError
from pipeline.extract import Extractor
from pipeline.models import Article, Page
from pipeline.run import ingest

from .data.articles import corpus_texts
from .data.workdir import write_config

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TAGS = ["div", "p", "article", "span", "table", "td", "li", "script", "style", "a", "h1", "main", "nav", "section"]
MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
DATE_WORDS = [*MONTHS, "de", "del", "el", "pasado", "próximo", "ayer", "hoy", "mañana", "1º", "/", "-", ".", ",",
              "a las", "horas", "del año", "Misión", "Operativo", "Roberto Velasco", "México", "\n\n"]


def page_html(text: str, template: int = 0) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    chrome = "<nav><a href='/'>Inicio</a> <a href='/politica'>Política</a></nav>" * (template + 1)
    return (f"<!doctype html><html lang='es'><head><meta charset='utf-8'><title>Nota</title></head>"
            f"<body>{chrome}<main><article><h1>Nota</h1>{paragraphs}</article></main>"
            f"<aside><h3>Lo más leído</h3><ul><li>Otra nota</li></ul></aside><footer>© 2025</footer></body></html>")


REAL = [page_html(body) for _, body in corpus_texts()]


def nested(depth: int, tag: str, closed: bool) -> str:
    inner = REAL[0][REAL[0].find("<article>"):REAL[0].find("</article>")]
    return f"<html><body>{f'<{tag}>' * depth}{inner}{f'</{tag}>' * depth if closed else ''}</body></html>"


def mis_encoded(html: str, codec: str) -> str:
    """UTF-8 bytes read as another encoding: the mojibake a wrong charset header gives."""
    return html.encode("utf-8").decode(codec, errors="replace")


def as_windows_1252(text: str) -> str:
    """UTF-8 read as a browser reads windows-1252 (the five bytes it lacks become C1 codes)."""
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in text.encode("utf-8"))


def in_entities(text: str) -> str:
    return "".join(f"&#{ord(c)};" if ord(c) > 127 else c for c in text)


def sprinkled(html: str, junk: str, every: int) -> str:
    """`junk` after every `every` characters: NULs and control codes through a page."""
    return junk.join(html[i:i + every] for i in range(0, len(html), every))


SIGNATURES = ["%PDF-1.4\n", "\x89PNG\r\n\x1a\n", "\xff\xd8\xff\xe0\x00\x10JFIF\x00", "GIF89a", "PK\x03\x04\x14\x00"]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
MOJIBAKE = re.compile("[ÃÂâ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


pages = st.one_of(
    st.just(""),
    st.binary(max_size=4000).map(lambda b: b.decode("latin-1")),
    st.text(max_size=3000),
    st.builds(lambda html, cut: html[: int(len(html) * cut)], st.sampled_from(REAL), st.floats(0, 1)),
    st.builds(nested, st.integers(1, 3000), st.sampled_from(TAGS), st.booleans()),
    st.builds(mis_encoded, st.sampled_from(REAL), st.sampled_from(["latin-1", "cp1252", "utf-16-le", "koi8-r"])),
    st.builds(lambda n: "<p>" + "Texto largo sin fin. " * n, st.integers(1000, 50_000)),
    st.builds(lambda html, junk: html.replace("<p>", f"<p>{junk}", 3), st.sampled_from(REAL), st.text(max_size=200)),
    st.builds(sprinkled, st.sampled_from(REAL), st.sampled_from(["\x00", "\x01\x02", "\x1b", "\x85", "\ud800"]),
              st.integers(1, 400)),
    st.builds(lambda html, how: how(how(html)), st.sampled_from(REAL), st.sampled_from([as_windows_1252, in_entities])),
)
binary = st.one_of(
    st.builds(lambda rnd, n, codec: rnd.randbytes(n).decode(codec, "replace"),
              st.randoms(use_true_random=False), st.integers(200, 5000), st.sampled_from(["latin-1", "cp1252", "utf-8"])),
    st.builds(lambda sig, html: sig + html, st.sampled_from(SIGNATURES), st.sampled_from(REAL)),
    st.builds(lambda html, codec: html.encode("utf-16-le").decode(codec, "replace"),
              st.sampled_from(REAL), st.sampled_from(["latin-1", "cp1252", "utf-8"])),
    st.builds(lambda html, zeros: "\x00" * zeros + html, st.sampled_from(REAL), st.integers(20_000, 100_000)),
)


@FUZZ
@given(html=pages, plain=st.booleans())
def test_clean_gives_an_article_or_a_clean_error(html, plain):
    page = Page(url="https://fuzz.mx/nota", source="fuzz", html=html, fetched_at="2025-12-11T10:00:00+00:00",
                content_type="text/plain" if plain else "text/html")
    started = time.monotonic()
    try:
        article = clean(page)
    except CleanError as e:
        assert "https://fuzz.mx/nota" in str(e) and "\n" not in str(e)
    else:
        assert len(article.text) >= 200 and article.content_hash
        assert not CONTROL.search(article.text + (article.title or ""))
    assert time.monotonic() - started < 10


@FUZZ
@given(body=binary, plain=st.booleans())
def test_binary_and_mis_decoded_pages_are_refused_as_not_text(body, plain):
    page = Page(url="https://fuzz.mx/nota", source="fuzz", html=body, fetched_at="2025-12-11T10:00:00+00:00",
                content_type="text/plain" if plain else "text/html")
    with pytest.raises(CleanError, match=r"^https://fuzz\.mx/nota: not text \([^\n]+\)$"):
        clean(page)


@FUZZ
@given(html=st.sampled_from(REAL), mangle=st.sampled_from([
    as_windows_1252, lambda h: as_windows_1252(as_windows_1252(h)), lambda h: h.encode().decode("latin-1"),
    lambda h: in_entities(as_windows_1252(h)),
]))
def test_mojibake_never_reaches_the_text(html, mangle):
    """UTF-8 mis-decoded upstream (once, twice, as latin-1, into entities) cleans to the text as written."""
    def page(body: str) -> Page:
        return Page(url="https://fuzz.mx/nota", source="fuzz", html=body, fetched_at="2025-12-11T10:00:00+00:00")

    article = clean(page(mangle(html)))
    assert article.text == clean(page(html)).text and not MOJIBAKE.search(article.text)


BOUNDED = settings(max_examples=20, deadline=timedelta(seconds=20), suppress_health_check=[HealthCheck.too_slow])
FIRST_SENTENCE = corpus_texts()[0][1].split("\n\n")[0][:60]
degenerate = st.builds(lambda tag, line, n: f"<{tag}>{line}</{tag}>" * n,
                       st.sampled_from(["p", "div", "li", "span", "td", "h2"]),
                       st.sampled_from(["a", "-", "1", "Texto", "•", "Lo más leído", "&nbsp;", "12:40 | 3-1"]),
                       st.integers(2_000, 200_000))


@BOUNDED
@given(body=degenerate, plain=st.booleans())
def test_degenerate_pages_are_never_articles(body, plain):
    """Thousands of copies of one short line, as HTML or as a text file, in bounded time."""
    page = Page(url="https://fuzz.mx/nota", source="fuzz", html=f"<html><body><main>{body}</main></body></html>",
                fetched_at="2025-12-11T10:00:00+00:00", content_type="text/plain" if plain else "text/html")
    with pytest.raises(CleanError, match=r"^https://fuzz\.mx/nota: [^\n]+$"):
        clean(page)


@BOUNDED
@given(depth=st.integers(1, 245) | st.integers(256, 100_000), tag=st.sampled_from(["div", "span", "section", "b", "font"]),
       closed=st.booleans())
def test_nesting_keeps_the_article_or_says_how_deep_it_went(depth, tag, closed):
    page = Page(url="https://fuzz.mx/nota", source="fuzz", html=nested(depth, tag, closed),
                fetched_at="2025-12-11T10:00:00+00:00")
    if depth <= 245:
        assert FIRST_SENTENCE in clean(page).text
    else:
        with pytest.raises(CleanError, match=r"elements nested 25\d deep, past which nothing is read$"):
            clean(page)


RUN_LEADS = ["", "date", "Fecha:", "Por ", "POR ", "Publicado", "11 de diciembre de 2025", "27/09/",
             "Ciudad de México, 11 de diciembre"]
RUN_CHARS = [" ", "\u2003", "\t", "A", "A.", "ÑA ", "1", "-", "/", "\n", " |"]
runs = st.builds(lambda lead, char, n, end: lead + char * n + end, st.sampled_from(RUN_LEADS),
                 st.sampled_from(RUN_CHARS), st.integers(20, 300) | st.integers(300, 20_000),
                 st.sampled_from(["", "x", "!", ".-", " | Diario del Golfo"]))
FILLER = "<p>La Guardia Nacional desplegó elementos en los puentes internacionales de la frontera.</p>" * 4


@settings(max_examples=80, deadline=timedelta(seconds=3), suppress_health_check=[HealthCheck.too_slow])
@given(run=runs, plain=st.booleans())
@example(run="POR " + "LA SEGURIDAD DE TODOS " * 12 + "!", plain=False)
@example(run="Por " + "A." * 140 + "!", plain=False)
@example(run="date" + " " * 20_000 + "x", plain=True)
@example(run="Decomisan arsenal en Reynosa" + " | Sección" * 3000, plain=False)
def test_long_runs_of_one_character_do_not_backtrack(run, plain):
    """Regexes meet runs of spaces, capitals, digits and dashes in titles, bylines and text, in linear time."""
    html = run if plain else (f"<html><head><title>{run}</title></head><body><article><h1>{run[:200]}</h1>"
                              f"<p>{run}</p>{FILLER}<p>{run[:300]}</p></article></body></html>")
    page = Page(url="https://fuzz.mx/nota", source="fuzz", html=html, fetched_at="2025-12-11T10:00:00+00:00",
                content_type="text/plain" if plain else "text/html")
    try:
        article = clean(page)
    except CleanError as e:
        assert "\n" not in str(e)
    else:
        assert len(article.text) >= 80  # a brief under its headline is the shortest article kept


numbers_and_dates = st.lists(
    st.one_of(st.sampled_from(DATE_WORDS), st.integers(-10, 10**12).map(str),
              st.builds("{}/{}/{}".format, st.integers(0, 40), st.integers(0, 14), st.integers(0, 3000))),
    max_size=400,
).map(" ".join)


@FUZZ
@given(text=numbers_and_dates, published=st.one_of(st.none(), st.dates().map(str)))
def test_extractor_survives_numbers_and_dates(extractor, text, published):
    article = Article(url="https://fuzz.mx/n", source="fuzz", title=None, text=text, published=published,
                      published_by=None, fetched_at="2025-12-11T10:00:00+00:00", content_hash="h")
    started = time.monotonic()
    (x,) = extractor.extract([article])
    assert time.monotonic() - started < 10
    assert all(0 <= m.start <= m.end <= len(text) for m in x.mentions)
    assert all(len(d.value) in (4, 7, 10) for d in x.dates)


def forever():
    while True:
        pass


@pytest.fixture
def stuck(monkeypatch):
    """Cleaning `atasco.html` and extracting `lenta.txt` never end."""
    from pipeline.run import stages as orchestrator

    def slow_clean(page):
        if page.url.endswith("atasco.html"):
            forever()
        return clean(page)

    extract_doc = Extractor.extract_doc

    def slow_extract(self, doc, article):
        if article.title == "lenta":
            forever()
        return extract_doc(self, doc, article)

    monkeypatch.setattr(orchestrator, "clean", slow_clean)
    monkeypatch.setattr(Extractor, "extract_doc", slow_extract)


BAD_PAGES = {
    "vacia.html": "",
    "profunda.html": nested(5000, "div", False),
    "cortada.html": REAL[0][:300],
    "atasco.html": REAL[1],
}


def test_pathological_pages_do_not_stop_the_run(tmp_path, stuck):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, html in BAD_PAGES.items():
        (folder / name).write_text(html, encoding="utf-8")
    for i, (meta, body) in enumerate(corpus_texts()):
        (folder / f"nota-{i}.txt").write_text(f"---\npublished: {meta['published']}\n---\n{body}", encoding="utf-8")
    (folder / "lenta.txt").write_text(f"---\npublished: 2025-12-11\ntitle: lenta\n---\n{body} Otra frase.")
    config = load_config(write_config(tmp_path, {"raras": folder}, "[nlp]\ntimeout = 1.0\n"))
    started = time.monotonic()
    report = ingest(config)
    assert time.monotonic() - started < 20
    assert report.counts["new"] == 2 and report.counts["rejected"] == report.counts["pages"] - 2
    assert all(any(name in error for error in report.errors) for name in [*BAD_PAGES, "lenta.txt"])
    assert any("atasco.html: cleaning took longer than 1s" in e for e in report.errors)
