"""Word lists the extraction rules use, loaded once from `pipeline/data/*.toml`."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass
class Lexicon:
    aliases: dict[str, str] = field(default_factory=dict)  # folded alias -> canonical name

    @classmethod
    def load(cls, extra: Path | None = None) -> "Lexicon":
        aliases: dict[str, str] = {}
        for path in [DATA / "aliases.toml", extra]:
            if path and path.exists():
                for canonical, forms in tomllib.loads(path.read_text("utf-8")).get("aliases", {}).items():
                    for form in forms:
                        aliases[form.casefold()] = canonical
        return cls(aliases=aliases)
