"""The project's one error hierarchy: each class's docstring is its meaning to a user."""

from __future__ import annotations


class CrosscheckError(Exception):
    """Something crosscheck cannot do; the message says what and where."""

    exit_code = 1


class DataError(CrosscheckError):
    """The input data is wrong: a file, a manifest row, a stored record."""


class UsageError(CrosscheckError):
    """The command was called wrongly: an argument or option is not usable."""

    exit_code = 2


class SourceError(DataError):
    """An article file cannot be read as an article."""


class ManifestError(DataError):
    """A manifest row is wrong: bad date, missing file, unknown column."""


class StoreError(DataError):
    """The store cannot be opened or written."""


class NotAStoreError(StoreError):
    """The file given as store is not a crosscheck database."""


class NotFoundError(UsageError):
    """No stored record has the id given."""


class SpanError(DataError):
    """A quote does not match the text at its offsets."""


class QuoteNotFoundError(UsageError):
    """The quote given is not in the source, even allowing for small differences."""


class NoStoreError(StoreError):
    """No store at the path given: read commands never create one (check --db)."""

    exit_code = 2


class NewerStoreError(StoreError):
    """The store was written by a newer crosscheck: this one refuses it and writes nothing."""


class DamagedStoreError(StoreError):
    """A stored record cannot be read; the message names its table, row and column."""


class WriteError(StoreError):
    """A write to the store failed (a full disk, a lock held too long); it was rolled back."""

    def __init__(self, db: str, why: str) -> None:
        super().__init__(f"{db}: write failed, nothing stored ({why})")
        self.db, self.why = db, why


class DuplicateClaimError(UsageError):
    """A hand claim on this span exists already, with other fields or no longer active."""


class UnsafeOutputError(UsageError):
    """The output path would overwrite the store, its journal, or another database."""


class LimitError(DataError):
    """A value is beyond what crosscheck holds: a count over 64 bits, text that is not Unicode."""


class StoppedError(CrosscheckError):
    """The command was interrupted (Ctrl-C); the message says what was kept."""

    exit_code = 130
