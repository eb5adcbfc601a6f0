"""Build ``src/detente/data/actors/phoenix/actors.tsv``: the Phoenix actor dictionaries as
detente's built-in knowledge.

Run once by a developer (the generated table is committed; the package never reads the
dictionaries themselves):

    PYTHONPATH=src python scripts/build_phoenix_actors.py [/work/shared/data/petrarch-dictionaries]

Source: Phoenix.Countries, Phoenix.International and Phoenix.MilNonState ``.actors.txt``
(Open Event Data Alliance, MIT licence: ``LICENSE.petrarch2`` ships beside the table), read
with detente's own PETRARCH reader (``detente.actors.petrarch.read_actor_blocks``).

What an entry becomes (one row: kind, name, phrases, roles):

- ``place``: a country's block (``AFGHANISTAN_ [AFG]``, or a history of codes ending in a
  bare one: ``[USRUKR <910824] [UKR >911221]``) gives its aliases (other spellings,
  regions, towns: "Crimea" → UKR); matched like a capital (never inside a person's name).
- ``person``: a block with a dated code or an elite (ELI) code. Roles keep their dates. The
  dictionaries were compiled in January 2014 (``HORIZON``); an open-ended role
  (``[LUXGOV >950120]``) is trusted up to it and no further: after it the person is known by
  their undated code (usually ELI of their country) or, with none, as a former holder of their
  last role (``Cue.person_on``). The article's own words (a title, an apposition, "Russia's
  foreign minister") win over any of this at run time.
- ``body``: any other block with a country (``AFGHAN_NATIONAL_SECURITY_FORCES`` → AFG MIL) or
  with an IGO code that ``igo_codes.tsv`` maps to detente's (IGOEUREEC → EUR, IGOUNO → UNO).

Codes follow detente's conventions: the country is an ISO 3166 alpha-3 code (regional codes
such as MEA or AFR are no country); the sector is the first CAMEO sector after it, except a
branch of government after GOV (USAGOVLEG → LEG); an IGO is its detente code.

Left out, with the reason (the figures are printed at the end):

- codes with no country and no mapped IGO (``[ELI]``, ``[MNC]``, ``[NGOHRI]``, ``[MEAREB]``):
  they add no tie and can only take a phrase from detente's own reading;
- media (MED, "Associated Press", "Reuters") and businesses (MNC, BUS): bylines and credits
  are never actors, and a company is not its country;
- a person's name or alias of one word ("+PUTIN", "+BAN"): a surname alone may be anybody; it
  names a person only when the article introduced them (``people.ArticlePeople.recall``);
- a person's alias holding a title or a body ("SECRETARY-GENERAL_BAN_KI-MOON", "GENERAL_..."):
  the title is the article's to give;
- a name that the dictionaries give to people of different countries (namesakes);
- generic words: a one-word name that is a stop word, an agent noun (Phoenix.agents.txt) or one
  of detente's own single-word phrases; a name of several words that are all such words
  ("INDIAN_UN_PEACEKEEPER": detente composes it itself); a one-word name of two letters or
  fewer. One-word names of three or four letters match only in capitals ("PKK", "ETA");
- a one-word place that is a word of another country's name ("Timor", listed under Indonesia,
  is a word of Timor-Leste);
- a place whose name a town in another country shares (Hyderabad in India and Pakistan):
  detente's place index chooses between them by the countries the article names;
- a person detente's own office holders (people.tsv) name, under any spelling: detente's
  dates are newer ("Jean Claude Juncker" is the EU's from 2014, not Luxembourg's);
- a phrase detente's own tables already hold ("Brussels" is detente's EU seat, never BEL):
  detente's tables win on the same phrase at run time, so the copy would only cost memory.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from detente.actors.lexicon import Lexicon
from detente.actors.petrarch import (
    SECTORS,
    ActorBlock,
    display_name,
    import_petrarch_agents,
    read_actor_blocks,
)
from detente.actors.registry import FAMILY_NAME_FIRST

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "src" / "detente" / "data" / "actors" / "phoenix"
OUTPUT = OUT_DIR / "actors.tsv"
IGO_TABLE = OUT_DIR / "igo_codes.tsv"
DEFAULT_SOURCE = Path("/work/shared/data/petrarch-dictionaries")
FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
HORIZON = date(2014, 1, 30)
"""When the Countries dictionary was generated (its header): no open-ended role is known
to have lasted beyond it."""
# Sectors whose entries are left out: media and businesses.
DROPPED_SECTORS = frozenset({"MED", "MNC", "BUS"})
# Branches of government that detente codes as their own sector (USAGOVLEG → LEG).
BRANCHES = frozenset({"LEG", "JUD", "MIL", "COP", "SPY"})
ACRONYM_MAX = 4


@dataclass(frozen=True)
class Role:
    country: str
    sector: str
    valid_from: date | None
    valid_to: date | None

    def cell(self) -> str:
        dates = [d.isoformat() if d else "" for d in (self.valid_from, self.valid_to)]
        return "/".join([self.country, self.sector, *dates])


@dataclass
class Entry:
    kind: str
    name: str
    phrases: list[str]
    roles: list[Role]
    source: str = ""


@dataclass
class Build:
    lexicon: Lexicon
    iso3: frozenset[str]
    igos: list[tuple[str, str, str]]
    generic: frozenset[str]
    dropped: Counter[str] = field(default_factory=Counter)

    # ------------------------------------------------------------------ codes
    def role(self, code: str, start: date | None, end: date | None) -> Role | None:
        if code.startswith("IGO"):
            mapped = next((row for row in self.igos if code.startswith(row[0])), None)
            if mapped is None:
                self.dropped["IGO code detente has no organisation for"] += 1
                return None
            return Role(mapped[1], mapped[2], start, end)
        country = code[:3]
        if country not in self.iso3:
            reason = "media or business" if country in DROPPED_SECTORS else "no country"
            self.dropped[f"code with {reason}"] += 1
            return None
        sectors = [code[i : i + 3] for i in range(3, len(code) - 2, 3)]
        sectors = [s for s in sectors if s in SECTORS]
        if any(s in DROPPED_SECTORS for s in sectors[:1]):
            self.dropped["code with media or business"] += 1
            return None
        sector = sectors[0] if sectors else ""
        if sector == "GOV" and len(sectors) > 1 and sectors[1] in BRANCHES:
            sector = sectors[1]
        return Role(country, sector, start, end)

    # ------------------------------------------------------------------ names
    def tokens(self, phrase: str) -> str:
        """The phrase as the lexicon's tokenizer splits it, tokens joined by one space
        ("Jean - Claude Juncker"), so that loading it needs no tokenizer."""
        return " ".join(t.text for t in self.lexicon._tokenizer(phrase) if not t.is_space)

    def words(self, phrase: str) -> list[str]:
        return [w for w in self.lexicon.phrase_key(phrase) if any(c.isalnum() for c in w)]

    def known_phrase(self, phrase: str) -> bool:
        key = self.lexicon.phrase_key(phrase)
        if key and key[0] == "the":
            key = key[1:]
        # a region's name is known only where its country is named too ("Borno" needs
        # Nigeria): the dictionaries' entry, which needs nothing, is kept beside it
        return any(cue.kind != "place" for cue in self.lexicon.cues.get(key, ()))

    def generic_name(self, phrase: str) -> str | None:
        """Why a place's or a body's name is too generic to be an actor, or None."""
        words = self.words(phrase)
        if not words:
            return "no word"
        if len(words) == 1 and len(words[0]) <= 2:
            return "one word of two letters or fewer"
        if all(w in self.generic for w in words):
            return "only generic words"
        return None

    def person_phrase(self, phrase: str) -> str | None:
        """Why a person's name or alias is left out, or None."""
        words = self.words(phrase)
        if len(words) < 2:
            return "person by one word"
        if any(self.title_word(w) for w in words):
            return "person alias with a title or body"
        return None

    def in_other_country(self, phrase: str, country: str) -> str | None:
        """Why a one-word place is left out: it is a word of another country's name ("Timor"
        of Timor-Leste, listed under Indonesia)."""
        words = self.words(phrase)
        if len(words) != 1:
            return None
        for key, cues in self.lexicon.cues.items():
            if (
                len(key) > 1
                and words[0] in key
                and any(c.kind == "country" and c.country != country for c in cues)
            ):
                return "place named by a word of another country's name"
        return None

    def title_word(self, word: str) -> bool:
        return any(
            cue.kind in ("sector", "igo", "org", "seat")
            for cue in self.lexicon.cues.get((word,), ())
        )


