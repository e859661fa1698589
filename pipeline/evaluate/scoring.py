"""Scoring an export against gold annotations in the devset format.

Our own implementation of the rules in `../shared/devset/README.md`, so that
`pipeline eval` works where the devset's reference scorer is absent:

- names compare after `fold` (case, accents, quotes, spacing);
- per article and category, a predicted name equal to any form of a gold
  entity hits it (several hits on one entity count once); a form of the same
  entity in another article counts too (`equivalents`); a prediction equal to
  an `optional` string is ignored; anything else is a false positive;
- dates compare values; `optional_dates` are ignored;
- micro-averaged precision, recall and F1 over articles;
- events: recall by date, and how often two articles reporting the same gold
  `key` got the same predicted event id.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

ENTITY_CATEGORIES = ("people", "places", "organizations", "operations")
CATEGORIES = (*ENTITY_CATEGORIES, "dates")
EVENT_TYPE_ALIASES = {"extradition": "transfer", "traslado": "transfer"}

_QUOTES = re.compile(r"[\"'“”‘’«»]")
_SPACES = re.compile(r"\s+")


def fold(s: str) -> str:
    """A name as compared: no accents, case, quotes or extra spacing."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = _SPACES.sub(" ", _QUOTES.sub("", s))
    return s.strip(" .,;:()-")


def name_of(x: Any) -> str:
    """A prediction may be a plain name or an object with a name."""
    if isinstance(x, dict):
        return str(x.get("name") or x.get("text") or "")
    return str(x)


@dataclass
class Tally:
    """Counts for one category, with the misses that explain them."""

    gold: int = 0
    hit: int = 0
    fp: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (FN|FP, article id, name)

    def prf(self) -> tuple[float, float, float]:
        p = self.hit / (self.hit + self.fp) if self.hit + self.fp else 1.0
        r = self.hit / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def as_dict(self) -> dict[str, Any]:
        p, r, f = self.prf()
        return {
            "p": round(p, 3),
            "r": round(r, 3),
            "f1": round(f, 3),
            "gold": self.gold,
            "hit": self.hit,
            "fp": self.fp,
        }


def equivalents(golds: Iterable[dict], category: str) -> dict[str, set[str]]:
    """Folded form -> every folded form of the same entity anywhere in the gold.

    Two gold entities are one when an article lists a form of both, so a
    canonical name taken from another article of the same entity still hits.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g in golds:
        for e in g.get(category, []):
            forms = [fold(f) for f in _forms(e)]
            for f in forms[1:]:
                parent[find(f)] = find(forms[0])
    classes: dict[str, set[str]] = defaultdict(set)
    for f in list(parent):
        classes[find(f)].add(f)
    return {f: classes[find(f)] for f in parent}


def _forms(entity: dict) -> list[str]:
    return [entity["name"], *sorted(set(entity.get("forms", [])) - {entity["name"]})]


def score_entities(
    gold: dict, predicted: Iterable[Any], category: str, tally: Tally, equiv: dict[str, set[str]] | None = None
) -> None:
    """Add one article's hits and false positives for one category to `tally`."""
    entities = gold.get(category, [])
    index: dict[str, int] = {}
    for i, e in enumerate(entities):
        for f in _forms(e):
            for g in (equiv or {}).get(fold(f), {fold(f)}):
                index.setdefault(g, i)
    for i, e in enumerate(entities):  # an article's own forms win over borrowed ones
        for f in _forms(e):
            index[fold(f)] = i
    optional = {fold(o) for o in gold.get("optional", [])}
    hit: set[int] = set()
    for name in sorted({fold(name_of(x)) for x in predicted} - {""}):
        if name in index:
            hit.add(index[name])
        elif name not in optional:
            tally.fp += 1
            tally.misses.append(("FP", gold["id"], name))
    for i, e in enumerate(entities):
        if i not in hit:
            tally.misses.append(("FN", gold["id"], e["name"]))
    tally.gold += len(entities)
    tally.hit += len(hit)


def score_dates(gold: dict, predicted: Iterable[Any], tally: Tally) -> None:
    """Dates hit by value (YYYY-MM-DD, YYYY-MM or YYYY)."""
    gold_values = {d["value"] for d in gold.get("dates", [])}
    optional = set(gold.get("optional_dates", []))
    values = set()
    for d in predicted:
        value = d.get("value") if isinstance(d, dict) else d
        if value:
            values.add(str(value)[:10])
    tally.gold += len(gold_values)
    tally.hit += len(gold_values & values)
    tally.fp += len(values - gold_values - optional)
    tally.misses += [("FN", gold["id"], v) for v in sorted(gold_values - values)]
    tally.misses += [("FP", gold["id"], v) for v in sorted(values - gold_values - optional)]


def text_fidelity(gold_text: str, text: str) -> tuple[int, int, int]:
    """Words in common, words of the gold text, words of the extracted text."""
    gold, got = Counter(_words(gold_text)), Counter(_words(text))
    return sum((gold & got).values()), sum(gold.values()), sum(got.values())


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", fold(s))


