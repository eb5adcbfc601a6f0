"""The ``when`` stage on real parses: which expression dates which event, and the report.

Events are built by hand here, as the event coder would build them, with the
trigger span on the verb; the dater only reads trigger spans, modality and dates.
"""

from __future__ import annotations

from datetime import date

import pytest

from detente.model import UNKNOWN_DATE, Actor, Article, CodedArticle, Event
from detente.nlp import load_model
from detente.when import EventDater


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def coder_event(text: str, trigger: str, occurrence: int = 0, modality: str = "asserted") -> Event:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(trigger, start + 1)
    return Event(
        source=Actor("Japan", code="JPN"), target=None, code="040", root="04", name="Consult",
        plover="CONSULT", plover_mode=None, quad_class=1, goldstein=1.0, modality=modality,
        sentence=text, sentence_index=0, span=(0, len(text)), trigger=trigger,
        trigger_span=(start, start + len(trigger)), confidence=0.9,
    )  # fmt: skip


def dated(nlp, text: str, published: date | None, *triggers: str, **kw) -> dict[str, Event]:
    coded = CodedArticle(Article(text, published=published))
    coded.events = [coder_event(text, t, **kw) for t in triggers]
    EventDater()(nlp(text), coded)
    return {e.trigger: e for e in coded.events}


def day(event: Event) -> tuple[date | None, str]:
    return event.date.start, event.date.precision


def test_reported_event_takes_its_own_date_and_the_report_takes_the_reporting_verbs(nlp):
    text = "KCNA reported Sunday that Kim Jong Un met Xi Jinping Thursday in Beijing."
    met = dated(nlp, text, date(2019, 3, 11), "met")["met"]
    assert day(met) == (date(2019, 3, 7), "day")
    assert met.report_date == date(2019, 3, 10)
    assert met.report_lag_days == 3


def test_relative_clause_and_main_clause_keep_their_own_dates(nlp):
    text = (
        "The foreign minister, who met his Chinese counterpart on Monday, said Tuesday "
        "that Japan would impose new sanctions."
    )
    events = dated(nlp, text, date(2019, 3, 7), "met", "said", "impose")
    assert day(events["met"]) == (date(2019, 3, 4), "day")
    assert day(events["said"]) == (date(2019, 3, 5), "day")
    assert events["impose"].date == UNKNOWN_DATE  # Tuesday dates the statement, not the sanctions
    assert events["impose"].report_date == date(2019, 3, 5)
    assert events["impose"].report_lag_days is None


def test_a_complement_clause_does_not_take_its_governors_date(nlp):
    text = "Iran denied Friday that it had seized a British tanker."
    events = dated(nlp, text, date(2019, 3, 9), "denied", "seized")
    assert day(events["denied"]) == (date(2019, 3, 8), "day")
    assert events["seized"].date == UNKNOWN_DATE


def test_a_clause_joined_by_and_shares_the_time_of_the_clause_before_it(nlp):
    text = (
        "Xi and Kim held talks in Pyongyang on Thursday, and Xi pledged that China would"
        " help the North, Xinhua reported."
    )
    events = dated(nlp, text, date(2019, 6, 21), "held", "pledged")
    assert day(events["pledged"]) == (date(2019, 6, 20), "day")


def test_a_joined_clause_in_another_tense_keeps_no_date(nlp):
    text = "The envoys met in Hanoi on Monday, and the leaders will sign a deal, officials said."
    events = dated(nlp, text, date(2019, 2, 27), "met", "sign")
    assert day(events["met"]) == (date(2019, 2, 25), "day")
    assert events["sign"].date == UNKNOWN_DATE


def test_a_time_on_another_events_noun_dates_only_that_event(nlp):
    text = "Negotiators met to draft a statement for next week's summit."
    events = dated(nlp, text, date(2019, 2, 22), "met", "summit")
    assert events["met"].date == UNKNOWN_DATE
    assert events["summit"].date.precision == "week"


