"""The exception tree and the user-facing message codes.

Every error a user can see derives from :class:`DetenteError` and carries a stable
code (``[D012]``) so that messages can be searched for in the docs and issues.
Library code raises these; the CLI and the web layer turn them into exit codes or
HTTP statuses in exactly one place each.

    DetenteError
    ├── InputError          a file or record we cannot read (which file, what, what to do)
    │   ├── UnsupportedInput    no reader for this kind of file
    │   ├── Unreadable          this input or record gives no article (→ a skip reason)
    │   │   └── TooLarge            bigger than the size limit
    │   ├── Truncated           compressed or archived data ends early
    │   ├── DecompressionBomb   compressed data expands far beyond the size limit
    │   └── DatasetFileError    an event data file (GDELT, ICEWS, POLECAT) not in its layout
    ├── StoreError          the DuckDB store
    │   ├── NotAStoreError      the file is not a detente store
    │   ├── StoreLockedError    another process holds the store
    │   └── SchemaTooNewError   the store was written by a newer detente
    ├── ModelError          the spaCy pipeline cannot be loaded
    │   └── CoderStoppedError   the server's coding process stopped (submit again)
    ├── GoldFormatError     a malformed gold file for ``detente eval``
    ├── QueryError          a malformed query (unknown country, bad date range, ...)
    ├── DataFileError       a malformed data table shipped with detente (a packaging bug)
    ├── SparkUnavailableError   PySpark or Java is missing (``detente spark``)
    └── SparkJobError           the Spark job failed
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base of every error detente raises on purpose."""

    code = "D000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(DetenteError):
    code = "D010"


class UnsupportedInput(InputError):
    code = "D011"


class Unreadable(InputError):
    """This input or record gives no article; ``message`` is the one-line reason."""

    code = "D012"


class TooLarge(Unreadable):
    """A document is bigger than ``ReadOptions.max_bytes``."""

    code = "D013"


class Truncated(InputError):
    """Compressed or archived data ends early; what was read before it is kept."""

    code = "D014"


class DecompressionBomb(InputError):
    """Compressed data expands far beyond the size limit."""

    code = "D015"


class DatasetFileError(InputError):
    """A file given to ``detente import`` cannot be read as the named provider's layout."""

    code = "D016"


class StoreError(DetenteError):
    code = "D020"


class NotAStoreError(StoreError):
    code = "D021"


class StoreLockedError(StoreError):
    code = "D022"


class SchemaTooNewError(StoreError):
    code = "D023"


class ModelError(DetenteError):
    code = "D030"


class CoderStoppedError(ModelError):
    """The process coding the server's submitted articles stopped (killed for memory, say);
    the next submission starts another."""

    code = "D031"


class GoldFormatError(DetenteError):
    code = "D040"


class QueryError(DetenteError):
    code = "D050"


class DataFileError(DetenteError):
    """A lexicon or ontology table in ``detente/data`` is malformed: a packaging bug."""

    code = "D060"


class SparkUnavailableError(DetenteError):
    """PySpark is not installed, or there is no Java to run it on."""

    code = "D070"


class SparkJobError(DetenteError):
    """The Spark job failed on the cluster (an executor error, a write that was refused)."""

    code = "D071"
