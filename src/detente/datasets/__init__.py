"""Bring your own events: GDELT, ICEWS and POLECAT files as datasets beside detente's coding.

``import_files(store, "gdelt", ["20190101.export.CSV.zip"])`` reads a provider's files into
``dataset_events`` (one row per provider record, with the provider's ids and URLs) and merges
each file's new rows into merged events of that dataset (:mod:`.merging`), which every ties
function reads with ``dataset="gdelt"``. One module per format (:mod:`.gdelt`, :mod:`.icews`,
:mod:`.polecat`) describes its layout; :mod:`.reading`, :mod:`.staging` and :mod:`.loader`
read them all the same way, in DuckDB SQL.
"""

from .loader import ImportSummary, dataset_names, import_files
from .merging import merge_dataset, pending_rows
from .staging import FORMATS, SkippedRow

__all__ = [
    "FORMATS",
    "ImportSummary",
    "SkippedRow",
    "dataset_names",
    "import_files",
    "merge_dataset",
    "pending_rows",
]