def test_what_a_day_is_the_eve_of_happens_the_day_after(nlp):
    text = "Kim arrived in Vladivostok on Wednesday, on the eve of his summit with Putin."
    events = dated(nlp, text, date(2019, 4, 24), "arrived", "summit")
    assert events["arrived"].date.start == date(2019, 4, 24)
    assert day(events["summit"]) == (date(2019, 4, 25), "day")


def test_headline_infinitive_is_future(nlp):
    text = "China to hold talks with Japan on Thursday"
    hold = dated(nlp, text, date(2019, 3, 9), "hold")["hold"]
    assert day(hold) == (date(2019, 3, 14), "day")
    assert hold.modality == "future"
    assert hold.report_lag_days == -5  # announced five days ahead


def test_attribution_after_the_clause_gives_the_report_date(nlp):
    text = "North Korea fired two missiles on Thursday, South Korea's military said on Friday."
    fired = dated(nlp, text, date(2019, 3, 9), "fired")["fired"]
    assert day(fired) == (date(2019, 3, 7), "day")
    assert (fired.report_date, fired.report_lag_days) == (date(2019, 3, 8), 1)


def test_relative_clause_on_the_speaker_is_not_what_was_reported(nlp):
    text = "President Moon, who met Kim in Panmunjom on April 27, said Wednesday that he welcomed the summit."
    met = dated(nlp, text, date(2019, 1, 10), "met")["met"]
    assert day(met) == (date(2018, 4, 27), "day")
    assert met.report_date is None
    assert met.report_lag_days == 258  # counted from publication


def test_lag_without_a_report_date_is_counted_from_publication(nlp):
    text = "Russian and Turkish diplomats met in Ankara on March 4."
    met = dated(nlp, text, date(2019, 3, 7), "met")["met"]
    assert (met.report_date, met.report_lag_days) == (None, 3)


def test_four_days_later_follows_the_event_named_before_and_both_are_future(nlp):
    text = "Putin will arrive in Ankara on Monday and meet Erdogan four days later."
    events = dated(nlp, text, date(2019, 3, 7), "arrive", "meet")
    assert day(events["arrive"]) == (date(2019, 3, 11), "day")
    assert day(events["meet"]) == (date(2019, 3, 15), "day")
    assert {e.modality for e in events.values()} == {"future"}


def test_infinitive_takes_its_own_date_before_its_governors(nlp):
    text = "Iran agreed on March 6 to resume nuclear talks next month."
    events = dated(nlp, text, date(2019, 3, 8), "agreed", "resume")
    assert day(events["agreed"]) == (date(2019, 3, 6), "day")
    assert (events["resume"].date.start, events["resume"].date.end) == (
        date(2019, 4, 1),
        date(2019, 4, 30),
    )
    assert events["resume"].modality == "future"
    assert events["agreed"].modality == "asserted"


def test_later_this_year_makes_an_asserted_event_future_but_keeps_other_modalities(nlp):
    text = "Russia plans to hold elections later this year."
    hold = dated(nlp, text, date(2019, 3, 8), "hold")["hold"]
    assert day(hold) == (date(2019, 3, 9), "year")
    assert hold.modality == "future"
    negated = dated(nlp, text, date(2019, 3, 8), "hold", modality="negated")["hold"]
    assert negated.modality == "negated"


def test_range_with_a_duration_dates_the_whole_visit(nlp):
    text = "A six-day visit by the Indian prime minister runs through Thursday."
    runs = dated(nlp, text, date(2019, 3, 4), "runs")["runs"]
    assert (runs.date.start, runs.date.end, runs.date.precision) == (
        date(2019, 3, 2),
        date(2019, 3, 7),
        "week",
    )
    assert runs.report_lag_days is None  # not a single day


def test_later_sentences_of_a_paragraph_inherit_its_date_but_not_the_next_paragraph(nlp):
    text = (
        "On December 30, Seoul and Tokyo signed a deal on wartime labour. "
        "The two governments also agreed to hold regular talks.\n\n"
        "Protesters gathered outside the embassy."
    )
    events = dated(nlp, text, date(2020, 1, 3), "signed", "agreed", "gathered")
    assert day(events["signed"]) == (date(2019, 12, 30), "day")
    assert day(events["agreed"]) == (date(2019, 12, 30), "day")
    assert events["agreed"].extras["date_source"] == "paragraph"
    assert events["gathered"].date == UNKNOWN_DATE


