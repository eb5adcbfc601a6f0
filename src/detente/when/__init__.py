"""Event dates: when each coded event happened, who reported it when, and the lag.

The stage is :class:`EventDater`; its pure core is :func:`resolve_expression`
(a phrase, a publication date and a tense → an :class:`~detente.model.EventDate`).
"""

from .dater import EventDater
from .expressions import TimeExpression, find_expressions
from .periods import precision_of
from .resolve import resolve, resolve_expression

__all__ = [
    "EventDater",
    "TimeExpression",
    "find_expressions",
    "precision_of",
    "resolve",
    "resolve_expression",
]
