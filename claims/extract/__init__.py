"""Extraction of claims from a source's text (stub: replaced by the extraction work)."""

from __future__ import annotations

from claims.model import Claim, Source


def extract_claims(source: Source) -> list[Claim]:
    """The claims found in a source's article prose."""
    return []


__all__ = ["extract_claims"]