def test_a_report_date_is_not_the_established_time_of_the_paragraph(nlp):
    text = "Kim Jong Un met Xi Jinping on Tuesday, KCNA reported Thursday. The two leaders discussed trade."
    discussed = dated(nlp, text, date(2019, 1, 11), "discussed")["discussed"]
    assert day(discussed) == (date(2019, 1, 8), "day")


def test_a_sentence_with_its_own_times_does_not_inherit_the_paragraphs(nlp):
    text = (
        "Police raided the offices on Monday. "
        "Investigators said on Wednesday that the documents had been destroyed."
    )
    destroyed = dated(nlp, text, date(2019, 3, 8), "destroyed")["destroyed"]
    assert destroyed.date == UNKNOWN_DATE
    assert destroyed.report_date == date(2019, 3, 6)


def test_noun_trigger_takes_the_date_of_the_verb_it_is_subject_of(nlp):
    text = "Tension rose this week as air strikes hit five sites in Gaza on Monday."
    strikes = dated(nlp, text, date(2019, 3, 7), "strikes")["strikes"]
    assert day(strikes) == (date(2019, 3, 4), "day")


def test_publication_date_is_never_the_event_date(nlp):
    met = dated(nlp, "Kim met Trump in Hanoi.", date(2019, 2, 28), "met")["met"]
    assert met.date == UNKNOWN_DATE
    assert met.report_lag_days is None


def test_without_publication_date_only_absolute_dates_are_resolved(nlp):
    text = "Kim met Trump in Hanoi on 27 February 2019. They spoke again yesterday."
    events = dated(nlp, text, None, "met", "spoke")
    assert day(events["met"]) == (date(2019, 2, 27), "day")
    # "spoke" is governed by "yesterday", which needs a day to count from
    assert events["spoke"].date == UNKNOWN_DATE
    assert events["met"].report_lag_days is None


def test_events_keep_their_order_and_attribution(nlp):
    text = "KCNA reported Sunday that Kim Jong Un met Xi Jinping Thursday in Beijing."
    coded = CodedArticle(Article(text, published=date(2019, 3, 11)))
    kcna = Actor("KCNA", code="PRKMED")
    coded.events = [coder_event(text, "met"), coder_event(text, "reported")]
    coded.events[0] = coded.events[0].__class__(**{**coded.events[0].__dict__, "reported_by": kcna})
    EventDater()(nlp(text), coded)
    assert [e.trigger for e in coded.events] == ["met", "reported"]
    assert coded.events[0].reported_by == kcna


def test_a_trigger_span_outside_the_text_leaves_the_event_undated_with_a_reason(nlp):
    text = "Kim met Trump on Thursday."
    coded = CodedArticle(Article(text, published=date(2019, 3, 8)))
    event = coder_event(text, "met")
    coded.events = [event.__class__(**{**event.__dict__, "trigger_span": (400, 403)})]
    EventDater()(nlp(text), coded)
    assert coded.events[0].date == UNKNOWN_DATE
    assert "trigger span" in coded.events[0].extras["date_reason"]


def test_stage_declares_its_name_and_version():
    assert (EventDater.name, EventDater.version) == ("when", "8")


def test_a_wire_dateline_never_dates_an_event(nlp):
    text = (
        "PYONGYANG, March 27 (Eastbridge Wire) - Russia and North Korea signed a protocol "
        "on trade on Tuesday in Pyongyang."
    )
    signed = dated(nlp, text, date(2019, 3, 27), "signed")["signed"]
    assert day(signed) == (date(2019, 3, 26), "day")


