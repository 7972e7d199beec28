"""Claims: the domain model, extraction of claims from text, and the store."""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "CrosscheckError": "claims.errors",
    "Claim": "claims.model",
    "Conflict": "claims.model",
    "Decision": "claims.model",
    "Kind": "claims.model",
    "Quantity": "claims.model",
    "Source": "claims.model",
    "Span": "claims.model",
}


def __getattr__(name: str) -> Any:
    """Load the model on first use: `crosscheck --help` needs only the errors module."""
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'claims' has no attribute {name!r}")


__all__ = sorted(_EXPORTS)
