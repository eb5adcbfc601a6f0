"""Events of a whole sentence: verbs that wrap others, speech, intent, reporters.

:func:`extract_sentence` runs the rules of :mod:`detente.events.extract` over every word
of a sentence, then combines what they found: "agreed to hold talks" is one event (036,
see :mod:`detente.events.wrapping`),
"KCNA reported that X met Y" is X meeting Y reported by KCNA, and "X said it will send aid"
is an expressed intent (0333).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from .extract import (
    Candidate,
    judgement_candidate,
    match_noun,
    noun_candidate,
    verb_candidate,
    verb_reading,
)
from .lexicon import Lexicon
from .modality import announces, modality_of, strongest
from .syntax import (
    DOCUMENT_NOUNS,
    FUTURE_AUXILIARIES,
    according_to,
    conjuncts,
    is_actor_like,
    patient_of,
    phrase,
    sentence_text,
    stands_for,
    subject_of,
)
from .wrapping import apply_wrappers, wrap_event_nouns

# --- a whole sentence -----------------------------------------------------------------------


def _is_force(candidate: Candidate) -> bool:
    return candidate.code[:2] >= "15"


def _aim_by_participle(found: list[Candidate]) -> None:
    """ "carried out a raid, targeting Islamic State commanders": an act of force that names
    no target is aimed where the participle after it, an act of force too, is aimed."""
    by_head = {c.head.i: c for c in found}
    for candidate in found:
        if candidate.targets or not _is_force(candidate):
            continue
        for token in candidate.tokens:
            follower = next(
                (
                    by_head[c.i]
                    for c in token.children
                    if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i in by_head
                ),
                None,
            )
            if follower is not None and follower.targets and _is_force(follower):
                candidate.targets = list(follower.targets)
                break


def _drop_frames(found: list[Candidate]) -> list[Candidate]:
    """A generic verb whose object is an event noun it lends its subject to only frames
    that event: "approved the deployment of troops" reports the deployment, "announced a
    suspension of aid" the suspension."""
    lent = {
        t.i
        for c in found
        if c.trigger.pos == "noun" and len(c.tokens) > 1
        for t in c.tokens
        if t.pos_ in ("VERB", "AUX")
    }
    return [
        c
        for c in found
        if not (c.trigger.pos == "verb" and c.head.i in lent and not c.object_matched)
    ]


def _drop_document_frames(found: list[Candidate]) -> list[Candidate]:
    """ "issued a statement urging Pyongyang to comply": the statement's event is the news,
    not its issuing (010)."""
    heads = {c.head.i for c in found if not c.trigger.speech}  # "a statement saying ..." frames
    return [
        c
        for c in found
        if not (
            c.code == "010"
            and any(
                t.lemma_.lower() in DOCUMENT_NOUNS
                and any(a.i in heads for a in t.children if a.dep_ == "acl")
                for t in c.tokens
            )
        )
    ]


OBLIGATION_AUXILIARIES = frozenset({"must", "should"})
# Not commenting, responding ... is declining to comment (011); not confirming, saying or
# disclosing is that only when declined outright ("declined to confirm", not "has not
# confirmed any dates").
NO_COMMENT_VERBS = frozenset({"comment", "respond", "reply", "answer", "elaborate"})
DECLINED_ONLY_VERBS = frozenset({"confirm", "say", "disclose", "specify", "discuss", "reveal"})


# Who arrives as a force: "troops arrived in Mali to join the peacekeeping mission".
FORCE_NOUNS = frozenset(
    {"troop", "soldier", "peacekeeper", "force", "contingent", "battalion", "unit", "marine"}
)


def _as_peacekeeping(candidate: Candidate) -> None:
    """Troops sent, deployed or arriving in a sentence about peacekeeping keep the peace (074)
    rather than show force (154) or visit (042): "sent 200 troops to Syria to serve as a
    peacekeeping force", "Chinese peacekeepers arrived in South Sudan"."""
    arriving_force = candidate.code == "042" and any(
        t.lemma_.lower() in FORCE_NOUNS for s in candidate.sources for t in s
    )
    if candidate.code == "154" or arriving_force:
        candidate.code = "074"
        candidate.trigger = replace(candidate.trigger, code="074")


def _as_no_comment(candidate: Candidate) -> None:
    """ "The Pentagon did not comment": declining to comment (011) did happen. What it did
    not comment on is a topic, not whom it was aimed at ("declined to comment on the
    dispute")."""
    verb = candidate.head.lemma_.lower()
    declined = candidate.head.head.lemma_.lower() in ("decline", "refuse")
    if (
        candidate.code == "010"
        and candidate.modality == "negated"
        and (verb in NO_COMMENT_VERBS or (declined and verb in DECLINED_ONLY_VERBS))
    ):
        candidate.code = "011"
        # declining outright is worth recording whoever declines ("the governor's office
        # declined to comment"); a bare "did not respond" only from a known actor
        candidate.trigger = replace(
            candidate.trigger,
            code="011",
            flags=candidate.trigger.flags - ({"speech", "weak"} if declined else {"speech"}),
        )
        candidate.modality = "asserted"
        candidate.targets, candidate.target_options = [], []


