"""URL normalization and the address rules of the fetch stage."""

from __future__ import annotations

import ipaddress

import pytest

from pipeline.fetch.errors import Refused
from pipeline.fetch.urls import Scope, is_public, normalize, same_site


@pytest.mark.parametrize("url, expected", [
    ("HTTP://WWW.Jornada.COM.mx:80/nota?id=5#comentarios", "http://www.jornada.com.mx/nota?id=5"),
    ("https://gob.mx:443", "https://gob.mx/"),
    ("https://gob.mx/a?utm_source=tw&id=1&fbclid=x&gclid=y", "https://gob.mx/a?id=1"),
    ("https://gob.mx/a?UTM_Medium=x", "https://gob.mx/a"),
    ("https://gob.mx/a?123", "https://gob.mx/a?123"),
    ("https://gob.mx/a?outputType=xml", "https://gob.mx/a?outputType=xml"),
    ("http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"),
])
def test_normalize(url, expected):
    assert normalize(url) == expected


def test_normalize_resolves_relative_links():
    assert normalize("../b?x=1", base="https://gob.mx/sre/prensa/a") == "https://gob.mx/sre/b?x=1"


@pytest.mark.parametrize("a, b, same", [
    ("www.eluniversal.com.mx", "eluniversal.com.mx", True),
    ("amp.eluniversal.com.mx", "www.eluniversal.com.mx", True),
    ("eluniversal.com.mx", "universal.com.mx", False),
    ("127.0.0.1", "127.0.0.1", True),
    ("10.0.0.1", "0.0.1", False),
])
def test_same_site(a, b, same):
    assert same_site(a, b) is same


@pytest.mark.parametrize("address, public", [
    ("8.8.8.8", True), ("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False),
    ("169.254.169.254", False), ("100.100.100.200", False), ("::1", False), ("::ffff:127.0.0.1", False),
    ("fd00:ec2::254", False), ("2001:4860:4860::8888", True), ("::ffff:8.8.8.8", True),
    ("64:ff9b::a9fe:a9fe", False), ("64:ff9b::808:808", True),  # NAT64 of 169.254.169.254 / 8.8.8.8
    ("2002:a9fe:a9fe::1", False), ("2002:808:808::1", True),  # 6to4
    ("2001:0:4136:e378:8000:63bf:5601:fefe", False),  # Teredo, client 169.254.1.1 (bits inverted)
])
def test_is_public(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize("url, domains, allowed", [
    ("https://www.gob.mx/sre/prensa/x", (), True),
    ("https://gob.mx/x", (), True),
    ("https://presidente.gob.mx/x", (), True),
    ("https://example.org/x", (), False),
    ("https://cdn.example.org/x", ("example.org",), True),  # allowed_domains covers subdomains
    ("file:///etc/passwd", (), False),
])
def test_scope_allows_own_site_and_allowed_domains(url, domains, allowed):
    scope = Scope("sre", "https://www.gob.mx/sre/archivo/prensa", domains=domains)
    try:
        scope.check_link(url)
    except Refused:
        assert not allowed
    else:
        assert allowed
