"""What the check reads of a store: the active claims as light records straight from their
rows (the columns it compares, the sentence stored with each), and the sources without their
texts. No pydantic model is built per claim: at half a million claims that took most of the
check's time and memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from claims.aliases import AliasTable, default_aliases
from claims.model import Event, Kind, Modality, Scope, Status
from claims.store import Store
from claims.store_types import CorruptCell

COLUMNS = ("id", "source_id", "source_path", "kind", "subject", "part_of", "low", "high",
           "estimate", "qualifier", "figure", "event", "date", "place", "period",
           "period_start", "period_end", "scope", "site", "attribution", "attribution_text",
           "modality", "status", "start", "end", "quote", "prefix", "suffix", "sentence")


class SpanRef(NamedTuple):
    """A claim's offsets; its quote and context only when no sentence was stored with it."""

    start: int
    end: int
    quote: str = ""
    prefix: str = ""
    suffix: str = ""


class QuantityRef(NamedTuple):
    low: int | None
    high: int | None
    estimate: int | None
    qualifier: str | None
    figure: str | None


@dataclass(slots=True)
class ClaimRecord:
    """A stored claim as the check reads it: the fields of a Claim it compares, by the same
    names and types, so verify/rows.py takes either."""

    id: str
    source_id: str
    source_path: str | None
    kind: Kind
    subject: str | None
    part_of: str | None
    quantity: QuantityRef | None
    event: Event | None
    date: str | None
    place: str | None
    period: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    scope: Scope | None
    site: str | None
    attribution: str | None
    attribution_text: str | None
    modality: Modality
    status: Status
    span: SpanRef
    sentence: str | None


def record(row: Any) -> ClaimRecord:
    """A light record from a claims row (ValueError for a kind, event or scope unknown)."""
    (cid, sid, path, kind, subject, part_of, low, high, estimate, qualifier, figure, event,
     date, place, period, start_day, end_day, scope, site, attribution, attribution_text,
     modality, status, start, end, quote, prefix, suffix, sentence) = row
    numbers = (low, high, estimate, qualifier, figure)
    span = (SpanRef(start, end) if sentence is not None
            else SpanRef(start, end, quote, prefix or "", suffix or ""))
    return ClaimRecord(
        cid, sid, path, Kind(kind), subject, part_of,
        None if numbers == (None,) * 5 else QuantityRef(*numbers),
        Event(event) if event else None, date, place, period, start_day, end_day,
        Scope(scope) if scope else None, site, attribution, attribution_text,
        Modality(modality), Status(status), span, sentence)


def read_claims(store: Store, aliases: AliasTable | None = None) -> list[ClaimRecord]:
    """The active claims, in the order the store lists them, each body named as the alias
    table names it now (see settings.canonical_attributions); a row that cannot be read is
    skipped with one warning, as listing claims skips it."""
    out, warnings = records_of(store.claim_rows(COLUMNS), store.db)
    for warning in warnings:
        store.warn(warning)
    if aliases is not None and aliases is not default_aliases():
        rename(out, aliases)
    return out


def records_of(rows: Iterable[Any], db: str) -> tuple[list[ClaimRecord], list[str]]:
    """Light records of claims rows, and a warning for each row that cannot be read."""
    out, warnings = [], []
    for row in rows:
        try:
            if bad := next((v for v in row if isinstance(v, CorruptCell)), None):
                raise ValueError(bad.describe("a day"))
            out.append(record(row))
        except (ValueError, TypeError) as exc:
            warnings.append(f"{db}: claims row {row[0]}: {exc}; skipped (`crosscheck doctor` "
                            "lists such rows)")
    return out, warnings


def source_rows(store: Store, size: int = 5000) -> Iterator[tuple[Any, ...]]:
    """What the check reads of each source (a SourceHead's fields), a few thousand rows at a
    time, not held all at once; a row with a damaged cell is skipped with a warning, as
    `Store.source_heads` skips it."""
    from sqlalchemy import select

    from claims import schema as s

    src = s.sources.c
    query = select(src.id, src.path, src.title, src.outlet, src.published, src.main_place)
    with store.reading() as conn:
        result = conn.execution_options(yield_per=size).execute(query.order_by(src.id))
        for part in result.partitions():
            for row in part:
                if bad := next((v for v in row if isinstance(v, CorruptCell)), None):
                    store.warn(f"{store.db}: sources row {row[0]}: {bad.describe('published')}; "
                               "skipped (`crosscheck doctor` lists such rows)")
                    continue
                yield tuple(row)


def rename(records: Iterable[ClaimRecord], table: AliasTable) -> None:
    """Each record's body as the table names it (as written first, then as stored)."""
    for r in records:
        named = table.lookup(r.attribution_text) if r.attribution_text else None
        named = named or (table.lookup(r.attribution) if r.attribution else None)
        if named is not None:
            r.attribution = named


__all__ = ["ClaimRecord", "read_claims", "records_of", "source_rows"]