def _apply_speech(found: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """A verb of saying with a coded clause under it becomes that clause's reporter;
    "X said Y must ..." is X's demand on Y; "X claimed it attacked ..." X's claim."""
    kept = []
    for candidate in found:
        if not candidate.trigger.speech:
            kept.append(candidate)
            continue
        verb = candidate.head
        complement = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        speaker = candidate.sources[0] if candidate.sources else None
        if complement is not None and speaker is not None and _obliges(complement):
            kept.append(_as_demand(candidate, complement, found, lexicon))
            continue
        clause = {t.i for c in verb.children if c.dep_ in ("ccomp", "parataxis") for t in c.subtree}
        if verb.dep_ in ("parataxis", "ccomp") and verb.head.i not in clause:
            clause |= {verb.head.i}
        inner = [
            c for c in found if c is not candidate and not c.trigger.speech and c.head.i in clause
        ]
        if not inner:
            kept.append(candidate)
            continue
        for event in inner:
            if event.reporter is None:
                event.reporter = speaker
            event.modality = modality_of(
                event.modality_word or event.head, verb.sent, reported=True
            )
            if speaker is None:
                continue
            event.sources = [_spoken_for(s, speaker) for s in event.sources]
            if "claim" in candidate.trigger.flags and any(
                s.start == speaker.start for s in event.sources
            ):
                _as_claim(event, candidate)
    return kept


def _spoken_for(pronoun: Span, speaker: Span) -> Span:
    """Who a pronoun in a speaker's clause stands for: the speaker ("Russia said it would"),
    or the state the speaker speaks for ("Turkey's president says it will begin ...")."""
    if stands_for(pronoun, speaker):
        return speaker
    if pronoun.root.lower_ in ("it", "its"):
        owner = next((c for c in speaker.root.children if c.dep_ == "poss"), None)
        if owner is not None and owner.ent_type_ == "GPE":
            return phrase(owner)
    return pronoun


def _owned_by_pronoun(noun: Token) -> bool:
    """ "his lawyer", "their spokesman": someone else's, whom a pronoun nearby may name."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)


def _obliges(clause: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUXILIARIES for c in clause.children)


def _as_demand(
    speech: Candidate, clause: Token, found: list[Candidate], lexicon: Lexicon
) -> Candidate:
    """ "The EU said Caracas must release the prisoners": the EU demands (10x) of Caracas."""
    inner = next((c for c in found if c.head.i == clause.i and c is not speech), None)
    obliged = subject_of(clause) or patient_of(clause)
    targets = (
        [phrase(t) for t in conjuncts(obliged) if is_actor_like(t, lexicon)] if obliged else []
    )
    if inner is not None:
        found.remove(inner)
    code = (lexicon.wrapped_code("demand", inner.code) if inner else None) or "100"
    return Candidate(
        trigger=replace(speech.trigger, code=code, flags=speech.trigger.flags - {"weak", "speech"}),
        code=code,
        tokens=speech.tokens + (inner.tokens if inner else [clause]),
        sources=speech.sources,
        targets=[t for t in targets if t.root.pos_ != "PRON"],
        modality=speech.modality,
        wrapped_by=inner.trigger if inner else None,
        consumed=speech.consumed | (inner.consumed if inner else set()),
    )


def _as_claim(event: Candidate, claim: Candidate) -> None:
    """ "The rebels claimed they attacked the convoy": a claim of responsibility (015)."""
    event.intent_of = event.code
    event.code = "015"
    event.trigger = replace(
        claim.trigger, code="015", flags=claim.trigger.flags - {"weak", "speech"}
    )
    event.tokens = sorted(claim.tokens + event.tokens, key=lambda t: t.i)
    event.modality = claim.modality


INTENT_ROOTS = frozenset({"05", "06", "07", "08"})
THREAT_ROOTS = frozenset({"18", "19", "20"})
THREAT_CODES = frozenset({"161", "163", "166"})


# Words that make a to-complement the subject's own intent: "is willing to withdraw".
INTENT_GOVERNORS = frozenset(
    {"willing", "ready", "prepared", "determined", "eager", "plan", "intend", "aim", "want"}
)


def _complement_chain(verb: Token, steps: int = 3) -> list[Token]:
    """The verb and the words whose to-complement it is, nearest first: "is ready to meet"
    → meet, ready."""
    chain = [verb]
    while len(chain) <= steps and chain[-1].dep_ == "xcomp":
        chain.append(chain[-1].head)
    return chain


def _intent_governed(verb: Token) -> bool:
    """Whether the verb is the to-complement of "willing", "ready", "plans" and the like."""
    return any(t.lemma_.lower() in INTENT_GOVERNORS for t in _complement_chain(verb)[1:])


def _says_will(verb: Token) -> bool:
    """Whether the verb (or the words whose to-complement it is) says the subject will do it."""
    chain = _complement_chain(verb)
    future = any(
        c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for t in chain[:3] for c in t.children
    )
    return future or _intent_governed(verb)


def _as_intent(candidate: Candidate, lexicon: Lexicon) -> None:
    """What an actor says it will do is an expressed intent, a threat or a refusal:
    "will release the hostages" 0353, "will strike back" 138, "will not accept" 120."""
    if candidate.trigger.wrap is not None or candidate.wrapped_by is not None:
        return
    if candidate.modality not in ("future", "hypothetical", "negated") or not _says_will(
        candidate.head
    ):
        return
    if candidate.modality == "hypothetical" and candidate.reporter is None:
        return  # "would" outside reported speech is a conditional, not an intent
    root = candidate.code[:2]
    willing = _intent_governed(candidate.head)
    wrapper = None
    if candidate.modality == "negated":
        if root in INTENT_ROOTS or root == "03":
            wrapper = "reject"
    elif root in INTENT_ROOTS or (root == "04" and willing):
        wrapper = "intent"
    elif root in THREAT_ROOTS or candidate.code[:3] in THREAT_CODES:
        wrapper = "threat"
    code = lexicon.wrapped_code(wrapper, candidate.code) if wrapper else None
    if code is not None:
        candidate.intent_of = candidate.code
        candidate.code = code
        if (willing and candidate.modality != "negated") or wrapper == "reject":
            # "is ready to meet": the readiness is what the sentence asserts (036), as is
            # the refusal of "will not withdraw its troops" (1246)
            candidate.modality = "asserted"
        elif candidate.modality == "future" and announces(code):
            # "Japan said it will send aid": the intent (0333) already says the act lies
            # ahead, and the saying happened
            candidate.modality = "asserted"


# Dependencies that start a clause of its own: a weak reading competes only within one.
_CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "pcomp"}
)


def clause_head(token: Token) -> Token:
    """The verb heading the clause a word is in (the word itself when it heads one)."""
    while token.dep_ not in _CLAUSE_DEPS and token.head.i != token.i:
        token = token.head
    return token


def _drop_weak_readings(found: list[Candidate]) -> list[Candidate]:
    """A generic reading ("gave", "helped") gives way to a specific event in its own clause
    ("gave approval", "made an offer"), not to one in another clause ("sent vehicles to Lebanon
    to help it patrol its borders" keeps the sending). A bare statement ("said", "reported")
    gives way to any specific event of the sentence: it only frames what is reported."""
    specific = {clause_head(c.head).i for c in found if not c.trigger.weak}
    if not specific:
        return found
    return [
        c
        for c in found
        if not c.trigger.weak or (not c.trigger.speech and clause_head(c.head).i not in specific)
    ]


def _is_copula(token: Token) -> bool:
    """A "be" that is its clause's verb, with a predicate ("is skeptical about the deal")."""
    return (
        token.pos_ == "AUX"
        and token.dep_ not in ("aux", "auxpass")
        and any(c.dep_ == "acomp" for c in token.children)
    )


def extract_sentence(sent: Span, lexicon: Lexicon) -> list[Candidate]:
    """Every event candidate in one sentence, wrappers merged and reporters attached."""
    found: list[Candidate] = []
    for token in sent:
        if (
            token.pos_ == "VERB"
            or _is_copula(token)
            or (token.pos_ == "NOUN" and token.dep_ == "ROOT")
        ):
            judged = judgement_candidate(token, sent, lexicon)
            if judged is not None:
                found.append(judged)  # "called the move provocative": not a phone call
                continue
            match = verb_reading(token, lexicon)
            if match is not None:
                found.append(verb_candidate(token, match[0], match[1], sent, lexicon))
    found = [c for c in apply_wrappers(found, lexicon) if "wraponly" not in c.trigger.flags]
    # a verb nobody does leaves its object free to be a nominal event ("the visit was postponed")
    found = [c for c in found if c.sources]
    used = set().union(*(c.consumed for c in found)) if found else set()
    reporter = according_to(sent)
    if reporter is not None:
        used |= {t.i for t in reporter.subtree}  # "according to military statements"
    for token in sent:
        if token.pos_ in ("NOUN", "PROPN") and token.i not in used:
            entry = match_noun(token, lexicon)
            if entry is not None:
                candidate = noun_candidate(token, entry, sent, lexicon)
                if candidate is not None:
                    found.append(candidate)
    found = wrap_event_nouns(found, sent, lexicon)
    _aim_by_participle(found)
    found = _drop_document_frames(_drop_frames(found))
    found = _apply_speech(found, lexicon)
    peacekeeping = "peacekeep" in sentence_text(sent).lower()
    for candidate in found:
        _as_no_comment(candidate)
        if peacekeeping:
            _as_peacekeeping(candidate)
    for candidate in found:
        _as_intent(candidate, lexicon)
    if reporter is not None:
        reported_by = phrase(reporter)
        for candidate in found:
            if candidate.reporter is None:
                candidate.reporter = reported_by
                if not _owned_by_pronoun(reporter):
                    # "according to the minister, he has met Lavrov eight times"; not
                    # "according to his lawyer, he ..."
                    candidate.sources = [_spoken_for(s, reported_by) for s in candidate.sources]
    found = _drop_weak_readings(found)
    if sentence_text(sent).rstrip().endswith("?"):
        for candidate in found:
            candidate.modality = strongest({candidate.modality, "hypothetical"})
    return found
