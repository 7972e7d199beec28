"""The store under hostile use (issue 14): newer schemas, damaged rows, two reviewers on one
span, SQL wildcards in ids, a check recorded whole, counts beyond 64 bits, doctor."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from claims.errors import (
    DamagedStoreError,
    DuplicateClaimError,
    LimitError,
    NewerStoreError,
    NoStoreError,
    NotFoundError,
    StoreError,
)
from claims.model import (
    Claim,
    Conflict,
    ConflictType,
    Corroboration,
    Kind,
    Quantity,
    Source,
    Span,
    Status,
)
from claims.schema import SCHEMA_VERSION
from claims.store import Store, open_store
from claims.store_doctor import diagnose
from tests.test_cli_bad_inputs import dump

pytestmark = pytest.mark.both  # the tests of the store run on SQLite and PostgreSQL

TEXT = "Shelling killed 14 people in Northtown. Later, 2,000 residents fled."


def source(text: str = TEXT) -> Source:
    return Source(id=Source.id_for(text), path="a.txt", text=text)


def claim(src: Source, needle: str, kind: Kind, low: int, **extra: object) -> Claim:
    start = src.text.index(needle)
    return Claim(source_id=src.id, kind=kind, quantity=Quantity(low=low, high=low, estimate=low),
                 span=Span.of(src.text, start, start + len(needle)), **extra)  # type: ignore[arg-type]


def hand(src: Source, who: str, low: int = 14) -> Claim:
    return claim(src, "killed 14 people", Kind.killed, low, origin="hand", created_by=who,
                 created_at=dt.datetime(2024, 5, 1, 9, tzinfo=dt.UTC))


@pytest.fixture
def stocked(store: Store) -> Store:
    src = source()
    store.save_source(src, [claim(src, "killed 14 people", Kind.killed, 14),
                            claim(src, "2,000 residents fled", Kind.displaced, 2000)])
    return store


# -- two reviewers on one span ------------------------------------------------------------------

def test_a_second_reviewers_claim_on_the_same_span_is_refused_naming_the_first(
    stocked: Store,
) -> None:
    src = source()
    first, added = stocked.store_claim(hand(src, "ana"), who="ana")
    assert added
    before = dump(stocked.url)
    with pytest.raises(DuplicateClaimError, match=r"added by ana on 2024-05-01 09:00: c"):
        stocked.store_claim(hand(src, "bo", low=15), who="bo")
    assert dump(stocked.url) == before  # never "added" and gone: nothing at all
    assert [h.who for h in stocked.claim_history(first.id)] == ["ana"]


def test_the_same_claim_added_again_is_already_stored_not_added(stocked: Store) -> None:
    src = source()
    stocked.store_claim(hand(src, "ana"), who="ana")
    again, added = stocked.store_claim(hand(src, "bo"), who="bo")  # the very same fields
    assert not added and again.created_by == "ana"


def test_a_removed_hand_claim_is_not_silently_readded(stocked: Store) -> None:
    src = source()
    made, _ = stocked.store_claim(hand(src, "ana"), who="ana")
    stocked.remove_claim(made.id)
    with pytest.raises(DuplicateClaimError, match="removed since"):
        stocked.store_claim(hand(src, "ana"), who="ana")


def test_the_cli_says_already_stored(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from verify.cli import app

    runner, db = CliRunner(), str(tmp_path / "s.db")
    sid = json.loads(runner.invoke(app, ["--db", db, "sources", "add", "--text", TEXT,
                                         "-f", "json"]).stdout)[0]["id"]
    args = ["--db", db, "claims", "add", "--source", sid, "--quote", "killed 14 people"]
    assert "added claim" in runner.invoke(app, args).stderr
    second = runner.invoke(app, args, env={"CROSSCHECK_USER": "bo"})
    assert second.exit_code == 0 and "already stored: claim c" in second.stderr
    third = runner.invoke(app, [*args, "--qualifier", "about"], env={"CROSSCHECK_USER": "bo"})
    assert third.exit_code == 2 and "added by tester" in third.stderr
    assert third.stderr.count("\n") == 1


# -- a newer crosscheck's store ----------------------------------------------------------------

def newer(db: Path, version: int = SCHEMA_VERSION + 1) -> None:
    with open_store(str(db)):
        pass
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("update crosscheck_meta set value = ? where key = 'schema_version'",
                     (str(version),))
        conn.execute("insert into crosscheck_migrations values (?, ?, 'x')",
                     (100 + version, f"m{version + 1:03d}_future"))
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.close()


def test_a_store_from_a_newer_crosscheck_is_refused_and_untouched(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    newer(db)
    before = db.read_bytes()
    message = (f"{db}: written by a newer crosscheck (store schema {SCHEMA_VERSION + 1}, this "
               f"crosscheck knows up to {SCHEMA_VERSION}); upgrade crosscheck to use it; "
               "nothing was changed")
    with pytest.raises(NewerStoreError) as info:
        open_store(str(db))
    assert str(info.value) == message
    assert db.read_bytes() == before
    from typer.testing import CliRunner

    from verify.cli import app

    result = CliRunner().invoke(app, ["--db", str(db), "claims", "list"])
    assert (result.exit_code, result.stderr) == (1, f"Error: {message}\n")
    assert db.read_bytes() == before  # `claims list` once rewrote the version to 4


def test_an_unknown_migration_is_refused_even_at_our_version(tmp_path: Path) -> None:
    db = tmp_path / "odd.db"
    newer(db, SCHEMA_VERSION)
    with pytest.raises(NewerStoreError, match=f"migration m{SCHEMA_VERSION + 1:03d}_future is "
                                              "unknown here"):
        open_store(str(db))


def test_a_read_only_open_of_nothing_refuses(tmp_path: Path) -> None:
    with pytest.raises(NoStoreError, match="no store there"):
        open_store(str(tmp_path / "none.db"), create=False)
    assert not (tmp_path / "none.db").exists()
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(NoStoreError, match="an empty file"):
        open_store(str(tmp_path / "empty.db"), create=False)
    with open_store(str(tmp_path / "made.db")) as made:
        assert made.created
    with open_store(str(tmp_path / "made.db"), create=False) as again:
        assert not again.created


# -- damaged rows ------------------------------------------------------------------------------

def corrupt(db: str, sql: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(sql)


def test_a_corrupted_json_cell_is_named_and_the_rest_stays_readable(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    a, b = source(), source(TEXT + " More fled.")
    with open_store(db) as store:
        store.save_source(a, [claim(a, "killed 14 people", Kind.killed, 14)])
        store.save_source(b, [claim(b, "killed 14 people", Kind.killed, 14)])
    corrupt(db, f"update sources set regions = '[{{oops' where id = '{a.id}'")
    heard: list[str] = []
    with open_store(db, on_warning=heard.append) as store:
        assert [s.id for s in store.list_sources()] == [b.id]
        store.list_sources()
        assert heard == [f"{db}: sources row {a.id}: column regions is not valid JSON; skipped "
                         "(`crosscheck doctor` lists such rows)"]  # said once
        with pytest.raises(DamagedStoreError, match=f"sources row {a.id}: column regions"):
            store.get_source(a.id)
        assert len(store.list_claims()) == 2  # the claims are fine


def test_a_claim_row_whose_span_is_broken_is_named(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    src = source()
    bad, good = (claim(src, "killed 14 people", Kind.killed, 14),
                 claim(src, "2,000 residents fled", Kind.displaced, 2000))
    with open_store(db) as store:
        store.save_source(src, [bad, good])
    corrupt(db, f"update claims set \"end\" = 3 where id = '{bad.id}'")
    corrupt(db, f"update claims set quote = 'x,xxx residents fled' where id = '{good.id}'")
    heard: list[str] = []
    with open_store(db, on_warning=heard.append) as store:
        assert [c.id for c in store.list_claims()] == [good.id]
        assert heard[0].startswith(f"{db}: claims row {bad.id}: column start, end and quote:")
        found = diagnose(store)
    assert {(p.table, p.row) for p in found.problems} == {("claims", bad.id),
                                                          ("claims", good.id)}
    assert any("does not match the text" in p.message for p in found.problems)


def test_a_garbled_date_and_a_corrupted_conflict_are_rows_not_crashes(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    src = source()
    c = claim(src, "killed 14 people", Kind.killed, 14)
    with open_store(db) as store:
        store.save_source(src, [c])
        store.replace_conflicts([Conflict(type=ConflictType.figure, severity=0.5,
                                          severity_label="medium", reason="r",
                                          claim_ids=[c.id])])
    corrupt(db, "update sources set published = '2019-13-45'")
    corrupt(db, "update conflicts set key = '{{{'")
    with open_store(db, on_warning=lambda m: None) as store:
        assert store.list_sources() == [] and store.list_conflicts() == []
        assert len(store.warnings) == 2
        problems = diagnose(store).problems
    assert [(p.table, p.message.split(":")[0]) for p in problems] == [
        ("sources", "column published"), ("claims", "span"),
        ("conflicts", "column key is not valid JSON")]


def test_doctor_on_a_sound_store_finds_nothing(stocked: Store) -> None:
    found = diagnose(stocked)
    assert found.problems == [] and found.rows["sources"] == 1 and found.rows["claims"] == 2


def test_damaged_pages_are_said_once_on_opening_and_doctor_reports_them(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(str(db)) as store:
        src = source("x " * 5000 + TEXT)
        store.save_source(src, [claim(src, "killed 14 people", Kind.killed, 14)])
    with sqlite3.connect(db) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
        root = conn.execute("select rootpage from sqlite_master where name = 'sources'").fetchone()
        page = conn.execute("pragma page_size").fetchone()[0]
    data = bytearray(db.read_bytes())
    offset = (root[0] - 1) * page
    data[offset + 8: offset + 40] = b"\xff" * 32  # scribble over the table's first page
    db.write_bytes(bytes(data))
    heard: list[str] = []
    try:
        with open_store(str(db), on_warning=heard.append) as store:
            problems = diagnose(store).problems
    except StoreError as exc:  # SQLite may refuse the file outright: one line, also fine
        assert "Traceback" not in str(exc)
        return
    assert len(heard) == 1 and "fails SQLite's integrity check (On tree page" in heard[0]
    assert "\n" not in heard[0]  # one line
    assert problems and problems[0].table == "(pages)"
    assert all("\n" not in p.message for p in problems)


# -- ids, checks, limits -----------------------------------------------------------------------

def test_sql_wildcards_in_an_id_prefix_are_characters(stocked: Store) -> None:
    for ref in ("____", "%%%%", "c%", "____________"):
        with pytest.raises(NotFoundError):
            stocked.get_claim(ref)
        with pytest.raises(NotFoundError):
            stocked.get_source(ref)


def test_a_check_is_recorded_in_one_transaction(stocked: Store,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [c.id for c in stocked.list_claims()]
    old = Conflict(type=ConflictType.figure, severity=0.5, severity_label="medium", reason="old",
                   claim_ids=ids)
    group = Corroboration(claim_ids=ids[:1], independent_sources=1, reason="old group")
    stocked.record_check([old], [group])
    before = dump(stocked.url)
    new = Conflict(type=ConflictType.date, severity=0.9, severity_label="high", reason="new",
                   claim_ids=ids)

    def fail(self: Corroboration) -> dict[str, object]:
        raise KeyboardInterrupt  # as a kill between the two writes would

    monkeypatch.setattr(Corroboration, "record", fail)
    with pytest.raises(KeyboardInterrupt):
        stocked.record_check([new], [group])
    assert dump(stocked.url) == before  # no new conflicts beside the old groups


def test_counts_beyond_64_bits_are_refused_before_any_write(stocked: Store) -> None:
    src = source()
    big = claim(src, "2,000 residents fled", Kind.displaced, 2000).model_copy(
        update={"quantity": Quantity(low=2**63, estimate=2**63)})
    with pytest.raises(LimitError, match=r"low: 9223372036854775808 is above the largest"):
        stocked.save_source(src, [big])
    with pytest.raises(LimitError):
        stocked.edit_claim(stocked.list_claims()[0].id, {"estimate": 2**70})
    assert {c.low for c in stocked.list_claims()} == {14, 2000}
    assert all(c.status is Status.active for c in stocked.list_claims())
