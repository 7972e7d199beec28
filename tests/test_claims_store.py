"""The store: idempotent ingest, atomic writes, stable ids, the schema, bad store files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from claims.errors import NotAStoreError, NotFoundError, SpanError, StoreError
from claims.model import Claim, Kind, Quantity, Source, Span, Status
from claims.schema import MIGRATIONS
from claims.store import Store, open_store

pytestmark = pytest.mark.both  # the tests of the store run on SQLite and PostgreSQL

TEXT = "Shelling killed 14 people in Northtown. Later, 2,000 residents fled."


def source(text: str = TEXT) -> Source:
    return Source(id=Source.id_for(text), path="a.txt", text=text)


def claim(src: Source, needle: str, kind: Kind, low: int) -> Claim:
    start = src.text.index(needle)
    return Claim(
        source_id=src.id,
        kind=kind,
        quantity=Quantity(low=low, high=low, estimate=low),
        span=Span.of(src.text, start, start + len(needle)),
        rule="test",
    )


def two_claims(src: Source) -> list[Claim]:
    return [
        claim(src, "killed 14 people", Kind.killed, 14),
        claim(src, "2,000 residents fled", Kind.displaced, 2000),
    ]


def test_saving_twice_stores_one_source_and_no_duplicate_claims(store: Store) -> None:
    src = source()
    first = store.save_source(src, two_claims(src))
    again = store.save_source(src, two_claims(src))
    assert (first.new_source, first.added) == (True, 2)
    assert (again.new_source, again.added, again.kept) == (False, 0, 2)
    assert [c.kind for c in store.list_claims()] == [Kind.killed, Kind.displaced]
    assert store.stats()["sources"] == 1


def test_claims_round_trip_unchanged(store: Store) -> None:
    src = source()
    claims = two_claims(src)
    store.save_source(src, claims)
    assert store.list_claims() == [c.model_copy(update={"source_path": "a.txt"}) for c in claims]


def test_a_failing_write_leaves_nothing_of_that_file(store: Store,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import claims.store

    src = source()
    row = claims.store.claim_row
    broken = lambda *a: row(*a) | {"quote": None}  # noqa: E731  the database refuses it
    monkeypatch.setattr(claims.store, "claim_row", broken)
    with pytest.raises(StoreError, match="nothing stored"):
        store.save_source(src, two_claims(src))
    assert store.stats() == {"sources": 0, "claims": 0, "conflicts": 0, "decisions": 0}


def test_the_same_claim_twice_in_one_save_is_stored_once(store: Store) -> None:
    src = source()
    outcome = store.save_source(src, two_claims(src)[:1] * 2)
    assert (outcome.added, outcome.kept) == (1, 1)
    assert len(store.list_claims()) == 1


def test_a_claim_whose_quote_is_not_in_the_text_is_refused(store: Store) -> None:
    src = source()
    bad = Claim(source_id=src.id, kind=Kind.killed, span=Span(start=0, end=4, quote="Nope"))
    with pytest.raises(SpanError):
        store.save_source(src, [bad])
    assert store.stats()["sources"] == 0


def test_reingest_keeps_removed_claims_removed(store: Store) -> None:
    src = source()
    store.save_source(src, two_claims(src))
    gone = two_claims(src)[0]
    with store.transaction() as conn:
        from claims.schema import claims as table

        conn.execute(table.update().where(table.c.id == gone.id).values(status="removed"))
    store.save_source(src, two_claims(src))
    statuses = {c.id: c.status for c in store.list_claims(include_inactive=True)}
    assert statuses[gone.id] is Status.removed
    assert len(statuses) == 2


def test_reingest_with_fewer_extracted_claims_drops_only_those(store: Store) -> None:
    src = source()
    store.save_source(src, two_claims(src))
    outcome = store.save_source(src, two_claims(src)[1:])
    assert (outcome.added, outcome.dropped) == (0, 1)
    assert [c.kind for c in store.list_claims()] == [Kind.displaced]


def test_lookup_by_prefix_and_unknown_ids(store: Store) -> None:
    src = source()
    store.save_source(src, [])
    assert store.get_source(src.id[:6]).id == src.id
    with pytest.raises(NotFoundError, match="no source with id 'ffffffff'"):
        store.get_source("ffffffff")
    with pytest.raises(NotFoundError, match="too short"):
        store.get_claim("c1")


def test_reopening_keeps_the_data_and_the_schema_version(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    with open_store(db) as first:
        first.save_source(source(), [])
    with open_store(db) as again:
        assert again.stats()["sources"] == 1
        assert again.schema_version() == len(MIGRATIONS)


def test_the_store_runs_in_wal_mode(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    open_store(str(db)).close()
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("these are my notes, not a database\n" * 20)
    before = db.read_bytes()
    with pytest.raises(NotAStoreError, match="not a crosscheck store"):
        open_store(str(db))
    assert db.read_bytes() == before


def test_a_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table recipes (name text)")
    before = db.read_bytes()
    with pytest.raises(NotAStoreError, match="another application's database, with tables "
                                             "recipes"):
        open_store(str(db))
    assert db.read_bytes() == before  # not even switched to WAL (header bytes 18-19)
    assert not (tmp_path / "other.db-wal").exists()


def test_a_store_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "nope" / "s.db"))


def test_migrations_are_numbered_and_recorded(store: Store) -> None:
    names = [name for name, _ in MIGRATIONS]
    assert names[:3] == ["m001_initial", "m002_conflicts", "m003_corroborations"]
    assert all(n.startswith(f"m{i:03d}_") for i, n in enumerate(names, start=1))
    with store.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    assert {
        "sources",
        "claims",
        "conflicts",
        "decisions",
        "corroborations",
        "crosscheck_meta",
        "crosscheck_migrations",
    } <= tables


def test_a_nul_in_the_text_is_kept_by_sqlite_and_refused_by_postgresql_in_one_line(
        store: Store) -> None:
    from claims.errors import LimitError

    src = source(TEXT + "\x00")
    if not store.postgres:
        assert store.save_source(src, two_claims(src)).new_source
        assert store.get_source(src.id).text == src.text
        return
    with pytest.raises(LimitError, match=f"a.txt: a NUL character at {len(TEXT)}: PostgreSQL"):
        store.save_source(src, two_claims(src))
    assert store.stats()["sources"] == 0