def best_event(gold_event: dict, events: list[dict]) -> dict | None:
    """The predicted event that fits a gold one: its date falls within the gold date;
    among those, the same type first, then the same place."""

    def kind(t: Any) -> str:
        t = fold(str(t or ""))
        return EVENT_TYPE_ALIASES.get(t, t)

    best, best_score = None, -1
    for e in events:
        if str(e.get("date") or "")[: len(gold_event["date"])] != gold_event["date"]:
            continue
        s = 2 * (kind(e.get("type")) == kind(gold_event.get("type")))
        s += bool(gold_event.get("place")) and fold(str(e.get("place") or "")) == fold(gold_event["place"])
        if s > best_score:
            best, best_score = e, s
    return best


def score_events(pairs: list[tuple[str | None, Any, bool, bool]]) -> dict[str, Any]:
    """Recall and merging from (gold key, predicted id, found, date stated) per gold event."""
    stated = [found for _, _, found, is_stated in pairs if is_stated]
    by_key: dict[str, list[Any]] = defaultdict(list)
    keys_of_id: dict[Any, set[str]] = defaultdict(set)
    for key, pid, _, _ in pairs:
        if key and ":" not in key:
            by_key[key].append(pid)
        if key and pid is not None:
            keys_of_id[pid].add(key)
    same = total = 0
    for pids in by_key.values():
        for i in range(len(pids)):
            for j in range(i + 1, len(pids)):
                total += 1
                same += pids[i] is not None and pids[i] == pids[j]
    return {
        "recall": round(sum(stated) / len(stated), 3) if stated else None,
        "gold": len(stated),
        "merge_pairs": total,
        "merged": round(same / total, 3) if total else None,
        "overmerged_ids": sum(1 for ks in keys_of_id.values() if len(ks) > 1),
    }


def score(golds: list[dict], predictions: dict[str, dict], articles: dict[str, dict]) -> dict[str, Any]:
    """Score predictions (article id -> export row) against gold; misses under `_misses`."""
    tallies = {c: Tally() for c in CATEGORIES}
    equiv = {c: equivalents(golds, c) for c in ENTITY_CATEGORIES}
    published_ok = published_n = 0
    wrong_dates: list[tuple[str, str, str, str]] = []
    event_pairs: list[tuple[str | None, Any, bool, bool]] = []
    event_rows: list[tuple[str, dict, dict | None, list[dict]]] = []
    missing = [g["id"] for g in golds if g["id"] not in predictions]
    text = Tally()
    for g in golds:
        pred = predictions.get(g["id"], {})
        for c in ENTITY_CATEGORIES:
            score_entities(g, pred.get(c) or [], c, tallies[c], equiv[c])
        score_dates(g, pred.get("dates") or [], tallies["dates"])
        common, in_gold, extracted = text_fidelity(articles.get(g["id"], {}).get("text", ""), pred.get("text") or "")
        text.gold, text.hit, text.fp = text.gold + in_gold, text.hit + common, text.fp + extracted - common
        expected = articles.get(g["id"], {}).get("published")
        if expected:
            published_n += 1
            got = str(pred.get("published") or "")[:10]
            published_ok += got == expected
            if got != expected:
                wrong_dates.append(("PUB", "published", g["id"], f"{got or None} != {expected}"))
        for ge in g.get("events", []):
            if ge.get("date"):
                match = best_event(ge, pred.get("events") or [])
                event_pairs.append(
                    (ge.get("key"), match.get("id") if match else None, match is not None, not ge.get("inferred"))
                )
                event_rows.append((g["id"], ge, match, pred.get("events") or []))
    out: dict[str, Any] = {"articles": len(golds), "found": len(golds) - len(missing)}
    out.update({c: t.as_dict() for c, t in tallies.items()})
    out["text"] = {k: v for k, v in text.as_dict().items() if k in ("p", "r", "f1")}
    out["published"] = {"ok": published_ok, "of": published_n}
    out["events"] = score_events(event_pairs)
    out["_misses"] = [(kind, c, aid, name) for c, t in tallies.items() for kind, aid, name in t.misses]
    out["_misses"] += wrong_dates + [("MISSING", "article", aid, "") for aid in missing]
    out["_misses"] += event_misses(event_rows)
    return out


def event_misses(rows: list[tuple[str, dict, dict | None, list[dict]]]) -> list[tuple[str, str, str, str]]:
    """What -v lists for events: each gold event not found (with what the article has instead),
    each shared key whose reports did not all get one id, and each id given to several keys."""

    def shown(e: dict | None) -> str:
        return f"#{e['id']} {e.get('type')} {e.get('date')}" if e else "-"

    out = []
    for aid, ge, match, events in rows:
        if match is None:
            gold = f"{ge.get('type')} {ge['date']}{' (inferred)' if ge.get('inferred') else ''} [{ge.get('key')}]"
            out.append(("MISS", "events", aid, f"{gold} · has: {'; '.join(map(shown, events)) or 'none'}"))
    by_key: dict[str, list[tuple[str, dict | None]]] = defaultdict(list)
    keys_of_id: dict[Any, set[str]] = defaultdict(set)
    for aid, ge, match, _ in rows:
        key = ge.get("key") or ""
        if key and ":" not in key:
            by_key[key].append((aid, match))
        if key and match:
            keys_of_id[match["id"]].add(key)
    for key, reports in by_key.items():
        if len({m["id"] if m else None for _, m in reports}) > 1 or any(m is None for _, m in reports):
            out.append(("SPLIT", "events", key, " · ".join(f"{aid} {shown(m)}" for aid, m in reports)))
    out += [("OVER", "events", f"#{pid}", ", ".join(sorted(ks))) for pid, ks in keys_of_id.items() if len(ks) > 1]
    return out
