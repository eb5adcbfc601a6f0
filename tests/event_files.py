"""Writing small event files in providers' published layouts, for tests (GDELT has no header,
so a row is easiest built from its named fields)."""

from __future__ import annotations

from pathlib import Path

from detente.datasets.gdelt import GDELT1_COLUMNS
from detente.datasets.icews import ICEWS_COLUMNS
from detente.datasets.polecat import POLECAT_COLUMNS
from detente.ties.gdelt import GDELT_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures" / "datasets"
GDELT_FILE = FIXTURES / "20190403.export.CSV"
ICEWS_FILE = FIXTURES / "events.2019.icews-sample.tab"
POLECAT_FILE = FIXTURES / "ngecEvents.20190422-20190428.polecat-sample.txt"


def gdelt_row(columns: tuple[str, ...] = GDELT_COLUMNS, **fields: object) -> str:
    """One tab-separated GDELT event line; unnamed fields empty, date parts from SQLDATE."""
    row = dict.fromkeys(columns, "")
    day = str(fields.get("SQLDATE", ""))
    if len(day) == 8 and day.isdigit():
        row.update(MonthYear=day[:6], Year=day[:4], FractionDate=f"{day[:4]}.2000")
    row.update({k: str(v) for k, v in fields.items() if k in row})
    return "\t".join(row[c] for c in columns)


def gdelt_event(
    event_id: int,
    day: int,
    source: str,
    target: str,
    code: str,
    goldstein: float,
    quad: int,
    mentions: int = 1,
    url: str = "",
    columns: tuple[str, ...] = GDELT_COLUMNS,
) -> str:
    """A GDELT event between two states (CAMEO country codes) with the usual fields filled."""
    return gdelt_row(
        columns,
        GLOBALEVENTID=event_id,
        SQLDATE=day,
        Actor1Code=source,
        Actor1CountryCode=source,
        Actor2Code=target,
        Actor2CountryCode=target,
        IsRootEvent=1,
        EventCode=code,
        EventBaseCode=code[:3],
        EventRootCode=code[:2],
        QuadClass=quad,
        GoldsteinScale=goldstein,
        NumMentions=mentions,
        NumSources=1,
        NumArticles=mentions,
        DATEADDED=f"{day}120000" if len(columns) == 61 else day,
        SOURCEURL=url or f"https://news.example.com/{event_id}",
    )


def named_row(columns: tuple[str, ...], **fields: object) -> str:
    """One tab-separated line of a headed layout (ICEWS, POLECAT), fields given by their
    column names with spaces as underscores (``Event_ID``); unnamed fields empty."""
    row = dict.fromkeys(columns, "")
    row.update({k.replace("_", " "): str(v) for k, v in fields.items()})
    assert set(row) == set(columns), set(row) - set(columns)
    return "\t".join(row[c] for c in columns)


def icews_event(
    event_id: int, day: str, source: str, target: str, code: str, intensity: float
) -> str:
    """An ICEWS event between two states named in words, as the Dataverse files write it."""
    return named_row(
        ICEWS_COLUMNS,
        Event_ID=event_id,
        Event_Date=day,
        Source_Name=source,
        Source_Sectors="Government",
        Source_Country=source,
        Event_Text="Event",
        CAMEO_Code=code,
        Intensity=intensity,
        Target_Name=target,
        Target_Sectors="Government",
        Target_Country=target,
        Story_ID=40_000_000 + event_id,
        Sentence_Number=1,
        Publisher="Example Wire",
    )


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


__all__ = [
    "FIXTURES",
    "GDELT1_COLUMNS",
    "GDELT_COLUMNS",
    "GDELT_FILE",
    "ICEWS_COLUMNS",
    "ICEWS_FILE",
    "POLECAT_COLUMNS",
    "POLECAT_FILE",
    "gdelt_event",
    "gdelt_row",
    "icews_event",
    "named_row",
    "write_lines",
]
