"""The store's hand work: edits with history, removal, supersession, decisions, two writers."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claims import schema
from claims.errors import NotFoundError, UsageError
from claims.model import Claim, Decision, Kind, Quantity, Source, Span, Status, Verdict
from claims.store import Store, open_store

pytestmark = pytest.mark.both  # the tests of the store run on SQLite and PostgreSQL

TEXT = ("Idlib, 30 August.\nThe UN said more than 400,000 people have fled since April, "
        "and at least 20 civilians were killed on Sunday.\nAid groups counted more than half a "
        "million displaced.\n")


def source(text: str = TEXT) -> Source:
    return Source(id=Source.id_for(text), path="a.txt", outlet="Wire", text=text)


def claim(src: Source, quote: str, kind: Kind = Kind.displaced, origin: str = "extracted",
          low: int | None = None, subject: str | None = "people") -> Claim:
    start = src.text.index(quote)
    return Claim(source_id=src.id, kind=kind, subject=subject, origin=origin,
                 span=Span.of(src.text, start, start + len(quote)),
                 quantity=Quantity(low=low) if low is not None else None,
                 created_by="tester" if origin == "hand" else None)


@pytest.fixture
def filled(store: Store) -> tuple[Store, Source, Claim, Claim]:
    src = source()
    fled = claim(src, "more than 400,000 people", low=400_000)
    killed = claim(src, "at least 20 civilians", Kind.killed, low=20, subject="civilians")
    store.save_source(src, [fled, killed])
    return store, src, fled, killed


def rows(store: Store) -> list[dict[str, object]]:
    return [c.record() for c in store.list_claims(include_inactive=True)]


def test_schema_appends_m004_and_keeps_the_first_three() -> None:
    names = [name for name, _ in schema.MIGRATIONS]
    assert names[:4] == ["m001_initial", "m002_conflicts", "m003_corroborations",
                         "m004_hand_work"]


def test_store_at_m004_has_the_new_tables(store: Store) -> None:
    from sqlalchemy import inspect

    assert store.schema_version() == len(schema.MIGRATIONS)
    assert {"decision_history", "review_state"} <= set(inspect(store.engine).get_table_names())


def test_edit_records_who_when_old_and_new(filled: tuple[Store, Source, Claim, Claim]) -> None:
    store, _, fled, _ = filled
    edited = store.edit_claim(fled.id[:6], {"low": 410_000, "place": "Idlib"}, who="ana")
    assert (edited.low, edited.place, edited.id) == (410_000, "Idlib", fled.id)
    history = store.claim_history(fled.id)
    assert [(h.action, h.field, h.old, h.new, h.who) for h in history] == [
        ("edit", "low", 400_000, 410_000, "ana"), ("edit", "place", None, "Idlib", "ana")]
    assert dt.datetime.fromisoformat(history[0].at).tzinfo is not None


def test_edit_without_a_change_writes_no_history(
    filled: tuple[Store, Source, Claim, Claim],
) -> None:
    store, _, fled, _ = filled
    store.edit_claim(fled.id, {"low": 400_000})
    assert store.claim_history(fled.id) == []


@pytest.mark.parametrize("changes", [{"low": 500_000, "high": 1}, {"kind": "eaten"},
                                     {"date": "last week"}, {"quote": "x"}])
def test_bad_edits_change_nothing(filled: tuple[Store, Source, Claim, Claim],
                                  changes: dict[str, object]) -> None:
    store, *_ = filled
    before = rows(store)
    with pytest.raises(UsageError):
        store.edit_claim(filled[2].id, changes)
    assert rows(store) == before and store.claim_history() == []


def test_unknown_claim_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.edit_claim("cdeadbeef", {"low": 1})
    with pytest.raises(NotFoundError):
        store.remove_claim("cdeadbeef")


def test_remove_keeps_the_claim_marked(filled: tuple[Store, Source, Claim, Claim]) -> None:
    store, _, fled, killed = filled
    removed = store.remove_claim(fled.id, who="ana")
    assert removed.status is Status.removed
    assert [c.id for c in store.list_claims()] == [killed.id]
    assert store.get_claim(fled.id).status is Status.removed
    assert [(h.action, h.old, h.new) for h in store.claim_history(fled.id)] == [
        ("remove", "active", "removed")]
    store.remove_claim(fled.id)  # again: nothing more recorded
    assert len(store.claim_history(fled.id)) == 1


def test_hand_claim_supersedes_the_extracted_one_on_its_span(
    filled: tuple[Store, Source, Claim, Claim],
) -> None:
    store, src, fled, killed = filled
    hand = claim(src, "more than 400,000 people have fled since April", origin="hand",
                 low=400_001)
    store.add_claim(hand, who="ana")
    assert {c.id for c in store.list_claims()} == {hand.id, killed.id}
    assert store.get_claim(fled.id).status is Status.superseded
    assert [(h.action, h.field, h.new) for h in store.claim_history(fled.id)] == [
        ("supersede", "status", "superseded"), ("supersede", "superseded_by", hand.id)]
    assert [h.action for h in store.claim_history(hand.id)] == ["add"]


def test_other_kinds_and_subjects_are_not_superseded(
    filled: tuple[Store, Source, Claim, Claim],
) -> None:
    store, src, fled, killed = filled
    sentence = "The UN said more than 400,000 people have fled since April, and at least 20"
    store.add_claim(claim(src, sentence, Kind.killed, origin="hand", subject="children"))
    assert store.get_claim(killed.id).status is Status.active
    assert store.get_claim(fled.id).status is Status.active


def test_reingest_never_brings_back_or_touches_hand_work(
    filled: tuple[Store, Source, Claim, Claim],
) -> None:
    store, src, fled, killed = filled
    hand = claim(src, "more than 400,000 people have fled", origin="hand", low=1)
    store.add_claim(hand)
    store.remove_claim(killed.id)
    half = claim(src, "more than half a million", low=500_000)
    store.save_source(src, [half])
    store.edit_claim(half.id, {"place": "Idlib"})
    outcome = store.save_source(source(), [fled, killed])  # re-extracted: "half" no longer found
    assert outcome.added == 0 and outcome.dropped == 0
    by_id = {c.id: c for c in store.list_claims(include_inactive=True)}
    assert by_id[fled.id].status is Status.superseded
    assert by_id[killed.id].status is Status.removed
    assert by_id[hand.id].record() == hand.record() | {"source_path": "a.txt"}
    assert by_id[half.id].place == "Idlib"  # an edited extracted claim is hand work now


def test_adding_a_stored_claim_again_changes_nothing(
    filled: tuple[Store, Source, Claim, Claim],
) -> None:
    store, src, *_ = filled
    hand = claim(src, "more than half a million", origin="hand")
    store.add_claim(hand)
    store.add_claim(hand)
    assert len(store.claim_history(hand.id)) == 1


def decision(conflict_id: str, verdict: Verdict = Verdict.real, minute: int = 0) -> Decision:
    return Decision(conflict_id=conflict_id, verdict=verdict, reviewer="ana",
                    decided_at=dt.datetime(2024, 5, 1, 12, minute, tzinfo=dt.UTC))


def test_decisions_keep_their_history(store: Store) -> None:
    store.save_decision(decision("x1"))
    store.save_decision(decision("x1", Verdict.not_comparable, 5))
    assert [d.verdict for d in store.decision_history()] == [Verdict.real,
                                                            Verdict.not_comparable]
    assert not store.import_decision(decision("x1"))  # known: nothing added


def test_imported_older_decision_does_not_replace_a_newer_one(store: Store) -> None:
    store.save_decision(decision("x1", Verdict.not_comparable, 5))
    assert store.import_decision(decision("x1", Verdict.real, 1))
    assert len(store.decision_history()) == 2
    from sqlalchemy import select

    with store.engine.connect() as conn:
        assert conn.execute(select(schema.decisions.c.verdict)).scalar() == "not-comparable"


def test_review_position_is_per_reviewer(store: Store) -> None:
    assert store.review_position("ana") is None
    store.set_review_position("ana", "x1")
    store.set_review_position("ana", "x2")
    store.set_review_position("ben", "x9")
    assert (store.review_position("ana"), store.review_position("ben")) == ("x2", "x9")


WRITER = textwrap.dedent("""
    import datetime as dt, sys
    from claims.model import Claim, Decision, Kind, Span, Verdict
    from claims.store import open_store
    db, who, n, source_id = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    with open_store(db) as store:
        text = store.get_source(source_id).text
        for i in range(n):
            c = Claim(source_id=source_id, kind=Kind.killed, subject=f"{who}-{i}",
                      origin="hand", span=Span.of(text, 0, 5))
            store.add_claim(c, who=who)
            store.edit_claim(c.id, {"note": f"checked {i}"}, who=who)
            store.save_decision(Decision(conflict_id=f"x{who}{i}", verdict=Verdict.real,
                                         reviewer=who, decided_at=dt.datetime.now(dt.UTC)))
""")


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "shared.db")
    src = source()
    with open_store(db) as store:
        store.add_source(src)
    n = 40
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, db, who, str(n), src.id],
                              stderr=subprocess.PIPE, text=True) for who in ("ana", "ben")]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    with open_store(db) as store:
        claims = store.list_claims()
        history = store.claim_history()
        assert len(claims) == 2 * n
        assert all(c.note and c.note.startswith("checked") for c in claims)
        assert sorted(h.action for h in history) == ["add"] * 2 * n + ["edit"] * 2 * n
        assert store.stats()["decisions"] == 2 * n
        assert len(store.decision_history()) == 2 * n
