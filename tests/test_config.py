"""config.toml is validated at start, naming the bad key; every setting is documented."""

from __future__ import annotations

import pytest

from pipeline.config import check_sources, documented_settings, load_config, parse_config
from pipeline.errors import ConfigError

from .conftest import ROOT

FILES = {"name": "c", "kind": "files", "path": "corpus"}


def test_shipped_config_is_valid():
    config = load_config(ROOT / "config.toml")
    assert any(s.kind == "files" for s in config.sources)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({"storage": {"dbb": "x"}}, "storage.dbb"),
        ({"nlp": {"batch_size": "16"}}, "nlp.batch_size"),
        ({"fetch": {"delay": True}}, "fetch.delay"),
        ({"sources": [{**FILES, "colour": "red"}]}, "sources 'c'.colour"),
        ({"sources": [{**FILES, "kind": "rss"}]}, "sources 'c'.kind"),
        ({"sources": [{"name": "p", "kind": "page", "url": "ftp://x"}]}, "sources 'p'.url"),
        ({"sources": [{"name": "l", "kind": "listing", "url": "https://x.mx"}]}, "sources 'l'.link_pattern"),
        ({"sources": [{"name": "l", "kind": "listing", "url": "https://x.mx", "link_pattern": "/nota/(\\d+"}]},
         "sources 'l'.link_pattern"),
        ({"sources": [FILES, {**FILES, "name": ""}]}, "sources[1].name"),
        ({"sources": [FILES, "files"]}, "sources[1]"),
        ({"sources": [FILES, FILES]}, "sources[1].name"),
        ({"sourcez": []}, "sourcez"),
        ({"nlp": {"batch_size": 0}}, "nlp.batch_size"),
        ({"fetch": {"delay": -1}}, "fetch.delay"),
        ({"sources": [{"name": "p", "kind": "page", "url": "https://x.mx", "concurrency": 0}]}, "sources 'p'.concurrency"),
    ],
)
def test_bad_key_is_named(raw, key):
    with pytest.raises(ConfigError) as e:
        parse_config(raw)
    assert e.value.key == key and key in str(e.value)


def test_source_overrides_fetch_defaults():
    config = parse_config({"fetch": {"delay": 3.0}, "sources": [{**FILES, "max_pages": 5}]})
    assert (config.sources[0].fetch.delay, config.sources[0].fetch.max_pages) == (3.0, 5)


def test_integer_accepted_where_a_number_is_expected():
    assert parse_config({"fetch": {"timeout": 5}}).fetch.timeout == 5


def test_malformed_toml_names_the_file(tmp_path):
    bad = tmp_path / "config.toml"
    bad.write_text("[storage\n")
    with pytest.raises(ConfigError, match="config.toml"):
        load_config(bad)


@pytest.mark.parametrize("key", [k for k, _, _ in documented_settings()])
def test_every_setting_is_documented(key):
    """Each key has help text and appears in the README or the commented config.toml."""
    docs = (ROOT / "README.md").read_text() + (ROOT / "config.toml").read_text()
    name = key.split(".", 1)[1]
    assert dict((k, h) for k, _, h in documented_settings())[key]
    assert name in docs


def test_a_bad_link_pattern_says_why():
    with pytest.raises(ConfigError, match=r"sources 'l'\.link_pattern is not a valid regular expression: "
                                          r"missing \), unterminated subpattern"):
        parse_config({"sources": [{"name": "l", "kind": "listing", "url": "https://x.mx", "link_pattern": "(a"}]})


def test_relative_paths_start_at_the_config_folder(tmp_path, monkeypatch):
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "config.toml").write_text(
        '[storage]\ndb = "data/news.db"\n[nlp]\naliases = "alias.toml"\n[log]\nfile = "logs/ingest.log"\n'
        '[[sources]]\nname = "c"\nkind = "files"\npath = "pages/*.txt"\n')
    monkeypatch.chdir(tmp_path)  # cron starts commands elsewhere
    config = load_config("conf/config.toml")
    folder = tmp_path.resolve() / "conf"
    assert (config.storage.db, config.nlp.aliases, config.log.file, config.sources[0].path) == (
        str(folder / "data/news.db"), str(folder / "alias.toml"), str(folder / "logs/ingest.log"),
        str(folder / "pages/*.txt"))


def test_absolute_and_empty_paths_stay_as_written(tmp_path):
    config = parse_config({"log": {"file": "/var/log/news.log"}}, base_dir=tmp_path)
    assert (config.log.file, config.nlp.aliases) == ("/var/log/news.log", "")


@pytest.mark.parametrize(("names", "enabled_only", "message"), [
    (["nope"], True, "--source 'nope': no such source in the configuration (known: c, off)"),
    (["c", "off"], True, "--source 'off': the source is disabled (sources 'off'.enabled = false)"),
])
def test_unknown_or_disabled_source_is_named(names, enabled_only, message):
    config = parse_config({"sources": [FILES, {**FILES, "name": "off", "enabled": False}]})
    with pytest.raises(ConfigError) as e:
        check_sources(config, names, enabled_only)
    assert str(e.value) == message and e.value.exit_code == 2


def test_a_disabled_source_may_be_reprocessed():
    config = parse_config({"sources": [{**FILES, "enabled": False}]})
    check_sources(config, ["c"], enabled_only=False)
