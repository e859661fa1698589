"""Characters that must not reach the database: control codes, lone surrogates, mojibake.

Pages reach the clean stage decoded, but not always right. UTF-8 read as windows-1252
upstream ("SecretarÃ­a", sometimes twice: "SecretarÃƒÂ­a") also comes inside HTML
entities (`Secretar&Atilde;&shy;a`), local files and feed titles, where fetch's
byte-level repair cannot see it; ftfy undoes it. Bytes that were never text leave
control codes behind: C0 codes and DEL are dropped, and C1 codes (a windows-1252 page
read as latin-1) become the windows-1252 characters they stand for.

    drop_controls   C0 but tab and line breaks, DEL, lone surrogates (what lxml and SQLite
                    refuse) dropped; C1 codes read as windows-1252 where it has a character
    repair_mojibake UTF-8 read as windows-1252 or latin-1, once or twice, back as written
    fix_text        both, and the C1 codes left: text fit to store
"""

from __future__ import annotations

import re

import ftfy

# Vertical tab and form feed separate words: they become spaces, not nothing.
SPACING_CONTROLS = re.compile(r"[\x0b\x0c]")
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
ANY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")  # one scan for clean text
C1 = re.compile(r"[\x80-\x9f]")
# C1 codes windows-1252 has a character for; the five it has none for stay for ftfy ("â€\x9d" is "”").
C1_AS_WINDOWS_1252 = {chr(b): c for b in range(0x80, 0xA0) if (c := bytes([b]).decode("cp1252", "ignore"))}
C1_MAPPED = re.compile(f"[{''.join(C1_AS_WINDOWS_1252)}]")
# What a binary file decoded as text is full of: control codes, and U+FFFD for bytes that did not decode.
NOT_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
# Neither Latin script, nor ASCII (markup), nor common punctuation and symbols.
NOT_LATIN = re.compile(r"[^\s!-~\u00a0-\u024f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]")

# A UTF-8 lead byte read as windows-1252 (Â-ï, ð), then a continuation byte read the same way:
# only text holding such a pair goes through ftfy, which then decides.
_CONTINUATION = "".join(
    sorted({bytes([b]).decode("cp1252", "ignore") for b in range(0x80, 0xC0)} | {chr(b) for b in range(0x80, 0xC0)})
)
MOJIBAKE_HINT = re.compile(f"[\u00c2-\u00ef\u00f0][{re.escape(_CONTINUATION)}]")
FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def drop_controls(text: str) -> str:
    """`text` without C0 control codes (tab, newline and carriage return stay), DEL or lone surrogates,
    and with C1 codes as the windows-1252 characters they stand for (which keeps mojibake repairable)."""
    if not ANY_CONTROL.search(text):
        return text
    text = CONTROLS.sub("", SPACING_CONTROLS.sub(" ", text))
    return C1_MAPPED.sub(lambda m: C1_AS_WINDOWS_1252[m.group()], text)


def repair_mojibake(text: str) -> str:
    """UTF-8 that was read as windows-1252 or latin-1, once or more, back as it was written."""
    return ftfy.fix_text(text, FTFY) if MOJIBAKE_HINT.search(text) else text


def fix_text(text: str) -> str:
    """No control codes (C1 read as windows-1252), no mojibake."""
    return C1.sub("", repair_mojibake(drop_controls(text)))


def share(pattern: re.Pattern, text: str) -> float:
    """The share of `text`'s characters that `pattern` matches (0 for no text)."""
    return pattern.subn("", text)[1] / len(text) if text else 0.0  # counts without listing every match
