"""The field's verb dictionary: PETRARCH's CAMEO verb patterns, compiled for dependency parses.

The CAMEO verb pattern dictionary (``CAMEO.2.0.txt``, Open Event Data Alliance, MIT; see
``data/events/LICENSE.petrarch2``) records, for some 400 blocks of synonymous verbs, which
verb with which object means which CAMEO code. ``scripts/build_cameo_verbs.py`` compiles it
with :func:`compile_dictionary` into ``data/events/cameo_verbs.json``, so the package never
reads the source at run time; our own additions (``data/events/verb_patterns.txt``, the
same syntax) are compiled when the dictionary loads. :mod:`detente.events.verbmatch`
matches the compiled patterns against a verb in a spaCy parse.

What a block is: a header ``---  NAME   [code]  ---``, verb lines (``GIVE {GAVE GIVEN}``,
an optional ``[code]`` of the verb on its own; ``+SET_UP`` is a verb with its particle),
then patterns ``- <words before> * <words after> [code] # verbs it came from``. In PETRARCH
a pattern applies to every verb of its block; here a pattern whose comment names verbs of
its block (``# GIVE , PROVIDE``, ``# CALLED_OFF``: the verbs it was first written for)
applies to those only, since block synonyms are loose (ATTACK stands beside CLASH, BASE
beside PUT); a pattern without such a comment applies to the whole block. A verb on its
own takes its line's code, else the block's; ``[---]`` is PETRARCH's null code: no event.

Supported pattern syntax, and how each piece maps onto a dependency parse:

* ``WORD`` before ``*``: a word of the verb's subject phrase ("&MILITARY *": soldiers).
* ``WORD`` after ``*``: the head of the verb's object (direct object, dative, attribute)
  or one of its modifiers, or a particle or adverb of the verb ("SET * OUT VIEWS").
* ``{A B}``: a noun phrase, ``B`` its head and ``A`` a word inside it ("{ARREST WARRANT}").
* ``(PREP A ...)``: a prepositional phrase on the verb, its object or an earlier
  phrase's object, whose object matches ``A ...``; ``(TO)`` only needs the preposition;
  ``(TO/FOR X)`` either preposition. A bare preposition after ``*`` ("TROOP TOWARD +")
  opens such a phrase.
* ``&SET``: any phrase of the synonym set (``&CURRENCY``, ``&WEAPON``); a set named with
  a trailing ``_`` has no plurals, otherwise plurals match their singular.
* ``+`` after ``*``: where the target is (the direct object, or the phrase it is in);
  ``$`` before ``*`` and ``^`` (skip a phrase) and ``%`` (compound actor) are accepted
  and ignored: the coder finds sources in the parse.
* codes: ``[code]``, ``[---]`` (no event), ``[code:code]`` (the target's answer; a
  symmetric pair such as ``[040:040]`` marks a reciprocal event).

Skipped, and counted as skipped by :func:`compile_dictionary`:

* patterns with ``+`` before ``*`` or ``$`` after it: they turn the roles round (the
  subject is the target); the coder's source and target come from the parse, not from
  pattern markers, so such a pattern would give the event to the wrong side;
* codes with an empty first part (``[:173]``): only the target's answer is coded;
* codes that are not in CAMEO (``[080!]``).

Not interpreted: the order of words (a parse says which word is which role better than
word order), PETRARCH's transformations section (``~ a (a b ATTACK) SAY``: the coder's
own speech and claim rules cover them), and TABARI's word stems (``RESTOR``): they stay
words and rarely match.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from importlib.resources.abc import Traversable

from ..errors import DetenteError
from .ontology import is_code

DATA_PACKAGE = "detente"
COMPILED = "data/events/cameo_verbs.json"
SUPPLEMENT = "data/events/verb_patterns.txt"
NULL_CODE = "---"

# Words a pattern writes after "*" that open a prepositional phrase without brackets.
PREPOSITIONS = frozenset(
    {
        "to",
        "toward",
        "towards",
        "of",
        "in",
        "into",
        "on",
        "onto",
        "over",
        "with",
        "from",
        "against",
        "for",
        "at",
        "by",
        "about",
        "between",
        "near",
        "along",
        "across",
        "through",
        "under",
        "behind",
        "before",
        "after",
        "during",
        "upon",
        "within",
        "without",
        "until",
        "among",
        "around",
        "off",
    }
)
_DETERMINERS = frozenset({"a", "an", "the"})
_MARKERS = frozenset({"$", "+", "^", "%"})
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*---")
_CODE = re.compile(r"\[([^\]]*)\]")
_TOKEN = re.compile(r"[{}()*]|[^\s{}()*]+")


class VerbDictionaryError(DetenteError):
    """The compiled verb dictionary is missing or malformed (a packaging bug)."""

    code = "D062"


@dataclass(frozen=True)
class PrepPhrase:
    """``(PREP A ...)``: one of the prepositions, its object matching every element."""

    prepositions: tuple[str, ...]
    elements: tuple[str, ...]
    target: bool = False
    """The phrase holds the event's target (``(WITH +)``)."""


