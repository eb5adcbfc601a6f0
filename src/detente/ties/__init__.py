"""From events to ties: merged events, dyad series, shifts, networks, exports, charts, reports.

The data's path: :mod:`.merge` groups the reports of one happening into merged
events; :mod:`.series` counts them per period for a pair of states and computes the
tie index; :mod:`.partners`, :mod:`.shifts` and :mod:`.network` rank partners,
find changes and blocs; :mod:`.export`, :mod:`.charts` and :mod:`.report` write
them out.
"""

from .charts import write_tie_chart
from .compare import Comparison, compare_datasets, write_comparison_chart
from .evidence import reports_of, top_events
from .export import EXPORT_FORMATS, export_events
from .merge import MergeResult, merge_new_events, pending_reports
from .network import blocs, network
from .partners import partners
from .report import build_report, write_report
from .series import dyad_series, tie_index
from .shifts import change_points, shifts

__all__ = [
    "EXPORT_FORMATS",
    "Comparison",
    "MergeResult",
    "blocs",
    "build_report",
    "change_points",
    "compare_datasets",
    "dyad_series",
    "export_events",
    "merge_new_events",
    "network",
    "partners",
    "pending_reports",
    "reports_of",
    "shifts",
    "tie_index",
    "top_events",
    "write_comparison_chart",
    "write_report",
    "write_tie_chart",
]
