"""`eval-public DIR`: every benchmark found runs, a missing one is named and skipped."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import ConfigError
from pipeline.evaluate.public import evaluate_public


def test_missing_benchmarks_are_named_and_skipped(tmp_path):
    (tmp_path / "htmldate").mkdir()
    (tmp_path / "htmldate" / "eval_default.json").write_text("{}", "utf-8")
    scores, report = evaluate_public(tmp_path)
    assert set(scores) == {"dates"} and scores["dates"]["pages"] == 0
    assert f"names: skipped, no {tmp_path / 'conll2002'}" in report
    assert f"text: skipped, no {tmp_path / 'trafilatura'}" in report


def test_the_command_prints_json_for_the_benchmarks_asked(tmp_path):
    (tmp_path / "htmldate").mkdir()
    (tmp_path / "htmldate" / "eval_default.json").write_text("{}", "utf-8")
    result = CliRunner().invoke(cli, ["eval-public", str(tmp_path), "--only", "dates", "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["dates"]["missing"] == 0


def test_a_folder_without_esp_testa_is_an_error_naming_it(tmp_path):
    (tmp_path / "conll2002").mkdir()
    with pytest.raises(ConfigError, match="esp.testa"):
        evaluate_public(tmp_path, ("names",))
