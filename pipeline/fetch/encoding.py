"""Bytes to text without mojibake: BOM, HTTP charset, <meta charset>, then detection.

Mexican sites often serve windows-1252 with no charset, or declare ISO-8859-1
while sending UTF-8 (or the reverse). The order follows the WHATWG encoding
sniffing algorithm, with two guards for what servers get wrong: a declared
single-byte charset loses to a body that is valid UTF-8, and a declared UTF-8
that does not decode falls through to detection. Text that was encoded twice
("Ã±" for "ñ") is repaired last.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from ..clean.characters import repair_mojibake  # one repair for every stage: ftfy, only where mojibake is likely

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# Labels that browsers read as windows-1252 (WHATWG encoding standard).
WINDOWS_1252_LABELS = frozenset(
    {
        "iso-8859-1",
        "iso8859-1",
        "latin1",
        "latin-1",
        "l1",
        "us-ascii",
        "ascii",
        "cp819",
        "ibm819",
        "iso_8859-1",
        "windows-1252",
        "cp1252",
        "x-cp1252",
    }
)
SINGLE_BYTE = frozenset(codecs.lookup(n).name for n in ("cp1252", "latin-1", "iso8859-15", "ascii", "cp850"))
DETECT_CANDIDATES = ["cp1252", "iso8859_15", "utf_16", "cp850", "mac_roman"]  # after UTF-8 failed
SNIFF_BYTES = 4096  # how far into the body <meta charset> is looked for
CHARSET_IN_HEADER = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, codec used) for an HTML (or plain text) body."""
    codec = sniff_encoding(body, content_type)
    text = body.decode(codec, errors="replace")
    if codec.startswith("utf-8") and text.startswith("\ufeff"):
        text = text[1:]
    return repair_mojibake(text), codec


def sniff_encoding(body: bytes, content_type: str | None = None) -> str:
    """The codec `body` is in: BOM, then HTTP header, then <meta>, then detection."""
    for bom, codec in BOMS:
        if body.startswith(bom):
            return codec
    declared = _codec(header_charset(content_type)) or _codec(meta_charset(body))
    if declared in SINGLE_BYTE and _is_utf8(body):
        return "utf-8"
    if declared and (declared != "utf-8" or _is_utf8(body)):
        return declared
    return "utf-8" if _is_utf8(body) else detect(body)


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header."""
    m = CHARSET_IN_HEADER.search(content_type or "")
    return m.group(1) if m else None


def meta_charset(body: bytes) -> str | None:
    """The charset a <meta charset> or http-equiv Content-Type declares near the top."""
    m = META_CHARSET.search(body[:SNIFF_BYTES])
    return m.group(1).decode("ascii", "ignore") if m else None


def detect(body: bytes) -> str:
    """charset-normalizer's guess among encodings likely for Spanish text; windows-1252 if none."""
    best = charset_normalizer.from_bytes(body[:200_000], cp_isolation=DETECT_CANDIDATES).best()
    return _codec(best.encoding) if best else "cp1252"  # type: ignore[return-value]


def _codec(label: str | None) -> str | None:
    """Python's codec name for a charset label, windows-1252 for its aliases; None if unknown."""
    if not label:
        return None
    label = label.strip().lower()
    if label in WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "utf-8" if name == "utf-8" else name


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.reason == "unexpected end of data"  # only a last character cut short
    return True
