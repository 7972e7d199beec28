"""Claims built by hand for the verify tests: one source per article, one claim per call."""

from __future__ import annotations

import datetime as dt

from claims.model import Claim, Event, Kind, Modality, Quantity, Source, Span


def article(text: str, outlet: str, published: str) -> Source:
    """A source holding `text`, published on an ISO day."""
    return Source(id=Source.id_for(text + outlet), text=text, outlet=outlet,
                  published=dt.date.fromisoformat(published), path=f"{outlet}.txt")


def claim(source: Source, kind: str, *, low: int | None = None, high: int | None = None,
          estimate: int | None = None, qualifier: str | None = None,
          subject: str | None = "civilians",
          place: str | None = "Idlib province", attribution: str | None = None,
          period: tuple[str, str] | None = None, date: str | None = None,
          event: str | None = None, modality: str = "reported", quote: str | None = None,
          figure: str | None = None) -> Claim:
    """One claim on the first occurrence of `quote` (default: the whole text) in its source."""
    quote = quote or source.text
    start = source.text.index(quote)
    quantity = None
    if kind != "ceasefire":
        quantity = Quantity(low=low, high=high, estimate=estimate, qualifier=qualifier,
                            figure=figure)
    return Claim(
        source_id=source.id, kind=Kind(kind), subject=subject if kind != "ceasefire" else None,
        quantity=quantity, place=place, attribution=attribution, date=date,
        event=Event(event) if event else None, modality=Modality(modality),
        period_start=dt.date.fromisoformat(period[0]) if period else None,
        period_end=dt.date.fromisoformat(period[1]) if period else None,
        span=Span.of(source.text, start, start + len(quote)),
    )
