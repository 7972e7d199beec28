"""The store's hand work: claims added, edited, removed and superseded with their history,
decisions with their history, and where each reviewer stopped. Mixed into `Store`."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, and_, insert, select
from sqlalchemy import update as sa_update

from claims import schema as s
from claims.errors import DataError, DuplicateClaimError, NotFoundError, UsageError
from claims.limits import check_counts
from claims.model import Claim, Source, Status
from claims.store_rows import (
    check_claim,
    claim_from_row,
    claim_row,
)
from claims.store_types import CorruptCell
from claims.store_write import SOURCE, StoreBase, upsert

# The fields a person may change; the span, source and origin are what the claim *is*.
EDITABLE = (
    "kind", "subject", "part_of", "low", "high", "estimate", "qualifier", "figure", "event",
    "date", "place", "place_text", "period", "period_start", "period_end", "attribution",
    "attribution_text", "modality", "note", "scope", "site",
)
# What tells two hand claims on one span apart; who made them and when do not.
_WHO_WHEN = {"created_by", "created_at"}


@dataclass(frozen=True)
class ReviewNote:
    """A note a reviewer typed on a conflict before giving it a verdict."""

    conflict_id: str
    reviewer: str
    note: str
    at: str

    def record(self) -> dict[str, Any]:
        return {"conflict_id": self.conflict_id, "reviewer": self.reviewer, "note": self.note,
                "at": self.at}

    def row(self) -> dict[str, Any]:
        return {"conflict_id": self.conflict_id, "created_by": self.reviewer, "note": self.note,
                "created_at": self.at}


@dataclass(frozen=True)
class ClaimChange:
    """One line of a claim's history: who did what, when, and the old and new values."""

    claim_id: str
    action: str  # add, edit, remove, supersede
    field: str | None
    old: Any
    new: Any
    who: str
    at: str

    def record(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "action": self.action, "field": self.field,
                "old": self.old, "new": self.new, "who": self.who, "at": self.at}

    def row(self) -> dict[str, Any]:
        """The stored form: values as JSON text, so a number stays a number."""
        return {"claim_id": self.claim_id, "action": self.action, "field": self.field,
                "old": _dump(self.old), "new": _dump(self.new), "created_by": self.who,
                "created_at": self.at}


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _load(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def change_from_row(row: Any) -> ClaimChange:
    return ClaimChange(row["claim_id"], row["action"], row["field"], _load(row["old"]),
                       _load(row["new"]), row["created_by"], _iso(row["created_at"]))


def note_from_row(row: Any) -> ReviewNote:
    return ReviewNote(row["conflict_id"], row["created_by"], row["note"], _iso(row["created_at"]))


def _iso(value: Any) -> str:
    if isinstance(value, dt.datetime) and not isinstance(value, CorruptCell):
        return value.isoformat()
    raise ValueError(f"not a timestamp: {value!r}")


def stamp() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


UNSEEN = object()  # save_decision: the caller did not say which decision it saw


def supersedes(hand: Claim, row: Any) -> bool:
    """A hand claim supersedes an active extracted claim of its source on an overlapping span,
    of the same kind, about the same subject (or one of them names none)."""
    return (row["origin"] == "extracted" and row["status"] == Status.active.value
            and row["kind"] == hand.kind.value
            and row["start"] < hand.span.end and hand.span.start < row["end"]
            and (not row["subject"] or not hand.subject or row["subject"] == hand.subject))


class HandWorkMixin(StoreBase):
    """Writes by people. Each is one short transaction, holding the lock of the source or
    conflict it decides about; a bad value leaves the store as it was."""

    def get_source(self, ref: str) -> Source:
        raise NotImplementedError

    def get_claim(self, ref: str) -> Claim:
        raise NotImplementedError

    # -- claims -------------------------------------------------------------------------------

    def add_claim(self, claim: Claim, who: str | None = None) -> Claim:
        """Store one claim (see store_claim); the claim as stored."""
        return self.store_claim(claim, who)[0]

    def store_claim(self, claim: Claim, who: str | None = None) -> tuple[Claim, bool]:
        """Store one claim after checking its span; a hand claim supersedes the extracted ones
        on its span (kept, marked superseded). True when added; the same claim again is kept
        as it is (False), and another claim on the same span is refused, naming who made it."""
        source = self.get_source(claim.source_id)
        check_claim(source, claim)
        who, at = who or _user(), stamp()

        def work(conn: Connection) -> tuple[Claim, bool]:
            self.lock(conn, SOURCE, source.id)
            found = conn.execute(select(s.claims).where(s.claims.c.id == claim.id)).mappings()
            if (existing := found.first()) is not None:
                return _same_or_refused(dict(existing), claim), False
            conn.execute(insert(s.claims).values(**claim_row(claim, source, who,
                                                             moment_of(at))))
            changes = [ClaimChange(claim.id, "add", None, None, None, who, at)]
            if claim.origin == "hand":
                changes += self._supersede(conn, claim, who, at)
            conn.execute(insert(s.claim_history), [c.row() for c in changes])
            return claim, True

        return self.write(work)

    def _supersede(self, conn: Connection, hand: Claim, who: str, at: str) -> list[ClaimChange]:
        rows = conn.execute(select(s.claims).where(s.claims.c.source_id == hand.source_id))
        gone = [r["id"] for r in rows.mappings() if supersedes(hand, r)]
        if gone:
            conn.execute(sa_update(s.claims).where(s.claims.c.id.in_(gone)).values(
                status=Status.superseded.value, updated_by=who, updated_at=moment_of(at)))
        return [ClaimChange(cid, "supersede", "status", Status.active.value,
                            Status.superseded.value, who, at) for cid in gone] + [
                ClaimChange(cid, "supersede", "superseded_by", None, hand.id, who, at)
                for cid in gone]

    def edit_claim(self, ref: str, changes: dict[str, Any], who: str | None = None) -> Claim:
        """Change a claim's fields, one history row per field changed; returns the claim."""
        unknown = sorted(set(changes) - set(EDITABLE))
        if unknown:
            raise UsageError(
                f"cannot edit {', '.join(unknown)}: editable are {', '.join(EDITABLE)}")
        claim = self.get_claim(ref)
        who, at = who or _user(), stamp()

        def work(conn: Connection) -> None:
            self.lock(conn, SOURCE, claim.source_id)
            old = self._claim_row(conn, claim.id)
            new = _validated(old | changes).record()
            check_counts(new, "claim")
            diff = [f for f in EDITABLE if f in changes and new[f] != _plain(old[f])]
            if diff:
                conn.execute(sa_update(s.claims).where(s.claims.c.id == claim.id).values(
                    {f: new[f] for f in diff} | {"updated_by": who, "updated_at": moment_of(at)}))
                conn.execute(insert(s.claim_history), [
                    ClaimChange(claim.id, "edit", f, _plain(old[f]), new[f], who, at).row()
                    for f in diff])

        self.write(work)
        return self.get_claim(claim.id)

    def remove_claim(self, ref: str, who: str | None = None) -> Claim:
        """Mark a claim removed: kept for the record, out of checks and reports."""
        claim = self.get_claim(ref)
        if claim.status is Status.removed:
            return claim
        who, at = who or _user(), stamp()

        def work(conn: Connection) -> None:
            self.lock(conn, SOURCE, claim.source_id)
            old = self._claim_row(conn, claim.id)["status"]
            if old == Status.removed.value:
                return
            conn.execute(sa_update(s.claims).where(s.claims.c.id == claim.id).values(
                status=Status.removed.value, updated_by=who, updated_at=moment_of(at)))
            change = ClaimChange(claim.id, "remove", "status", old, Status.removed.value, who, at)
            conn.execute(insert(s.claim_history).values(**change.row()))

        self.write(work)
        return self.get_claim(claim.id)

    def _claim_row(self, conn: Connection, claim_id: str) -> dict[str, Any]:
        row = conn.execute(select(s.claims).where(s.claims.c.id == claim_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no claim with id {claim_id!r}")
        return dict(row)

    def claim_history(self, ref: str | None = None) -> list[ClaimChange]:
        """A claim's changes, oldest first (every claim's, with no id)."""
        h = s.claim_history.c
        query = select(s.claim_history).order_by(h.created_at, h.id)
        if ref is not None:
            query = query.where(h.claim_id == self.get_claim(ref).id)
        with self.reading() as conn:
            rows = conn.execute(query).mappings().all()
        return self.decoded("claim_history", rows, change_from_row)

    def touched_claims(self) -> list[Claim]:
        """Every claim hand work made or changed: hand-made, edited, removed or superseded."""
        with self.reading() as conn:
            ids = {r[0] for r in conn.execute(select(s.claim_history.c.claim_id).distinct())}
            query = select(s.claims).where(
                (s.claims.c.origin != "extracted") | s.claims.c.id.in_(ids)
            ).order_by(s.claims.c.source_id, s.claims.c.start, s.claims.c.id)
            rows = conn.execute(query).mappings().all()
        return self.decoded("claims", rows, claim_from_row)

    def import_claim(self, claim: Claim) -> bool:
        """Store a claim as it stands (status included) unless its id is known; True if added."""
        source = self.get_source(claim.source_id)
        check_claim(source, claim)
        row = claim_row(claim, source, _user(), now_moment())

        def work(conn: Connection) -> bool:
            stmt = upsert(conn, s.claims, ["id"]).values(**row).returning(s.claims.c.id)
            return conn.execute(stmt).first() is not None

        return self.write(work)

    def import_change(self, change: ClaimChange) -> bool:
        """Record a history row from elsewhere unless known, applying its change; True if new."""
        row = change.row()
        cols = s.claim_history.c
        match = and_(*(cols[k] == v if v is not None else cols[k].is_(None)
                       for k, v in row.items() if k != "created_at"),
                     cols.created_at == moment_of(change.at))
        with self.reading() as conn:
            owner = conn.execute(select(s.claims.c.source_id).where(
                s.claims.c.id == change.claim_id)).scalar()

        def work(conn: Connection) -> bool:
            self.lock(conn, SOURCE, owner or "")
            if conn.execute(select(cols.id).where(match)).first():
                return False
            if change.action != "add" and change.field in (*EDITABLE, "status"):
                current = conn.execute(select(s.claims).where(
                    s.claims.c.id == change.claim_id)).mappings().first()
                if current is None:
                    raise DataError(f"claim {change.claim_id} is not in the store")
                # never store a bad claim
                check_counts(_validated(dict(current) | {change.field: change.new}).record(),
                             f"claim {change.claim_id}")
                conn.execute(sa_update(s.claims).where(s.claims.c.id == change.claim_id).values(
                    {change.field: change.new, "updated_by": change.who,
                     "updated_at": moment_of(change.at)}))
            conn.execute(insert(s.claim_history).values(**row))
            return True

        return self.write(work)


def _same_or_refused(existing: dict[str, Any], claim: Claim) -> Claim:
    """The stored claim, when it is the one being added again; else a refusal naming it."""
    stored = claim_from_row(existing)
    ours, theirs = claim.record(), stored.record()
    if stored.status is Status.active and all(
            ours[k] == theirs[k] for k in ours if k not in _WHO_WHEN | {"source_path"}):
        return stored
    made = f"by {stored.created_by}" if stored.created_by else "before"
    when = f" on {stored.created_at:%Y-%m-%d %H:%M}" if stored.created_at else ""
    state = "" if stored.status is Status.active else f" ({stored.status.value} since)"
    raise DuplicateClaimError(
        f"a {stored.kind.value} claim on this span was added {made}{when}{state}: "
        f"{stored.id}; change it with `crosscheck claims edit {stored.id}` (see its "
        "`claims history`)")


def _validated(record: dict[str, Any]) -> Claim:
    try:
        return Claim.from_record(record)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "claim"
        raise UsageError(f"{where}: {err['msg'].removeprefix('Value error, ')}") from None


def _user() -> str:
    from claims.store import current_user

    return current_user()


def moment_of(at: str | dt.datetime) -> dt.datetime:
    """A stamp as a timestamp."""
    return dt.datetime.fromisoformat(at) if isinstance(at, str) else at


def now_moment() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _plain(value: Any) -> Any:
    """A stored value as a claim's record writes it (days as ISO text)."""
    return value.isoformat() if isinstance(value, dt.date) else value
