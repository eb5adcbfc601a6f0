"""Relevance: whether a coded event is political news at all.

Ties and shifts are sums over events, so a false event moves them as much as a true one.
The rule and the actor classes are data (``data/events/relevance.tsv``, whose header states
them): an event is kept when a political actor (a state, an IGO, an actor of a political
sector) is its source or its target, or when a civil actor (ordinary people, students, the
media) or a named actor nobody resolved does or suffers a public act (a protest, an act of
force). Private actors (companies, athletes, clubs, artists, patients) never make an event
political. A bare statement (010, no target) is kept only when its political speaker speaks
about another political actor its sentence names, who becomes its target ("Russia still
expects Belarus to repay its debt, the minister said"); a reporting verb that only
attributes what it reports ("..., officials said") is no event.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING

from ..actors.lexicon import default_lexicon
from ..model import Actor, Event
from ..nlp import sentence_chunks
from .lexicon import DATA_DIR, DATA_PACKAGE, LexiconError
from .participants import ArticleActorsLike, participant

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

POLITICAL, CIVIL, PRIVATE = "political", "civil", "private"
_CLASSES = {
    "sector": {POLITICAL, CIVIL, PRIVATE},
    "noun": {PRIVATE},
    "unknown": {POLITICAL, CIVIL, PRIVATE},
    "root": {"public"},
    "topic": {"public"},
    "private-article": set(),  # numbers
}
BARE_STATEMENT = "010"
_NAME_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})


@dataclass(frozen=True)
class RelevanceTable:
    sectors: dict[str, str]
    private_nouns: frozenset[str]
    """Words that make an actor private ("player", "club", "singer")."""
    unknown: dict[str, str]
    """The class of an actor nobody resolved: 'named' or 'unnamed'."""
    public_roots: frozenset[str]
    """Roots of public acts (protest, force): political when civil actors take part."""
    public_topics: frozenset[str] = frozenset()
    """Words ("strike", "protest") that make every act of their sentence a public one."""
    max_political_share: float = 0.2
    """An article naming fewer political-sector actors per sentence is private..."""
    min_sentences: int = 5
    """... when it has at least this many sentences."""


@functools.lru_cache(maxsize=1)
def load_table() -> RelevanceTable:
    path = f"{DATA_DIR}/relevance.tsv"
    text = resources.files(DATA_PACKAGE).joinpath(path).read_text(encoding="utf-8")
    rows: dict[str, dict[str, str]] = {kind: {} for kind in _CLASSES}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != 3 or not _valid(cells[0], cells[2]):
            raise LexiconError(
                f"{path} line {number}: expected 'kind<TAB>value<TAB>class' with kind one of "
                f"{', '.join(_CLASSES)} and a class that kind allows"
            )
        rows[cells[0]][cells[1].lower() if cells[0] == "noun" else cells[1]] = cells[2]
    return RelevanceTable(
        sectors=rows["sector"],
        private_nouns=frozenset(rows["noun"]),
        unknown={
            "named": POLITICAL,
            "unnamed": PRIVATE,
            "named-in-private-article": PRIVATE,
            "countryless-in-private-article": PRIVATE,
            **rows["unknown"],
        },
        public_roots=frozenset(rows["root"]),
        public_topics=frozenset(rows["topic"]),
        max_political_share=float(rows["private-article"].get("max-political-share", 0.2)),
        min_sentences=int(rows["private-article"].get("min-sentences", 5)),
    )


def _valid(kind: str, value: str) -> bool:
    if kind == "private-article":
        return value.replace(".", "", 1).isdigit()
    return value in _CLASSES.get(kind, ())


_WORD = re.compile(r"[a-z]+")


def _private_noun(text: str, table: RelevanceTable) -> bool:
    """ "Russian tennis player Kuznetsova", "the football clubs": whatever country of."""
    return any(
        w in table.private_nouns or w.rstrip("s") in table.private_nouns
        for w in _WORD.findall(text.lower())
    )


def _named(actor: Actor, sent: Span | None) -> bool:
    if sent is None or actor.span is None:
        return False
    span = sent.doc.char_span(*actor.span, alignment_mode="expand")
    return span is not None and any(
        t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTITIES for t in span
    )


def actor_class(
    actor: Actor | None, sent: Span | None = None, in_private_article: bool = False
) -> str:
    """ "political", "civil" or "private" (see ``data/events/relevance.tsv``); ``sent``, the
    actor's sentence, tells whether an actor nobody resolved is named, ``in_private_article``
    whether its article is about private actors only (:func:`private_article`)."""
    table = load_table()
    if actor is None or _private_noun(actor.text, table):
        return PRIVATE
    if not actor.code or (actor.country_inferred and not actor.sector):
        if not _named(actor, sent):
            return table.unknown["unnamed"]
        return table.unknown["named-in-private-article" if in_private_article else "named"]
    if actor.sector:
        kind = table.sectors.get(actor.sector[:3], POLITICAL)
        if kind == POLITICAL and not _stated_country(actor) and in_private_article:
            return table.unknown["countryless-in-private-article"]  # "Uber chief"
        return kind
    if actor.country and in_private_article and not _names_its_country(actor):
        # "Hertha Berlin", "Frankfurt defending" in a sports story: a town, not a state
        return table.unknown["countryless-in-private-article"]
    return POLITICAL if actor.country else PRIVATE


def _names_its_country(actor: Actor) -> bool:
    """Whether a country-only actor's phrase names the country itself ("Germany",
    "German troops") or is its capital standing for it ("Washington"), not a thing named after a
    town ("Hertha Berlin", "Frankfurt defending")."""
    lexicon = default_lexicon()
    if lexicon.stands_for_a_state(actor.text):
        return True
    words = actor.text.split()
    return any(
        lexicon.names_a_country(" ".join(words[i:j]))
        for i in range(len(words))
        for j in range(i + 1, min(len(words), i + 4) + 1)
    )


def _stated_country(actor: Actor) -> str | None:
    """The actor's country when the text states it: a country guessed from the article's
    context (``Actor.country_inferred``: its dateline, its main country) is no evidence that
    a state or its officials act ("Uber chief Travis Kalanick" in an American story)."""
    return None if actor.country_inferred else actor.country


def is_political(actor: Actor | None) -> bool:
    return actor_class(actor) == POLITICAL


def private_article(doc: Doc, actors: Iterable[Actor]) -> bool:
    """Whether an article is about private actors: one long enough to tell that names few
    actors of a political sector and a known country (a government, an army, a party;
    places do not count) for its length, or one that names none of them but private ones
    (a company, a "player")."""
    table = load_table()
    political = of_a_country = named_private = 0
    for actor in actors:
        if actor.sector:
            kind = table.sectors.get(actor.sector[:3], POLITICAL)
            political += kind == POLITICAL
            of_a_country += kind == POLITICAL and _stated_country(actor) is not None
            named_private += kind == PRIVATE
    sentences = sum(1 for _ in doc.sents)
    if sentences >= table.min_sentences and of_a_country < table.max_political_share * sentences:
        return True
    if political:
        return False
    return bool(named_private) or any(
        t.lower_ in table.private_nouns or t.lemma_.lower() in table.private_nouns for t in doc
    )


def newsworthy(event: Event, sent: Span | None = None, in_private_article: bool = False) -> bool:
    """Whether a political actor takes part in the event, or a civil one in a public act."""
    sides = {
        actor_class(event.source, sent, in_private_article),
        actor_class(event.target, sent, in_private_article),
    }
    if POLITICAL in sides:
        return True
    return CIVIL in sides and _public(event, sent)


def _public(event: Event, sent: Span | None) -> bool:
    """A protest or an act of force, or any act in a sentence about a strike or protest."""
    table = load_table()
    if event.root in table.public_roots:
        return True
    return sent is not None and any(t.lemma_.lower() in table.public_topics for t in sent)


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _other_side(speaker: Actor, actor: Actor | None) -> bool:
    """Whether a named actor is a political one other than the speaker: another state, or
    another sector of the speaker's own (the government speaking of the opposition)."""
    if actor is None or not is_political(actor) or actor.code == speaker.code:
        return False
    if _overlap(speaker.span, actor.span):
        return False  # the speaker's own phrase ("Russia's deputy prime minister")
    if speaker.country and actor.country == speaker.country:
        return actor.sector is not None and actor.sector != speaker.sector
    return True


