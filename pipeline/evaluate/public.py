"""`pipeline eval-public DIR`: our figures beside the baseline library's on public benchmarks.

The benchmarks are third-party data, never committed: copy them under one folder, each in its
own sub-folder, laid out as their repositories have them (README, "Public benchmarks"):

    DIR/htmldate/      eval_default.json, eval_mediacloud_2020.json and the pages they name, in
                       test_set/, cache/ or eval/ (from github.com/adbar/htmldate tests/ and the
                       pages trafilatura's tests/ keep for it)
    DIR/conll2002/     esp.testa (in nltk_data's packages/corpora/conll2002.zip)
    DIR/trafilatura/   evaldata.json and its pages in cache/ and eval/ (github.com/adbar/trafilatura tests/)

Each kind found runs; a missing one is named and skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import ConfigError

KINDS = ("dates", "names", "text")
WHERE = {"dates": "htmldate", "names": "conll2002", "text": "trafilatura"}
HELP = __doc__ or ""


def evaluate_public(folder: Path, kinds: tuple[str, ...] = KINDS, verbose: bool = False) -> tuple[dict, str]:
    """Run every benchmark of `kinds` that `folder` holds; the scores and one report."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ConfigError("no such folder of public benchmarks", path=str(folder))
    runners: dict[str, Callable[[Path, bool], tuple[dict, str]]] = {
        "dates": _dates,
        "names": _names,
        "text": _text,
    }
    scores, parts = {}, []
    for kind in kinds:
        where = folder / WHERE[kind]
        if not where.is_dir():
            parts.append(f"{kind}: skipped, no {where}")
            continue
        scores[kind], text = runners[kind](where, verbose)
        parts.append(text)
    return scores, "\n\n".join(parts)


def _dates(where: Path, verbose: bool) -> tuple[dict, str]:
    from .bench_dates import evaluate_dates

    return evaluate_dates(where, verbose=verbose)


def _names(where: Path, verbose: bool) -> tuple[dict, str]:
    from .bench_names import evaluate_names

    path = next((p for p in (where / "esp.testa", where / "conll2002" / "esp.testa") if p.is_file()), None)
    if path is None:
        raise ConfigError("no esp.testa here (CoNLL-2002 Spanish development set)", path=str(where))
    return evaluate_names(path, verbose=verbose)


def _text(where: Path, verbose: bool) -> tuple[dict, str]:
    from .bench_text import evaluate_text

    return evaluate_text(where, verbose=verbose)
