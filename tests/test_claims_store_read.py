"""The store's quick readers for reports (read_claims, read_conflicts): the same models as
list_claims and list_conflicts, and a damaged row still named once and skipped."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from claims.model import Claim, Conflict, ConflictType, Decision, Kind, Quantity, Span, Verdict
from claims.store import Store, open_store
from tests.test_claims_store_hardening import TEXT, claim, hand, source


def _stock(store: Store) -> tuple[list[Claim], list[Conflict]]:
    src = source()
    other = source(TEXT + " Officials said 30 were killed.")
    made = [claim(src, "killed 14 people", Kind.killed, 14, attribution="UN", place="Northtown"),
            claim(src, "2,000 residents fled", Kind.displaced, 2000, subject="residents",
                  period_end=dt.date(2019, 5, 1)),
            hand(other, "ana", 14),
            claim(other, "30 were killed", Kind.killed, 30, date=None, speaker="a mayor")]
    store.save_source(src, made[:2])
    store.save_source(other, made[2:])
    conflicts = [Conflict(type=ConflictType.figure, severity=0.6, severity_label="medium",
                          reason="14 against 30", claim_ids=[made[0].id, made[3].id],
                          key={"kind": "killed"}),
                 Conflict(type=ConflictType.figure, severity=0.2, severity_label="low",
                          reason="hand", claim_ids=[made[0].id, made[2].id])]
    store.replace_conflicts(conflicts)
    store.save_decision(Decision(conflict_id=conflicts[0].id, verdict=Verdict.resolved,
                                 claim_id=made[0].id, reviewer="ana", note="phoned",
                                 decided_at=dt.datetime(2024, 5, 1, 9)))
    return made, conflicts


def test_read_claims_and_conflicts_equal_the_validated_ones(store: Store) -> None:
    made, conflicts = _stock(store)
    listed = {c.id: c for c in store.list_claims()}
    read = {c.id: c for c in store.read_claims()}
    assert read == listed and len(read) == 4
    for cid, c in read.items():  # the same model, field for field, as pydantic made it
        assert c.model_dump() == listed[cid].model_dump()
        assert c.model_fields_set == listed[cid].model_fields_set
        assert type(c.span) is Span and (c.quantity is None or type(c.quantity) is Quantity)
    assert read[made[2].id].created_by == "ana"  # a hand claim keeps its author
    assert read[made[0].id].created_by is None  # an extracted one does not
    assert {c.id for c in store.read_claims([made[1].id, "c-none"])} == {made[1].id}
    ids = [c.id for c in store.list_conflicts()]
    assert store.read_conflicts(ids) == store.list_conflicts()
    got = store.read_conflicts(ids)
    assert got[0].decision is not None and got[0].decision.note == "phoned"
    assert [k.model_dump() for k in got] == [k.model_dump() for k in store.list_conflicts()]
    assert [k.model_fields_set for k in got] == [k.model_fields_set
                                                 for k in store.list_conflicts()]


@pytest.mark.parametrize("sql, column", [
    ("update claims set created_at = 'yesterday' where id = '{id}'", "column created_at"),
    ("update claims set period_end = '2019-13-45' where id = '{id}'", "column period_end"),
    ("update claims set \"end\" = 3 where id = '{id}'", "column start, end and quote"),
    ("update claims set kind = 'sunk' where id = '{id}'", "column kind"),
    ("update claims set low = 9000 where id = '{id}'", "column low, high and estimate"),
])
def test_a_damaged_claim_row_is_named_once_and_skipped(tmp_path: Path, sql: str,
                                                       column: str) -> None:
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        made, _ = _stock(store)
    bad = made[1]
    with sqlite3.connect(db) as conn:
        conn.execute(sql.format(id=bad.id))
    heard: list[str] = []
    with open_store(db, on_warning=heard.append) as store:
        assert {c.id for c in store.read_claims()} == {c.id for c in made} - {bad.id}
        store.read_claims([bad.id])
        assert {c.id for c in store.list_claims()} == {c.id for c in made} - {bad.id}
    assert len(heard) == 1 and heard[0].startswith(f"{db}: claims row {bad.id}: {column}")


def test_a_damaged_conflict_row_is_named_once_and_skipped(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        _, conflicts = _stock(store)
    with sqlite3.connect(db) as conn:
        conn.execute(f"update conflicts set key = '{{{{' where id = '{conflicts[1].id}'")
    heard: list[str] = []
    with open_store(db, on_warning=heard.append) as store:
        assert [k.id for k in store.read_conflicts([k.id for k in conflicts])] == [
            conflicts[0].id]
    assert heard == [f"{db}: conflicts row {conflicts[1].id}: column key is not valid JSON; "
                     "skipped (`crosscheck doctor` lists such rows)"]


def test_the_quick_reader_knows_every_validator_of_the_models() -> None:
    """claims/store_conflicts.py checks by hand what these validators check: a new one must
    be mirrored there (or its rows sent to pydantic), so this test names them."""
    def checks(model: object) -> set[str]:
        found = model.__pydantic_decorators__  # type: ignore[attr-defined]
        return {*found.model_validators, *found.field_validators, *found.validators,
                *found.field_serializers} if found else set()

    assert checks(Claim) == {"_ids", "_check_date"}  # an id; a date is sent to pydantic
    assert checks(Span) == {"_consistent"} and checks(Quantity) == {"_ordered"}
    assert checks(Conflict) == {"_ids"}


def test_days_and_moments_parsed_once_each_read_as_validated(store: Store) -> None:
    """read_claims parses each distinct stored day and moment once: claims sharing them and
    claims with days of their own read the same as list_claims reads them, field for field."""
    sources = [source(f"{TEXT} Note {n}.") for n in range(4)]
    days = [dt.date(2019, 5, 1), dt.date(2019, 5, 1), dt.date(2019, 6, 2), None]
    moments = [dt.datetime(2024, 5, 1, 9, tzinfo=dt.UTC), dt.datetime(2024, 5, 1, 9, tzinfo=dt.UTC),
               dt.datetime(2024, 5, 2, 10, 30, tzinfo=dt.UTC), None]
    made = [claim(src, "2,000 residents fled", Kind.displaced, 2000, origin="hand",
                  created_by="ana", created_at=at, period_start=day, period_end=day)
            for src, day, at in zip(sources, days, moments, strict=True)]
    for src, one in zip(sources, made, strict=True):
        store.save_source(src, [one])
    listed = {c.id: c for c in store.list_claims()}
    read = {c.id: c for c in store.read_claims()}
    assert len(read) == 4 and read == listed
    assert {c.id: (c.period_end, c.created_at) for c in read.values()} == {
        c.id: (c.period_end, c.created_at) for c in made}
