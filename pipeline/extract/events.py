"""Events: sentences with a trigger word and resolved arguments."""

from __future__ import annotations

from ..models import DateMention, EventMention, Mention
from .lexicon import Lexicon


def find_events(doc, mentions: list[Mention], dates: list[DateMention],
                published: str | None, lexicon: Lexicon) -> list[EventMention]:
    return []
