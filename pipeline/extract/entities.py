"""People, places and organizations from spaCy's NER."""

from __future__ import annotations

from ..models import Mention
from .lexicon import Lexicon

LABELS = {"PER": "person", "LOC": "place", "ORG": "organization"}


def find_entities(doc, lexicon: Lexicon) -> list[Mention]:
    out = []
    for ent in doc.ents:
        kind = LABELS.get(ent.label_)
        if kind:
            name = lexicon.aliases.get(ent.text.casefold(), ent.text)
            out.append(Mention(kind, name, ent.text, ent.start_char, ent.end_char, ent.sent.text))
    return out