def person_variants(name: str, countries: set[str]) -> list[str]:
    """ "Jean Claude Juncker" is also written "Jean-Claude Juncker", and "Kim Jong Il" (a
    family name first) "Kim Jong-il" (phrases match case-insensitively)."""
    parts = name.split()
    if len(parts) != 3 or "-" in name:
        return [name]
    if countries & FAMILY_NAME_FIRST:
        return [name, f"{parts[0]} {parts[1]}-{parts[2]}"]
    return [name, f"{parts[0]}-{parts[1]} {parts[2]}"]


def shared_town(phrase: str, country: str) -> str | None:
    """Why a place is left to detente's place index: a town of that name is in another
    country too (Hyderabad), and the index chooses by the countries the article names."""
    from detente.actors.places import _key, _place_index  # the index, not its first choice

    countries = _place_index().get(_key(phrase), ())
    if any(c != country for c in countries):
        return "town another country has too"
    return None


def place_code(block: ActorBlock, iso3: frozenset[str]) -> str | None:
    """A country's block holds its bare code ("[AFG]"), or a history of codes whose current
    one is bare ("[USRUKR <910824]", "[UKR >911221]"): that code; None for any other block."""
    bare = [(code, end) for code, _, end in block.codes if code in iso3]
    current = [code for code, end in bare if end is None]
    return (current or [code for code, _ in bare] or [None])[-1]


