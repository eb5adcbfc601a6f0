"""Importing users' PETRARCH/TABARI actor and agent dictionaries.

Actor files hold blocks: a name line (``VLADIMIR_PUTIN_``), alias lines (``+PUTIN``) and one
or more codes, on the name line or indented below it, each optionally date-restricted::

    VLADIMIR_PUTIN_
    +PUTIN
        [RUSGOV >20000507]
        [RUSELI 19991231-20000507]

Dates are ``YYYYMMDD`` or TABARI's ``YYMMDD`` (years before 30 are read as 20xx). Each code
becomes one :class:`RegistryEntry` with ``origin="petrarch"``; a code whose first three letters
are a country keeps them as the country, ``IGO…`` codes get sector ``IGO`` and no country, and
the full PETRARCH code is kept as the entry's code; a code that starts with a sector
(``ELI``) has no country. ``[---]`` (no code) is skipped.

Agent files map nouns to sectors: ``POLICE {} [~COP]``; ``!SET! = A, B`` substitution sets
expand ``CATTLE!PERSON!``; forms in braces are extra spellings (irregular plurals). An agent's
code is marked with a tilde (``[~COP]``, ``[IGO~]``), which tells agent lines from actor lines:
a file with none is not an agent dictionary.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import InputError
from .registry import RegistryEntry

log = logging.getLogger(__name__)

_CODE = re.compile(r"\[\s*([A-Z~\-]+)\s*(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))?\s*\]")
_SUBSTITUTION = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_AGENT = re.compile(r"^([^\[{]+?)\s*(?:\{([^}]*)\})?\s*\[(~[A-Z]+|[A-Z]+~)\]")
_YEAR_PIVOT = 30
# CAMEO's sector and group codes: a code starting with one of these names no country.
SECTORS = frozenset(
    [
        "GOV",
        "MIL",
        "REB",
        "OPP",
        "PTY",
        "COP",
        "JUD",
        "SPY",
        "IGO",
        "MED",
        "EDU",
        "BUS",
        "CRM",
        "CVL",
        "HLH",
        "LAB",
        "LEG",
        "NGO",
        "NGM",
        "REF",
        "ELI",
        "AGR",
        "ENV",
        "REL",
        "UAF",
        "MOD",
        "RAD",
        "SET",
        "HRI",
        "DEV",
        "IMG",
        "INS",
        "MNC",
        "CHR",
        "MUS",
        "JEW",
        "BUD",
        "HIN",
    ]
)


@dataclass
class ActorBlock:
    """One actor as a dictionary writes it: its name line, alias lines and dated codes."""

    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str, date | None, date | None]] = field(default_factory=list)


def import_petrarch_actors(path: str | Path) -> list[RegistryEntry]:
    """Registry entries for every dated code of every actor in a PETRARCH actor dictionary.

    Raises :class:`InputError` when the file holds no actor entry, naming an agent dictionary
    (codes marked with ``~``) as such."""
    lines = _read_lines(path)
    entries: list[RegistryEntry] = []
    agent_codes = 0
    for block in _blocks(lines, str(path)):
        name = _display(block.name)
        aliases = tuple(
            dict.fromkeys(a for a in (_display(x) for x in block.aliases) if a and a != name)
        )
        for code, valid_from, valid_to in block.codes:
            if "~" in code:  # an agent's sector code (``[~COP]``), never an actor's
                agent_codes += 1
                continue
            country, sector = _split_code(code)
            entries.append(
                RegistryEntry(
                    name=name,
                    aliases=aliases,
                    country=country,
                    sector=sector,
                    code=code,
                    valid_from=valid_from,
                    valid_to=valid_to,
                    origin="petrarch",
                )
            )
    if not entries:
        kind = (
            "an agent dictionary (codes like [~COP]): import it with "
            "`detente actors import --agents`"
            if agent_codes
            else "not a PETRARCH actor dictionary: no line names an actor with a code"
        )
        raise InputError(f"{path} is {kind}.")
    if agent_codes:
        log.warning("%s: %d agent codes (marked ~) skipped", path, agent_codes)
    log.info("imported %d actor entries from %s", len(entries), path)
    return entries


def read_actor_blocks(path: str | Path) -> list[ActorBlock]:
    """The actors of a PETRARCH actor dictionary as written (``VLADIMIR_PUTIN_``, its
    ``+`` aliases, its codes with their dates), for code that builds its own tables from the
    field's dictionaries (``scripts/build_phoenix_actors.py``)."""
    return list(_blocks(_read_lines(path), str(path)))


def display_name(token: str) -> str:
    """``VLADIMIR_PUTIN_`` → ``Vladimir Putin``; ``BAN_KI-MOON`` → ``Ban Ki-moon``."""
    return _display(token)


