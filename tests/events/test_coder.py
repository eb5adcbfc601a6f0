"""The event coder, specified by sentences and the events they report.

Each case: a sentence, then the events expected as (source country, target country,
CAMEO code, modality); a target of None means the event has none. The actor resolver
here is the small stand-in of conftest.py, so that these cases test the event rules.
"""

from __future__ import annotations

import pytest
from factories import dyads


def triples(coded):
    return sorted(
        (
            (e.source.country, e.target.country if e.target else None, e.code, e.modality)
            for e in coded.events
        ),
        key=str,
    )


CASES = {
    # plain verbs: subject → object or prepositional target
    "meeting": ("Putin met with Erdogan in Ankara on Monday.", [("RUS", "TUR", "040", "asserted")]),
    "visit": ("Xi visited Pakistan last week.", [("CHN", "PAK", "042", "asserted")]),
    "host": ("Egypt hosted the Iranian foreign minister.", [("EGY", "IRN", "043", "asserted")]),
    "accuse": ("Israel accused Iran of arming militias.", [("ISR", "IRN", "112", "asserted")]),
    "condemn": (
        "Japan condemned North Korea's latest missile launch.",
        [("JPN", "PRK", "111", "asserted")],
    ),
    "sanctions": (
        "Washington imposed sanctions on Iran over its nuclear work.",
        [("USA", "IRN", "163", "asserted")],
    ),
    "expel": ("Russia expelled two German diplomats.", [("RUS", "DEU", "166", "asserted")]),
    "praise": (
        "Macron praised India for its climate pledges.",
        [("FRA", "IND", "051", "asserted")],
    ),
    "phone": ("Biden called Erdogan on Tuesday.", [("USA", "TUR", "041", "asserted")]),
    "threaten": (
        "China threatened Japan with unspecified countermeasures.",
        [("CHN", "JPN", "130", "asserted")],
    ),
    # verb + object entries beat the bare verb
    "hold talks": ("Iran held talks with France in Paris.", [("IRN", "FRA", "040", "asserted")]),
    "sign a deal": ("Egypt signed a gas deal with Israel.", [("EGY", "ISR", "057", "asserted")]),
    "launch airstrikes": (
        "Israeli jets launched airstrikes against Syrian air defences.",
        [("ISR", "SYR", "195", "asserted")],
    ),
    # passive voice
    "passive": (
        "Ukraine was attacked by Russian drones overnight.",
        [("RUS", "UKR", "190", "asserted")],
    ),
    # coordination: reciprocal codes go both ways, others fan out
    "reciprocal subjects": (
        "Russia and China signed a trade agreement.",
        [("CHN", "RUS", "057", "asserted"), ("RUS", "CHN", "057", "asserted")],
    ),
    "coordinated nationalities of the target": (
        "Washington imposed sanctions on Russian and Iranian firms.",
        [("USA", "IRN", "163", "asserted"), ("USA", "RUS", "163", "asserted")],
    ),
    "coordinated targets": (
        "Turkey accused Syria and Iran of backing the rebels.",
        [("TUR", "IRN", "112", "asserted"), ("TUR", "SYR", "112", "asserted")],
    ),
    # verbs that wrap another event
    "agree to hold talks": (
        "Pakistan agreed to hold talks with India.",
        [("PAK", "IND", "036", "asserted")],
    ),
    "refuse to meet": (
        "Iran refused to meet the American envoy.",
        [("IRN", "USA", "125", "asserted")],
    ),
    "threaten sanctions": (
        "Washington threatened to impose sanctions on Turkey.",
        [("USA", "TUR", "1312", "asserted")],
    ),
    "threaten two deeds": (
        "Tehran threatened to attack the American base and kill an American general.",
        [("IRN", "USA", "138", "asserted"), ("IRN", "USA", "138", "asserted")],
    ),
    "urge release": (
        "Germany urged Iran to release the detained journalists.",
        [("DEU", "IRN", "0253", "asserted")],
    ),
    # nominal events
    "talks between": (
        "Talks between Japan and South Korea resumed in Seoul.",
        [("JPN", "KOR", "046", "asserted"), ("KOR", "JPN", "046", "asserted")],
    ),
    "possessive visit": (
        "Modi's visit to Egypt was postponed.",
        [("IND", "EGY", "042", "negated")],
    ),
    "visit by": (
        "A visit by the Chinese defence minister to Japan drew protests.",
        [("CHN", "JPN", "042", "asserted")],
    ),
    # modality
    "negated": (
        "Turkey did not sign the agreement with Syria.",
        [("TUR", "SYR", "057", "negated")],
    ),
    "future": ("Putin will visit India next month.", [("RUS", "IND", "042", "future")]),
    "planned": ("Japan plans to send troops to the Philippines.", [("JPN", None, "154", "future")]),
    "hypothetical": (
        "Pakistan could expel Indian diplomats.",
        [("PAK", "IND", "166", "hypothetical")],
    ),
    "unconfirmed": (
        "Russian troops reportedly attacked Ukrainian positions.",
        [("RUS", "UKR", "190", "unconfirmed")],
    ),
    "analysts": ("Analysts say China could invade Taiwan.", [("CHN", None, "192", "hypothetical")]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_sentence_codes_to_its_events(code_text, case):
    sentence, expected = CASES[case]
    assert triples(code_text(sentence)) == sorted(expected, key=str)


def test_a_reported_event_names_its_reporter_not_as_a_participant(code_text):
    coded = code_text("KCNA reported that Kim met with the Chinese president in Pyongyang.")
    [event] = coded.events
    assert (event.source.country, event.target.country, event.code) == ("PRK", "CHN", "040")
    assert event.reported_by is not None and event.reported_by.text == "KCNA"


def test_according_to_names_the_reporter(code_text):
    [event] = code_text("Syrian forces shelled the town, according to Xinhua.").events
    assert event.reported_by.text == "Xinhua"


def test_a_speaker_pronoun_stands_for_the_speaker(code_text):
    [event] = code_text("Israel said it struck Iranian targets in Syria.").events
    assert (event.source.country, event.code, event.reported_by.text) == ("ISR", "190", "Israel")


def test_the_place_is_resolved_with_its_country(code_text):
    [event] = code_text("Xi met Putin in Moscow on Thursday.").events
    assert event.location is not None
    assert (event.location.text, event.location.country) == ("Moscow", "RUS")


def test_evidence_spans_point_at_the_sentence_and_trigger(code_text):
    text = "Markets were calm. Later, Iran accused Israel of sabotage at a nuclear site."
    coded = code_text(text)
    [event] = coded.events
    assert event.sentence_index == 1
    assert text[event.span[0] : event.span[1]] == event.sentence
    assert event.sentence.startswith("Later, Iran accused")
    assert text[event.trigger_span[0] : event.trigger_span[1]] == event.trigger == "accused"
    assert text[event.source.span[0] : event.source.span[1]] == "Iran"
    assert text[event.target.span[0] : event.target.span[1]] == "Israel"


def test_participant_phrases_are_whole_noun_phrases_without_relative_clauses(code_text):
    text = "A Turkish court, which had delayed the case for months, released the German reporter."
    [event] = code_text(text).events
    assert event.source.text == "A Turkish court"
    assert event.target.text == "the German reporter"


def test_a_persons_name_the_parser_broke_off_is_whole_again(code):
    text = (
        "South Korea's Prime Minister Lee Nak-yon (R) holds talks with Vietnamese defense chief"
        " Gen. Ngo Xuan Lich at his office in Seoul."
    )
    sources = {e.source.text for e in code(text).events}
    assert "South Korea's Prime Minister Lee Nak-yon" in sources


def test_an_unresolved_but_plausible_participant_is_kept_with_an_empty_code(code_text):
    [event] = code_text("Unidentified gunmen kidnapped two Egyptian engineers.").events
    assert (event.source.text, event.source.code, event.source.country) == (
        "Unidentified gunmen",
        "",
        None,
    )
    assert event.target.country == "EGY"


def test_the_event_carries_the_ontology_facts(code_text):
    [event] = code_text("Putin visited Turkey.").events
    assert (
        event.root,
        event.name,
        event.plover,
        event.plover_mode,
        event.quad_class,
        event.goldstein,
    ) == ("04", "Make a visit", "CONSULT", "visit", 1, 1.9)
    assert 0.0 <= event.confidence <= 1.0
    assert event.date.precision == "unknown"


def test_confidence_is_higher_when_both_sides_are_states(code_text):
    [states] = code_text("Iran accused Israel of sabotage.").events
    [unnamed] = code_text("Local residents accused the Russian police of fraud.").events
    assert states.confidence > unnamed.confidence


@pytest.mark.parametrize(
    "text",
    [
        "By Maria Lopez, with reporting by Tom Chen",
        "Alexander Barron-Lopez contributed reporting.",
        "Associated Press writer Kim Tong-hyung in Seoul contributed to this report.",
        "Tell us what you think: should Washington impose sanctions on Iran? Leave a comment below.",
        "Russia has a long border with China.",
        "The Iranian economy grew by three percent.",
    ],
)
def test_no_event_from_bylines_comment_prompts_or_mere_mentions(code_text, text):
    assert code_text(text).events == []


def test_a_state_acting_on_itself_is_no_event_unless_the_code_is_domestic(code_text):
    assert code_text("Russia sanctioned Russian firms.").events == []
    # words about one's own side keep the statement, not the self-directed pair
    [praise] = code_text("Russia praised Russian diplomats.").events
    assert (praise.source.country, praise.target, praise.code) == ("RUS", None, "051")
    [arrest] = code_text("Iranian police arrested Iranian protesters in Tehran.").events
    assert (arrest.source.country, arrest.target.country, arrest.code) == ("IRN", "IRN", "173")


def test_a_statement_is_coded_only_when_nothing_more_specific_is(code_text):
    [statement] = code_text(
        "The Chinese foreign ministry said on Monday that relations with Russia were stable."
    ).events
    assert (statement.source.country, statement.code, statement.target.country) == (
        "CHN",
        "010",
        "RUS",
    )
    events = code_text("Egypt said Israeli jets struck Gaza.").events
    assert [e.code for e in events] == ["190"]


MORE_CASES = {
    # what an actor says it will do is an intent, a threat or a refusal
    "intent to give aid": (
        "Russia said it will send aid to Syria.",
        [("RUS", "SYR", "0333", "asserted")],  # the intent is said; the aid lies ahead
    ),
    "ready to meet": (
        "The Iranian president said he is ready to meet Macron.",
        [("IRN", "FRA", "036", "asserted")],
    ),
    "threat to strike": (
        "Pakistan warned that it would strike Indian positions.",
        [("PAK", "IND", "138", "asserted")],
    ),
    "reported would": (
        "Japan's defence ministry said it would end talks with South Korea.",
        [("JPN", "KOR", "164", "future")],
    ),
    # a pronoun subject under the clause of the one it stands for
    "made it clear it would": (
        "Japan made it clear it will not lift the embargo on Iran.",
        [("JPN", "IRN", "1244", "asserted")],
    ),
    # datelines name where the story was filed
    "dateline": (
        "SEOUL, March 3 (Reuters) - Japan condemned North Korea's missile launch.",
        [("JPN", "PRK", "111", "asserted")],
    ),
    # an object shared by coordinated verbs
    "shared object": (
        "Turkey rejected and condemned Israel's decision.",
        [("TUR", "ISR", "111", "asserted"), ("TUR", "ISR", "120", "asserted")],
    ),
    # coordinated modifiers are the two sides of a reciprocal event; a place is no target
    "sides in one phrase": (
        "Iranian and Turkish officials met in Geneva on Monday.",
        [("IRN", "TUR", "040", "asserted"), ("TUR", "IRN", "040", "asserted")],
    ),
    # a city naming a meeting is where it was, not who met
    "forum name": ("The Paris summit ended without a deal.", []),
    "state modifier": (
        "Russian airstrikes on Syrian towns intensified.",
        [("RUS", "SYR", "195", "asserted")],
    ),
    # a coordinated verb shares "will" but not "not"
    "shared future": (
        "Putin will visit Egypt and sign a trade deal.",
        [("RUS", "EGY", "042", "future"), ("RUS", None, "057", "future")],
    ),
    "no one did it": ("Neither Russia nor Ukraine signed the agreement.", None),
    # "X said Y must ..." is X's demand on Y; a claim of one's own attack is a claim (015)
    "must": (
        "Egypt said Israel must release the detained fishermen.",
        [("EGY", "ISR", "1053", "asserted")],
    ),
    "must, uncoded": (
        "India said Pakistan must act against the militants.",
        [("IND", "PAK", "100", "asserted")],
    ),
    "claim": (
        "Syrian rebels claimed that they had shelled the airport in Damascus.",
        [("SYR", None, "015", "asserted")],
    ),
    # weighing an option (014) whatever the option is
    "consider": ("Japan is considering sending aid to Egypt.", [("JPN", "EGY", "014", "asserted")]),
    # a demand names who it is about
    "demand about": (
        "China demanded that the Japanese envoy be recalled.",
        [("CHN", "JPN", "100", "asserted")],
    ),
    # joint exercises are military cooperation between the sides
    "joint exercise": (
        "Egyptian and Turkish navies began a joint exercise.",
        [("EGY", "TUR", "062", "asserted"), ("TUR", "EGY", "062", "asserted")],
    ),
    "joint exercise of two subjects": (
        "Egypt and Turkey began a new round of joint military exercises.",
        [("EGY", "TUR", "062", "asserted"), ("TUR", "EGY", "062", "asserted")],
    ),
    # declining to comment happened; a deal does not act; an invitation to visit is an intent
    "no comment": (
        "The Egyptian foreign ministry did not comment on the report.",
        [("EGY", None, "011", "asserted")],
    ),
    # once, aimed at nobody: what it would not discuss is a topic
    "declined to comment": (
        "The Egyptian foreign ministry declined to comment on the dispute with Sudan.",
        [("EGY", None, "011", "asserted")],
    ),
    "declined to confirm": (
        "The Egyptian foreign ministry declined to confirm the report.",
        [("EGY", None, "011", "asserted")],
    ),
    "not confirmed": (
        "Xi may visit Cairo, although the Egyptian foreign ministry has not confirmed any dates.",
        [("CHN", "EGY", "042", "hypothetical")],
    ),
    "declined comment": (
        "The Egyptian foreign ministry declined comment.",
        [("EGY", None, "011", "asserted")],
    ),
    "inert source": ("The trade deal called for lower tariffs.", []),
    # details provided are words, intelligence provided is shared information, not aid
    "details provided": (
        "The Egyptian foreign ministry provided few details about the plan.",
        [],  # and a bare statement about no one
    ),
    "intelligence provided": (
        "Russia provided intelligence to Turkey.",
        [("RUS", "TUR", "064", "asserted")],
    ),
    # silencing an outlet is censorship
    "suspend publication": (
        "Egyptian authorities suspended publication of Egypt's largest newspaper.",
        [("EGY", "EGY", "1721", "asserted")],
    ),
    # a campaign is an appeal only when it is for something
    "military campaign": ("The Turkish army launched a campaign inside Syria.", []),
    # a weapon's radar locked on another's ship is a show of force
    "radar lock": (
        "A Chinese frigate locked its fire-control radar on a Japanese destroyer.",
        [("CHN", "JPN", "150", "asserted")],
    ),
    # a country the tagger swept into the dateline's date is still the doer, and the month
    # of May is no "may"
    "country in a date": (
        "WASHINGTON, May 10 - The United States raised tariffs on Chinese imports.",
        [("USA", "CHN", "163", "asserted")],
    ),
    "invitation": ("Xi invited Putin to visit Beijing.", [("CHN", "RUS", "036", "asserted")]),
    # a thing's owner stands for it: "the missile launch by North Korea"
    "owner": (
        "Japan condemned the missile launch by North Korea.",
        [("JPN", "PRK", "111", "asserted")],
    ),
    # generic verbs need a known actor; naming is not phoning, but judging
    "generic verb": ("A late goal gave the home side a narrow win.", []),
    "calling something": (
        "Seoul called the decision regrettable.",
        [("KOR", None, "111", "asserted")],
    ),
}


@pytest.mark.parametrize("case", list(MORE_CASES))
def test_more_sentences_code_to_their_events(code_text, case):
    sentence, expected = MORE_CASES[case]
    coded = code_text(sentence)
    if expected is None:  # every event there is negated
        assert coded.events and {e.modality for e in coded.events} == {"negated"}
    else:
        assert triples(coded) == sorted(expected, key=str)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # words of censure are criticism
        ("Turkey lambasted Israel over the raid.", ("TUR", "ISR", "111")),
        ("Egypt berated Ethiopia over the dam.", ("EGY", "ETH", "111")),
        # annexing land is occupying it
        ("Russia annexed Ukraine's Crimea.", ("RUS", "UKR", "192")),
        # driving people out is an expulsion, punishing a coercion, forbidding a sanction
        ("Kenya evicted Somali refugees from the camp.", ("KEN", "SOM", "174")),
        ("China punished Lithuania for its ties with Taiwan.", ("CHN", "LTU", "170")),
        ("Egypt prohibited Israeli flights.", ("EGY", "ISR", "172")),
        # a deadline given to someone is an ultimatum; aid given until a date is not
        (
            "Kim Jong Un gave Washington until the end of the year to show flexibility.",
            ("PRK", "USA", "139"),
        ),
        ("The EU gave aid to Syria until 2015.", ("EUR", "SYR", "070")),
        # sanctions relief eases sanctions; relief alone is humanitarian aid
        ("The EU granted sanctions relief to Iran.", ("EUR", "IRN", "085")),
        ("The US provided relief to Haiti.", ("USA", "HTI", "073")),
    ],
)
def test_more_verbs_of_censure_force_and_coercion(code, sentence, expected):
    assert expected in dyads(code(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Crimea is Ukraine's (ISO 3166-2 UA-43, and the built-in dictionaries)
        ("Russia's annexation of Crimea angered Ukraine.", ("RUS", "UKR", "192")),
        ("Israel's siege of Gaza continued.", ("ISR", "PSE", "191")),
        ("The Taliban carried out an ambush on Afghan troops.", ("AFG", "AFG", "190")),
        ("Saudi Arabia's boycott of Qatar continued.", ("SAU", "QAT", "163")),
        ("Xi's praise for Putin drew criticism.", ("CHN", "RUS", "051")),
        # a noun's light verb: "sent his condolences to", "sent a delegation to"
        ("Putin sent his condolences to Erdogan.", ("RUS", "TUR", "018")),
        ("China sent a delegation to Pyongyang.", ("CHN", "PRK", "042")),
    ],
)
def test_more_event_nouns(code, sentence, expected):
    assert expected in dyads(code(sentence))