@dataclass(frozen=True)
class Pattern:
    """One compiled pattern: what must be in the subject, the object and which phrases."""

    code: str
    """A CAMEO code, or ``---`` for no event."""
    subject: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    phrases: tuple[PrepPhrase, ...] = ()
    reciprocal: bool = False
    target_is_object: bool = False
    """``* +``: the direct object is the target."""
    line: int = 0
    source: str = "cameo"
    verbs: tuple[str, ...] = ()
    """The verbs of its block it was found with (its comment: ``# GIVE , PROVIDE``), as
    ``lemma`` or ``lemma particle``; empty: every verb of the block."""

    @property
    def specificity(self) -> int:
        """How much of the sentence the pattern names: each word and each phrase
        ("{ARREST WARRANT}" names more than "WARRANT")."""

        def words(elements: tuple[str, ...]) -> int:
            return sum(len(e.split()) for e in elements)

        return (
            words(self.subject)
            + words(self.objects)
            + sum(1 + words(p.elements) for p in self.phrases)
        )

    @property
    def names_object(self) -> bool:
        """Whether it names what the verb is done to or about, not just the verb."""
        return bool(self.objects) or any(p.elements for p in self.phrases)


@dataclass(frozen=True)
class VerbEntry:
    """One verb of a block: its lemma, an optional particle, its own code."""

    lemma: str
    particle: str | None
    code: str | None
    """The code of the verb on its own (its line's, else its block's); None: no event."""
    block: str

    @property
    def key(self) -> str:
        return f"{self.lemma} {self.particle}" if self.particle else self.lemma


@dataclass
class CompileReport:
    """What compiling a dictionary text made of it."""

    blocks: int = 0
    blocks_compiled: int = 0
    """Blocks with at least one verb and every pattern either compiled or knowingly skipped."""
    patterns: int = 0
    patterns_compiled: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


@dataclass
class VerbDictionary:
    """Compiled blocks: verbs, their patterns (most specific first) and the synonym sets."""

    sets: dict[str, tuple[str, ...]]
    verbs: dict[str, list[VerbEntry]]
    """lemma → the verb's entries (one per block, and per particle)."""
    patterns: dict[str, list[Pattern]]
    """block → its patterns, most specific first."""
    report: CompileReport = field(default_factory=CompileReport)

    def patterns_for(self, block: str) -> list[Pattern]:
        return self.patterns.get(block, [])


