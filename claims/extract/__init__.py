"""Extraction of claims from a source's text: figures (tolls, displacement) and ceasefire dates."""

from __future__ import annotations

from claims.aliases import AliasTable, default_aliases
from claims.extract.ceasefire import ceasefire_claims
from claims.extract.context import Context
from claims.extract.figures import figure_claims, figure_in
from claims.extract.rules import explain
from claims.model import Claim, Source
from claims.places import Gazetteer, gazetteer


def extract_claims(
    source: Source, aliases: AliasTable | None = None, places: Gazetteer | None = None
) -> list[Claim]:
    """The claims found in a source's article prose (never inside a marked region), in order;
    bodies are named by `aliases` and places by `places` (the shipped table and gazetteer, or
    those with a user's files: claims.aliases.AliasTable.load, claims.places.gazetteer)."""
    ctx = Context(source, aliases or default_aliases(), places or gazetteer())
    claims = figure_claims(ctx) + ceasefire_claims(ctx)
    claims = [c for c in claims if not source.in_region(c.span.start, c.span.end)]
    return sorted(claims, key=lambda c: (c.span.start, c.span.end))


__all__ = ["explain", "extract_claims", "figure_in"]
