"""The store's hand work: claims added, edited, removed and superseded with their history,
decisions with their history, and where each reviewer stopped. Mixed into `Store`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, and_, insert, select
from sqlalchemy import delete as sa_delete
from sqlalchemy import update as sa_update

from claims import schema as s
from claims.errors import DataError, DuplicateClaimError, NotFoundError, UsageError
from claims.limits import check_counts
from claims.model import Claim, Decision, Source, Status
from claims.store_rows import check_claim

T = TypeVar("T")

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
        return self.record() | {"old": _dump(self.old), "new": _dump(self.new)}


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _load(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def change_from_row(row: Any) -> ClaimChange:
    return ClaimChange(row["claim_id"], row["action"], row["field"], _load(row["old"]),
                       _load(row["new"]), row["who"], row["at"])


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def supersedes(hand: Claim, row: Any) -> bool:
    """A hand claim supersedes an active extracted claim of its source on an overlapping span,
    of the same kind, about the same subject (or one of them names none)."""
    return (row["origin"] == "extracted" and row["status"] == Status.active.value
            and row["kind"] == hand.kind.value
            and row["start"] < hand.span.end and hand.span.start < row["end"]
            and (not row["subject"] or not hand.subject or row["subject"] == hand.subject))


class HandWorkMixin:
    """Writes by people. Each is one short transaction; a bad value leaves the store as it was."""

    engine: Engine

    def transaction(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def reading(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def decoded(self, table: str, rows: Iterable[Mapping[Any, Any]],
                build: Callable[[dict[str, Any]], T]) -> list[T]:
        raise NotImplementedError

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
        who, at = who or _user(), _stamp()
        with self.transaction() as conn:
            found = conn.execute(select(s.claims).where(s.claims.c.id == claim.id)).mappings()
            if (existing := found.first()) is not None:
                return _same_or_refused(dict(existing), claim), False
            row = claim.record()
            row["source_path"] = row["source_path"] or source.path
            conn.execute(insert(s.claims).values(**row))
            changes = [ClaimChange(claim.id, "add", None, None, None, who, at)]
            if claim.origin == "hand":
                changes += self._supersede(conn, claim, who, at)
            conn.execute(insert(s.claim_history), [c.row() for c in changes])
        return claim, True

    def _supersede(self, conn: Connection, hand: Claim, who: str, at: str) -> list[ClaimChange]:
        rows = conn.execute(select(s.claims).where(s.claims.c.source_id == hand.source_id))
        gone = [r["id"] for r in rows.mappings() if supersedes(hand, r)]
        if gone:
            conn.execute(sa_update(s.claims).where(s.claims.c.id.in_(gone))
                         .values(status=Status.superseded.value))
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
        claim_id = self.get_claim(ref).id
        who, at = who or _user(), _stamp()
        with self.transaction() as conn:
            old = self._claim_row(conn, claim_id)
            new = _validated(old | changes).record()
            check_counts(new, "claim")
            diff = [f for f in EDITABLE if f in changes and new[f] != old[f]]
            if diff:
                conn.execute(sa_update(s.claims).where(s.claims.c.id == claim_id)
                             .values({f: new[f] for f in diff}))
                conn.execute(insert(s.claim_history), [
                    ClaimChange(claim_id, "edit", f, old[f], new[f], who, at).row() for f in diff])
        return self.get_claim(claim_id)

    def remove_claim(self, ref: str, who: str | None = None) -> Claim:
        """Mark a claim removed: kept for the record, out of checks and reports."""
        claim = self.get_claim(ref)
        if claim.status is Status.removed:
            return claim
        with self.transaction() as conn:
            old = self._claim_row(conn, claim.id)["status"]
            conn.execute(sa_update(s.claims).where(s.claims.c.id == claim.id)
                         .values(status=Status.removed.value))
            change = ClaimChange(claim.id, "remove", "status", old, Status.removed.value,
                                 who or _user(), _stamp())
            conn.execute(insert(s.claim_history).values(**change.row()))
        return self.get_claim(claim.id)

    def _claim_row(self, conn: Connection, claim_id: str) -> dict[str, Any]:
        row = conn.execute(select(s.claims).where(s.claims.c.id == claim_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no claim with id {claim_id!r}")
        return dict(row)

    def claim_history(self, ref: str | None = None) -> list[ClaimChange]:
        """A claim's changes, oldest first (every claim's, with no id)."""
        query = select(s.claim_history).order_by(s.claim_history.c.at, s.claim_history.c.id)
        if ref is not None:
            query = query.where(s.claim_history.c.claim_id == self.get_claim(ref).id)
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
        return self.decoded("claims", rows, Claim.from_record)

    def import_claim(self, claim: Claim) -> bool:
        """Store a claim as it stands (status included) unless its id is known; True if added."""
        check_claim(self.get_source(claim.source_id), claim)
        with self.transaction() as conn:
            if conn.execute(select(s.claims.c.id).where(s.claims.c.id == claim.id)).first():
                return False
            conn.execute(insert(s.claims).values(**claim.record()))
        return True

    def import_change(self, change: ClaimChange) -> bool:
        """Record a history row from elsewhere unless known, applying its change; True if new."""
        row = change.row()
        cols = s.claim_history.c
        match = and_(*(cols[k] == v if v is not None else cols[k].is_(None)
                       for k, v in row.items()))
        with self.transaction() as conn:
            if conn.execute(select(s.claim_history.c.id).where(match)).first():
                return False
            if change.action != "add" and change.field in (*EDITABLE, "status"):
                current = conn.execute(select(s.claims).where(
                    s.claims.c.id == change.claim_id)).mappings().first()
                if current is None:
                    raise DataError(f"claim {change.claim_id} is not in the store")
                # never store a bad claim
                check_counts(_validated(dict(current) | {change.field: change.new}).record(),
                             f"claim {change.claim_id}")
                conn.execute(sa_update(s.claims).where(s.claims.c.id == change.claim_id)
                             .values({change.field: change.new}))
            conn.execute(insert(s.claim_history).values(**row))
        return True

    # -- decisions and review -------------------------------------------------------------------

    def save_decision(self, decision: Decision) -> None:
        """Record (or replace) the verdict on a conflict, committed at once, kept in history;
        the reviewer's note waiting for a verdict on it goes with it (the note is in it)."""
        row = decision.model_dump(mode="json", exclude={"stale"})
        notes = s.review_notes.c
        with self.transaction() as conn:
            conn.execute(sa_delete(s.decisions)
                         .where(s.decisions.c.conflict_id == decision.conflict_id))
            conn.execute(insert(s.decisions).values(**row))
            conn.execute(insert(s.decision_history).values(**row))
            conn.execute(sa_delete(s.review_notes).where(
                notes.conflict_id == decision.conflict_id, notes.reviewer == decision.reviewer))

    def save_review_note(self, conflict_id: str, who: str, note: str) -> None:
        """Keep a note typed before any verdict, at once: quitting or a crash keeps it."""
        with self.transaction() as conn:
            notes = s.review_notes.c
            conn.execute(sa_delete(s.review_notes).where(notes.conflict_id == conflict_id,
                                                         notes.reviewer == who))
            conn.execute(insert(s.review_notes).values(conflict_id=conflict_id, reviewer=who,
                                                       note=note, at=_stamp()))

    def review_notes(self, who: str | None = None) -> list[ReviewNote]:
        """Notes waiting for a verdict: one reviewer's, or everyone's."""
        query = select(s.review_notes).order_by(s.review_notes.c.at, s.review_notes.c.conflict_id)
        if who is not None:
            query = query.where(s.review_notes.c.reviewer == who)
        with self.reading() as conn:
            rows = conn.execute(query).mappings().all()
        return self.decoded("review_notes", rows, lambda r: ReviewNote(**r))

    def import_review_note(self, note: ReviewNote) -> bool:
        """Keep a waiting note from elsewhere unless this reviewer has one on it; True if new."""
        c = s.review_notes.c
        with self.transaction() as conn:
            if conn.execute(select(c.note).where(c.conflict_id == note.conflict_id,
                                                 c.reviewer == note.reviewer)).first():
                return False
            conn.execute(insert(s.review_notes).values(**note.record()))
        return True

    def decision_history(self) -> list[Decision]:
        """Every verdict given, oldest first, including ones recorded before history was kept."""
        with self.reading() as conn:
            rows = [dict(r) for r in conn.execute(select(s.decision_history).order_by(
                s.decision_history.c.decided_at, s.decision_history.c.id)).mappings()]
            rows += [dict(r) for r in conn.execute(select(s.decisions)).mappings()]
        seen: dict[tuple[str, str, str], Decision] = {}
        for r in rows:
            r.setdefault("id", r["conflict_id"])  # a row of decisions: named by its conflict
        for d in self.decoded("decision_history", rows, lambda x: Decision.model_validate(
                {k: v for k, v in x.items() if k != "id"})):
            seen.setdefault((d.conflict_id, d.decided_at.isoformat(), d.reviewer), d)
        return sorted(seen.values(), key=lambda d: (d.decided_at, d.conflict_id))

    def import_decision(self, decision: Decision) -> bool:
        """Record a verdict from elsewhere unless known; current if newest. True if new."""
        row = decision.model_dump(mode="json", exclude={"stale"})
        h = s.decision_history.c
        with self.transaction() as conn:
            known = conn.execute(select(h.id).where(
                h.conflict_id == row["conflict_id"], h.decided_at == row["decided_at"],
                h.reviewer == row["reviewer"])).first()
            if known:
                return False
            conn.execute(insert(s.decision_history).values(**row))
            current = conn.execute(select(s.decisions.c.decided_at).where(
                s.decisions.c.conflict_id == row["conflict_id"])).first()
            if current is None or current[0] <= row["decided_at"]:
                conn.execute(sa_delete(s.decisions)
                             .where(s.decisions.c.conflict_id == row["conflict_id"]))
                conn.execute(insert(s.decisions).values(**row))
        return True

    def review_position(self, who: str) -> str | None:
        """The conflict a reviewer's last review stopped at."""
        with self.reading() as conn:
            row = conn.execute(select(s.review_state.c.conflict_id)
                               .where(s.review_state.c.reviewer == who)).first()
        return row[0] if row else None

    def set_review_position(self, who: str, conflict_id: str) -> None:
        """Remember where a reviewer is, so the next review resumes there."""
        with self.transaction() as conn:
            conn.execute(sa_delete(s.review_state).where(s.review_state.c.reviewer == who))
            conn.execute(insert(s.review_state).values(reviewer=who, conflict_id=conflict_id,
                                                       at=_stamp()))


def _same_or_refused(existing: dict[str, Any], claim: Claim) -> Claim:
    """The stored claim, when it is the one being added again; else a refusal naming it."""
    stored = Claim.from_record(existing)
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