def import_petrarch_agents(path: str | Path) -> dict[str, str]:
    """Lower-case noun (phrase) → primary CAMEO sector (``"riot police"`` → ``"COP"``).

    Raises :class:`InputError` when the file holds no agent line at all (an actor
    dictionary, say); other lines that are not agent lines are skipped with one warning."""
    substitutions: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    skipped: list[tuple[int, str]] = []
    for number, line in _numbered(_read_lines(path)):
        sub = _SUBSTITUTION.match(line)
        if sub:
            substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        found = _AGENT.match(line)
        if not found:
            skipped.append((number, line))
            continue
        sector = found.group(3).strip("~")[:3]
        forms = [found.group(1), *(found.group(2) or "").split()]
        for form in forms:
            for expanded in _expand(form, substitutions):
                noun = _display(expanded).lower()
                if noun:
                    agents.setdefault(noun, sector)
    if not agents:
        raise InputError(
            f"{path} is not a PETRARCH agent dictionary: none of its lines is an agent line "
            "such as `POLICE [~COP]` (a noun, then a sector code marked with ~). An actor "
            "dictionary is imported without `--agents`."
        )
    if skipped:
        number, line = skipped[0]
        log.warning(
            "%s: %d lines are not agent lines and were skipped (the first, line %d: %r)",
            path,
            len(skipped),
            number,
            line,
        )
    return agents


def _read_lines(path: str | Path) -> list[str]:
    file = Path(path)
    try:
        return file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise InputError(
            f"cannot read PETRARCH dictionary {file}: {exc.strerror or exc}; check the path"
        ) from exc


def _numbered(lines: list[str]):
    """(line number, text without comment) for each line that holds something."""
    for number, raw in enumerate(lines, start=1):
        text = raw.split("#", 1)[0].rstrip()
        if text.strip():
            yield number, text


def _blocks(lines: list[str], origin: str):
    block: ActorBlock | None = None
    coded = False  # the block's lines hold a code, read or skipped as malformed
    for number, text in _numbered(lines):
        if text[0] in " \t":
            if block is None:
                log.warning("%s:%d: code line before any actor name, skipped", origin, number)
                continue
            block.codes.extend(_codes(text, origin, number))
        elif text.startswith("+"):
            if block is not None:
                block.aliases.append(_CODE.sub("", text[1:]).strip())
                block.codes.extend(_codes(text, origin, number))
        else:
            head = text.split("[", 1)[0].strip()
            if block is not None and not coded:
                # names on consecutive lines before any code are one actor's: they share
                # the codes that follow, as PETRARCH reads them
                block.aliases.append(head)
            else:
                if block is not None and block.codes:
                    yield block
                block = ActorBlock(head)
                coded = False
            block.codes.extend(_codes(text, origin, number))
        coded = coded or "[" in text
    if block is not None and block.codes:
        yield block


def _codes(text: str, origin: str, number: int) -> list[tuple[str, date | None, date | None]]:
    codes: list[tuple[str, date | None, date | None]] = []
    for match in _CODE.finditer(text):
        code, sign, single, first, last = match.groups()
        if set(code) <= {"-", "~"}:
            continue
        try:
            if sign == ">":
                codes.append((code, _tabari_date(single), None))
            elif sign == "<":
                codes.append((code, None, _tabari_date(single)))
            elif first:
                codes.append((code, _tabari_date(first), _tabari_date(last)))
            else:
                codes.append((code, None, None))
        except ValueError as exc:
            log.warning("%s:%d: %s; code %s skipped", origin, number, exc, code)
    return codes


def _tabari_date(digits: str) -> date:
    if len(digits) == 8:
        year, rest = int(digits[:4]), digits[4:]
    elif len(digits) == 6:
        short = int(digits[:2])
        year, rest = (2000 + short if short < _YEAR_PIVOT else 1900 + short), digits[2:]
    else:
        raise ValueError(f"date {digits!r} is neither YYMMDD nor YYYYMMDD")
    try:
        return date(year, int(rest[:2]), int(rest[2:]))
    except ValueError as exc:
        raise ValueError(f"date {digits!r} is not a calendar date") from exc


def _split_code(code: str) -> tuple[str | None, str | None]:
    """``USAGOV`` → (USA, GOV); ``IGOUNO`` → (None, IGO); ``ELI`` → (None, ELI); ``FRD`` → (FRD, None)."""
    if code.startswith("IGO"):
        return None, "IGO"
    head, rest = code[:3], code[3:6]
    if head in SECTORS:
        return None, head
    return head, rest or None


def _display(token: str) -> str:
    """``VLADIMIR_PUTIN_`` → ``Vladimir Putin``."""
    words = token.replace("_", " ").split()
    return " ".join(w if any(c.islower() for c in w) else w.capitalize() for w in words)


def _expand(form: str, substitutions: dict[str, list[str]]) -> list[str]:
    for marker, options in substitutions.items():
        if marker in form:
            return [
                x
                for option in options
                for x in _expand(form.replace(marker, option, 1), substitutions)
            ]
    return [form]
