"""From an event candidate's phrases to actors: who did it, and to whom.

The coder (:mod:`detente.events.coder`) hands each candidate's source and target phrases
here. A phrase naming an actor resolves through the article's actor resolver; a thing
stands for whoever owns, marks, made or receives it ("Chinese imports", "accusations by the
opposition party", "a suspension of aid to Malawi"); a place stands for its country; and when
the candidate's own slots named no target, :func:`choose_target` picks one of the possible
targets the parse offered.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..actors.resolver import ELSEWHERE
from ..model import Actor, Event, Location
from .syntax import (
    PLACE_ENTS,
    entity_span,
    names_a_country,
    phrase,
    pobj_of,
    prep_objects,
)
from .targets import PLACE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .extract import Candidate

A = TypeVar("A", Actor, Actor | None)


class ArticleActorsLike(Protocol):
    """What the coder needs of one article's actor resolution
    (:class:`detente.actors.resolver.ArticleActors`)."""

    def resolve(self, span: Span) -> Actor | None: ...
    def sides(self, span: Span, besides: Collection[str] = ()) -> list[Actor]: ...
    def resolve_place(self, span: Span) -> Location | None: ...
    def sentence_countries(self, sentence: Span) -> set[str]: ...
    def country_marked(self, span: Span) -> str | None: ...
    def mentions(self) -> list[Any]: ...
    def learned(self) -> list[Any]: ...


def char_span(span: Span) -> tuple[int, int]:
    """A span's character offsets in the article."""
    return (span.start_char, span.end_char)


def participant(span: Span, actors: ArticleActorsLike) -> Actor | None:
    """The actor a participant phrase names; an unresolved actor (empty code) when the
    phrase is a plausible participant nobody can name; None for a bare pronoun."""
    resolved = actors.resolve(span)
    if resolved is None or not resolved.code:
        resolved = _owner(span, actors) or resolved
    if resolved is not None:
        return replace(resolved, text=span.text, span=char_span(span))
    if span.root.pos_ == "PRON" and len(span) == 1:
        return None  # a bare pronoun nobody resolved; not "Vice Premier Liu He"
    return Actor(text=span.text, code="", span=char_span(span))


_OWNER_PREPOSITIONS = frozenset({"by", "of", "from"})


def _owner(
    span: Span,
    actors: ArticleActorsLike,
    prepositions: frozenset[str] = _OWNER_PREPOSITIONS,
    proper_names_only: bool = False,
) -> Actor | None:
    """The actor a thing belongs to, when the phrase names a thing: "the missile launch by
    North Korea" stands for North Korea, "Turkey's offer" for Turkey. With
    ``proper_names_only``, an owner after a preposition must be a proper name ("the
    resignation of President Maduro", not "a team of paratroopers")."""
    for token in span:
        if token.i == span.root.i:
            continue
        owner = token.dep_ == "poss" and token.head.i == span.root.i
        owner = owner or (
            token.dep_ == "pobj"
            and token.head.lower_ in prepositions
            and token.head.head.i == span.root.i
            and (token.pos_ == "PROPN" or not proper_names_only)
        )
        owner = owner or _national_mark(token, span.root)
        if owner:
            named = phrase(token)
            actor = actors.resolve(named)
            if actor is not None and actor.code:
                return replace(actor, text=named.text, span=char_span(named))
    return None


_MARKING_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})


def _national_mark(token: Token, thing: Token) -> bool:
    """Whether a country's name or adjective marks the thing: "Chinese imports", "U.S.
    sanctions", "a British-flagged tanker"."""
    if (
        token.ent_type_ not in ("NORP", "GPE")
        or token.i > thing.i
        or token.dep_ not in _MARKING_DEPS
    ):
        return False
    if token.ent_type_ == "GPE" and not names_a_country(token):
        return False  # "the Paris agreement", "the Minsk accords": where, not whose
    head = token.head
    return head.i == thing.i or (head.head.i == thing.i and head.dep_ in ("amod", "compound"))


