"""People, places and organizations on CoNLL-2002 Spanish (`esp.testa`), ours beside spaCy's.

The file (not ours to commit) has one token and its IOB2 tag a line, a blank line between
sentences and no article boundaries; an EFE story opens with its dateline ("Madrid, 23 may
(EFE)."), so a sentence that holds one starts a new document. Each document is written out
as running text (no space before a comma, inside brackets, …) and goes through the model and
our rules whole, as an article would; plain spaCy NER on the very same parsed document is the
baseline. Spans score when start, end and kind match: person ~ PER, place ~ LOC,
organization ~ ORG (the quotation marks some gold spans take in are left out). MISC has no kind of ours: a prediction overlapping a MISC span is left out
of the count, for both sides.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError

KINDS = {"person": "PER", "place": "LOC", "organization": "ORG"}
SCORED = ("PER", "LOC", "ORG")
NO_SPACE_BEFORE = frozenset(",.;:)]}?!»”%")
NO_SPACE_AFTER = frozenset("([{¿¡«“")
QUOTES = frozenset("\"'«»“”‘’")
DATELINE = re.compile(r"\( EFE\w* \)")
DATELINE_MAX_TOKENS = 25


@dataclass
class Document:
    """Running text and the gold name spans in it, as character offsets."""

    text: str = ""
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, PER|LOC|ORG|MISC)


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences as (token, tag) pairs; a malformed line is an error naming file and line."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read CoNLL file: {e}", path=str(path)) from e
    for n, line in enumerate(lines, 1):
        parts = line.split()
        if not parts:
            if current:
                sentences.append(current)
            current = []
        elif parts[0] == "-DOCSTART-":
            continue
        elif len(parts) < 2 or not re.fullmatch(r"O|[BI]-\w+", parts[-1]):
            raise ConfigError(f"line {n} is not 'token … TAG': {line[:60]!r}", path=str(path))
        else:
            current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)
    return sentences


def documents(sentences: list[list[tuple[str, str]]]) -> list[Document]:
    """Sentences grouped into stories, each starting at a dateline."""
    docs: list[Document] = []
    for sentence in sentences:
        words = " ".join(t for t, _ in sentence)
        if not docs or (len(sentence) <= DATELINE_MAX_TOKENS and DATELINE.search(words)):
            docs.append(Document())
        _append(docs[-1], sentence)
    return [d for d in docs if d.text]


def _append(doc: Document, sentence: list[tuple[str, str]]) -> None:
    """The sentence written after the document's text, its spans moved to their offsets."""
    text = doc.text
    open_span: list | None = None
    quoted = False  # a straight quote opens, the next one closes: '"Torreón"', not '" Torreón "'
    for token, tag in sentence:
        closing = token == '"' and quoted
        opened = text[-1:] == '"' and quoted
        if text and not (token[0] in NO_SPACE_BEFORE or text[-1] in NO_SPACE_AFTER or closing or opened):
            text += " "
        quoted = quoted != (token == '"')
        start = len(text)
        text += token
        if tag.startswith("B-") or (tag.startswith("I-") and (open_span is None or open_span[2] != tag[2:])):
            open_span = [start, len(text), tag[2:]]
            doc.spans.append(open_span)  # type: ignore[arg-type]
        elif tag.startswith("I-") and open_span is not None:
            open_span[1] = len(text)
        else:
            open_span = None
    doc.text = text
    doc.spans = [_unquoted(text, *s) for s in doc.spans]


def _unquoted(text: str, start: int, end: int, kind: str) -> tuple[int, int, str]:
    """A span without the quotation marks the annotators took in (' " The Web Hatchery " ')."""
    while end - start > 1 and text[start] in QUOTES | {" "}:
        start += 1
    while end - start > 1 and text[end - 1] in QUOTES | {" "}:
        end -= 1
    return start, end, kind


@dataclass
class Tally:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def add(self, gold: list[tuple[int, int, str]], predicted: Iterable[tuple[int, int, str]]) -> list[tuple]:
        """Count one document; return its errors as (FN|FP, start, end, kind)."""
        misc = [(s, e) for s, e, k in gold if k == "MISC"]
        want = {g for g in gold if g[2] in SCORED}
        got = {p for p in predicted if p[2] in SCORED and not any(s < p[1] and p[0] < e for s, e in misc)}
        errors = []
        for s in want | got:
            if s in want and s in got:
                self.tp[s[2]] += 1
            elif s in want:
                self.fn[s[2]] += 1
                errors.append(("FN", *s))
            else:
                self.fp[s[2]] += 1
                errors.append(("FP", *s))
        return errors

    def prf(self, kinds: Iterable[str] = SCORED) -> tuple[float, float, float]:
        tp, fp, fn = (sum(c[k] for k in kinds) for c in (self.tp, self.fp, self.fn))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_names(path: Path, extractor=None, verbose: bool = False) -> tuple[dict, str]:
    """Our names and spaCy's on every document of a CoNLL-2002 file."""
    from ..extract.mentions import find_mentions

    if extractor is None:
        from ..config import Config
        from ..extract import Extractor

        extractor = Extractor.from_config(Config().nlp)
    docs = documents(read_conll(Path(path)))
    ours, spacy_ = Tally(), Tally()
    lines: list[str] = []
    for doc, parsed in zip(docs, extractor.nlp.pipe(d.text for d in docs), strict=True):
        predicted = [
            (m.start, m.end, KINDS[m.kind]) for m in find_mentions(parsed, extractor.lexicon) if m.kind in KINDS
        ]
        errors = ours.add(doc.spans, predicted)
        spacy_.add(doc.spans, [(e.start_char, e.end_char, e.label_) for e in parsed.ents])
        if verbose:
            lines += [
                f"{what}\t{kind}\t{doc.text[s:e]}\t…{doc.text[max(0, s - 40) : e + 20]}…" for what, s, e, kind in errors
            ]
    scores = {name: _scores(t) for name, t in (("pipeline", ours), ("spacy", spacy_))}
    lines.append(f"CoNLL-2002 {Path(path).name}: {len(docs)} documents · model {extractor.model}")
    lines.append(f"  {'':<10}{'PER':>16}{'LOC':>16}{'ORG':>16}{'all (P/R/F1)':>22}")
    for name, s in scores.items():
        cells = "".join(f"{s[k]['f1']:>16.3f}" for k in SCORED)
        lines.append(f"  {name:<10}{cells}{s['all']['p']:>10.3f}/{s['all']['r']:.3f}/{s['all']['f1']:.3f}")
    return {"documents": len(docs), "model": extractor.model, **scores}, "\n".join(lines)


def _scores(t: Tally) -> dict:
    out = {}
    for key, kinds in ((k, (k,)) for k in SCORED):
        p, r, f = t.prf(kinds)
        out[key] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}
    p, r, f = t.prf()
    out["all"] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}
    return out
