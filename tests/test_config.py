"""config.toml is validated at start, naming the bad key; every setting is documented."""

from __future__ import annotations

import pytest

from pipeline.config import documented_settings, load_config, parse_config
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
        ({"sources": [{**FILES, "colour": "red"}]}, "sources[0].colour"),
        ({"sources": [{**FILES, "kind": "rss"}]}, "sources[0].kind"),
        ({"sources": [{"name": "p", "kind": "page", "url": "ftp://x"}]}, "sources[0].url"),
        ({"sources": [{"name": "l", "kind": "listing", "url": "https://x.mx"}]}, "sources[0].link_pattern"),
        ({"sources": [FILES, FILES]}, "sources[1].name"),
        ({"sourcez": []}, "sourcez"),
        ({"nlp": {"batch_size": 0}}, "nlp.batch_size"),
        ({"fetch": {"delay": -1}}, "fetch.delay"),
        ({"sources": [{"name": "p", "kind": "page", "url": "https://x.mx", "concurrency": 0}]}, "sources[0].concurrency"),
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