def target_actor(span: Span, actors: ArticleActorsLike, material: bool = False) -> Actor | None:
    """The target actor; a place stands for its country ("arrived in Vladivostok" → RUS,
    "struck Kharkiv" → UKR). ``material``: the event is a deed (aid, force, withdrawal), so
    a name the tagger did not call a place may still be one ("withdrew from Kherson"); for
    words ("will host Kim") it is not."""
    if span.root.ent_type_ in PLACE_ENTS and actors.resolve(span) is None:
        country = _country_of(span, actors)
        if country:
            return Actor(text=span.text, code=country, country=country, span=char_span(span))
    author = _author(span, actors)
    if author is not None:
        return author
    actor = participant(span, actors)
    if (
        material
        and actor is not None
        and not actor.code
        and not actor.name
        and span.root.pos_ == "PROPN"
    ):
        # "withdrew from Kherson", "struck Kharkiv": a town the tagger took for a person or
        # a body, when the whole name is a known place
        located = actors.resolve_place(span)
        if located is not None and located.country and located.span == char_span(span):
            return replace(actor, code=located.country, country=located.country)
    if actor is not None and not actor.code and span.root.pos_ == "NOUN":
        recipient = _recipient(span.root, actors)
        if recipient is not None:
            return recipient
        # "condemned the coup in Myanmar": a thing done in a country is that country's;
        # "shelled the city of Kharkiv": a place named for its town is its country
        country = _country_where(span.root, actors)
        if country is None and span.root.lemma_.lower() in PLACE_NOUNS:
            country = _country_of(span, actors)
        if country:
            return replace(actor, code=country, country=country)
    if actor is not None and not actor.code:
        # a thing or a group of a country that names no body: "the Philippine plan of
        # action", "Afghan mujahideen", "a museum in Germany"
        country = actors.country_marked(span)
        if country:  # a guess: no state need act ("a valuation in a U.S. IPO")
            return replace(actor, code=country, country=country, country_inferred=True)
    return actor


_AUTHOR_PREPOSITIONS = frozenset({"by"})


def _author(span: Span, actors: ArticleActorsLike) -> Actor | None:
    """Who made a thing an event is done to, named after it: "rejected accusations by the
    opposition party" is done to the party, and the party alone is the target's text."""
    head = span.root
    resolved = actors.resolve(head.doc[head.i : head.i + 1])
    if head.pos_ != "NOUN" or (resolved is not None and resolved.code):
        return None  # "the army of Cambodia", "President Putin": the head names the actor
    author = _owner(span, actors, _AUTHOR_PREPOSITIONS)
    if author is None or author.span is None or author.span[0] < span.root.idx:
        return None  # "Turkey's offer", "Chinese imports": the whole phrase names it
    return author


# Prepositions that say whom a thing is given, aimed or applied to: "aid to Guatemala",
# "sanctions against the OPEC member", "a dinner for Netanyahu", "air links with Europe".
_RECIPIENT_PREPOSITIONS = frozenset({"to", "on", "against", "with", "for", "toward", "towards"})
# How a recipient may hang below the thing: through "of" phrases and participles
# ("a suspension of aid to Guatemala", "sanctions imposed on Eritrea").
_RECIPIENT_PATH_DEPS = frozenset({"prep", "pobj", "acl", "conj"})


