"""The store's hand work: claims added, edited, removed and superseded with their history,
decisions with their history, and where each reviewer stopped. Mixed into `Store`."""

from __future__ import annotations

import datetime as dt
import json
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, and_, insert, select
from sqlalchemy import delete as sa_delete
from sqlalchemy import update as sa_update

from claims import schema as s
from claims.errors import DataError, NotFoundError, StoreError, UsageError
from claims.model import Claim, Decision, Source, Status, check_span

# The fields a person may change; the span, source and origin are what the claim *is*.
EDITABLE = (
    "kind", "subject", "part_of", "low", "high", "estimate", "qualifier", "figure", "event",
    "date", "place", "place_text", "period", "period_start", "period_end", "attribution",
    "attribution_text", "modality", "note",
)


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


def _change_from_row(row: Any) -> ClaimChange:
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

    def get_source(self, ref: str) -> Source:
        raise NotImplementedError

    def get_claim(self, ref: str) -> Claim:
        raise NotImplementedError

    # -- claims -------------------------------------------------------------------------------

    def add_claim(self, claim: Claim, who: str | None = None) -> Claim:
        """Store one claim after checking its span; a hand claim supersedes the extracted ones
        on its span (kept, marked superseded). Adding a stored claim again changes nothing."""
        source = self.get_source(claim.source_id)
        if claim.source_id != source.id:
            raise StoreError(f"claim {claim.id} belongs to source {claim.source_id}")
        check_span(source.text, claim.span)
        who, at = who or _user(), _stamp()
        with self.transaction() as conn:
            if conn.execute(select(s.claims.c.id).where(s.claims.c.id == claim.id)).first():
                return claim
            row = claim.record()
            row["source_path"] = row["source_path"] or source.path
            conn.execute(insert(s.claims).values(**row))
            changes = [ClaimChange(claim.id, "add", None, None, None, who, at)]
            if claim.origin == "hand":
                changes += self._supersede(conn, claim, who, at)
            conn.execute(insert(s.claim_history), [c.row() for c in changes])
        return claim

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
        with self.engine.connect() as conn:
            return [_change_from_row(r) for r in conn.execute(query).mappings()]

    def touched_claims(self) -> list[Claim]:
        """Every claim hand work made or changed: hand-made, edited, removed or superseded."""
        with self.engine.connect() as conn:
            ids = {r[0] for r in conn.execute(select(s.claim_history.c.claim_id).distinct())}
            query = select(s.claims).where(
                (s.claims.c.origin != "extracted") | s.claims.c.id.in_(ids)
            ).order_by(s.claims.c.source_id, s.claims.c.start, s.claims.c.id)
            return [Claim.from_record(dict(r)) for r in conn.execute(query).mappings()]

    def import_claim(self, claim: Claim) -> bool:
        """Store a claim as it stands (status included) unless its id is known; True if added."""
        check_span(self.get_source(claim.source_id).text, claim.span)
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
                _validated(dict(current) | {change.field: change.new})  # never store a bad claim
                conn.execute(sa_update(s.claims).where(s.claims.c.id == change.claim_id)
                             .values({change.field: change.new}))
            conn.execute(insert(s.claim_history).values(**row))
        return True

    # -- decisions and review -------------------------------------------------------------------

    def save_decision(self, decision: Decision) -> None:
        """Record (or replace) the verdict on a conflict, committed at once, kept in history."""
        row = decision.model_dump(mode="json", exclude={"stale"})
        with self.transaction() as conn:
            conn.execute(sa_delete(s.decisions)
                         .where(s.decisions.c.conflict_id == decision.conflict_id))
            conn.execute(insert(s.decisions).values(**row))
            conn.execute(insert(s.decision_history).values(**row))

    def decision_history(self) -> list[Decision]:
        """Every verdict given, oldest first, including ones recorded before history was kept."""
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(select(s.decision_history).order_by(
                s.decision_history.c.decided_at, s.decision_history.c.id)).mappings()]
            rows += [dict(r) for r in conn.execute(select(s.decisions)).mappings()]
        seen: dict[tuple[str, str, str], Decision] = {}
        for r in rows:
            r.pop("id", None)
            seen.setdefault((r["conflict_id"], r["decided_at"], r["reviewer"]),
                            Decision.model_validate(r))
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
        with self.engine.connect() as conn:
            row = conn.execute(select(s.review_state.c.conflict_id)
                               .where(s.review_state.c.reviewer == who)).first()
        return row[0] if row else None

    def set_review_position(self, who: str, conflict_id: str) -> None:
        """Remember where a reviewer is, so the next review resumes there."""
        with self.transaction() as conn:
            conn.execute(sa_delete(s.review_state).where(s.review_state.c.reviewer == who))
            conn.execute(insert(s.review_state).values(reviewer=who, conflict_id=conflict_id,
                                                       at=_stamp()))


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
