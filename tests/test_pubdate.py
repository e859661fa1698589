"""Publication dates: metadata first, then the date the page shows, then the feed's."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.clean.pagetree import parse
from pipeline.clean.pubdate import PubDate, from_visible_text, parse_iso, publication_date
from pipeline.models import Page, Teaser

HEADLINE = "Refuerzan la vigilancia en la frontera norte"
BODY = "<p>" + "La Guardia Nacional desplegó elementos en los puentes internacionales. " * 12 + "</p>"


def pubdate(body: str, head: str = "", fetched: str = "2025-10-01T15:00:00+00:00",
            teaser: Teaser | None = None, url: str = "https://example.test/nota/1") -> PubDate | None:
    html = f"<html><head><title>{HEADLINE}</title>{head}</head><body><h1>{HEADLINE}</h1>{body}</body></html>"
    page = Page(url=url, source="test", html=html, fetched_at=fetched, teaser=teaser)
    return publication_date(parse(html), page, HEADLINE)


@pytest.mark.parametrize("head, expected", [
    ('<meta property="article:published_time" content="2025-09-27T08:15:42-06:00">', "2025-09-27"),
    (('<meta property="article:modified_time" content="2025-09-29T10:00:00-06:00">'
      '<meta property="article:published_time" content="2025-09-27T10:00:00-06:00">'), "2025-09-27"),
    (('<script type="application/ld+json">{"@graph": [{"@type": "WebPage", "datePublished": "2025-09-20"},'
      '{"@type": "NewsArticle", "datePublished": "2025-09-27T10:00:00-06:00", "dateModified": "2025-09-30"}]}'
      '</script>'), "2025-09-27"),
    ('<meta name="date" content="2025/09/27">', "2025-09-27"),
    # a UTC stamp and nothing else: the day as written, not shifted to any one time zone
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-09-28T03:30:00Z"}</script>',
     "2025-09-28"),
    ('<meta property="article:published_time" content="2025-09-27T23:50:00+02:00">', "2025-09-27"),
])
def test_metadata(head, expected):
    assert pubdate(BODY, head) == PubDate(expected, "metadata")


UTC_LATE = '<meta property="article:published_time" content="2025-09-28T03:30:00Z">'


@pytest.mark.parametrize("body, url, expected", [
    ('<p class="fecha">27 de septiembre de 2025</p>' + BODY, "https://example.test/nota/1", "2025-09-27"),
    (BODY, "https://example.test/2025/09/27/refuerzan-vigilancia/", "2025-09-27"),
    # evidence further than a day from the stamp is about something else
    ('<p class="fecha">20 de septiembre de 2025</p>' + BODY, "https://example.test/nota/1", "2025-09-28"),
])
def test_a_utc_stamp_takes_the_publishers_day_from_other_evidence(body, url, expected):
    assert pubdate(body, UTC_LATE, url=url) == PubDate(expected, "metadata")


def test_a_stamp_with_its_own_offset_is_not_second_guessed():
    head = '<meta property="article:published_time" content="2025-09-28T01:30:00-05:00">'
    assert pubdate('<p class="fecha">27 de septiembre de 2025</p>' + BODY, head) == PubDate("2025-09-28", "metadata")


def test_a_date_in_the_url_path_beats_a_date_in_the_text():
    got = pubdate("<p>Lunes 29/09/2025</p>" + BODY, url="https://example.test/noticias/2025/09/26/nota/")
    assert got == PubDate("2025-09-26", "url")


def test_a_version_number_is_no_date_the_page_shows():
    html = f"<h1>{HEADLINE}</h1><p>Python 3.6.0 y Python 2.7.13 ya están disponibles.</p>{BODY}"
    assert from_visible_text(parse(html), date(2025, 10, 1), HEADLINE) is None
    assert from_visible_text(parse(html.replace("2.7.13", "02.07.13")), date(2025, 10, 1), HEADLINE) == "2013-07-02"


@pytest.mark.parametrize("byline, expected", [
    ('<p class="autor">Redacción | Publicado: 27/09/2025 21:58 | Actualizado: 28/09/2025 08:10</p>', "2025-09-27"),
    ("<dl><dd>Secretaría de Relaciones Exteriores</dd><dd>|</dd><dd>11 de septiembre de 2025</dd></dl>", "2025-09-11"),
    ('<span class="fecha">Sábado 27 de septiembre de 2025 | 12:40</span>', "2025-09-27"),
    ('<div class="entry-meta">Publicado el 27 septiembre, 2025</div>', "2025-09-27"),
    ('<span class="date">Sáb, 27/Sep/2025 - 21:58</span>', "2025-09-27"),
    ("<p>Septiembre 27, 2025</p>", "2025-09-27"),
    ("<p>Actualizado el 29 de septiembre de 2025 · Publicado el 27 de septiembre de 2025</p>", "2025-09-27"),
    ("<p>Ciudad de México, 27 de septiembre de 2025 (Agencia).- " + "Texto de la nota. " * 20 + "</p>", "2025-09-27"),
])
def test_visible_date(byline, expected):
    assert pubdate(byline + BODY) == PubDate(expected, "visible")


def test_a_labelled_date_beats_the_date_bar_above_the_headline():
    html = f'<div id="hoy">Martes 30 de septiembre de 2025</div><h2>{HEADLINE}</h2><p>Publicada: 26/09/2025</p>'
    assert pubdate(html + BODY) == PubDate("2025-09-26", "visible")


@pytest.mark.parametrize("body", [
    BODY + "<p>Actualizado: 28/09/2025 10:00</p>",  # an update date only
    BODY + "<footer>© 2025 Diario del Norte. Última actualización: 30/09/2025</footer>",
    "<p>El 16 de noviembre de 2024, las autoridades ya habían advertido del problema en la región, "
    "según los registros consultados por este diario en los archivos municipales.</p>" + BODY,
    "<p>Publicado: 27/12/2025</p>" + BODY,  # after the page was fetched
    '<div class="entry-content"><p>El 16 de noviembre de 2024, las autoridades ya habían advertido del problema.</p>'
    + BODY + "</div>",  # a short first paragraph is still the body, not a byline
])
def test_no_publication_date_from_page_furniture(body):
    assert pubdate(body) is None


def test_a_generic_meta_date_loses_to_the_date_the_page_shows():
    head = '<meta name="date" content="2025-10-01">'  # some CMS stamp the day the page was generated
    assert pubdate("<p>Publicado: 27/09/2025</p>" + BODY, head) == PubDate("2025-09-27", "visible")


def test_teaser_when_the_page_states_none():
    assert pubdate(BODY, teaser=Teaser(published="2025-09-27T23:10:00-06:00")) == PubDate("2025-09-27", "teaser")


def test_metadata_beats_teaser_and_visible():
    head = '<meta property="article:published_time" content="2025-09-25T10:00:00-06:00">'
    got = pubdate("<p>Publicado: 27/09/2025</p>" + BODY, head, teaser=Teaser(published="2025-09-26"))
    assert got == PubDate("2025-09-25", "metadata")


@pytest.mark.parametrize("value, expected", [
    ("2025-09-27", "2025-09-27"),
    ("2025-09-27T08:15:42-06:00", "2025-09-27"),
    ("2025-09-28T03:30:00Z", "2025-09-28"),  # the day in the offset the timestamp carries
    ("2025-09-27T23:30:00+02:00", "2025-09-27"),
    ("2025-09-28T00:00:00+00:00", "2025-09-28"),  # a bare date written as midnight UTC
    ("27 de septiembre", None),
])
def test_parse_iso(value, expected):
    assert parse_iso(value) == expected


def test_a_paragraph_of_thousands_of_dates_does_not_hide_the_byline():
    dates = "<p>" + "11 de diciembre de 2025, " * 5000 + "</p>"
    assert pubdate('<p class="fecha">Publicado: 27/09/2025</p>' + dates + BODY,
                   fetched="2025-12-15T15:00:00+00:00") == PubDate("2025-09-27", "visible")


def test_json_ld_nested_deeper_than_python_recurses_is_skipped():
    deep = '<script type="application/ld+json">' + '{"a": ' * 5000 + "1" + "}" * 5000 + "</script>"
    article = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-09-27"}</script>'
    assert pubdate(BODY, deep + article) == PubDate("2025-09-27", "metadata")