def test_a_dateline_alone_leaves_the_event_undated(nlp):
    text = "SEOUL, May 5 - North Korea fired several projectiles into the sea, officials said."
    fired = dated(nlp, text, date(2019, 5, 5), "fired")["fired"]
    assert fired.date == UNKNOWN_DATE


def test_a_speakers_own_offer_is_dated_by_the_saying(nlp):
    text = "Kim Jong Un said on Tuesday that he was ready to meet Trump again at any time."
    coded = CodedArticle(Article(text, published=date(2019, 1, 2)))
    offer = coder_event(text, "meet")
    offer = offer.__class__(
        **{
            **offer.__dict__,
            "code": "036",
            "root": "03",
            "source": Actor("Kim Jong Un", code="PRKGOV", span=(0, 11)),
        }
    )
    coded.events = [offer]
    EventDater()(nlp(text), coded)
    assert day(coded.events[0]) == (date(2019, 1, 1), "day")


def test_someone_elses_act_is_not_dated_by_the_reporter(nlp):
    text = "KCNA said on Sunday that Japan had accused the North of lying."
    coded = CodedArticle(Article(text, published=date(2019, 3, 11)))
    accusation = coder_event(text, "accused")
    accusation = accusation.__class__(
        **{
            **accusation.__dict__,
            "code": "112",
            "root": "11",
            "source": Actor("Japan", code="JPN", span=(25, 30)),
        }
    )
    coded.events = [accusation]
    EventDater()(nlp(text), coded)
    assert coded.events[0].date == UNKNOWN_DATE
    assert coded.events[0].report_date == date(2019, 3, 10)


def test_a_length_of_time_beside_the_day_does_not_hide_the_day(nlp):
    text = "U.S. and Chinese negotiators wrapped up two days of talks in Washington on Thursday."
    wrapped = dated(nlp, text, date(2019, 2, 1), "wrapped")["wrapped"]
    assert day(wrapped) == (date(2019, 1, 31), "day")


def test_what_a_speaker_says_holds_now_is_dated_by_the_saying(nlp):
    text = (
        "North Korea is considering suspending talks with the United States, Vice Foreign "
        "Minister Choe Son-hui told reporters in Pyongyang on Friday."
    )
    considering = dated(nlp, text, date(2019, 3, 16), "considering")["considering"]
    assert day(considering) == (date(2019, 3, 15), "day")


def test_the_day_right_after_said_dates_the_saying_wherever_the_parser_hangs_it(nlp):
    # the parser hangs "on Saturday" on "take"
    text = "China's commerce ministry said on Saturday it would take countermeasures."
    said = dated(nlp, text, date(2019, 5, 11), "said")["said"]
    assert day(said) == (date(2019, 5, 11), "day")


def test_which_day_of_the_talks_dates_nothing_the_clause_above_does(nlp):
    text = (
        "The United States raised tariffs on Friday, while negotiators held a second day of "
        "talks in Washington."
    )
    held = dated(nlp, text, date(2019, 5, 11), "held")["held"]
    assert day(held) == (date(2019, 5, 10), "day")


def test_a_time_in_front_of_a_noun_dates_the_clause_about_it_not_the_verb_above(nlp):
    text = (
        "Tokyo said on Monday it would end talks with Seoul over a December incident in which "
        "a destroyer locked its radar on a patrol plane."
    )
    events = dated(nlp, text, date(2019, 1, 22), "end", "locked")
    assert day(events["locked"]) == (date(2018, 12, 1), "month")
    assert events["end"].date.start != date(2019, 12, 1)


def test_a_saying_does_not_inherit_the_date_of_the_history_just_told(nlp):
    text = "ISIL captured Raqqa in March 2013. Erdogan said ISIL fighters had begun deserting."
    said = dated(nlp, text, date(2017, 2, 13), "said")["said"]
    assert said.date.start is None


def test_a_participle_beside_the_clause_takes_the_clauses_date(nlp):
    text = "Tokyo responded on Monday, with a spokesman calling the launch a provocation."
    calling = dated(nlp, text, date(2019, 5, 29), "calling")["calling"]
    assert day(calling) == (date(2019, 5, 27), "day")