# --- reading the text -----------------------------------------------------------------------


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def singular(word: str) -> str:
    """A naive singular of a dictionary noun: PETRARCH writes plurals out (SANCTIONS)."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "ews", "ics", "_")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def _word(raw: str) -> str:
    """A dictionary word as the parse writes it: lower case, underscores as spaces."""
    return raw.lower().strip("_").replace("_", " ")


def _read_sets(lines: list[tuple[int, str]]) -> dict[str, tuple[str, ...]]:
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for _, line in lines:
        text = _strip_comment(line).strip()
        if text.startswith("&"):
            current = text[1:].lower()
            sets.setdefault(current, [])
        elif text.startswith("+") and current is not None:
            sets[current].append(_word(text[1:].split("{")[0].strip()))
        elif text:
            current = None
    return {name.rstrip("_"): tuple(dict.fromkeys(words)) for name, words in sets.items()}


def _verb_line(text: str, block: str, block_code: str | None) -> VerbEntry | None:
    """``GIVE {GIVES GAVE} [070]`` or ``+SET_UP {...}``: the verb, its particle, its code."""
    multi = text.startswith("+")
    head = text.lstrip("+").split("{")[0].split("[")[0].strip()
    if not head or " " in head.strip():
        return None
    codes = _CODE.findall(text.split("}")[-1])
    code = block_code
    if codes:
        code = _forward_code(codes[0].strip())
    words = head.lower().replace("-", "_").split("_") if multi else [head.lower()]
    if not multi and "-" in head:
        words = [head.lower()]  # "RE-ADMIT": the parse splits the prefix off
    return VerbEntry(
        lemma=words[0],
        particle=" ".join(words[1:]) or None,
        code=code,
        block=block,
    )


def _forward_code(text: str) -> str | None:
    """The code of a ``[code]`` or ``[code:reply]``; None for no forward code."""
    first = text.split(":", 1)[0].strip()
    if first == NULL_CODE:
        return NULL_CODE
    return first if first and is_code(first) else None


def _inflections(base: str) -> set[str]:
    """Regular forms of a verb, to read which verb a pattern's comment names ("CALLED_OFF")."""
    forms = {base, base + "s", base + "es", base + "ed", base + "d", base + "ing"}
    if base.endswith("e"):
        forms.add(base[:-1] + "ing")
    if base.endswith("y"):
        forms.update({base[:-1] + "ied", base[:-1] + "ies"})
    if len(base) > 2 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou":
        forms.update({base + base[-1] + "ed", base + base[-1] + "ing"})
    return forms


def _verb_forms(text: str, entry: VerbEntry) -> dict[str, str]:
    """Every written form of a verb line (its irregular forms in braces and the regular
    ones) → the entry's key."""
    first, _, rest = entry.key.partition(" ")
    forms = {f"{f} {rest}".strip() for f in _inflections(first)}
    if "{" in text:
        braces = text.split("{", 1)[1].split("}", 1)[0]
        forms.update(_word(f.lstrip("+").strip(",")) for f in braces.split() if f.strip(",+"))
    return {form.replace("-", " "): entry.key for form in forms}


def _comment_verbs(line: str, forms: dict[str, str]) -> tuple[str, ...]:
    """The block's verbs a pattern's comment names: ``# GIVE , PROVIDE`` → give, provide."""
    if "#" not in line:
        return ()
    found = []
    for name in line.split("#", 1)[1].split(","):
        words = name.split()
        if words:
            key = forms.get(_word(words[0]).replace("-", " "))
            if key is not None:
                found.append(key)
    return tuple(dict.fromkeys(found))


# --- compiling one pattern ------------------------------------------------------------------


class _Unsupported(Exception):
    """A pattern outside the supported syntax; the message is the reason counted."""


