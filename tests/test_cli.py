"""The command line: every command documented, errors as one line and an exit code."""

from __future__ import annotations

import os
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


def test_a_bad_link_pattern_exits_2_naming_the_source(tmp_path):
    (tmp_path / "config.toml").write_text('[[sources]]\nname = "el-universal"\nkind = "listing"\n'
                                          'url = "https://x.mx/"\nlink_pattern = "/nota/(\\\\d+"\n')
    done = run("ingest", "--config", str(tmp_path / "config.toml"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and "sources 'el-universal'.link_pattern" in done.stderr


@pytest.mark.parametrize("command", [["ingest", "--source", "c", "--source", "nope"], ["reprocess", "--source", "nope"]])
def test_an_unknown_source_exits_2_listing_the_known_ones(tmp_path, command):
    (tmp_path / "config.toml").write_text('[storage]\ndb = "news.db"\n[[sources]]\nname = "c"\nkind = "files"\n'
                                          'path = "pages"\n')
    done = run(*command, "--config", str(tmp_path / "config.toml"))
    assert done.returncode == 2 and done.stderr.strip().count("\n") == 0
    assert "--source 'nope': no such source in the configuration (known: c)" in done.stderr
    assert not (tmp_path / "news.db").exists()


@pytest.mark.slow
def test_a_relative_log_file_is_kept_beside_the_config(tmp_path):
    (tmp_path / "conf" / "pages").mkdir(parents=True)
    (tmp_path / "conf" / "pages" / "short.txt").write_text("---\npublished: 2025-12-11\n---\nDemasiado corto.\n")
    (tmp_path / "conf" / "config.toml").write_text('[storage]\ndb = "news.db"\n[log]\nfile = "logs/ingest.log"\n'
                                                   '[[sources]]\nname = "c"\nkind = "files"\npath = "pages"\n')
    done = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--config", "conf/config.toml"],
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Demasiado corto" not in done.stderr and (tmp_path / "conf" / "news.db").exists()
    assert "seconds per stage" in (tmp_path / "conf" / "logs" / "ingest.log").read_text()
    assert not (tmp_path / "logs").exists()
