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
