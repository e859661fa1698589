"""config.toml's SRE source against the gob.mx URL shapes found for it (see the comments there).

The gob.mx archive is imitated on 127.0.0.1 at the same paths: releases linked as
/sre/prensa/<slug> (and ?idiom=en for English), pages as ?idiom=es&page=N.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pipeline.config import load_config
from pipeline.fetch import Fetcher
from pipeline.fetch.discover import with_page
from pipeline.fetch.urls import normalize
from tests.webserver import Site, html_reply, page

from .conftest import ROOT

SRE = next(s for s in load_config(ROOT / "config.toml").sources if s.name == "sre-prensa")
ARCHIVE = urlsplit(SRE.url).path + "?" + urlsplit(SRE.url).query  # /sre/archivo/prensa?idiom=es


@pytest.mark.parametrize("url, followed", [
    ("https://www.gob.mx/sre/prensa/comunicado-no-198", True),
    ("https://www.gob.mx/sre/prensa/declaracion-del-grupo-de-lima-pre-elecciones-en-venezuela", True),
    ("https://www.gob.mx/sre/prensa/comunicado-no-198?idiom=es", True),
    ("https://www.gob.mx/sre/prensa/foreign-ministry-adopts-affirmative-action-in-foreign-service-promotion-exam"
     "?idiom=en", False),
    ("https://www.gob.mx/sre/archivo/prensa?idiom=es&page=2", False),
    ("https://www.gob.mx/sre/documentos/red-consular-de-mexico-en-los-estados-unidos-de-america", False),
])
def test_sre_link_pattern_takes_spanish_releases_only(url, followed):
    assert bool(re.search(SRE.link_pattern, normalize(url))) is followed


def test_sre_listing_pages_are_asked_for_as_gob_mx_paginates():
    assert with_page(normalize(SRE.url), 2) == "https://www.gob.mx/sre/archivo/prensa?idiom=es&page=2"


def archive_page(*slugs: str) -> bytes:
    links = "".join(f'<a href="/sre/prensa/{s}">{s}</a><a href="/sre/prensa/{s}?idiom=en">EN</a>' for s in slugs)
    return f"<html><body><h1>Prensa</h1>{links}</body></html>".encode()


def test_the_sre_source_reads_an_archive_shaped_like_gob_mx(store):
    with Site() as site:
        site.route(ARCHIVE, html_reply(archive_page("comunicado-no-1", "comunicado-no-2")))
        site.route(ARCHIVE + "&page=2", html_reply(archive_page("comunicado-no-3")))
        for n in (1, 2, 3):
            site.route(f"/sre/prensa/comunicado-no-{n}", html_reply(page(f"Comunicado {n}")))
        local = dataclasses.replace(SRE, url=site.url(ARCHIVE), fetch=dataclasses.replace(SRE.fetch, delay=0.0))
        pages = list(Fetcher(store, None, Path("."), backoff=0.01).pages([local]))
        assert sorted(p.url for p in pages) == [site.url(f"/sre/prensa/comunicado-no-{n}") for n in (1, 2, 3)]
        assert not any("idiom=en" in r.path for r in site.log)


def test_a_bot_check_page_instead_of_the_archive_fails_the_source_saying_so(store):
    with Site() as site:
        challenge = b"<html><head><title>Challenge Validation</title></head><body><script></script></body></html>"
        site.route(ARCHIVE, html_reply(challenge))
        local = dataclasses.replace(SRE, url=site.url(ARCHIVE), fetch=dataclasses.replace(SRE.fetch, delay=0.0))
        fetcher = Fetcher(store, None, Path("."), backoff=0.01)
        assert list(fetcher.pages([local])) == []
    assert fetcher.source_errors["sre-prensa"] == f"{site.url(ARCHIVE)}: block page (title 'Challenge Validation')"
