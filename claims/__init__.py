"""Claims: the domain model, extraction of claims from text, and the store."""

from claims.errors import CrosscheckError
from claims.model import Claim, Conflict, Decision, Kind, Quantity, Source, Span

__all__ = ["Claim", "Conflict", "CrosscheckError", "Decision", "Kind", "Quantity", "Source", "Span"]
