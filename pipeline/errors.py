"""The pipeline's own exceptions.

    PipelineError
    ├── ConfigError      config.toml is missing, malformed or has a bad key
    ├── FetchError       a source or URL could not be fetched
    ├── CleanError       a page gave no usable article text (or was no text at all)
    ├── ExtractError     NLP failed on an article, or no Spanish model is installed
    ├── StoreError       the database could not be opened or written
    └── LockedError      another ingest holds the lock

The CLI turns each into one line on stderr and an exit code (see `EXIT_CODES`).
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base class: something the user can act on went wrong."""

    exit_code = 1


class ConfigError(PipelineError):
    """config.toml is missing, malformed, or has an unknown or mistyped key."""

    exit_code = 2

    def __init__(self, message: str, *, key: str | None = None, path: str | None = None):
        self.key = key
        self.path = path
        where = f"{path}: " if path else ""
        super().__init__(f"{where}{message}")


class FetchError(PipelineError):
    """A source or URL could not be fetched (network, HTTP status, size, type, safety)."""

    def __init__(self, message: str, *, url: str, source: str | None = None, status: int | None = None):
        self.url = url
        self.source = source
        self.status = status
        super().__init__(f"{url}: {message}")


class CleanError(PipelineError):
    """A page yielded no usable article: not text (binary, mis-decoded), empty extraction, cookie wall, block page."""

    def __init__(self, message: str, *, url: str, serious: bool = False):
        self.url = url
        self.serious = serious  # the cleaner overran its time limit or broke: worth an ERROR in the log
        super().__init__(f"{url}: {message}")


class ExtractError(PipelineError):
    """NLP failed on an article, or no usable Spanish model is installed."""

    def __init__(self, message: str, *, url: str | None = None, source: str | None = None):
        self.url = url
        self.source = source
        super().__init__(f"{url}: {message}" if url else message)


class StoreError(PipelineError):
    """The database could not be opened, migrated or written."""

    exit_code = 3

    def __init__(self, message: str, *, path: str | None = None):
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class LockedError(PipelineError):
    """Another ingest is running on the same database; this one steps aside."""

    exit_code = 0

    def __init__(self, message: str, *, pid: int | None = None):
        self.pid = pid  # the holder's process id, when its lock file records it
        super().__init__(message)


EXIT_CODES = {
    0: "done (some sources may have failed: see the summary), or another run held the lock",
    1: "nothing could be done: every source failed, or an unexpected error",
    2: "configuration error (the message names the key)",
    3: "database error",
    130: "interrupted by SIGINT (Ctrl-C): the run is marked interrupted; the next run completes it",
    143: "interrupted by SIGTERM: the run is marked interrupted; the next run completes it",
}
