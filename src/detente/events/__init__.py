"""Event coding: the CAMEO/PLOVER ontology, the trigger lexicon, and the coder stage.

``EventCoder`` is the pipeline stage; ``lookup`` and ``all_codes`` read the ontology table.
The modules follow the coder's steps: ``syntax`` (participants in the parse), ``targets``
(whom a verb event is done to), ``extract`` (one trigger's event), ``wrapping`` (verbs that
wrap another event), ``sentence`` (a sentence's events combined), ``modality``,
``participants`` (the actors the phrases resolve to), ``coder``.
"""

from .coder import EventCoder
from .ontology import CameoCode, all_codes, lookup, penta_class

__all__ = ["CameoCode", "EventCoder", "all_codes", "lookup", "penta_class"]
