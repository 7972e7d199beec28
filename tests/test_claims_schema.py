"""The store's schema, pinned: a change to it is a new numbered migration and a change here. A
new store and an old one migrated up have the same tables, columns, types, keys and indexes,
on SQLite and on PostgreSQL, and the old one's rows arrive whole."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, inspect, text

from claims import schema
from claims.migrations import MIGRATIONS
from claims.store import Store, open_store
from claims.store_open import migrate, open_engine

pytestmark = pytest.mark.both

WHO = ["created_by", "created_at"]
UPDATED = [*WHO, "updated_by", "updated_at"]
VERDICT = ["verdict", "claim_id", "note", "fingerprint", *WHO]
SCHEMA = {
    "aliases": ["id", "canonical", "variant", "type", *WHO],
    "assignments": ["conflict_id", "assignee", *WHO],
    "claim_history": ["id", "claim_id", "action", "field", "old", "new", *WHO],
    "claims": ["id", "source_id", "source_path", "kind", "subject", "part_of", "low", "high",
               "estimate", "qualifier", "figure", "event", "date", "place", "place_text",
               "period", "period_start", "period_end", "attribution", "attribution_text",
               "modality", "quote", "start", "end", "prefix", "suffix", "origin", "rule",
               "status", "note", "scope", "site", "attribution_via", "speaker", *UPDATED,
               "sentence"],
    "conflict_claims": ["conflict_id", "claim_id", "position"],
    "conflicts": ["id", "type", "severity", "severity_label", "reason", "key", "fingerprint",
                  "open", *UPDATED],
    "corroboration_claims": ["corroboration_id", "claim_id", "position"],
    "corroborations": ["id", "key", "independent_sources", "reason", *WHO],
    "crosscheck_meta": ["key", "value"],
    "crosscheck_migrations": ["id", "name", "applied_at"],
    "decision_history": ["id", "conflict_id", *VERDICT],
    "decisions": ["conflict_id", *VERDICT],
    "review_notes": ["conflict_id", "created_by", "note", "created_at"],
    "review_state": ["created_by", "conflict_id", "open", "created_at", "updated_at"],
    "settings": ["key", "value", *WHO],
    "sources": ["id", "path", "title", "outlet", "url", "published", "language", "text",
                "regions", "origin", *UPDATED, "main_place"],
}
FOREIGN_KEYS = {
    ("assignments", "conflict_id", "conflicts"), ("claim_history", "claim_id", "claims"),
    ("claims", "source_id", "sources"), ("conflict_claims", "claim_id", "claims"),
    ("conflict_claims", "conflict_id", "conflicts"),
    ("corroboration_claims", "claim_id", "claims"),
    ("corroboration_claims", "corroboration_id", "corroborations"),
}


def shape(engine: Engine) -> dict[str, Any]:
    """Every table's columns with their types, primary key, foreign keys and indexes."""
    found = inspect(engine)
    out: dict[str, Any] = {}
    for table in sorted(found.get_table_names()):
        out[table] = {
            "columns": [(c["name"], str(c["type"]), c["nullable"])
                        for c in found.get_columns(table)],
            "pk": found.get_pk_constraint(table)["constrained_columns"],
            "fks": sorted((tuple(f["constrained_columns"]), f["referred_table"])
                          for f in found.get_foreign_keys(table)),
            "indexes": sorted((i["name"], tuple(i["column_names"]))
                              for i in found.get_indexes(table)),
        }
    return out


def test_a_new_store_has_exactly_the_pinned_schema(store: Store) -> None:
    found = shape(store.engine)
    assert {t: [c[0] for c in v["columns"]] for t, v in found.items()} == SCHEMA
    assert {(t, cols[0], ref) for t, v in found.items() for cols, ref in v["fks"]} == FOREIGN_KEYS
    assert [name for name, _ in MIGRATIONS] == [
        "m001_initial", "m002_conflicts", "m003_corroborations", "m004_hand_work",
        "m005_scope", "m006_review_notes", "m007_desk", "m008_check_facts"]


def test_the_tables_queried_are_the_tables_made(store: Store) -> None:
    """claims/schema.py (what the code queries) matches what the migrations made."""
    found = shape(store.engine)
    for table in schema.metadata.sorted_tables:
        assert [c.name for c in table.columns] == [c[0] for c in found[table.name]["columns"]]
        assert [c.name for c in table.primary_key.columns] == found[table.name]["pk"]


def test_timestamps_are_timestamps_and_counts_are_64_bit(store: Store) -> None:
    types = {(t, c[0]): c[1] for t, v in shape(store.engine).items() for c in v["columns"]}
    moment = "TIMESTAMP" if store.postgres else "DATETIME"
    for table, column in (("claims", "created_at"), ("decisions", "created_at"),
                          ("claim_history", "created_at"), ("conflicts", "updated_at")):
        assert types[(table, column)].startswith(moment)
    assert types[("claims", "period_start")] == types[("sources", "published")] == "DATE"
    assert types[("claims", "low")] == "BIGINT"


