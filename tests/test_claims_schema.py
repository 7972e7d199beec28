"""The store's schema, pinned: a change to it is a new numbered migration and a change here."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import inspect

from claims.schema import MIGRATIONS
from claims.store import Store, open_store

SCHEMA = {
    "claim_history": ["id", "claim_id", "action", "field", "old", "new", "who", "at"],
    "claims": ["id", "source_id", "source_path", "kind", "subject", "part_of", "low", "high",
               "estimate", "qualifier", "figure", "event", "date", "place", "place_text",
               "period", "period_start", "period_end", "attribution", "attribution_text",
               "modality", "quote", "start", "end", "prefix", "suffix", "origin", "rule",
               "created_by", "created_at", "status", "note", "scope", "site", "attribution_via",
               "speaker"],
    "conflicts": ["id", "type", "severity", "severity_label", "reason", "claim_ids", "key",
                  "fingerprint", "open", "checked_at"],
    "corroborations": ["id", "key", "claim_ids", "independent_sources", "reason"],
    "crosscheck_meta": ["key", "value"],
    "crosscheck_migrations": ["id", "name", "applied_at"],
    "decision_history": ["id", "conflict_id", "verdict", "claim_id", "note", "reviewer",
                         "decided_at", "fingerprint"],
    "decisions": ["conflict_id", "verdict", "claim_id", "note", "reviewer", "decided_at",
                  "fingerprint"],
    "review_notes": ["conflict_id", "reviewer", "note", "at"],
    "review_state": ["reviewer", "conflict_id", "at"],
    "sources": ["id", "path", "title", "outlet", "url", "published", "language", "text",
                "regions", "origin", "added_by", "added_at"],
}


def test_a_new_store_has_exactly_the_pinned_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        found = {t: [c["name"] for c in inspect(conn).get_columns(t)]
                 for t in inspect(conn).get_table_names()}
    assert found == SCHEMA
    assert [name for name, _ in MIGRATIONS] == [
        "m001_initial", "m002_conflicts", "m003_corroborations", "m004_hand_work",
        "m005_scope", "m006_review_notes"]


def test_a_store_made_by_the_first_migration_is_brought_up_to_date(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with open_store(str(db)):
        pass
    with sqlite3.connect(db) as conn:  # roll the file back to a store of m001 only
        for table in ("corroborations", "conflicts", "decisions", "claim_history",
                      "decision_history", "review_state", "review_notes"):
            conn.execute(f"drop table {table}")
        conn.execute("delete from crosscheck_migrations where name != 'm001_initial'")
        conn.execute("alter table claims drop column scope")  # m005's columns, gone too
        for column in ("site", "attribution_via", "speaker"):
            conn.execute(f"alter table claims drop column {column}")
    with open_store(str(db)) as again:
        assert again.schema_version() == len(MIGRATIONS)
        with again.engine.connect() as conn:
            found = {t: [c["name"] for c in inspect(conn).get_columns(t)]
                     for t in inspect(conn).get_table_names()}
    assert found == SCHEMA
