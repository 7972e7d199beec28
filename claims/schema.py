"""The store's tables as they are today, for queries; claims/migrations.py makes them.

One naming everywhere: `created_by`/`created_at` say who wrote a row and when, `updated_by`/
`updated_at` who last changed it; times are timestamps in UTC, days are dates. A conflict's and
a corroboration's claims are rows of a link table. Decisions, review notes and review positions
name conflicts and claims by their content ids without a foreign key: hand work imported from
another store arrives before the ingest and check that find them here."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from claims.migrations import MIGRATIONS, SCHEMA_VERSION
from claims.store_types import Day, Timestamp

APP_ID = "crosscheck"
metadata = MetaData()


def who_when(updated: bool = False, required: bool = False) -> list[Column[object]]:
    """Who wrote a row and when; with `updated`, who changed it last and when."""
    cols: list[Column[object]] = [Column("created_by", Text, nullable=not required),
                                  Column("created_at", Timestamp, nullable=not required)]
    if updated:
        cols += [Column("updated_by", Text), Column("updated_at", Timestamp)]
    return cols


meta = Table(
    "crosscheck_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

migrations = Table(
    "crosscheck_migrations", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False),
    Column("applied_at", String(32), nullable=False),
)

sources = Table(
    "sources", metadata,
    Column("id", String(32), primary_key=True),
    Column("path", Text), Column("title", Text), Column("outlet", Text), Column("url", Text),
    Column("published", Day), Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("regions", JSON, nullable=False),
    Column("origin", String(16), nullable=False),
    *who_when(updated=True),
    Column("main_place", Text),  # the province the text names most (claims/store_facts.py)
)

claims = Table(
    "claims", metadata,
    Column("id", String(32), primary_key=True),
    Column("source_id", String(32), ForeignKey("sources.id"), nullable=False, index=True),
    Column("source_path", Text), Column("kind", String(32), nullable=False),
    Column("subject", Text), Column("part_of", String(32)),
    Column("low", BigInteger), Column("high", BigInteger), Column("estimate", BigInteger),
    Column("qualifier", Text), Column("figure", Text), Column("event", String(16)),
    Column("date", String(32)), Column("place", Text), Column("place_text", Text),
    Column("period", Text), Column("period_start", Day), Column("period_end", Day),
    Column("attribution", Text), Column("attribution_text", Text),
    Column("modality", String(16), nullable=False), Column("quote", Text, nullable=False),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("prefix", Text), Column("suffix", Text),
    Column("origin", String(16), nullable=False), Column("rule", Text),
    Column("status", String(16), nullable=False), Column("note", Text),
    Column("scope", String(16)), Column("site", Text), Column("attribution_via", Text),
    Column("speaker", Text),
    *who_when(updated=True),
    Column("sentence", Text),  # the sentence around the span, for the check (store_facts.py)
    Index("ix_claims_kind_status", "kind", "status"),
)

claim_history = Table(
    "claim_history", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", String(32), ForeignKey("claims.id"), nullable=False, index=True),
    Column("action", String(16), nullable=False),  # add, edit, remove, supersede
    Column("field", Text), Column("old", Text), Column("new", Text),
    *who_when(required=True),
)

conflicts = Table(
    "conflicts", metadata,
    Column("id", String(32), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("severity", Float, nullable=False),
    Column("severity_label", String(8), nullable=False),
    Column("reason", Text, nullable=False),
    Column("key", JSON, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("open", Boolean, nullable=False),  # false once the conflict is no longer found
    *who_when(updated=True),  # created: the check that first found it; updated: the last one
)

conflict_claims = Table(
    "conflict_claims", metadata,
    Column("conflict_id", String(32), ForeignKey("conflicts.id", ondelete="CASCADE"),
           primary_key=True),
    Column("claim_id", String(32), ForeignKey("claims.id", ondelete="CASCADE"),
           primary_key=True, index=True),
    Column("position", Integer, nullable=False),
)

corroborations = Table(
    "corroborations", metadata,
    Column("id", String(32), primary_key=True),
    Column("key", JSON, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    *who_when(),
)

corroboration_claims = Table(
    "corroboration_claims", metadata,
    Column("corroboration_id", String(32), ForeignKey("corroborations.id", ondelete="CASCADE"),
           primary_key=True),
    Column("claim_id", String(32), ForeignKey("claims.id", ondelete="CASCADE"),
           primary_key=True, index=True),
    Column("position", Integer, nullable=False),
)


def _verdict() -> list[Column[object]]:
    return [Column("verdict", String(16), nullable=False), Column("claim_id", String(32)),
            Column("note", Text), Column("fingerprint", String(64), nullable=False),
            *who_when(required=True)]


decisions = Table(  # the current verdict on each conflict
    "decisions", metadata,
    Column("conflict_id", String(32), primary_key=True), *_verdict(),
)

decision_history = Table(  # every verdict ever given
    "decision_history", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conflict_id", String(32), nullable=False, index=True), *_verdict(),
)

review_state = Table(  # where each reviewer's review is, and whether it is open now
    "review_state", metadata,
    Column("created_by", Text, primary_key=True),
    Column("conflict_id", String(32), nullable=False),
    Column("open", Boolean, nullable=False),
    Column("created_at", Timestamp), Column("updated_at", Timestamp),
)

review_notes = Table(  # a reviewer's note typed before any verdict on a conflict
    "review_notes", metadata,
    Column("conflict_id", String(32), primary_key=True),
    Column("created_by", Text, primary_key=True),
    Column("note", Text, nullable=False),
    Column("created_at", Timestamp, nullable=False),
)

assignments = Table(  # who is to review a conflict
    "assignments", metadata,
    Column("conflict_id", String(32), ForeignKey("conflicts.id", ondelete="CASCADE"),
           primary_key=True),
    Column("assignee", Text, nullable=False, index=True),
    *who_when(required=True),
)

settings = Table(  # the store's own settings: `crosscheck config`
    "settings", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),  # JSON
    *who_when(required=True),
)

aliases = Table(  # the desk's names for bodies, beside the shipped table: `crosscheck aliases`
    "aliases", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("canonical", Text, nullable=False),
    Column("variant", Text, nullable=False),
    Column("type", String(32), nullable=False),
    *who_when(required=True),
    UniqueConstraint("canonical", "variant", name="uq_aliases_canonical_variant"),
)

__all__ = ["APP_ID", "MIGRATIONS", "SCHEMA_VERSION", "metadata"]