def old_store(db: str, upto: int) -> None:
    """A store as crosscheck made it when `upto` migrations existed, with rows of the time."""
    engine, _ = open_engine(db, True)
    try:
        migrate(engine, db, True, upto=upto)
        if upto >= 6:
            with engine.begin() as conn:
                for sql, params in OLD_ROWS:
                    conn.execute(text(sql), params)
    finally:
        engine.dispose()


TEXT = "Shelling killed 14 people in Northtown. Later, 2,000 residents fled."
OLD_ROWS: list[tuple[str, dict[str, Any]]] = [
    ("INSERT INTO sources (id, path, text, regions, origin, added_by, added_at, published) "
     "VALUES ('s1', 'a.txt', :text, '[]', 'hand', 'ana', '2024-05-01T09:00:00+00:00', "
     "'2024-04-30')", {"text": TEXT}),
    ("INSERT INTO claims (id, source_id, kind, modality, quote, start, \"end\", origin, "
     "status, period_start, low, created_by, created_at) VALUES ('c111', 's1', 'killed', "
     "'reported', 'killed 14 people', 9, 25, 'hand', 'active', '2024-04-01', 14, 'ana', "
     "'2024-05-01T09:00:00+00:00')", {}),
    ("INSERT INTO claims (id, source_id, kind, modality, quote, start, \"end\", origin, "
     "status) VALUES ('c222', 's1', 'displaced', 'reported', '2,000 residents fled', 47, 67, "
     "'extracted', 'active')", {}),
    ("INSERT INTO claim_history (claim_id, action, field, old, new, who, at) VALUES "
     "('c222', 'edit', 'low', NULL, '2000', 'bo', '2024-05-02T10:00:00+00:00')", {}),
    ("INSERT INTO conflicts (id, type, severity, severity_label, reason, claim_ids, key, "
     "fingerprint, open, checked_at) VALUES ('x1', 'figure', 0.5, 'medium', 'r', "
     "'[\"c222\", \"c111\", \"cgone\"]', '{}', 'f', :yes, '2024-05-03T08:00:00+00:00')",
     {"yes": True}),
    ("INSERT INTO decisions (conflict_id, verdict, reviewer, decided_at, fingerprint) VALUES "
     "('x1', 'real', 'ana', '2024-05-03T09:00:00+00:00', 'f')", {}),
    ("INSERT INTO decision_history (conflict_id, verdict, reviewer, decided_at, fingerprint) "
     "VALUES ('x1', 'real', 'ana', '2024-05-03T09:00:00+00:00', 'f')", {}),
    ("INSERT INTO review_notes (conflict_id, reviewer, note, at) VALUES "
     "('x1', 'bo', 'ring them', '2024-05-03T09:30:00+00:00')", {}),
]


@pytest.mark.parametrize("upto", [1, 6])
def test_an_old_store_migrated_up_is_a_new_store(empty_db: str, upto: int, tmp_path: Any,
                                                 backend: str,
                                                 request: pytest.FixtureRequest) -> None:
    old_store(empty_db, upto)
    with open_store(empty_db) as migrated:
        assert migrated.schema_version() == len(MIGRATIONS)
        found = shape(migrated.engine)
    fresh_db = (str(tmp_path / "fresh.db") if backend == "sqlite"
                else request.getfixturevalue("make_pg_db")())
    with open_store(fresh_db) as fresh:
        assert fresh.created
        assert shape(fresh.engine) == found


def test_the_rows_of_an_old_store_arrive_whole(empty_db: str) -> None:
    old_store(empty_db, 6)
    heard: list[str] = []
    with open_store(empty_db, on_warning=heard.append) as store:
        [conflict] = store.list_conflicts()
        assert conflict.claim_ids == ["c222", "c111"]  # in their order; the gone claim left out
        assert heard == [f"{store.db}: migrating to m007_desk left out 1 links from conflicts "
                         "to claims naming rows no longer stored"]
        assert conflict.decision is not None
        assert (conflict.decision.reviewer, conflict.decision.decided_at) == (
            "ana", dt.datetime(2024, 5, 3, 9, tzinfo=dt.UTC))
        [change] = store.claim_history("c222")
        assert (change.who, change.at) == ("bo", "2024-05-02T10:00:00+00:00")
        hand = store.get_claim("c111")
        assert hand.created_at == dt.datetime(2024, 5, 1, 9, tzinfo=dt.UTC)
        assert hand.period_start == dt.date(2024, 4, 1)
        [source] = store.list_sources()
        assert (source.added_by, source.published) == ("ana", dt.date(2024, 4, 30))
        [note] = store.review_notes()
        assert (note.reviewer, note.note) == ("bo", "ring them")
        # the edited extracted claim is hand work: a re-ingest without it keeps it
        assert store.save_source(source, []).dropped == 0
        store.edit_claim("c111", {"note": "checked"}, who="cy")  # history ids go on from the old
        assert [h.who for h in store.claim_history()] == ["bo", "cy"]
        store.record_check([conflict.model_copy(update={"id": "", "claim_ids": ["c111"]})], [])
        assert [c.claim_ids for c in store.list_conflicts()] == [["c111"]]
