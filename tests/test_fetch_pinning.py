"""Connections go to the address the safety check saw: a name that changes its answer cannot redirect them.

Host names are resolved by a test name server (`Names`) handed to the Fetcher as
its lookup function: no /etc/hosts, no DNS. The attacker's server listens on
127.0.0.2 at the same port as the real one on 127.0.0.1; the sources live at
127.0.0.1, so 127.0.0.2 is a non-public address they may not use.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from functools import partial
from pathlib import Path

import pytest

from pipeline.config import FetchConfig, SourceConfig
from pipeline.fetch import Fetcher
from pipeline.fetch.http import ssl_context
from tests.webserver import Reply, Site, html_reply, page, rfc822, rss

FAST = {"delay": 0.0, "concurrency": 4, "timeout": 2.0, "connect_timeout": 1.0, "retries": 0}


class Names:
    """A name server under the test's control: each lookup of a host gets its next answer (the last repeats)."""

    def __init__(self, answers: dict[str, list[str]]):
        self.answers = answers
        self.asked: list[str] = []

    async def __call__(self, host: str) -> list[str]:
        self.asked.append(host)
        if host not in self.answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        answers = self.answers[host]
        return [answers[min(self.asked.count(host), len(answers)) - 1]]


@pytest.fixture
def sites():
    """The real site on 127.0.0.1 and the attacker's on 127.0.0.2, same port."""
    with Site() as real, Site(host="127.0.0.2", port=real.port) as attacker:
        for path in ("/feed", "/a/1", "/a/2", "/latest/meta-data/"):
            attacker.route(path, html_reply(page("Credenciales del servidor")))
        yield real, attacker


def fetch(store, names: Names, url: str, kind: str = "feed", **fetch_options) -> tuple[Fetcher, list]:
    src = SourceConfig(name="src", kind=kind, url=url, fetch=FetchConfig(**{**FAST, **fetch_options}))
    fetcher = Fetcher(store, None, Path("."), backoff=0.01, lookup=names)
    return fetcher, list(fetcher.pages([src]))


def fetch_row(store, url: str) -> dict:
    return next(store.db.query("SELECT * FROM fetches WHERE url = ? ORDER BY id DESC", [url]))


def test_a_name_that_changes_its_answer_after_the_check_is_still_connected_to_the_checked_address(store, sites):
    real, attacker = sites
    news = f"http://news.test:{real.port}"
    real.route("/feed", Reply(body=rss([(f"{news}/a/{i}", f"Nota {i}", rfc822(), "") for i in (1, 2)]),
                              headers={"Content-Type": "application/rss+xml"}))
    real.route("/a/1", html_reply(page("Nota 1")))
    real.route("/a/2", html_reply(page("Nota 2")))
    names = Names({"news.test": ["127.0.0.1", "127.0.0.2"]})  # rebinding: every later answer is forbidden
    _, pages = fetch(store, names, f"{news}/feed")
    assert sorted(p.url for p in pages) == [f"{news}/a/1", f"{news}/a/2"]
    assert attacker.log == [] and names.asked == ["news.test"]
    assert real.requests("/a/1")[0].headers["host"] == f"news.test:{real.port}"


def test_a_link_to_a_name_that_resolves_to_a_forbidden_address_is_refused_before_connecting(store, sites):
    real, attacker = sites
    link = f"http://metadata.test:{real.port}/latest/meta-data/"
    real.route("/feed", Reply(body=rss([(link, "x", rfc822(), "")]), headers={"Content-Type": "application/rss+xml"}))
    names = Names({"news.test": ["127.0.0.1"], "metadata.test": ["127.0.0.2"]})
    fetch(store, names, f"http://news.test:{real.port}/feed", allowed_domains=["metadata.test"])
    row = fetch_row(store, link)
    assert (row["status"], row["attempts"]) == ("failed", 0) and attacker.log == []
    assert row["error"] == "refused: metadata.test is a non-public address (127.0.0.2)"


def test_a_connection_that_lands_elsewhere_than_the_checked_address_is_refused_before_sending(store, sites):
    real, _ = sites
    real.route("/nota", html_reply(page("Nota")))
    names = Names({"zero.test": ["0.0.0.0"]})  # dialling 0.0.0.0 reaches the local host, 127.0.0.1
    url = f"http://zero.test:{real.port}/nota"
    fetcher, pages = fetch(store, names, url, kind="page", respect_robots=False)
    row = fetch_row(store, url)
    assert pages == [] and real.log == [] and (row["status"], row["attempts"]) == ("failed", 1)
    assert row["error"] == "refused: connected to 127.0.0.1, not to the checked address 0.0.0.0"
    assert fetcher.source_errors["src"] == f"{url}: {row['error']}"


def test_a_name_that_does_not_resolve_is_one_line(store):
    fetcher, _ = fetch(store, Names({}), "http://nowhere.test/feed")
    assert fetcher.source_errors["src"] == "http://nowhere.test/feed: cannot connect (Name or service not known)"


# ---------------------------------------------------------------------------- https
@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A test CA (trusted by the fetch stage's SSL context from here on) and a certificate for news.test only."""
    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command")
    folder = tmp_path_factory.mktemp("tls")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl = partial(subprocess.run, check=True, capture_output=True, cwd=folder)
    openssl(["openssl", "req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=test CA",
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"])
    openssl(["openssl", "req", *ec, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=news.test"])
    (folder / "ext.cnf").write_text("subjectAltName=DNS:news.test\nextendedKeyUsage=serverAuth\n"
                                    "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n")
    openssl(["openssl", "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
             "-out", "leaf.pem", "-days", "2", "-extfile", "ext.cnf"])
    ssl_context().load_verify_locations(folder / "ca.pem")
    return folder / "leaf.pem", folder / "leaf.key"


def test_https_to_a_pinned_address_keeps_the_host_name_for_sni_certificate_and_host_header(store, certificate):
    names_seen: list[str | None] = []
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(*certificate)
    tls.sni_callback = lambda sock, name, context: names_seen.append(name)
    with Site(tls=tls) as secure:
        secure.route("/nota", html_reply(page("Nota segura")))
        url = f"https://news.test:{secure.port}/nota"
        _, pages = fetch(store, Names({"news.test": ["127.0.0.1"]}), url, kind="page")
    assert [p.url for p in pages] == [url]  # the certificate names news.test only: checked against the name
    assert set(names_seen) == {"news.test"} and secure.requests("/nota")[0].headers["host"] == f"news.test:{secure.port}"
