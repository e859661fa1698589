"""Calendar references resolved against the publication date."""

from __future__ import annotations

import re
from datetime import datetime

import dateparser

from ..models import DateMention

MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
CANDIDATE = re.compile(rf"\b(\d{{1,2}} de (?:{MONTHS})(?: de \d{{4}})?|(?:{MONTHS}) de \d{{4}})\b", re.I)


def find_dates(text: str, published: str | None) -> list[DateMention]:
    base = datetime.fromisoformat(published) if published else datetime.now()
    out = []
    for m in CANDIDATE.finditer(text):
        value = dateparser.parse(m.group(1), languages=["es"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
        if value:
            day = m.group(1)[0].isdigit()
            out.append(DateMention(m.group(1), value.strftime("%Y-%m-%d" if day else "%Y-%m"),
                                   "day" if day else "month", m.start(1), m.end(1)))
    return out