def spoken_of(event: Event, sent: Span, actors: ArticleActorsLike) -> Actor | None:
    """The first political actor other than the speaker that a statement's sentence names."""
    speaker = event.source
    for span in _phrases(sent):
        actor = participant(span, actors)
        if _other_side(speaker, actor) and not _where_it_was_said(span, actor):
            return actor
    return None


_WHERE = frozenset({"in", "at", "during"})


def _where_it_was_said(span: Span, actor: Actor | None) -> bool:
    """ "Said in Budapest", "spoke at a press conference in Budapest": where the statement
    was made, not whom it was about (but "the conflict in Syria" is about Syria)."""
    root = span.root
    if actor is None or actor.sector is not None or root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ not in _WHERE:
        return False
    host = prep.head
    occasion = host.dep_ == "pobj" and host.head.lower_ in _WHERE and host.head.head.pos_ == "VERB"
    return host.pos_ in ("VERB", "AUX") or occasion


def _phrases(sent: Span) -> Iterator[Span]:
    """Each noun phrase of a sentence with its modifiers, then as spaCy chunks it, then the
    names in it ("UN agencies", then "UN")."""
    for chunk in sentence_chunks(sent):
        root = chunk.root
        whole = sent.doc[root.left_edge.i : root.right_edge.i + 1]
        yield whole
        if whole != chunk:
            yield chunk
    for entity in sent.ents:
        if entity.label_ in _NAME_ENTITIES:
            yield entity


def relevant_events(
    events: Sequence[Event],
    sent: Span,
    actors: ArticleActorsLike,
    in_private_article: bool = False,
) -> list[Event]:
    """The events of one candidate that are political news: a bare statement aimed at the
    political actor it speaks about, or dropped; any other event when it is newsworthy.
    ``in_private_article``: the article is about private actors only."""
    kept = []
    for event in events:
        if event.code == BARE_STATEMENT and event.target is None:
            speaker = actor_class(event.source, sent, in_private_article)
            about = spoken_of(event, sent, actors) if speaker == POLITICAL else None
            if about is None:
                continue
            event = replace(event, target=about)
        if newsworthy(event, sent, in_private_article):
            kept.append(event)
    return kept
