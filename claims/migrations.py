"""The store's numbered, append-only migrations, each with its DDL frozen as it was written.

No step reads today's tables (claims/schema.py): a store made by m001 and migrated up ends
with the tables a new store gets, because a new store is made by the same steps. m007 rebuilds
the tables for a desk sharing one store (claims/migrate_m007.py); m008 stores what the check
needs from each text (claims/migrate_m008.py)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)


def _m001_initial(conn: Connection) -> None:
    old = MetaData()
    Table("sources", old,
          Column("id", String(32), primary_key=True), Column("path", Text),
          Column("title", Text), Column("outlet", Text), Column("url", Text),
          Column("published", Date), Column("language", String(16)),
          Column("text", Text, nullable=False), Column("regions", JSON, nullable=False),
          Column("origin", String(16), nullable=False), Column("added_by", Text),
          Column("added_at", String(32)))
    Table("claims", old,
          Column("id", String(32), primary_key=True),
          Column("source_id", String(32), nullable=False, index=True),
          Column("source_path", Text), Column("kind", String(32), nullable=False),
          Column("subject", Text), Column("part_of", String(32)), Column("low", Integer),
          Column("high", Integer), Column("estimate", Integer), Column("qualifier", Text),
          Column("figure", Text), Column("event", String(16)), Column("date", String(32)),
          Column("place", Text), Column("place_text", Text), Column("period", Text),
          Column("period_start", String(10)), Column("period_end", String(10)),
          Column("attribution", Text), Column("attribution_text", Text),
          Column("modality", String(16), nullable=False), Column("quote", Text, nullable=False),
          Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
          Column("prefix", Text), Column("suffix", Text),
          Column("origin", String(16), nullable=False), Column("rule", Text),
          Column("created_by", Text), Column("created_at", String(32)),
          Column("status", String(16), nullable=False), Column("note", Text),
          Index("ix_claims_kind_status", "kind", "status"))
    old.create_all(conn)


def _m002_conflicts(conn: Connection) -> None:
    old = MetaData()
    Table("conflicts", old,
          Column("id", String(32), primary_key=True), Column("type", String(16), nullable=False),
          Column("severity", Float, nullable=False),
          Column("severity_label", String(8), nullable=False),
          Column("reason", Text, nullable=False), Column("claim_ids", JSON, nullable=False),
          Column("key", JSON, nullable=False), Column("fingerprint", String(64), nullable=False),
          Column("open", Boolean, nullable=False), Column("checked_at", String(32), nullable=False))
    Table("decisions", old, Column("conflict_id", String(32), primary_key=True),
          *_verdict_columns())
    Table("claim_history", old,
          Column("id", Integer, primary_key=True, autoincrement=True),
          Column("claim_id", String(32), nullable=False, index=True),
          Column("action", String(16), nullable=False), Column("field", Text),
          Column("old", Text), Column("new", Text), Column("who", Text, nullable=False),
          Column("at", String(32), nullable=False))
    old.create_all(conn)


def _verdict_columns() -> list[Column[object]]:
    return [Column("verdict", String(16), nullable=False), Column("claim_id", String(32)),
            Column("note", Text), Column("reviewer", Text, nullable=False),
            Column("decided_at", String(32), nullable=False),
            Column("fingerprint", String(64), nullable=False)]


def _m003_corroborations(conn: Connection) -> None:
    old = MetaData()
    Table("corroborations", old,
          Column("id", String(32), primary_key=True), Column("key", JSON, nullable=False),
          Column("claim_ids", JSON, nullable=False),
          Column("independent_sources", Integer, nullable=False),
          Column("reason", Text, nullable=False))
    old.create_all(conn)


def _m004_hand_work(conn: Connection) -> None:
    old = MetaData()
    Table("decision_history", old,
          Column("id", Integer, primary_key=True, autoincrement=True),
          Column("conflict_id", String(32), nullable=False, index=True), *_verdict_columns())
    Table("review_state", old,
          Column("reviewer", String(128), primary_key=True),
          Column("conflict_id", String(32), nullable=False),
          Column("at", String(32), nullable=False))
    old.create_all(conn)


def _m005_scope(conn: Connection) -> None:
    # what a figure counts (incident or total), the incident's site, who relays it, who spoke
    for name in ("scope", "site", "attribution_via", "speaker"):
        kind = "VARCHAR(16)" if name == "scope" else "TEXT"
        conn.exec_driver_sql(f"ALTER TABLE claims ADD COLUMN {name} {kind}")


def _m006_review_notes(conn: Connection) -> None:
    # a note typed in review before a verdict is kept at once, not only in memory (issue 14)
    old = MetaData()
    Table("review_notes", old,
          Column("conflict_id", String(32), primary_key=True),
          Column("reviewer", String(128), primary_key=True),
          Column("note", Text, nullable=False), Column("at", String(32), nullable=False))
    old.create_all(conn)


def _m007_desk(conn: Connection) -> None:
    # a desk on one store (issue 13): link tables, foreign keys, timestamps, one who/when
    from claims.migrate_m007 import migrate

    migrate(conn)


def _m008_check_facts(conn: Connection) -> None:
    # the facts a check needs from a text, stored so that it reads none (issue 12)
    from claims.migrate_m008 import migrate

    migrate(conn)


Step = Callable[[Connection], None]
MIGRATIONS: list[tuple[str, Step]] = [
    ("m001_initial", _m001_initial),
    ("m002_conflicts", _m002_conflicts),
    ("m003_corroborations", _m003_corroborations),
    ("m004_hand_work", _m004_hand_work),
    ("m005_scope", _m005_scope),
    ("m006_review_notes", _m006_review_notes),
    ("m007_desk", _m007_desk),
    ("m008_check_facts", _m008_check_facts),
]
SCHEMA_VERSION = len(MIGRATIONS)
