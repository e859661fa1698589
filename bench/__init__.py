"""Benchmarks: each module has run() -> dict; `python -m bench` runs them all."""
