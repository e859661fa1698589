"""`python -m bench [--quick]` (or `make bench`): every benchmark in one run, then one table.

Each module's `run()` returns its figures as a dict (with `ok`: whether its targets
are met); a module that cannot be imported is named and skipped.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import sys
import time

MODULES = ["bench.fetch", "bench.clean", "bench.extract", "bench.pipeline", "bench.identity", "bench.review"]


def run_all(quick: bool) -> dict[str, dict]:
    results: dict[str, dict] = {}
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError as e:
            results[name] = {"skipped": f"cannot import: {e}"}
            continue
        kwargs = {"quick": quick} if "quick" in inspect.signature(module.run).parameters else {}
        started = time.perf_counter()
        results[name] = {**module.run(**kwargs), "bench_s": round(time.perf_counter() - started, 1)}
        print(table({name: results[name]}), flush=True)
    return results


def table(results: dict[str, dict]) -> str:
    """Figures as `benchmark  figure  value` lines."""
    lines = []
    for name, figures in results.items():
        for key, value in figures.items():
            lines.append(f"{name.removeprefix('bench.'):9} {key:28} {value}")
    return "\n".join(lines)


def main() -> None:
    quick = "--quick" in sys.argv
    results = run_all(quick)
    if "--json" in sys.argv:
        print(json.dumps(results, indent=1))
    failed = [n for n, r in results.items() if r.get("ok") is False]
    print(f"targets met: {', '.join(n for n, r in results.items() if r.get('ok')) or 'none'}"
          + (f"; missed: {', '.join(failed)}" if failed else ""))
    sys.stdout.flush()
    os._exit(0)  # spaCy's worker processes and the test server's threads need no goodbye


if __name__ == "__main__":
    main()
