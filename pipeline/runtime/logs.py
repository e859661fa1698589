"""Logging: quiet under cron, a rotated file when configured."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler

from ..config import LogConfig

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(config: LogConfig, verbose: bool = False) -> None:
    """INFO on a terminal (DEBUG with -v), only warnings and errors otherwise; plus the log file."""
    root = logging.getLogger()
    root.handlers.clear()
    root.setLevel(logging.DEBUG)
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    console.setLevel(logging.DEBUG if verbose else logging.INFO if sys.stderr.isatty() else logging.WARNING)
    root.addHandler(console)
    if config.file:
        from pathlib import Path

        Path(config.file).parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(config.file, maxBytes=config.max_bytes, backupCount=config.backups,
                                      encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.setLevel(getattr(logging, config.level.upper(), logging.INFO))
        root.addHandler(handler)
    for noisy in ("httpx", "httpcore", "trafilatura", "htmldate", "charset_normalizer", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
