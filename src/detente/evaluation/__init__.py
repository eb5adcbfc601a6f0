"""Scoring the event coder against gold files (``detente eval``).

- :mod:`.gold`: the gold format, read and validated line by line;
- :mod:`.events`: event matching and scores (root and full code, dyads, actor
  codes, dates, modality, forbidden events, root confusion);
- :mod:`.penta`: :func:`main_event` and the five-way class accuracy;
- :mod:`.spans`: the detokeniser and token-level source/target scores;
- :mod:`.split`: the fixed tune/check split of every gold set;
- :mod:`.convert`: the ConfliBERT development sets to gold files;
- :mod:`.report`: :func:`evaluate_file` and :class:`EvalReport`.
"""

from .convert import convert_dev_gold, convert_penta_tsv, convert_spans_conll
from .events import EventScores
from .gold import GoldDocument, GoldEvent, load_gold, split_actor_code
from .metrics import PRF, Accuracy, match_one_to_one
from .penta import PentaScores, event_penta_class, main_event
from .report import EvalReport, evaluate_documents, evaluate_file, sample_documents
from .spans import SpanScores, detokenise, score_spans
from .split import select_split, split_of

__all__ = [
    "PRF",
    "Accuracy",
    "EvalReport",
    "EventScores",
    "GoldDocument",
    "GoldEvent",
    "PentaScores",
    "SpanScores",
    "convert_dev_gold",
    "convert_penta_tsv",
    "convert_spans_conll",
    "detokenise",
    "evaluate_documents",
    "evaluate_file",
    "event_penta_class",
    "load_gold",
    "main_event",
    "match_one_to_one",
    "sample_documents",
    "score_spans",
    "select_split",
    "split_actor_code",
    "split_of",
]