def _recipient(thing: Token, actors: ArticleActorsLike) -> Actor | None:
    """The actor a thing nobody owns is given or aimed to, when the phrase names one: inside
    the phrase, on the noun it is "of" ("a suspension of aid to Malawi"), or on the verb
    that takes it ("backed assistance to Moldova")."""
    holder = thing
    while holder.dep_ == "pobj" and holder.head.lower_ == "of" and holder.head.head.pos_ == "NOUN":
        holder = holder.head.head
    for token in holder.subtree:
        preposition = token.head
        if (
            token.dep_ == "pobj"
            and preposition.lower_ in _RECIPIENT_PREPOSITIONS
            and _hangs_from(preposition, holder)
        ):
            found = _named_recipient(token, actors)
            if found is not None:
                return found
    if holder.dep_ == "dobj":
        verb = holder.head
        for preposition in verb.children:
            if preposition.lower_ in _RECIPIENT_PREPOSITIONS and preposition.i > holder.i:
                for token in preposition.children:
                    found = _named_recipient(token, actors) if token.dep_ == "pobj" else None
                    if found is not None:
                        return found
    return None


def _named_recipient(token: Token, actors: ArticleActorsLike) -> Actor | None:
    words = phrase(token)
    named = _named_actor(words, actors) or _place_in_a_country(words, actors)
    found = target_actor(named, actors) if named is not None else None
    return found if found is not None and found.code else None


def _hangs_from(token: Token, thing: Token) -> bool:
    while token.i != thing.i:
        if token.dep_ not in _RECIPIENT_PATH_DEPS:
            return False
        token = token.head
    return True


_NEAR = {"near", "outside", "around"}


def _country_where(thing: Token, actors: ArticleActorsLike) -> str | None:
    # "the coup in Myanmar"; for a place, also "a town near Aleppo", "a city outside Kabul"
    where = {"in"} | (_NEAR if thing.lemma_.lower() in PLACE_NOUNS else set())
    for preposition in thing.children:
        if preposition.dep_ == "prep" and preposition.lower_ in where:
            place = pobj_of(preposition)
            if place is not None and place.ent_type_ in PLACE_ENTS:
                return _country_of(entity_span(place), actors)
            if place is not None and place.lemma_.lower() in ("country", "nation"):
                return _country_of(place.doc[place.left_edge.i : place.i + 1], actors)
            if place is not None and any(
                t.ent_type_ in PLACE_ENTS and t.dep_ == "poss" for t in place.children
            ):  # "in the Gaza Strip's border regions", "in Syria's north"
                return _country_of(place.doc[place.left_edge.i : place.i + 1], actors)
    return None


def choose_target(candidate: Candidate, actors: ArticleActorsLike) -> None:
    """Take the first of the candidate's possible targets that names an actor, keeping only
    the coordinated phrases that do ("between it and Israel" → Israel); failing that, the
    first that names a place in a known country ("a ceasefire in Idlib" → SYR); failing
    that, the first that names a body nobody has coded ("the ban imposed on the LTTE"); and
    failing that, one that stands for a deed reported before ("called the decision
    regrettable", see :func:`earlier_doer`)."""
    picks: tuple[Callable[[Span, ArticleActorsLike], Span | None], ...] = (
        _named_actor,
        _place_in_a_country,
        _uncoded_name,
        _opposite_party,
        _earlier_deed,
    )
    options = candidate.target_options
    if candidate.code.startswith("01") or candidate.code in ("040", "041"):
        # where it was said or discussed is never whom a statement or a consultation is
        # about ("spoke at a press conference in Budapest", "discussed the situation in
        # southeast Ukraine")
        picks = tuple(p for p in picks if p is not _place_in_a_country)
        options = [o for o in options if not any(_where(span) for span in o)]
    for pick in picks:
        for option in options:
            named = [found for found in (pick(span, actors) for span in option) if found]
            if named:
                candidate.targets = named
                candidate.target_guessed = True
                return


