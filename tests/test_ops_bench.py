"""`make bench` keeps working: the quick versions of our benchmarks run and report their figures."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .data.workdir import ROOT

pytestmark = pytest.mark.slow


def test_pipeline_benchmark_runs_on_a_local_site():
    done = subprocess.run([sys.executable, "-m", "bench.pipeline", "--quick"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout)
    assert figures["articles"] == 12 and figures["e2e_rate_np1"] > 0 and figures["spacy_rate_np1"] > 0
    assert 0 < figures["second_vs_first"] < 1 and figures["peak_tree_rss_mb_36"] > 0


def test_extract_benchmark_reports_the_ratio():
    from bench.extract import run

    figures = run(quick=True)
    assert figures["articles"] == 40 and figures["rules_load_vs_spacy"] > 0


def test_clean_benchmark_reports_what_came_of_each_page():
    from bench.clean import run

    figures = run(quick=True)
    assert figures["p_a_50k_outcome"].startswith("repetitive text (")
    assert figures["nested_div_50k_outcome"].endswith("past which nothing is read")
    assert figures["dates_20k_s"] > 0 and figures["realistic_ms_per_page"] > 0
