"""Operation, mission, program and plan names: rules on top of spaCy.

Three ways the press writes them, each a rule over tokens:

- quoted, after a trigger word: la operación “Sin dejar rastro”, operaciones
  como ‘A’ y ‘B’, la llamada “Misión Contrafuegos” — or quoted and beginning
  with a capitalized trigger: la “Misión Cortafuegos…”;
- a capitalized trigger that begins a capitalized name: Misión Cortafuegos,
  Plan México, Programa de Cooperación … y Aplicación de la Ley;
- a lower-case trigger before a name: la herramienta eTrace.

Trigger words and what may stand between them and the name are data
(`pipeline/data/operations.toml`).
"""

from __future__ import annotations

from .candidates import OPERATION, Candidate, Context
from .tokens import CLOSE_QUOTES, CONNECTORS, OPEN_QUOTES, extend_name, name_like, quoted_end

ELLIPSIS = frozenset({"…", "...", ".."})


def operation_candidates(ctx: Context) -> list[Candidate]:
    """Every operation name the three rules find; overlaps are resolved later."""
    quoted = quoted_operations(ctx)
    taken = {i for c in quoted for i in range(c.start - 1, c.end + 1)}
    return quoted + [
        c
        for c in capitalized_operations(ctx) + named_after_trigger(ctx)
        if not any(i in taken for i in range(c.start, c.end))
    ]


def quoted_operations(ctx: Context) -> list[Candidate]:
    doc, lex = ctx.doc, ctx.lexicon
    out: list[Candidate] = []
    ends: dict[int, int] = {}  # index after a closing quote -> its opening quote, of the names found
    opens = ctx.where(OPEN_QUOTES)
    after = 0
    for i in opens:
        close = quoted_end(doc, i, lex.op_max_words) if i >= after else None
        if close is None:
            continue
        start, end = i + 1, close
        while end > start and doc[end - 1].text in ELLIPSIS | {".", ","}:
            end -= 1
        first = doc[start]
        if (
            end > start
            and name_like(first)
            and not ctx.in_caption(start, end)
            and (first.text in lex.op_capitalized or _trigger_before(ctx, i, ends))
        ):
            out.append(Candidate(start, end, OPERATION, "operation"))
            ends[end + 1] = start - 1
        after = close + 1
    return out


def _trigger_before(ctx: Context, quote: int, ends: dict[int, int]) -> bool:
    """True when a trigger word precedes the quotation at `quote`, across the words
    operations.toml allows between them and across quoted names just found (`ends`: the
    index after each one's closing quote -> its opening quote)."""
    doc, lex = ctx.doc, ctx.lexicon
    j, steps = quote - 1, 0
    while j >= 0 and steps <= lex.op_window:
        tok = doc[j]
        if tok.lower_ in lex.op_triggers:
            return True
        if j + 1 in ends:
            j = ends[j + 1] - 1
        elif tok.lower_ in lex.op_between or tok.text in CLOSE_QUOTES:
            j -= 1
        else:
            return False
        steps += 1
    return False


def capitalized_operations(ctx: Context) -> list[Candidate]:
    """ "Misión Cortafuegos", "Plan México": a capitalized trigger that begins a name."""
    doc, lex = ctx.doc, ctx.lexicon
    out = []
    new_name = lambda t: t.text in lex.op_capitalized or t.text in lex.org_heads  # noqa: E731
    for i in ctx.where(lex.op_capitalized):
        if ctx.in_caption(i, i + 1):
            continue
        end = extend_name(
            doc, i, connectors=CONNECTORS | {"por"}, new_name=new_name, stop=new_name, article_after_and=True
        )
        if end > i + 1 and not _only_a_place(ctx, i, end):
            out.append(Candidate(i, end, OPERATION, "operation"))
    return out


def _only_a_place(ctx: Context, start: int, end: int) -> bool:
    """ "Misión de Estados Unidos": a trigger, a connector and a known place name a delegation."""
    rest = start + 1
    while rest < end and ctx.doc[rest].lower_ in CONNECTORS:
        rest += 1
    return rest > start + 1 and ctx.known(rest, end) is not None


def named_after_trigger(ctx: Context) -> list[Candidate]:
    """ "la herramienta eTrace": a lower-case singular trigger right before a name."""
    doc, lex = ctx.doc, ctx.lexicon
    out = []
    for i in ctx.where(lex.op_name_triggers):
        if i + 1 >= len(doc) or ctx.texts[i].endswith("s"):
            continue
        nxt = doc[i + 1]
        if not name_like(nxt) or len(nxt.text) < 2 or lex.is_given_name(nxt.text):
            continue
        end = extend_name(doc, i + 1, connectors=frozenset({"de", "del", "la", "el"}))
        if ctx.known(i + 1, end) is None and not ctx.in_caption(i + 1, end):
            out.append(Candidate(i + 1, end, OPERATION, "operation"))
    return out
