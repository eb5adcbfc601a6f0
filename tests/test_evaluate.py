"""How ``detente eval`` scores coded events against gold: the rules, on tiny examples."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.errors import GoldFormatError, QueryError
from detente.evaluation import (
    EventScores,
    PentaScores,
    convert_dev_gold,
    detokenise,
    evaluate_documents,
    evaluate_file,
    load_gold,
    main_event,
    score_spans,
    select_split,
    split_actor_code,
    split_of,
)
from detente.evaluation.gold import GoldDate, GoldEvent, parse_document
from detente.model import Actor, Article, CodedArticle, Event, EventDate

GOLD_DIR = Path(__file__).parent / "fixtures" / "gold"


def actor(code: str, span: tuple[int, int] | None = None) -> Actor:
    country, sector = split_actor_code(code)
    return Actor(text=code, code=code, country=country, sector=sector, span=span)


def event(
    source: str,
    target: str | None,
    code: str,
    *,
    modality: str = "asserted",
    when: EventDate | None = None,
    confidence: float = 0.8,
    trigger_at: int = 0,
    source_span: tuple[int, int] | None = None,
    target_span: tuple[int, int] | None = None,
) -> Event:
    return Event(
        source=actor(source, source_span),
        target=actor(target, target_span) if target else None,
        code=code,
        root=code[:2],
        name="",
        plover=None,
        plover_mode=None,
        quad_class=1,
        goldstein=0.0,
        modality=modality,
        sentence="",
        sentence_index=0,
        span=(0, 50),
        trigger="",
        trigger_span=(trigger_at, trigger_at + 4),
        confidence=confidence,
        date=when or EventDate(),
    )


def gold(source: str, target: str | None, code: str | list[str], **extra) -> GoldEvent:
    codes = tuple(code) if isinstance(code, list) else (code,)
    return GoldEvent(source=source, target=target, codes=codes, **extra)


def score(gold_events: list[GoldEvent], predicted: list[Event], forbidden=()) -> EventScores:
    scores = EventScores()
    scores.add("doc", gold_events, predicted, forbidden)
    return scores


# --- actor codes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "parts"),
    [
        ("PRK", ("PRK", None)),
        ("PRKGOV", ("PRK", "GOV")),
        ("USAGOVMIL", ("USA", "GOVMIL")),
        ("NATO", ("NATO", None)),
        ("GOV", (None, "GOV")),
        ("", (None, None)),
    ],
)
def test_actor_codes_split_into_country_and_sector(code, parts):
    assert split_actor_code(code) == parts


# --- event matching -----------------------------------------------------------------


def test_symmetric_gold_matches_the_dyad_in_either_order():
    met = gold("KOR", "PRK", "036", symmetric=True)
    assert score([met], [event("PRK", "KOR", "036")]).full.correct == 1
    assert score([met], [event("KOR", "PRK", "036")]).full.correct == 1


def test_both_directions_of_one_reciprocal_event_count_once_against_symmetric_gold():
    met = gold("KOR", "PRK", "040", symmetric=True)
    scores = score(
        [met],
        [event("KOR", "PRK", "040", trigger_at=10), event("PRK", "KOR", "040", trigger_at=10)],
    )
    assert (scores.root.correct, scores.root.predicted, scores.root.gold) == (1, 1, 1)


def test_a_reversed_event_from_another_trigger_is_still_a_false_positive():
    met = gold("KOR", "PRK", "040", symmetric=True)
    scores = score(
        [met],
        [event("KOR", "PRK", "040", trigger_at=10), event("PRK", "KOR", "040", trigger_at=40)],
    )
    assert (scores.root.correct, scores.root.predicted) == (1, 2)


def test_both_directions_of_one_trigger_pair_with_one_gold_event_only():
    met = gold("USA", "PRK", "040", symmetric=True, modality="asserted")
    summit = gold("USA", "PRK", "040", symmetric=True, modality="future")
    predicted = [
        event("USA", "PRK", "040", trigger_at=10),
        event("PRK", "USA", "040", trigger_at=10),
        event("USA", "PRK", "040", trigger_at=60, modality="future"),
        event("PRK", "USA", "040", trigger_at=60, modality="future"),
    ]
    scores = score([met, summit], predicted)
    assert (scores.root.correct, scores.root.predicted, scores.root.gold) == (2, 2, 2)
    assert (scores.modality.correct, scores.modality.total) == (2, 2)


def test_of_two_pairings_as_large_the_one_that_pairs_like_with_like_is_scored():
    talks = gold("USA", "CHN", "040", modality="asserted")
    planned = gold("USA", "CHN", "040", modality="future")
    predicted = [
        event("USA", "CHN", "040", trigger_at=10, modality="future"),
        event("USA", "CHN", "040", trigger_at=60),
    ]
    scores = score([talks, planned], predicted)
    assert (scores.modality.correct, scores.modality.total) == (2, 2)


def test_directed_gold_needs_source_and_target_the_right_way_round():
    scores = score([gold("ISR", "PSE", "190")], [event("PSE", "ISR", "190")])
    assert (scores.root.correct, scores.root.predicted, scores.root.gold) == (0, 1, 1)


def test_a_root_only_gold_code_matches_any_code_under_that_root():
    scores = score([gold("RUS", "UKR", "19")], [event("RUS", "UKR", "193")])
    assert scores.root.correct == 1 and scores.full.correct == 1


def test_a_wrong_sub_code_counts_at_root_level_but_not_at_full_code():
    scores = score([gold("USA", "IRN", "172")], [event("USA", "IRN", "173")])
    assert scores.root.f1 == 1.0
    assert scores.full.correct == 0


def test_any_listed_alternative_code_matches():
    alternatives = gold("KOR", "PRK", ["036", "040"])
    assert score([alternatives], [event("KOR", "PRK", "040")]).full.correct == 1
    near_miss = score([alternatives], [event("KOR", "PRK", "043")])
    assert (near_miss.root.correct, near_miss.full.correct) == (1, 0)  # "040" is its own code
    assert score([alternatives], [event("KOR", "PRK", "057")]).root.correct == 0


def test_gold_country_match_ignores_sector_which_is_scored_apart():
    scores = score([gold("PRKGOV", "USA", "112")], [event("PRK", "USA", "112")])
    assert scores.full.correct == 1
    assert (scores.source_actor.correct, scores.source_actor.total) == (0, 1)
    assert scores.target_actor.total == 0  # gold "USA" names no sector: nothing to check
    assert (
        score(
            [gold("PRKGOV", "USA", "112")], [event("PRKGOVMIL", "USA", "112")]
        ).source_actor.correct
        == 1
    )


def test_matching_is_one_to_one_within_a_document():
    scores = score(
        [gold("CHN", "TWN", "138")], [event("CHN", "TWN", "138"), event("CHN", "TWN", "138")]
    )
    assert (scores.full.correct, scores.full.predicted, scores.full.gold) == (1, 2, 1)
    assert scores.full.precision == 0.5 and scores.full.recall == 1.0


def test_matching_finds_the_pairing_that_matches_most_events():
    # a first-come pairing would give the 042 prediction to the first gold event
    either = gold("FRA", "DEU", ["04", "05"])
    visit_only = gold("FRA", "DEU", "04")
    scores = score([either, visit_only], [event("FRA", "DEU", "042"), event("FRA", "DEU", "051")])
    assert scores.full.correct == 2


def test_an_event_without_target_matches_only_a_gold_without_target():
    assert score([gold("RUS", None, "023")], [event("RUS", None, "023")]).full.correct == 1
    assert score([gold("RUS", None, "023")], [event("RUS", "UKR", "023")]).full.correct == 0


def test_dyads_are_unordered_country_pairs_counted_once_per_document():
    scores = score(
        [gold("IND", "PAK", "111"), gold("PAK", "IND", "112")],
        [event("PAK", "IND", "190"), event("IND", "CHN", "040"), event("RUS", None, "010")],
    )
    assert (scores.dyads.correct, scores.dyads.predicted, scores.dyads.gold) == (1, 2, 1)


def test_dates_need_the_same_day_where_gold_has_a_day():
    on_the_day = gold("USA", "MEX", "042", date=GoldDate(2019, 3, 14))
    right = EventDate(date(2019, 3, 14), date(2019, 3, 14), "day")
    month_only = EventDate(date(2019, 3, 1), date(2019, 3, 31), "month")
    assert score([on_the_day], [event("USA", "MEX", "042", when=right)]).dates.correct == 1
    assert score([on_the_day], [event("USA", "MEX", "042", when=month_only)]).dates.correct == 0
    undated = score([on_the_day], [event("USA", "MEX", "042")])
    assert (undated.dates.correct, undated.dates.total) == (0, 1)


def test_dates_need_the_same_month_where_gold_has_a_month():
    in_january = gold("USA", "MEX", "042", date=GoldDate(2019, 1))
    day_in_january = EventDate(date(2019, 1, 20), date(2019, 1, 20), "day")
    day_in_february = EventDate(date(2019, 2, 1), date(2019, 2, 1), "day")
    assert (
        score([in_january], [event("USA", "MEX", "042", when=day_in_january)]).dates.accuracy == 1.0
    )
    assert (
        score([in_january], [event("USA", "MEX", "042", when=day_in_february)]).dates.accuracy
        == 0.0
    )


def test_modality_is_scored_on_matched_events_whose_gold_states_one():
    scores = score(
        [gold("IRN", "USA", "138", modality="future"), gold("IRN", "ISR", "111")],
        [event("IRN", "USA", "138", modality="hypothetical"), event("IRN", "ISR", "111")],
    )
    assert (scores.modality.correct, scores.modality.total) == (0, 1)


def test_asserting_a_forbidden_event_is_counted_and_listed():
    forbidden = [gold("RUS", "UKR", "19")]
    scores = score(
        [gold("RUS", None, "023")],
        [event("RUS", "UKR", "190"), event("RUS", "UKR", "193", modality="negated")],
        forbidden,
    )
    assert len(scores.forbidden) == 1
    assert scores.forbidden[0]["predicted"] == "RUS -> UKR 190 (asserted)"
    assert scores.to_dict()["forbidden_asserted"]["count"] == 1


def test_root_confusion_pairs_events_by_dyad_with_none_for_the_unpaired():
    scores = score(
        [gold("ISR", "PSE", "19"), gold("EGY", "PSE", "04")],
        [event("ISR", "PSE", "173"), event("USA", "ISR", "070")],
    )
    table = scores.confusion_table()
    assert table["19"]["17"] == 1
    assert table["04"]["none"] == 1
    assert table["none"]["07"] == 1
    assert list(table) == ["04", "07", "17", "19", "none"]  # square: every root seen, none last


# --- main event and penta classes -------------------------------------------------


def test_main_event_prefers_asserted_events():
    threat = event("PRK", "USA", "138", modality="hypothetical", confidence=0.99)
    visit = event("PRK", "CHN", "042", confidence=0.5)
    assert main_event([threat, visit]) is visit


def test_main_event_prefers_other_roots_over_statements():
    said = event("USA", None, "010", confidence=0.95, trigger_at=0)
    struck = event("USA", "SYR", "195", confidence=0.6, trigger_at=30)
    assert main_event([said, struck]) is struck


def test_main_event_then_prefers_confidence_then_the_earlier_trigger():
    early = event("IND", "PAK", "111", confidence=0.7, trigger_at=5)
    late = event("IND", "PAK", "112", confidence=0.7, trigger_at=40)
    sure = event("IND", "PAK", "120", confidence=0.9, trigger_at=60)
    assert main_event([late, early, sure]) is sure
    assert main_event([late, early]) is early
    assert main_event([]) is None


@pytest.mark.parametrize(
    ("code", "klass"),
    [
        ("010", 0),
        ("020", 0),
        ("036", 1),
        ("057", 1),
        ("061", 2),
        ("085", 2),
        ("090", 3),
        ("138", 3),
        ("141", 4),
        ("190", 4),
        ("203", 4),
    ],
)
def test_penta_classes_group_cameo_roots_in_five(code, klass):
    scores = PentaScores()
    assert scores.add(klass, [event("USA", "IRN", code)]) == klass
    assert scores.accuracy.correct == 1


def test_penta_counts_a_sentence_without_events_as_wrong():
    scores = PentaScores()
    scores.add(3, [])
    assert (scores.accuracy.correct, scores.accuracy.total) == (0, 1)
    assert scores.confusion_table()["3"]["none"] == 1


# --- spans ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["Iraq", "'s", "army", ",", "he", "said", "."], "Iraq's army, he said."),
        (["Baghdad", "’", "s", "forces"], "Baghdad’s forces"),
        (["they", "do", "n't", "know", "(", "yet", ")"], "they don't know (yet)"),
        (["Syria", "-", "related", "talks", "cost", "$", "5", "%"], "Syria-related talks cost $5%"),
        (["he", "said", '"', "no", "deal", '"', "."], 'he said "no deal".'),
        (["“", "Never", "”", ",", "she", "said", ":", "no", "."], "“Never”, she said: no."),
        (["deported", "1", ",", "086", "migrants"], "deported 1,086 migrants"),
        (["gave", "$", "5", ".", "3", "million"], "gave $5.3 million"),
        (["on", "April", "24", ",", "2018", "."], "on April 24, 2018."),
        (["in", "2010", ",", "300", "people"], "in 2010, 300 people"),
        (["the", "U", ".", "S", ".", "envoy"], "the U.S. envoy"),
        (["at", "8", "a", ".", "m", ".", "Monday"], "at 8 a.m. Monday"),
        (["Mr", ".", "Sisi", "said", "."], "Mr. Sisi said."),
    ],
)
def test_detokenise_rebuilds_natural_text(tokens, text):
    assert detokenise(tokens)[0] == text


@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Z", "C")), min_size=1),
        min_size=1,
        max_size=30,
    )
)
def test_detokenise_keeps_every_token_at_its_offsets(tokens):
    text, spans = detokenise(tokens)
    assert [text[s:e] for s, e in spans] == tokens
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def spans_of(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def test_span_tokens_are_scored_by_role():
    tokens = ["Turkish", "jets", "bombed", "Kurdish", "positions", "in", "Iraq", "."]
    tags = ["B-S", "I-S", "O", "B-T", "I-T", "O", "O", "O"]
    text, token_spans = detokenise(tokens)
    found = event(
        "TUR",
        "IRQ",
        "195",
        source_span=spans_of(text, "Turkish jets"),
        target_span=spans_of(text, "positions in Iraq"),
    )
    scores = score_spans([(tags, token_spans, [found])])
    assert scores.source.to_dict()["f1"] == 1.0
    assert (scores.target.correct, scores.target.predicted, scores.target.gold) == (1, 3, 2)
    assert (scores.combined.correct, scores.combined.predicted, scores.combined.gold) == (3, 5, 4)


def test_reciprocal_tokens_count_for_either_role():
    tokens = ["Chinese", "and", "Indian", "envoys", "met", "."]
    tags = ["B-R", "O", "B-R", "I-R", "O", "O"]
    text, token_spans = detokenise(tokens)
    met = event(
        "CHN",
        "IND",
        "040",
        source_span=spans_of(text, "Chinese"),
        target_span=spans_of(text, "Indian envoys"),
    )
    scores = score_spans([(tags, token_spans, [met])])
    assert scores.source.f1 == scores.target.f1 == scores.combined.f1 == 1.0


def test_pairs_count_sentences_where_one_event_covers_both_sides_and_which_have_countries():
    tokens = ["Israeli", "jets", "struck", "Gaza", "."]
    tags = ["B-S", "I-S", "O", "B-T", "O"]
    text, token_spans = detokenise(tokens)
    spans = {"source_span": spans_of(text, "Israeli jets"), "target_span": spans_of(text, "Gaza")}
    with_countries = event("ISR", "PSE", "195", **spans)
    without = event("ISR", "MIL", "195", **spans)
    swapped = event(
        "PSE", "ISR", "195", source_span=spans_of(text, "Gaza"), target_span=spans_of(text, "jets")
    )
    no_target = event("ISR", None, "195", source_span=spans_of(text, "Israeli jets"))
    met_tokens, met_tags = ["Envoys", "met", "."], ["B-S", "O", "O"]  # one side: no pair
    _, met_spans = detokenise(met_tokens)
    scores = score_spans(
        [
            (tags, token_spans, [with_countries]),
            (tags, token_spans, [without]),
            (tags, token_spans, [swapped, no_target]),
            (met_tags, met_spans, [event("CHN", None, "040")]),
        ]
    )
    assert (scores.pairs.sentences, scores.pairs.found, scores.pairs.with_countries) == (3, 2, 1)
    assert scores.to_dict()["pairs"]["found_share"] == round(2 / 3, 4)


def test_a_reciprocal_side_nobody_found_is_missed():
    tokens = ["Chinese", "and", "Indian", "envoys", "met", "."]
    tags = ["B-R", "O", "B-R", "I-R", "O", "O"]
    text, token_spans = detokenise(tokens)
    half = event("CHN", None, "040", source_span=spans_of(text, "Chinese"))
    scores = score_spans([(tags, token_spans, [half])])
    assert (scores.combined.correct, scores.combined.gold) == (1, 3)
    assert scores.source.precision == 1.0


def test_another_event_of_the_sentence_counts_against_all_events_but_not_the_main_one():
    tokens = ["Israeli", "jets", "struck", "Gaza", ",", "killing", "five", "fighters", "."]
    tags = ["B-S", "I-S", "O", "B-T", "O", "O", "O", "O", "O"]
    text, token_spans = detokenise(tokens)
    struck = event(
        "ISR",
        "PSE",
        "195",
        trigger_at=text.index("struck"),
        source_span=spans_of(text, "Israeli jets"),
        target_span=spans_of(text, "Gaza"),
    )
    killing = event(
        "ISR",
        "PSE",
        "1823",
        trigger_at=text.index("killing"),
        source_span=spans_of(text, "Israeli jets"),
        target_span=spans_of(text, "five fighters"),
    )
    killing.extras["clause_depth"] = 1
    scores = score_spans([(tags, token_spans, [struck, killing])])
    assert (scores.target.correct, scores.target.predicted) == (1, 3)
    assert (scores.main_event.target.correct, scores.main_event.target.predicted) == (1, 1)
    assert scores.to_dict()["main_event"]["target"]["f1"] == 1.0


# --- gold files ---------------------------------------------------------------------


def write_gold(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = (
    '{"id": "a", "text": "Iran warned Israel.",'
    ' "events": [{"source": "IRN", "target": "ISR", "code": "13"}]}'
)


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        (
            '{"id": "b", "text": "x", "events": [{"source": "IRN", "code": "4"}]}',
            "gold.jsonl:2: \"events\"[0].code is '4'",
        ),
        (
            '{"id": "b", "text": "x", "events": [{"source": "iran", "code": "13"}]}',
            "gold.jsonl:2: \"events\"[0].source is 'iran'",
        ),
        (
            (
                '{"id": "b", "text": "x",'
                ' "events": [{"source": "IRN", "code": "13", "date": "2019-13"}]}'
            ),
            "gold.jsonl:2: \"events\"[0].date is '2019-13'",
        ),
        (
            (
                '{"id": "b", "text": "x",'
                ' "events": [{"source": "IRN", "code": "13", "modality": "maybe"}]}'
            ),
            "modality is 'maybe'",
        ),
        (
            '{"id": "b", "text": "x", "penta": 7}',
            'gold.jsonl:2: "penta" must be an integer from 0 to 4',
        ),
        (
            '{"id": "b", "tokens": ["Iran", "warned"], "tags": ["B-S"]}',
            'gold.jsonl:2: "tags" must be a list as long as "tokens" (2), got 1',
        ),
        ('{"id": "b", "tokens": ["Iran", "warned"], "tags": ["B-S", "B-X"]}', "tag 2 is 'B-X'"),
        (
            '{"id": "b", "text": "Iran warned", "tokens": ["Iran", "warns"], "tags": ["B-S", "O"]}',
            "token 2 ('warns') is not at character 5",
        ),
        ('{"id": "b", "text": "x"}', "document 'b' has nothing to score"),
        ('{"text": "x", "penta": 1}', 'gold.jsonl:2: missing or empty "id"'),
        ('{"id": "a", "text": "x", "penta": 1}', "gold.jsonl:2: duplicate document id 'a'"),
        ('{"id": "b", "text": "x", "penta": 1', "gold.jsonl:2: not valid JSON"),
        ('["b", "x"]', "gold.jsonl:2: each line must be a JSON object"),
    ],
)
def test_malformed_gold_names_file_line_and_problem(tmp_path, bad_line, message):
    with pytest.raises(GoldFormatError) as caught:
        load_gold(write_gold(tmp_path, GOOD, bad_line))
    assert message in str(caught.value)
    assert str(caught.value).startswith("[D040]")


def test_a_missing_gold_file_is_a_gold_format_error(tmp_path):
    with pytest.raises(GoldFormatError, match="cannot read gold file"):
        load_gold(tmp_path / "absent.jsonl")


def test_gold_documents_read_events_alternatives_dates_and_tokens():
    (visit, _strike, _denial) = load_gold(GOLD_DIR / "tiny_events.jsonl")
    assert visit.published == date(2018, 9, 19)
    assert visit.events[1].codes == ("036", "040") and visit.events[1].symmetric
    assert str(visit.events[0].date) == "2018-09-18"
    meeting = load_gold(GOLD_DIR / "tiny_spans.jsonl")[0]
    assert meeting.text == "Chinese and Indian envoys met in Geneva on Friday."
    assert meeting.token_spans[3] == (19, 25)


def test_given_text_is_aligned_with_its_tokens():
    doc = parse_document(
        '{"id": "x", "text": "Iran  warned.", "tokens": ["Iran", "warned", "."],'
        ' "tags": ["B-S", "O", "O"]}',
        "here:1",
    )
    assert doc.token_spans == ((0, 4), (6, 12), (12, 13))


# --- whole files ----------------------------------------------------------------------


class ScriptedCoder:
    """Answers each gold text with prepared events, as a pipeline would."""

    version = "scripted"

    def __init__(self, answers: dict[str, list[Event]]):
        self.answers = answers

    def code(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for article in articles:
            yield CodedArticle(article, events=self.answers.get(article.record_id, []))


def test_a_report_has_sections_only_for_the_kinds_in_the_file():
    coder = ScriptedCoder({"ev-strike": [event("ISR", "PSE", "195")]})
    report = evaluate_file(GOLD_DIR / "tiny_events.jsonl", coder)
    out = report.to_dict()
    assert {"events", "penta", "spans"} & set(out) == {"events"}
    assert out["events"]["root"] == {
        "precision": 1.0,
        "recall": 0.25,
        "f1": 0.4,
        "correct": 1,
        "predicted": 1,
        "gold": 4,
    }
    assert out["coder"] == "scripted" and out["documents"] == 3
    json.dumps(out)  # the --json output


def test_penta_and_span_files_are_scored_together():
    documents = load_gold(GOLD_DIR / "tiny_penta.jsonl") + load_gold(GOLD_DIR / "tiny_spans.jsonl")
    text = documents[3].text
    coder = ScriptedCoder(
        {
            "pe-threat": [event("PRK", None, "138")],
            "pe-aid": [event("JPN", "PAK", "073")],
            "sp-meet": [
                event(
                    "CHN",
                    "IND",
                    "040",
                    source_span=spans_of(text, "Chinese"),
                    target_span=spans_of(text, "Indian envoys"),
                )
            ],
        }
    )
    report = evaluate_documents(documents, coder, gold="tiny")
    assert report.events is None
    assert (report.penta.accuracy.correct, report.penta.accuracy.total) == (2, 3)
    assert report.spans.sentences == 2
    assert report.spans.combined.correct == 3
    rendered = report.to_text()
    assert "penta: main-event class accuracy 0.667 (2/3)" in rendered
    assert "combined" in rendered


def test_the_dev_sets_convert_to_gold_files(tmp_path):
    source = tmp_path / "dev"
    source.mkdir()
    (source / "confli_cameo_penta_train.tsv").write_text(
        "Rebels shelled the airport at dawn.\t4\nThe two ministers signed a trade pact.\t2\n",
        encoding="utf-8",
    )
    (source / "confli_cameo_spans_train.txt").write_text(
        "Rebels B-S\nshelled O\nthe B-T\nairport I-T\n. O\n\nThe B-R\nministers I-R\nmet O\n. O\n",
        encoding="utf-8",
    )
    written = convert_dev_gold(source, tmp_path / "out")
    penta = load_gold(written["penta"])
    spans = load_gold(written["spans"])
    assert [(d.id, d.penta) for d in penta] == [("penta-1", 4), ("penta-2", 2)]
    assert [d.text for d in spans] == ["Rebels shelled the airport.", "The ministers met."]
    assert spans[1].id == "spans-7" and spans[1].tags[:2] == ("B-R", "I-R")


def test_converting_a_bad_dev_file_names_the_line(tmp_path):
    (tmp_path / "confli_cameo_penta_train.tsv").write_text(
        "Fine.\t1\nNo class here\n", encoding="utf-8"
    )
    (tmp_path / "confli_cameo_spans_train.txt").write_text("Fine O\n", encoding="utf-8")
    with pytest.raises(
        GoldFormatError, match=r"confli_cameo_penta_train.tsv:2: expected a sentence"
    ):
        convert_dev_gold(tmp_path, tmp_path / "out")


# --- command line -------------------------------------------------------------------


def test_eval_command_checks_the_gold_file_before_loading_a_model(tmp_path):
    from typer.testing import CliRunner

    from detente.cli import cmd_eval  # noqa: F401  (registers the command)
    from detente.cli._app import app

    bad = write_gold(tmp_path, '{"id": "a", "text": "x", "penta": "four"}')
    result = CliRunner().invoke(app, ["eval", str(bad), "--model", "no_such_model"])
    assert isinstance(result.exception, GoldFormatError)
    assert 'gold.jsonl:1: "penta" must be an integer' in str(result.exception)


def test_the_text_report_lists_forbidden_events_and_the_root_confusion():
    coder = ScriptedCoder({"ev-denial": [event("RUS", "UKR", "190")]})
    text = evaluate_file(GOLD_DIR / "tiny_events.jsonl", coder).to_text(width=160)
    assert "forbidden events asserted: 1" in text
    assert "ev-denial: RUS -> UKR 190 (asserted) (forbidden RUS -> UKR 19)" in text
    assert "root confusion" in text and "gold \\ predicted" in text


# --- the tune/check split and the focus of a document --------------------------------


def test_the_split_sends_a_third_of_documents_to_check_by_their_text_alone():
    texts = [f"Delegation {n} arrived in Hanoi on Tuesday." for n in range(900)]
    sides = [split_of(text) for text in texts]
    assert 250 < sides.count("check") < 350
    assert split_of("Iran  warned\nIsrael.") == split_of("Iran warned Israel.")
    documents = [
        parse_document(json.dumps({"id": str(n), "text": t, "penta": 1}), "x")
        for n, t in enumerate(texts)
    ]
    tune, check = select_split(documents, "tune"), select_split(documents, "check")
    assert len(tune) + len(check) == 900
    assert {d.id for d in tune}.isdisjoint({d.id for d in check})
    assert select_split(documents, None) == documents


def test_an_unknown_split_is_refused():
    with pytest.raises(QueryError, match="use 'tune' or 'check'"):
        select_split([], "train")


def test_events_outside_the_focus_are_context_and_not_scored():
    text = "Iran tested a missile. Israel warned Iran on Monday."
    doc = parse_document(
        json.dumps(
            {
                "id": "f",
                "text": text,
                "focus": [23, len(text)],
                "events": [{"source": "ISR", "target": "IRN", "code": "13"}],
            }
        ),
        "x",
    )
    earlier = replace(event("IRN", None, "138"), span=(0, 22))
    warning = replace(event("ISR", "IRN", "138"), span=(23, len(text)))
    report = evaluate_documents([doc], ScriptedCoder({"f": [earlier, warning]}))
    assert report.events.root.predicted == 1 and report.events.root.correct == 1


@pytest.mark.parametrize("focus", [[5, 2], [0, 999], [1], "0-3"])
def test_a_focus_outside_the_text_is_a_gold_format_error(focus):
    line = json.dumps({"id": "f", "text": "Iran warned.", "focus": focus, "events": []})
    with pytest.raises(GoldFormatError, match='"focus" must be'):
        parse_document(line, "gold.jsonl:3")


def test_root_precision_counts_only_events_with_a_country_on_both_sides():
    scores = score(
        [gold("ISR", "IRN", "13")],
        [event("ISR", "IRN", "138"), event("ISR", "SYR", "190"), event("IRN", None, "010")],
    )
    assert (scores.both_countries_root.correct, scores.both_countries_root.total) == (1, 2)
    assert scores.to_dict()["root_precision_both_countries"]["total"] == 2