def is_person(block: ActorBlock) -> bool:
    return any(s or e for _, s, e in block.codes) or any(
        c.endswith("ELI") for c, _, _ in block.codes
    )


def entries_of(build: Build, block: ActorBlock, source: str) -> Entry | None:
    name = display_name(block.name)
    aliases = [display_name(a) for a in block.aliases if a.strip()]
    place = place_code(block, build.iso3)
    if place is not None:
        roles = [Role(place, "", None, None)]
        kind = "place"
    elif is_person(block):
        roles = []
        for code, start, end in block.codes:
            role = build.role(code, start, end)
            if role is not None:
                if start is not None and end is None:
                    role = Role(role.country, role.sector, start, HORIZON)
                roles.append(role)
        kind = "person"
    else:
        roles = [r for r in (build.role(c, s, e) for c, s, e in block.codes) if r]
        kind = "body"
    if not roles:
        build.dropped[f"{kind} with no usable code"] += 1
        return None
    if kind == "person" and any(
        build.lexicon.builtin_people.lookup(n) is not None for n in [name, *aliases]
    ):
        build.dropped["person detente's own people.tsv holds"] += 1
        return None
    phrases: list[str] = []
    for phrase in dict.fromkeys(p for n in [name, *aliases] for p in (n, without_qualifier(n))):
        if kind == "person":
            why = build.person_phrase(phrase)
            countries = {r.country for r in roles}
            candidates = person_variants(phrase, countries) if why is None else []
        else:
            why = build.generic_name(phrase) or (
                shared_town(phrase, roles[0].country)
                or build.in_other_country(phrase, roles[0].country)
                if kind == "place"
                else None
            )
            candidates = [phrase] if why is None else []
        if why is not None:
            build.dropped[why] += 1
        for candidate in candidates:
            if build.known_phrase(candidate):
                build.dropped["phrase detente already knows"] += 1
            else:
                phrases.append(build.tokens(candidate))
    if not phrases:
        return None
    return Entry(kind, name, list(dict.fromkeys(phrases)), roles, source)


def without_qualifier(phrase: str) -> str:
    """A name as news writes it, without the dictionary's qualifier or acronym in brackets:
    "African National Congress (south Africa)" → "African National Congress"."""
    return " ".join(re.sub(r"\([^)]*\)", " ", phrase).split())


