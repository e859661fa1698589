"""Operation, mission and program names: rules on top of spaCy."""

from __future__ import annotations

import re

from ..models import Mention
from .lexicon import Lexicon

QUOTED = re.compile(r"(?:operaci[oó]n(?:es)?|operativo|misi[oó]n)[^.]{0,40}?[“\"'‘]([^”\"'’]{3,60})[”\"'’]", re.I)


def find_operations(doc, lexicon: Lexicon) -> list[Mention]:
    return [Mention("operation", m.group(1), m.group(1), m.start(1), m.end(1))
            for m in QUOTED.finditer(doc.text)]
