"""The store's tables and its numbered, append-only migrations (meta and migrations come first)."""

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

APP_ID = "crosscheck"
metadata = MetaData()

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
    Column("path", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("url", Text),
    Column("published", Date),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("regions", JSON, nullable=False),
    Column("origin", String(16), nullable=False),
    Column("added_by", Text),
    Column("added_at", String(32)),
)

claims = Table(
    "claims", metadata,
    Column("id", String(32), primary_key=True),
    Column("source_id", String(32), nullable=False, index=True),
    Column("source_path", Text),
    Column("kind", String(32), nullable=False),
    Column("subject", Text),
    Column("part_of", String(32)),
    Column("low", Integer),
    Column("high", Integer),
    Column("estimate", Integer),
    Column("qualifier", Text),
    Column("figure", Text),
    Column("event", String(16)),
    Column("date", String(32)),
    Column("place", Text),
    Column("place_text", Text),
    Column("period", Text),
    Column("period_start", String(10)),
    Column("period_end", String(10)),
    Column("attribution", Text),
    Column("attribution_text", Text),
    Column("modality", String(16), nullable=False),
    Column("quote", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("prefix", Text),
    Column("suffix", Text),
    Column("origin", String(16), nullable=False),
    Column("rule", Text),
    Column("created_by", Text),
    Column("created_at", String(32)),
    Column("status", String(16), nullable=False),
    Column("note", Text),
    # m005_scope
    Column("scope", String(16)),
    Column("site", Text),
    Column("attribution_via", Text),
    Column("speaker", Text),
    Index("ix_claims_kind_status", "kind", "status"),
)

conflicts = Table(
    "conflicts", metadata,
    Column("id", String(32), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("severity", Float, nullable=False),
    Column("severity_label", String(8), nullable=False),
    Column("reason", Text, nullable=False),
    Column("claim_ids", JSON, nullable=False),
    Column("key", JSON, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("open", Boolean, nullable=False),  # false once the conflict is no longer found
    Column("checked_at", String(32), nullable=False),
)

decisions = Table(
    "decisions", metadata,
    Column("conflict_id", String(32), primary_key=True),
    Column("verdict", String(16), nullable=False),
    Column("claim_id", String(32)),
    Column("note", Text),
    Column("reviewer", Text, nullable=False),
    Column("decided_at", String(32), nullable=False),
    Column("fingerprint", String(64), nullable=False),
)

claim_history = Table(
    "claim_history", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", String(32), nullable=False, index=True),
    Column("action", String(16), nullable=False),  # add, edit, remove, supersede
    Column("field", Text),
    Column("old", Text),
    Column("new", Text),
    Column("who", Text, nullable=False),
    Column("at", String(32), nullable=False),
)


corroborations = Table(
    "corroborations", metadata,
    Column("id", String(32), primary_key=True),
    Column("key", JSON, nullable=False),
    Column("claim_ids", JSON, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("reason", Text, nullable=False),
)


decision_history = Table(
    "decision_history", metadata,  # every verdict ever given: decisions keeps only the latest
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conflict_id", String(32), nullable=False, index=True),
    Column("verdict", String(16), nullable=False),
    Column("claim_id", String(32)),
    Column("note", Text),
    Column("reviewer", Text, nullable=False),
    Column("decided_at", String(32), nullable=False),
    Column("fingerprint", String(64), nullable=False),
)

review_state = Table(
    "review_state", metadata,  # where each reviewer's last review stopped
    Column("reviewer", String(128), primary_key=True),
    Column("conflict_id", String(32), nullable=False),
    Column("at", String(32), nullable=False),
)

review_notes = Table(
    "review_notes", metadata,  # m006: a reviewer's note typed before any verdict on a conflict
    Column("conflict_id", String(32), primary_key=True),
    Column("reviewer", String(128), primary_key=True),
    Column("note", Text, nullable=False),
    Column("at", String(32), nullable=False),
)


# Each migration's DDL is frozen as it was written: the tables above are today's, and a store
# made by m001 must end, migrated up, with the same columns as a new one (test_claims_schema).
_CLAIMS_M001 = [c.name for c in claims.columns][: claims.columns.keys().index("note") + 1]


def _frozen(table: Table, columns: list[str]) -> Table:
    """A copy of a table with only the columns a past migration created."""
    old = MetaData()
    cols = [c._copy() for c in table.columns if c.name in columns]
    indexes = [Index(i.name, *[c.name for c in i.columns]) for i in table.indexes
               if all(c.name in columns for c in i.columns)
               and not (len(i.columns) == 1 and next(iter(i.columns)).index)]
    return Table(table.name, old, *cols, *indexes)


def _m001_initial(conn: Connection) -> None:
    _frozen(sources, [c.name for c in sources.columns]).create(conn)
    _frozen(claims, _CLAIMS_M001).create(conn)


def _m002_conflicts(conn: Connection) -> None:
    for table in (conflicts, decisions, claim_history):
        _frozen(table, [c.name for c in table.columns]).create(conn)


def _m003_corroborations(conn: Connection) -> None:
    _frozen(corroborations, [c.name for c in corroborations.columns]).create(conn)


def _m004_hand_work(conn: Connection) -> None:
    for table in (decision_history, review_state):
        _frozen(table, [c.name for c in table.columns]).create(conn)


def _m005_scope(conn: Connection) -> None:
    # what a figure counts (incident or total), the incident's site, who relays it, who spoke
    for name in ("scope", "site", "attribution_via", "speaker"):
        kind = "VARCHAR(16)" if name == "scope" else "TEXT"
        conn.exec_driver_sql(f"ALTER TABLE claims ADD COLUMN {name} {kind}")


def _m006_review_notes(conn: Connection) -> None:
    # a note typed in review before a verdict is kept at once, not only in memory (issue 14)
    _frozen(review_notes, [c.name for c in review_notes.columns]).create(conn)


MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("m001_initial", _m001_initial),
    ("m002_conflicts", _m002_conflicts),
    ("m003_corroborations", _m003_corroborations),
    ("m004_hand_work", _m004_hand_work),
    ("m005_scope", _m005_scope),
    ("m006_review_notes", _m006_review_notes),
]
SCHEMA_VERSION = len(MIGRATIONS)