def _elements(tokens: list[str], sets: dict[str, tuple[str, ...]]) -> list[str]:
    """Words, ``{phrases}`` and ``&SETS`` in order, as element strings."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "{":
            if "}" not in tokens[i:]:
                raise _Unsupported("unclosed brace")
            end = tokens.index("}", i)
            words = [_element_word(t, sets) for t in tokens[i + 1 : end] if t not in _MARKERS]
            if words:
                out.append(" ".join(words))
            i = end + 1
            continue
        if token not in _MARKERS and token.lower() not in _DETERMINERS:
            out.append(_element_word(token, sets))
        i += 1
    return out


def _element_word(token: str, sets: dict[str, tuple[str, ...]]) -> str:
    if token.startswith("&"):
        name = token[1:].lower().rstrip("_")
        if name not in sets:
            raise _Unsupported("undefined synonym set")
        return "&" + name
    return _word(token)


def _group(tokens: list[str]) -> list[list[str] | str]:
    """Bracketed ``( ... )`` phrases as lists, the rest as tokens."""
    out: list[list[str] | str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "(":
            if ")" not in tokens[i:]:
                raise _Unsupported("unclosed bracket")
            end = tokens.index(")", i)
            out.append(tokens[i + 1 : end])
            i = end + 1
        else:
            out.append(tokens[i])
            i += 1
    return out


def _phrase(tokens: list[str], sets: dict[str, tuple[str, ...]]) -> PrepPhrase:
    if not tokens or tokens[0] in _MARKERS or tokens[0] in "{}":
        raise _Unsupported("phrase without a preposition")
    prepositions = tuple(p.lower() for p in tokens[0].split("/"))
    return PrepPhrase(
        prepositions=prepositions,
        elements=tuple(_elements(tokens[1:], sets)),
        target="+" in tokens[1:],
    )


def compile_pattern(
    text: str, sets: dict[str, tuple[str, ...]], line: int = 0, source: str = "cameo"
) -> Pattern:
    """One ``- words * words [code]`` line (comment already cut) as a :class:`Pattern`;
    raises ``_Unsupported`` with the reason for what is knowingly left out."""
    codes = _CODE.findall(text)
    if not codes:
        raise _Unsupported("no code")
    raw_code = codes[-1].strip()
    code = _forward_code(raw_code)
    if code is None:
        raise _Unsupported("no forward code" if raw_code.startswith(":") else "not a CAMEO code")
    body = _CODE.sub(" ", text).strip().lstrip("-").strip()
    tokens = _TOKEN.findall(body)
    if tokens.count("*") != 1:
        raise _Unsupported("no single verb position")
    star = tokens.index("*")
    before, after = tokens[:star], tokens[star + 1 :]
    if "+" in before or "$" in after or any("$" in t for t in after):
        raise _Unsupported("roles turned round")
    phrases: list[PrepPhrase] = []
    pending: list[str] | None = None  # a bare preposition's phrase being read
    for item in _group(after):
        if isinstance(item, list):
            if pending is not None:
                phrases.append(_phrase(pending, sets))
                pending = None
            phrases.append(_phrase(item, sets))
        elif item.lower() in PREPOSITIONS and "/" not in item:
            if pending is not None:
                phrases.append(_phrase(pending, sets))
            pending = [item]
        elif pending is not None:
            pending.append(item)
    if pending is not None:
        phrases.append(_phrase(pending, sets))
    objects = _elements(_bare(after), sets)
    first_code = raw_code.split(":")
    return Pattern(
        code=code,
        subject=tuple(_elements(before, sets)),
        objects=tuple(objects),
        phrases=tuple(phrases),
        reciprocal=len(first_code) == 2 and first_code[0] == first_code[1] != NULL_CODE,
        target_is_object=bool(after) and after[0] == "+",
        line=line,
        source=source,
    )


def _bare(tokens: list[str]) -> list[str]:
    """The tokens after ``*`` outside any ``( ... )`` and before a bare preposition."""
    out: list[str] = []
    depth = 0
    braced = False
    for token in tokens:
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif depth == 0:
            braced = (braced or token == "{") and token != "}"
            if token.lower() in PREPOSITIONS and not braced:
                break
            out.append(token)
    return out


# --- compiling a dictionary -----------------------------------------------------------------


def _numbered_lines(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.splitlines(), start=1))


def compile_dictionary(
    text: str, source: str = "cameo", known_sets: dict[str, tuple[str, ...]] | None = None
) -> VerbDictionary:
    """Every synonym set, verb block and pattern of a PETRARCH verb dictionary text; its
    patterns may also use ``known_sets`` (ours use the CAMEO dictionary's)."""
    lines = _numbered_lines(text)
    sets = {**(known_sets or {}), **_read_sets(lines)}
    report = CompileReport()
    verbs: dict[str, list[VerbEntry]] = {}
    patterns: dict[str, list[Pattern]] = {}
    block: str | None = None
    block_code: str | None = None
    block_verbs = 0
    forms: dict[str, str] = {}
    for number, line in lines:
        if line.startswith("########") and "TRANSFORMATIONS" in line:
            break
        header = _BLOCK.match(line)
        if header:
            if block is not None and block_verbs:
                report.blocks_compiled += 1
            block, block_verbs, forms = header.group(1).lower(), 0, {}
            block_code = _forward_code(header.group(2).strip()) or NULL_CODE
            report.blocks += 1
            patterns.setdefault(block, [])
            continue
        text_line = _strip_comment(line).strip()
        if block is None or not text_line or text_line.startswith("&"):
            continue
        if text_line.startswith("-"):
            report.patterns += 1
            try:
                pattern = compile_pattern(text_line, sets, number, source)
                verbs_named = _comment_verbs(line, forms)
                patterns[block].append(replace(pattern, verbs=verbs_named))
                report.patterns_compiled += 1
            except _Unsupported as reason:
                report.skip(str(reason))
            continue
        entry = _verb_line(text_line, block, block_code)
        if entry is None:
            report.skip("unreadable verb line")
            continue
        verbs.setdefault(entry.lemma, []).append(entry)
        forms.update(_verb_forms(text_line, entry))
        block_verbs += 1
    if block is not None and block_verbs:
        report.blocks_compiled += 1
    for found in patterns.values():
        found.sort(key=lambda p: -p.specificity)  # stable: file order at ties
    return VerbDictionary(sets=sets, verbs=verbs, patterns=patterns, report=report)


def merge(base: VerbDictionary, extra: VerbDictionary) -> VerbDictionary:
    """``base`` with ``extra``'s sets, verbs and patterns; at equal specificity the extra
    patterns come first (our own additions decide where both speak)."""
    sets = dict(base.sets)
    for name, words in extra.sets.items():
        sets[name] = tuple(dict.fromkeys(sets.get(name, ()) + words))
    verbs = {lemma: list(entries) for lemma, entries in base.verbs.items()}
    for lemma, entries in extra.verbs.items():
        known = {(e.block, e.particle) for e in verbs.get(lemma, [])}
        verbs.setdefault(lemma, []).extend(e for e in entries if (e.block, e.particle) not in known)
    patterns = {name: list(found) for name, found in base.patterns.items()}
    for name, found in extra.patterns.items():
        patterns[name] = sorted(found + patterns.get(name, []), key=lambda p: -p.specificity)
    return VerbDictionary(sets=sets, verbs=verbs, patterns=patterns, report=base.report)


# --- the compiled file ----------------------------------------------------------------------


def to_json(dictionary: VerbDictionary, source: str) -> str:
    """The compact form shipped in ``data/events/cameo_verbs.json``."""
    report = dictionary.report
    data = {
        "source": source,
        "report": {
            "blocks": report.blocks,
            "blocks_compiled": report.blocks_compiled,
            "patterns": report.patterns,
            "patterns_compiled": report.patterns_compiled,
            "skipped": report.skipped,
        },
        "sets": {name: list(words) for name, words in sorted(dictionary.sets.items())},
        "verbs": [
            [e.lemma, e.particle, e.code, e.block]
            for entries in dictionary.verbs.values()
            for e in entries
        ],
        "patterns": {
            block: [
                [
                    p.code,
                    list(p.subject),
                    list(p.objects),
                    [[list(f.prepositions), list(f.elements), f.target] for f in p.phrases],
                    p.reciprocal,
                    p.target_is_object,
                    p.line,
                    list(p.verbs),
                ]
                for p in found
            ]
            for block, found in dictionary.patterns.items()
        },
    }
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def from_json(text: str) -> VerbDictionary:
    try:
        data = json.loads(text)
        verbs: dict[str, list[VerbEntry]] = {}
        for lemma, particle, code, block in data["verbs"]:
            verbs.setdefault(lemma, []).append(VerbEntry(lemma, particle, code, block))
        patterns = {
            block: [
                Pattern(
                    code=code,
                    subject=tuple(subject),
                    objects=tuple(objects),
                    phrases=tuple(PrepPhrase(tuple(p), tuple(e), t) for p, e, t in phrases),
                    reciprocal=recip,
                    target_is_object=tobj,
                    line=line,
                    verbs=tuple(named),
                )
                for code, subject, objects, phrases, recip, tobj, line, named in found
            ]
            for block, found in data["patterns"].items()
        }
        report = CompileReport(**data["report"])
        sets = {name: tuple(words) for name, words in data["sets"].items()}
    except (ValueError, KeyError, TypeError) as exc:
        raise VerbDictionaryError(
            f"{COMPILED} is malformed ({exc}); rebuild it with scripts/build_cameo_verbs.py"
        ) from exc
    return VerbDictionary(sets=sets, verbs=verbs, patterns=patterns, report=report)


def _read(path: str) -> str:
    return resources.files(DATA_PACKAGE).joinpath(path).read_text(encoding="utf-8")


def verb_dictionary_sources() -> list[Traversable]:
    """The files :func:`load_verb_dictionary` reads."""
    return [resources.files(DATA_PACKAGE).joinpath(path) for path in (COMPILED, SUPPLEMENT)]


@functools.lru_cache(maxsize=1)
def load_verb_dictionary() -> VerbDictionary:
    """The compiled CAMEO dictionary with our own patterns (``verb_patterns.txt``) merged."""
    base = from_json(_read(COMPILED))
    return merge(base, compile_dictionary(_read(SUPPLEMENT), "detente", base.sets))
