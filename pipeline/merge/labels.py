"""What an event is called: "2.ª reunión · Grupo de Implementación de Seguridad · Ciudad de México · 2025-12-11".

Extraction labels each report, and the store labels each event from its merged fields, with
the same words: a type's label and the gender of its noun (`[types]` of
`pipeline/data/events.toml`, read here once).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..models import EventMention

DATA = Path(__file__).resolve().parent.parent / "data" / "events.toml"

__all__ = ["event_types", "make_label"]


@lru_cache(maxsize=1)
def event_types() -> dict[str, dict[str, Any]]:
    """events.toml's [types]: each event type's label noun and its gender."""
    return tomllib.loads(DATA.read_text("utf-8"))["types"]


def make_label(ev: EventMention, date: str | None = None) -> str:
    """ "Reunión · Grupo de Implementación de Seguridad · Ciudad de México · 2025-12-11"."""
    types = event_types()
    spec = types.get(ev.type, types["other"])
    head = spec["label"]
    if ev.ordinal:
        head = f"{ev.ordinal}.{'ª' if spec['gender'] == 'f' else 'º'} {head.casefold()}"
    if ev.qualifier:
        head += f" {ev.qualifier if spec['gender'] == 'f' else ev.qualifier[:-1] + 'o'}"
    if ev.count:
        head += f" de {ev.count}"
    sides = [p.name for role in ("origen", "destino") for p in ev.participants if p.role == role][:2]
    people = [p.name for p in ev.participants if p.kind != "place"][:2]
    who = ev.subject or (" → ".join(sides) if ev.type == "transfer" and sides else " – ".join(people))
    whats = ", ".join(ev.operations[:2])
    parts = [head, who, whats if not ev.subject else "", ev.place or "", date or ev.date or ""]
    return " · ".join(p for p in parts if p)