def _where(span: Span) -> bool:
    """A phrase saying where: "in Budapest", "at the UN"."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in ("in", "at")


# Nouns that stand for the deed the article reported last: "Seoul called the decision
# regrettable" after "North Korea pulled its staff out".
_DEED_NOUNS = frozenset({"decision", "move", "step", "action", "measure"})
_POINTING = frozenset({"the", "this", "that"})


def _earlier_deed(span: Span, actors: ArticleActorsLike) -> Span | None:
    return span if _stands_for_a_deed(span) else None


def _stands_for_a_deed(span: Span) -> bool:
    root = span.root
    if root.lemma_.lower() not in _DEED_NOUNS:
        return False
    determiners = [c for c in root.children if c.dep_ == "det"]
    others = [c for c in root.children if c.dep_ not in ("det", "punct")]
    # not "its decision", "the decision to withdraw": they say whose or what
    return not others and any(d.lower_ in _POINTING for d in determiners)


def earlier_doer(span: Span, sentence_index: int, earlier: Sequence[Event]) -> Actor | None:
    """The doer of the last asserted event of an earlier sentence, for a bare "the decision"
    or "this move" that stands for it; None otherwise."""
    if not _stands_for_a_deed(span):
        return None
    for event in reversed(earlier):
        if event.sentence_index < sentence_index and event.modality == "asserted":
            if event.source.country:
                return replace(event.source, text=span.text, span=char_span(span))
            return None
    return None


# Whose thing a guessed target is: "accusations by the U.S.", not "a team of paratroopers";
# after "of", a proper name ("the resignation of President Maduro").
_GUESSED_OWNER_PREPOSITIONS = frozenset({"by", "from"})
_PROPER_OWNER_PREPOSITIONS = frozenset({"of"})


def _named_actor(span: Span, actors: ArticleActorsLike) -> Span | None:
    """A phrase naming an actor, or a thing an actor owns ("China's exports", "Chinese
    imports", "charges by the State Department")."""
    actor = actors.resolve(span)
    if actor is None or not actor.code:
        actor = _owner(span, actors, _GUESSED_OWNER_PREPOSITIONS) or _owner(
            span, actors, _PROPER_OWNER_PREPOSITIONS, proper_names_only=True
        )
    unplaced = actor is not None and (not actor.country or actor.country_inferred)
    if unplaced and span.root.pos_ != "PROPN":
        # "sent 30,000 troops": whose, nobody says (or only the article's context: "set up
        # a company in Berlin" is done in Berlin); not whom it was done to
        return None
    return span if actor is not None and actor.code else None


def _place_in_a_country(span: Span, actors: ArticleActorsLike) -> Span | None:
    """The place a phrase is headed by, when its country is known ("Hodeidah, a major
    flashpoint" → "Hodeidah")."""
    if span.root.ent_type_ not in PLACE_ENTS:
        return None
    place = entity_span(span.root)
    return place if _country_of(place, actors) else None


def _uncoded_name(span: Span, actors: ArticleActorsLike) -> Span | None:
    """A named organisation or person the actor tables do not know."""
    named = span.root.pos_ == "PROPN" and span.root.ent_type_ in ("ORG", "PERSON", "NORP")
    return span if named else None


# Prepositions that name the other party of what was done: "investigations against 15
# executives", "mediation with the truckers", "demands by protesters".
_PARTY_PREPOSITIONS = frozenset({"against", "with", "by", "from", "on"})
# After "on" the things measures hold for are plenty ("a ban on tests"): only a body or
# a count of people ("restrictions on the LTTE", "on millions of foreign workers").
_BODY_ONLY_PREPOSITIONS = frozenset({"on"})


def _opposite_party(span: Span, actors: ArticleActorsLike) -> Span | None:
    """A group or organisation the actor tables do not know, named as the other party."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in _PARTY_PREPOSITIONS:
        return None
    counted = root.ent_type_ == "CARDINAL"
    if counted:  # "hundreds of banks"
        root = next(iter(prep_objects(root, "of")), root)
    body = root.ent_type_ in ("ORG", "NORP")
    if span.root.head.lower_ in _BODY_ONLY_PREPOSITIONS and not (body or counted):
        return None
    resolved = actors.resolve(span)
    kind = resolved is not None and bool(resolved.code)  # "demands from rebel group": REB
    group = root.tag_ in ("NNS", "NNPS") or body or kind
    return span if group and root.ent_type_ not in ("DATE", "TIME", "MONEY") else None


def _country_of(place: Span, actors: ArticleActorsLike) -> str | None:
    located = actors.resolve_place(place)
    return located.country if located is not None and located.country else None


def state_at(place: Span, actors: ArticleActorsLike) -> Actor | None:
    """The authorities of the country a place is in ("in Rwanda" → RWAGOV)."""
    country = _country_of(place, actors)
    if country is None:
        return None
    return Actor(
        text=place.text, code=f"{country}GOV", country=country, sector="GOV", span=char_span(place)
    )


# Sectors whose members belong to the country they act in: police, protesters, courts,
# students, workers, civilians ("protesters marched through Caracas" are Venezuelans).
LOCAL_SECTORS = frozenset({"COP", "OPP", "JUD", "EDU", "LAB", "CVL"})


def placed(actor: A, location: Location | None, code: str = "") -> A:
    """A local actor of no known country takes the country where the event happened; so
    does the thing an act of force (``code``) struck there, which names no one ("struck a
    target in the Gaza Strip" → PSE, as the CAMEO codebook lets a location be the target)."""
    if actor is None or actor.country or location is None or not location.country:
        return actor
    if actor.sector in LOCAL_SECTORS:
        return replace(actor, country=location.country, code=f"{location.country}{actor.sector}")
    if not actor.code and code[:2] in _FORCE_ROOTS:
        return replace(
            actor, country=location.country, code=location.country, country_inferred=True
        )
    return actor


_FORCE_ROOTS = frozenset({"18", "19", "20"})

# Acts whose recipient may be no one but the place they are done in: aid given "in Haiti"
# (07), a curfew eased or a ceasefire declared "in Yemen" (08).
_DONE_TO_A_PLACE_ROOTS = frozenset({"07", "08"})


def done_to_a_place(code: str) -> bool:
    """Whether an event of ``code`` may be done to no one but the place it is done in."""
    return code[:2] in _DONE_TO_A_PLACE_ROOTS


def place_as_target(location: Location | None, code: str) -> Actor | None:
    """The place an act of aid or of yielding was done in, where the text names no one it
    was done for: "USAID deployed rescue teams in Haiti" is aid to Haiti, "the coalition
    declared a ceasefire in Yemen" yields to Yemen. A guess: the country of a place."""
    if location is None or not location.country or not done_to_a_place(code):
        return None
    return Actor(
        text=location.text,
        code=location.country,
        country=location.country,
        span=location.span,
        country_inferred=True,
    )


# Acts a state does to people within its own jurisdiction: investigations (09), protests
# and their policing (14), arrests, trials and other coercion (17), and releasing people
# (0841). Not deportations and expulsions (174, 166x), whose targets are foreigners by
# definition, nor force (18-20), which crosses borders.
_AT_HOME_ROOTS = frozenset({"09", "14", "17"})
_AT_HOME_CODES = frozenset({"0841"})
_ABROAD_CODES = frozenset({"174"})


def held_by(target: A, source: Actor, code: str, doc: Doc) -> A:
    """The people a state's organs act on at home: "Turkish police detained 40 people" are
    people in Turkey, "Rwanda arrested Ingabire" a person there, and "Chinese regulators
    investigated Alibaba Group" a firm there. For such acts (``code``), a target known only
    by its sector, or a person or organisation nobody has coded, takes the source's
    country, as a guess (an organisation's kind stays unsaid)."""
    at_home = (code[:2] in _AT_HOME_ROOTS or code in _AT_HOME_CODES) and code not in _ABROAD_CODES
    if (
        not at_home
        or target is None
        or target.country
        or target.sector == "IGO"
        or not source.country
        or source.sector == "IGO"
    ):
        return target
    kind = _uncoded_kind(target, doc)
    sector = target.sector or (_PERSON_SECTOR if kind == "PERSON" else None)
    if sector is None and kind != "ORG":
        return target
    return replace(
        target,
        country=source.country,
        sector=sector,
        code=f"{source.country}{sector or ''}",
        country_inferred=True,
    )


_PERSON_SECTOR = "CVL"
"""The sector of a person known by name only: a civilian, until the text says more."""


def _uncoded_kind(side: Actor, doc: Doc) -> str | None:
    """What an uncoded side names, by its head's entity type: a person ("Ingabire", "the
    journalist Moussa X") or an organisation ("Alibaba Group"); None for anything else."""
    if side.code or side.span is None:
        return None
    words = doc.char_span(*side.span, alignment_mode="expand")
    kind = words.root.ent_type_ if words is not None else ""
    return kind if kind in ("PERSON", "ORG") else None


# Acts whose other side is rarely at home: aid and material help (06, 07) go abroad, and
# the people a state expels (166x, 174) are foreigners.
_ABROAD_ROOTS = frozenset({"06", "07"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# The sides of a domestic quarrel that name no country of their own: "the authorities",
# "police", "protesters", "the opposition", "militants", "students".
_HOME_SIDES = LOCAL_SECTORS | {"GOV", "REB", "PTY", "ELI", "MIL"}


def at_home(
    source: Actor, target: A, code: str, named: Collection[str], doc: Doc
) -> tuple[Actor, A]:
    """The sides of an event within one country. Where the sentence names one country only
    and one side is of it, the other side known only by a domestic sector ("the
    authorities", "protesters", "militants") is of it too, as a guess: "a Bolivian
    opposition figure surrendered to the authorities" is Bolivia's. Not for aid, which
    crosses borders, nor expulsions, nor a phrase that says its people are from elsewhere
    ("foreign workers") or a named group ("Islamic State militants")."""
    target = held_by(target, source, code, doc)
    if (
        target is None
        or len(set(named)) > 1
        or code[:2] in _ABROAD_ROOTS
        or code in _ABROAD_CODES
        or code.startswith("166")
    ):
        return source, target
    if _of_home(target, source, named, doc):
        sector = target.sector
        if sector == "GOV" and source.sector in _STATE_SECTORS:
            return source, target  # a state's organ and "the government": whose, unsaid
        target = _placed_at_home(target, source.country)
    elif _of_home(source, target, named, doc) and source.sector != "GOV":
        source = _placed_at_home(source, target.country)
    return source, target


# Names that do not make a phrase a named group: people and places ("former mayor
# Vicencio Scarano", "militants in South Waziristan").
_NOT_A_GROUP = frozenset({"PERSON", "GPE", "LOC", "FAC"})


def _a_named_group(words: Span) -> bool:
    """ "Islamic State militants", "Kurdish fighters", "Hamas": a group or a people with a
    name of its own, which need not be of the country where it acts."""
    head = words.root
    return any(t.ent_type_ in ("ORG", "NORP") for t in words) or (
        head.pos_ == "PROPN" and head.ent_type_ not in _NOT_A_GROUP
    )


def _of_home(side: Actor, other: Actor, named: Collection[str], doc: Doc) -> bool:
    """Whether ``side``, of no country, may be of ``other``'s, the sentence's one country."""
    words = doc.char_span(*side.span, alignment_mode="expand") if side.span else None
    return (
        words is not None
        and not _a_named_group(words)
        and not side.country
        and side.sector in _HOME_SIDES
        and bool(other.country)
        and other.sector not in ("IGO",)
        and other.country in named
        and other.sector in _STATE_SECTORS | _HOME_SIDES | {None}
        and not any(t.lower_ in ELSEWHERE for t in words)
    )


def _placed_at_home(side: A, country: str | None) -> A:
    return replace(side, country=country, code=f"{country}{side.sector}", country_inferred=True)
