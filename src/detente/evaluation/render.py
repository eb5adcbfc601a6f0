"""An evaluation report as rich tables (terminal) or the same tables as plain text."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .metrics import PRF, Accuracy
from .penta import PENTA_LABELS

if TYPE_CHECKING:
    from .report import EvalReport

MAX_LISTED = 20


def report_text(report: EvalReport, width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    for item in report_renderables(report):
        console.print(item)
    return buffer.getvalue()


def report_renderables(report: EvalReport) -> list[Any]:
    head = f"{report.gold or 'gold'}: {report.documents} documents in {report.seconds:.1f}s"
    if report.coder:
        head += f"\ncoder {report.coder}"
    items: list[Any] = [Text(head)]
    if report.events is not None:
        items.extend(_event_tables(report))
    if report.penta is not None:
        penta = report.penta
        items.append(Text(f"penta: main-event class accuracy {_acc(penta.accuracy)}"))
        items.append(
            _confusion(
                penta.confusion_table(),
                "penta confusion",
                lambda gold: f"{gold} {PENTA_LABELS[int(gold)]}",
            )
        )
    if report.spans is not None:
        spans = report.spans
        items.append(
            _prf_table(
                f"spans ({spans.sentences} sentences, token level)",
                {"source": spans.source, "target": spans.target, "combined": spans.combined},
            )
        )
        main = spans.main_event
        items.append(
            _prf_table(
                "spans, each sentence's main event alone",
                {"source": main.source, "target": main.target, "combined": main.combined},
            )
        )
        pairs = spans.pairs
        if pairs.sentences:
            items.append(
                Text(
                    f"pairs: of {pairs.sentences} sentences with both sides marked, an event"
                    f" covers both in {pairs.found} ({pairs.found / pairs.sentences:.3f}),"
                    f" with a country on each side in {pairs.with_countries}"
                    f" ({pairs.with_countries / pairs.sentences:.3f})"
                )
            )
    if report.warnings:
        items.append(Text(f"{len(report.warnings)} pipeline warnings; first: {report.warnings[0]}"))
    return items


def _event_tables(report: EvalReport) -> list[Any]:
    scores = report.events
    assert scores is not None
    items: list[Any] = [
        _prf_table(
            f"events ({scores.documents} documents)",
            {"root": scores.root, "full code": scores.full, "dyads": scores.dyads},
        ),
    ]
    accuracy = Table(title="on root-matched events")
    for col in ("measure", "accuracy", "correct", "total"):
        accuracy.add_column(col, justify="left" if col == "measure" else "right")
    for name, acc in (
        ("source actor code", scores.source_actor),
        ("target actor code", scores.target_actor),
        ("date", scores.dates),
        ("modality", scores.modality),
    ):
        accuracy.add_row(
            name, f"{acc.accuracy:.3f}" if acc.total else "-", str(acc.correct), str(acc.total)
        )
    items.append(accuracy)
    both = scores.both_countries_root
    if both.total:
        items.append(
            Text(
                f"root precision of events with a country on both sides: "
                f"{both.accuracy:.3f} ({both.correct} of {both.total})"
            )
        )
    items.append(Text(f"forbidden events asserted: {len(scores.forbidden)}"))
    for entry in scores.forbidden[:MAX_LISTED]:
        items.append(
            Text(f"  {entry['id']}: {entry['predicted']} (forbidden {entry['forbidden']})")
        )
    if scores.confusion:
        items.append(_confusion(scores.confusion_table(), "root confusion"))
    return items


def _prf_table(title: str, rows: dict[str, PRF]) -> Table:
    table = Table(title=title)
    for col in ("measure", "precision", "recall", "F1", "correct", "predicted", "gold"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    for name, prf in rows.items():
        table.add_row(
            name,
            f"{prf.precision:.3f}",
            f"{prf.recall:.3f}",
            f"{prf.f1:.3f}",
            str(prf.correct),
            str(prf.predicted),
            str(prf.gold),
        )
    return table


def _confusion(
    matrix: dict[str, dict[str, int]], title: str, row_label: Callable[[str], str] = str
) -> Table:
    columns = list(next(iter(matrix.values()), {}))
    table = Table(title=title)
    table.add_column("gold \\ predicted")
    for col in columns:
        table.add_column(col, justify="right")
    for gold, row in matrix.items():
        table.add_row(row_label(gold), *(str(row[c]) if row[c] else "." for c in columns))
    return table


def _acc(acc: Accuracy) -> str:
    return f"{acc.accuracy:.3f} ({acc.correct}/{acc.total})"
