"""Word lists the extraction rules use, loaded once from `pipeline/data/*.toml`.

    aliases.toml        other forms of a name → its canonical name (+ the extra file of config.toml)
    places.toml         countries, states, cities, regions; geographic nouns
    organizations.toml  heads of organization names, classifiers, known bodies and their forms
    people.toml         titles, name particles, nickname markers, given names
    operations.toml     trigger words of operation, program and plan names
    noise.toml          caption markers, page furniture, non-entity heads, ministers' portfolios
    sports.toml         clubs and leagues; clubs named by a place; the words of a match report

Everything is folded (`fold`, from `pipeline/merge/text.py`: no case, accents or extra spacing)
where it is compared, and compiled once: the Extractor builds one Lexicon per run.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..merge.text import fold

DATA = Path(__file__).resolve().parent.parent / "data"
PLACE, ORG, PERSON = "place", "organization", "person"


def _folded(words: list[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _lower(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@dataclass
class Lexicon:
    """Every word list, folded and ready; `kinds` and `aliases` are the gazetteers."""

    aliases: dict[str, str] = field(default_factory=dict)  # folded form -> canonical name
    kinds: dict[str, str] = field(default_factory=dict)  # folded canonical name -> place | organization
    cities: frozenset[str] = frozenset()  # folded: the places a masculine article makes a club
    countries: frozenset[str] = frozenset()  # folded canonical names of countries
    org_heads: frozenset[str] = frozenset()  # as written: "Secretaría"
    org_heads_lower: frozenset[str] = frozenset()  # "cártel de Sinaloa"
    head_spelling: dict[str, str] = field(default_factory=dict)  # "cartel" -> "Cártel"
    org_need_connector: frozenset[str] = frozenset()
    org_take_en: frozenset[str] = frozenset()
    org_tails: tuple[str, ...] = ()  # folded: "casa de bolsa" ends only a body's name
    jurisdiction_heads: frozenset[str] = frozenset()  # "Ayuntamiento de Progreso" names Progreso too
    classifiers: frozenset[str] = frozenset()  # lower case
    classifier_linkers: frozenset[str] = frozenset()
    member_nouns: frozenset[str] = frozenset()  # "integrantes de …": what follows is a group
    conflict_nouns: frozenset[str] = frozenset()  # "enfrentamientos entre …": so is what follows
    titles: frozenset[str] = frozenset()  # lower case, one word each
    person_context: frozenset[str] = frozenset()
    title_prefixes: tuple[str, ...] = ()
    _prefix_starts: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    foreign_particles: frozenset[str] = frozenset()  # "di", "van": inside a person's name only
    saints: frozenset[str] = frozenset()  # "san", "santa": a name's own first word
    nickname_markers: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()  # folded
    caption_markers: tuple[str, ...] = ()
    caption_markers_lower: frozenset[str] = frozenset()
    openers: frozenset[str] = frozenset()  # "Descubre", "Consulta": imperatives opening a sentence
    latin_endings: tuple[str, ...] = ()  # of a species' epithet: "aegypti", "mexicanum"
    months: frozenset[str] = frozenset()  # names and abbreviations, lower case: a dateline's date
    caption_max_chars: int = 80
    boilerplate: frozenset[str] = frozenset()  # folded phrases
    noise_words: frozenset[str] = frozenset()  # as written
    not_entity_heads: frozenset[str] = frozenset()  # "Reunión …": a meeting's name, no entity
    documents: frozenset[str] = frozenset()  # "Ley …", "Premio …": a document's or award's name
    not_entity_words: frozenset[str] = frozenset()  # both
    government: frozenset[str] = frozenset()
    portfolios: frozenset[str] = frozenset()
    body_nouns: frozenset[str] = frozenset()  # lower case: "departamento" takes a portfolio as a title does
    op_triggers: frozenset[str] = frozenset()  # lower case, before a quoted name
    op_name_triggers: frozenset[str] = frozenset()  # also before an unquoted name
    op_capitalized: frozenset[str] = frozenset()
    op_between: frozenset[str] = frozenset()
    op_max_words: int = 14
    op_window: int = 6
    feature_heads: frozenset[str] = frozenset()
    place_classifiers: frozenset[str] = frozenset()  # "colonia", "municipio": a place's name follows
    caption_re: re.Pattern[str] = field(default=re.compile(r"(?!)"))
    first_words: frozenset[str] = frozenset()  # folded first word of every gazetteer form
    first_words_lower: frozenset[str] = frozenset()  # the same as written, lower case: quick test of a token
    _forms: list[str] = field(default_factory=list)  # every alias form as written
    longest_form: dict[str, int] = field(default_factory=dict)  # first word -> most tokens of a form
    common_words: frozenset[str] = frozenset()  # Spanish dictionary words, from the model's lemmatizer
    club_forms: frozenset[str] = frozenset()  # folded forms of the clubs and leagues
    club_places: dict[str, str] = field(default_factory=dict)  # folded "león" -> "Club León", in sport only
    club_place_firsts: frozenset[str] = frozenset()  # folded first words of those
    sport_words: frozenset[str] = frozenset()  # folded: one makes a paragraph about sport
    sport_weak_words: frozenset[str] = frozenset()  # two of them do
    sport_locatives: frozenset[str] = frozenset()  # "en León": the place, not the club
    sport_venues: frozenset[str] = frozenset()  # "estadio": what opens a venue's name
    plays_for: frozenset[str] = frozenset()  # "milita en", "jugador de": before them the club
    match_verbs: frozenset[str] = frozenset()  # "venció a León": the club

    @classmethod
    def load(cls, extra: Path | None = None) -> Lexicon:
        """Read the data files, then `extra` (an aliases file from config.toml), whose entries win."""
        d = {
            name: _read(DATA / f"{name}.toml")
            for name in ("aliases", "places", "organizations", "people", "operations", "noise", "sports")
        }
        lex = cls()
        lex._load_gazetteers(d["places"], d["organizations"], d["aliases"])
        lex._load_sports(d["sports"])
        if extra:
            if not Path(extra).exists():
                raise ConfigError("alias file not found", key="nlp.aliases", path=str(extra))
            lex._add_alias_file(_read(Path(extra)))
        lex._load_words(d)
        return lex

    def _load_gazetteers(self, places: dict, orgs: dict, aliases: dict) -> None:
        self.cities = _folded([n for section in places.values() for n in section.get("cities", [])])
        self.countries = _folded(places.get("countries", {}).get("names", []))
        for section in places.values():
            for key, names in section.items():
                if key in ("names", "states", "cities", "regions"):
                    for name in names:
                        self.kinds[fold(name)] = PLACE
                        self.aliases.setdefault(fold(name), name)
                        self._forms.append(name)
        for canonical, forms in orgs.get("bodies", {}).items():
            self.kinds[fold(canonical)] = ORG
            self._add_aliases({canonical: [canonical, *forms]})
        self._add_alias_file(aliases)

    def _load_sports(self, sports: dict) -> None:
        """Clubs and leagues are organizations; their place names ("León") only in sport."""
        clubs = sports.get("clubs", {})
        for canonical in clubs:
            self.kinds[fold(canonical)] = ORG
        self._add_aliases(clubs)
        self.club_forms = frozenset(fold(f) for c, forms in clubs.items() for f in [c, *forms])
        for canonical, forms in sports.get("club_places", {}).items():
            self.kinds.setdefault(fold(canonical), ORG)
            self.club_places.update({fold(f): canonical for f in forms})
        self.club_place_firsts = frozenset(f.split(" ")[0] for f in self.club_places)
        context = sports.get("context", {})
        self.sport_words = _folded(context.get("words", []))
        self.sport_weak_words = _folded(context.get("weak_words", []))
        self.sport_locatives = _lower(context.get("locatives", []))
        self.sport_venues = _lower(context.get("venues", []))
        self.plays_for = _lower(context.get("plays_for", []))
        self.match_verbs = _lower(context.get("beat", []))

    def _add_alias_file(self, table: dict[str, Any]) -> None:
        """[aliases] of names whose kind the gazetteers or the text give; [people],
        [places], [organizations] of names of that kind."""
        self._add_aliases(table.get("aliases", {}))
        for section, kind in (("people", PERSON), ("places", PLACE), ("organizations", ORG)):
            self._add_aliases(table.get(section, {}))
            for canonical in table.get(section, {}):
                self.kinds[fold(canonical)] = kind

    def _add_aliases(self, table: dict[str, list[str]]) -> None:
        for canonical, forms in table.items():
            if not isinstance(forms, list):
                raise ConfigError(f"aliases: '{canonical}' must map to a list of forms", key=canonical)
            for form in [canonical, *forms]:
                self.aliases[fold(form)] = canonical
                self._forms.append(form)

    def _load_words(self, d: dict[str, Any]) -> None:
        orgs, people, ops, noise, places = (d["organizations"], d["people"], d["operations"], d["noise"], d["places"])
        self.org_heads = frozenset(orgs["heads"]["names"])
        self.org_heads_lower = _lower(orgs["heads"].get("lowercase", []))
        self.head_spelling = {k.lower(): v for k, v in orgs["heads"].get("spelling", {}).items()}
        self.org_need_connector = frozenset(orgs["heads"].get("need_connector", []))
        self.org_take_en = frozenset(orgs["heads"].get("take_en", []))
        self.org_tails = tuple(fold(t) for t in orgs["heads"].get("tails", []))
        self.jurisdiction_heads = frozenset(orgs["heads"].get("jurisdiction", []))
        self.classifiers = _lower(orgs["classifiers"]["nouns"])
        self.classifier_linkers = _lower(orgs["classifiers"]["linkers"])
        self.member_nouns = _lower(orgs["classifiers"].get("members", []))
        self.conflict_nouns = _lower(orgs["classifiers"].get("conflicts", []))
        self.titles = frozenset(w.rstrip(".") for w in _lower(people["titles"]["words"]))  # "Mtro." or "Mtro"
        self.person_context = _lower(people["titles"]["person_context"])
        self.title_prefixes = tuple(people["titles"].get("title_prefixes", []))
        self._prefix_starts = frozenset(p[:2] for p in self.title_prefixes)
        self.particles = _lower(people["names"]["particles"])
        self.foreign_particles = frozenset(people["names"].get("foreign_particles", []))
        self.saints = _lower(people["names"].get("saints", []))
        self.nickname_markers = _lower(people["names"]["nickname_markers"])
        self.given_names = _folded(people["names"]["given"])
        self.caption_markers = tuple(noise["captions"]["markers"])
        self.caption_markers_lower = _lower(list(self.caption_markers))
        self.caption_max_chars = int(noise["captions"].get("max_chars", 80))
        self.openers = frozenset(noise["not_names"]["openers"])
        self.latin_endings = tuple(noise["not_names"]["latin_endings"])
        self.months = _lower(noise["datelines"]["months"])
        self.boilerplate = _folded(noise["boilerplate"]["phrases"])
        self.noise_words = frozenset(noise["boilerplate"]["words"])
        self.not_entity_heads = frozenset(noise["not_entities"]["heads"])
        self.documents = frozenset(noise["not_entities"].get("documents", []))
        self.not_entity_words = self.not_entity_heads | self.documents
        self.noise_words = self.noise_words | frozenset(noise["not_entities"].get("names", []))
        self.government = frozenset(noise["not_entities"]["government"])
        self.portfolios = frozenset(noise["portfolios"]["words"])
        self.body_nouns = _lower(noise["portfolios"].get("bodies", []))
        self.op_name_triggers = _lower(ops["triggers"]["words"])
        self.op_triggers = self.op_name_triggers | _lower(ops["triggers"].get("quoted_only", []))
        self.op_capitalized = frozenset(ops["triggers"]["capitalized"])
        self.op_between = _lower(ops["triggers"]["between"])
        self.op_max_words = int(ops["rules"]["max_words"])
        self.op_window = int(ops["rules"]["window"])
        self.feature_heads = _lower(places["features"]["heads"])
        self.place_classifiers = _lower(places["features"].get("classifiers", []))
        markers = "|".join(re.escape(m) for m in self.caption_markers)
        phrases = "|".join(re.escape(p) for p in noise["boilerplate"]["phrases"])
        line = int(noise["boilerplate"].get("max_line_chars", 240))
        self.caption_re = re.compile(
            rf"(?<![\w@])(?:{markers})\s*:[^\n]{{0,{self.caption_max_chars}}}(?=\n|$)"
            rf"|(?:^|(?<=\n))(?:{phrases})\b[^\n]{{0,{line}}}(?=\n|$)",
            re.I,
        )
        self.first_words = frozenset(f.split(" ")[0] for f in self.aliases)
        firsts = [fold(f).split(" ")[0] for f in self.aliases] + [f.split(" ")[0].lower() for f in self._forms]
        self.first_words_lower = frozenset(firsts) | frozenset(f.rstrip(".") for f in firsts)
        self.first_words_lower |= frozenset(f.rstrip(".-—–") for f in self.first_words_lower)
        for form in [*self._forms, *self.aliases]:
            words = form.replace(".", ". ").replace(",", " ,").split()
            first = words[0].lower().rstrip(".")
            self.longest_form[first] = max(self.longest_form.get(first, 0), len(words) + 1)
            self.longest_form[fold(first)] = max(self.longest_form.get(fold(first), 0), len(words) + 1)

    def add_common_words(self, nlp: Any) -> None:
        """Take the Spanish words the model's rule lemmatizer knows (nouns, verbs, adjectives…):
        a capitalized word at a sentence start that is one of them is no name ("Resultados")."""
        try:
            table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        except (KeyError, AttributeError, ValueError):
            return
        self.common_words = frozenset(w.lower() for words in table.values() for w in words)

    def is_common_word(self, word: str) -> bool:
        """A dictionary word, or its plural: "conspiración", "resultados"."""
        w = word.lower()
        return w in self.common_words or (
            w.endswith("s") and (w[:-1] in self.common_words or w[:-2] in self.common_words)
        )

    # lookups ------------------------------------------------------------
    def canonical(self, name: str) -> str | None:
        """The canonical name of a known form, or None."""
        return self.aliases.get(fold(name))

    def known_before_country(self, name: str) -> str | None:
        """ "Departamento del Tesoro de EE.UU." → "Departamento del Tesoro": a known body named
        with its country is that body (a state's "Secretaría de Salud de Jalisco" is not the federal one)."""
        words = name.split()
        for k in range(len(words) - 2, 0, -1):
            if words[k].lower() in ("de", "del"):
                rest = words[k + 1 :]
                rest = rest[1:] if rest[0].lower() in ("los", "la", "el") and len(rest) > 1 else rest
                if fold(self.canonical(" ".join(rest)) or "") in self.countries:
                    return self.canonical(" ".join(words[:k]))
        return None

    def kind_of(self, name: str) -> str | None:
        """place or organization for a name the gazetteers know (any form), else None."""
        canonical = self.aliases.get(fold(name))
        return self.kinds.get(fold(canonical)) if canonical else None

    def is_given_name(self, word: str) -> bool:
        return fold(word) in self.given_names

    def is_title(self, word: str) -> bool:
        """ "embajador", "vicefiscal", "exgobernador", "Mtro.": a title, with or without a prefix."""
        w = word.lower().rstrip(".")
        return w in self.titles or (
            w[:2] in self._prefix_starts
            and any(w.startswith(p) and w[len(p) :] in self.titles for p in self.title_prefixes)
        )


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"cannot read word list: {e}", path=str(path)) from e