def drop_namesakes(entries: list[Entry], build: Build) -> list[Entry]:
    """A person's phrase the dictionaries give to people of different countries names nobody
    for sure; any phrase shared by entries of different kinds is left to neither."""
    owners: dict[str, set[tuple[str, frozenset[str]]]] = defaultdict(set)
    for entry in entries:
        countries = frozenset(r.country for r in entry.roles)
        for phrase in entry.phrases:
            owners[phrase.casefold()].add((entry.kind, countries))
    ambiguous = {p for p, found in owners.items() if len(found) > 1}
    kept: list[Entry] = []
    for entry in entries:
        phrases = [p for p in entry.phrases if p.casefold() not in ambiguous]
        build.dropped["name shared by different actors"] += len(entry.phrases) - len(phrases)
        if phrases:
            entry.phrases = phrases
            kept.append(entry)
    return kept


def merge_twins(entries: list[Entry]) -> list[Entry]:
    """One row per actor: the dictionaries list some people twice (a country's file and the
    IGO rulers' file), with the same name and kind."""
    merged: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        key = (entry.kind, entry.name.casefold())
        if key in merged:
            twin = merged[key]
            twin.phrases = list(dict.fromkeys(twin.phrases + entry.phrases))
            twin.roles = list(dict.fromkeys(twin.roles + entry.roles))
        else:
            merged[key] = entry
    return list(merged.values())


def generic_words(source: Path, lexicon: Lexicon) -> frozenset[str]:
    agents = import_petrarch_agents(source / "Phoenix.agents.txt")
    words = {w for noun in agents for w in noun.split()}
    words |= {
        key[0]
        for key, cues in lexicon.cues.items()
        if len(key) == 1 and any(c.kind != "place" for c in cues)  # not a region's name
    }
    words |= set(STOP_WORDS)
    return frozenset(w.lower() for w in words)


def igo_rows() -> list[tuple[str, str, str]]:
    lines = [line for line in IGO_TABLE.read_text().splitlines() if not line.startswith("#")]
    rows = [(r["phoenix"], r["code"], r["sector"]) for r in csv.DictReader(lines, delimiter="\t")]
    return sorted(rows, key=lambda row: -len(row[0]))  # longest prefix first


def write(entries: list[Entry]) -> None:
    header = [
        "# Built by scripts/build_phoenix_actors.py from the Phoenix actor dictionaries",
        "# (Open Event Data Alliance, MIT licence: see LICENSE.petrarch2 beside this file).",
        f"# Open-ended roles end at {HORIZON.isoformat()}, when the dictionaries were compiled.",
        "# phrases: ' | '-separated, each as spaCy tokens joined by one space; roles: ';'-separated COUNTRY/SECTOR/FROM/TO (dates ISO).",
        "kind\tname\tphrases\troles",
    ]
    rows = [
        "\t".join([e.kind, e.name, " | ".join(e.phrases), ";".join(r.cell() for r in e.roles)])
        for e in sorted(entries, key=lambda e: (e.kind, e.name))
    ]
    OUTPUT.write_text("\n".join(header + rows) + "\n", encoding="utf-8")


def main(source: Path) -> None:
    import pycountry

    lexicon = Lexicon(phoenix=False)
    build = Build(
        lexicon=lexicon,
        iso3=frozenset({c.alpha_3 for c in pycountry.countries} | {"XKX"}),
        igos=igo_rows(),
        generic=generic_words(source, lexicon),
    )
    entries: list[Entry] = []
    for name in FILES:
        for block in read_actor_blocks(source / name):
            entry = entries_of(build, block, name)
            if entry is not None:
                entries.append(entry)
    entries = drop_namesakes(merge_twins(entries), build)
    write(entries)
    kinds = Counter(e.kind for e in entries)
    phrases = sum(len(e.phrases) for e in entries)
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {dict(kinds)}, {phrases} phrases")
    for reason, count in build.dropped.most_common():
        print(f"  left out: {reason}: {count}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
