"""Decoding: no mojibake may reach the database."""

from __future__ import annotations

import codecs
import gzip

import pytest

from pipeline.fetch.body import BoundedDecoder, SizeExceeded, gunzip
from pipeline.fetch.encoding import decode_html, repair_mojibake

TEXT = "<html><head><title>Secretaría</title></head><body><p>La canciller se reunió con los niños y el señor Peña en la Ciudad de México. ¿Qué pasó?</p></body></html>"


@pytest.mark.parametrize("body, content_type, codec", [
    (TEXT.encode("cp1252"), "text/html", "cp1252"),  # no charset anywhere: detected
    (TEXT.encode("cp1252"), "text/html; charset=ISO-8859-1", "cp1252"),  # latin-1 label read as windows-1252
    (TEXT.encode("utf-8"), "text/html; charset=ISO-8859-1", "utf-8"),  # declared latin-1, really UTF-8
    (TEXT.encode("cp1252"), "text/html; charset=utf-8", "cp1252"),  # declared UTF-8, really windows-1252
    (b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">' + TEXT.encode("cp1252"), None, "cp1252"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "text/html; charset=windows-1252", "utf-8"),  # the BOM wins
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), None, "utf-16-le"),
])
def test_decode_html(body, content_type, codec):
    text, used = decode_html(body, content_type)
    assert used == codec and "Secretaría" in text and "señor Peña" in text and "Ã" not in text


@pytest.mark.parametrize("broken, fixed", [
    ("SecretarÃ­a de RelaciÃ³n", "Secretaría de Relación"),
    ("Â¿QuÃ© pasÃ³? â€œHolaâ€\x9d", "¿Qué pasó? “Hola”"),
    ("Ã‘andÃº y niÃ±os", "Ñandú y niños"),
    ("Texto limpio: café, àgora", "Texto limpio: café, àgora"),
])
def test_repair_mojibake(broken, fixed):
    assert repair_mojibake(broken) == fixed


def test_bounded_decoder_stops_a_gzip_bomb_without_inflating_it():
    decoder = BoundedDecoder("gzip", limit=100_000)
    with pytest.raises(SizeExceeded):
        decoder.feed(gzip.compress(b"\0" * 20_000_000))
    assert decoder.size <= 100_000


@pytest.mark.parametrize("size, limit, ok", [(1000, 2000, True), (3000, 2000, False)])
def test_gunzip_is_bounded(size, limit, ok):
    data = gzip.compress(b"a" * size)
    if ok:
        assert gunzip(data, limit) == b"a" * size
    else:
        with pytest.raises(SizeExceeded):
            gunzip(data, limit)
