"""The command line: every command documented, errors as one line and an exit code."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

from .conftest import ROOT

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0 and len(result.output) > 100
    assert command in (ROOT / "README.md").read_text()


def run(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True)


def test_bad_config_key_exits_2_with_one_line(tmp_path):
    (tmp_path / "config.toml").write_text('[fetch]\ndelay = "slow"\n')
    done = run("ingest", "--config", str(tmp_path / "config.toml"))
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "fetch.delay" in done.stderr


def test_export_without_database_says_what_to_do(tmp_path):
    done = run("export", "--db", str(tmp_path / "none.db"))
    assert done.returncode == 3 and "make ingest" in done.stderr
