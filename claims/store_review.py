"""The store's review work: verdicts on conflicts with their history, notes waiting for a
verdict, and where each reviewer is. Mixed into `Store`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy import delete as sa_delete

from claims import schema as s
from claims.model import Decision
from claims.store_hand import UNSEEN, ReviewNote, moment_of, note_from_row, now_moment, stamp
from claims.store_rows import decision_from_row, decision_row
from claims.store_types import as_utc
from claims.store_write import CONFLICT, StoreBase, upsert


class ReviewMixin(StoreBase):
    """Verdicts and review positions; each write one short transaction."""

    def save_decision(self, decision: Decision, seen: Any = UNSEEN) -> Decision | None:
        """Record the verdict on a conflict, committed at once, kept in history with every
        verdict before it; the reviewer's note waiting for a verdict goes with it. Returns the
        verdict it replaced as current, if another was there: when it is not the one the
        reviewer `seen` (someone decided a moment before), the caller says so."""
        row = decision_row(decision)
        notes = s.review_notes.c

        def work(conn: Connection) -> Decision | None:
            self.lock(conn, CONFLICT, decision.conflict_id)
            found = conn.execute(select(s.decisions).where(
                s.decisions.c.conflict_id == decision.conflict_id)).mappings().first()
            if found is not None:
                conn.execute(sa_delete(s.decisions)
                             .where(s.decisions.c.conflict_id == decision.conflict_id))
            conn.execute(insert(s.decisions).values(**row))
            conn.execute(insert(s.decision_history).values(**row))
            conn.execute(sa_delete(s.review_notes).where(
                notes.conflict_id == decision.conflict_id, notes.created_by == decision.reviewer))
            return decision_from_row(found) if found is not None else None

        return self.write(work)

    def save_review_note(self, conflict_id: str, who: str, note: str) -> None:
        """Keep a note typed before any verdict, at once: quitting or a crash keeps it."""
        row = ReviewNote(conflict_id, who, note, stamp()).row()
        self.write(lambda conn: conn.execute(upsert(
            conn, s.review_notes, ["conflict_id", "created_by"], ["note", "created_at"]
        ).values(**row | {"created_at": moment_of(row["created_at"])})))

    def review_notes(self, who: str | None = None) -> list[ReviewNote]:
        """Notes waiting for a verdict: one reviewer's, or everyone's."""
        n = s.review_notes.c
        query = select(s.review_notes).order_by(n.created_at, n.conflict_id)
        if who is not None:
            query = query.where(n.created_by == who)
        with self.reading() as conn:
            rows = conn.execute(query).mappings().all()
        return self.decoded("review_notes", rows, note_from_row)

    def import_review_note(self, note: ReviewNote) -> bool:
        """Keep a waiting note from elsewhere unless this reviewer has one on it; True if new."""
        row = note.row() | {"created_at": moment_of(note.at)}
        return self.write(lambda conn: conn.execute(
            upsert(conn, s.review_notes, ["conflict_id", "created_by"]).values(**row)
            .returning(s.review_notes.c.conflict_id)).first() is not None)

    def decision_history(self) -> list[Decision]:
        """Every verdict given, oldest first, including ones recorded before history was kept."""
        h = s.decision_history.c
        with self.reading() as conn:
            rows = [dict(r) for r in conn.execute(select(s.decision_history).order_by(
                h.created_at, h.id)).mappings()]
            rows += [dict(r) for r in conn.execute(select(s.decisions)).mappings()]
        seen: dict[tuple[object, ...], Decision] = {}
        for r in rows:
            r.setdefault("id", r["conflict_id"])  # a row of decisions: named by its conflict
        for d in self.decoded("decision_history", rows, decision_from_row):
            # a row of decisions is also in the history: one verdict, listed once; two verdicts
            # one reviewer gave within a second are two
            seen.setdefault((d.conflict_id, as_utc(d.decided_at), d.reviewer, d.verdict,
                             d.claim_id, d.note), d)
        return sorted(seen.values(), key=lambda d: (d.decided_at, d.conflict_id))

    def import_decision(self, decision: Decision) -> bool:
        """Record a verdict from elsewhere unless known; current if newest. True if new."""
        row = decision_row(decision)
        h, d = s.decision_history.c, s.decisions.c

        def work(conn: Connection) -> bool:
            self.lock(conn, CONFLICT, decision.conflict_id)
            known = conn.execute(select(h.id).where(
                h.conflict_id == row["conflict_id"], h.created_at == row["created_at"],
                h.created_by == row["created_by"], h.verdict == row["verdict"],
                _same(h.claim_id, row["claim_id"]), _same(h.note, row["note"]))).first()
            if known:
                return False
            conn.execute(insert(s.decision_history).values(**row))
            current = conn.execute(select(d.created_at).where(
                d.conflict_id == row["conflict_id"])).first()
            if current is None or current[0] <= as_utc(decision.decided_at):
                conn.execute(sa_delete(s.decisions).where(d.conflict_id == row["conflict_id"]))
                conn.execute(insert(s.decisions).values(**row))
            return True

        return self.write(work)

    def review_position(self, who: str) -> str | None:
        """The conflict a reviewer's last review stopped at."""
        with self.reading() as conn:
            row = conn.execute(select(s.review_state.c.conflict_id)
                               .where(s.review_state.c.created_by == who)).first()
        return row[0] if row else None

    def set_review_position(self, who: str, conflict_id: str, open_: bool = True) -> None:
        """Remember where a reviewer is (and that the review is open), so the next review
        resumes there and others see who has a conflict open."""
        at = now_moment()
        row = {"created_by": who, "conflict_id": conflict_id, "open": open_, "created_at": at,
               "updated_at": at}
        self.write(lambda conn: conn.execute(upsert(
            conn, s.review_state, ["created_by"], ["conflict_id", "open", "updated_at"]
        ).values(**row)))


def _same(column: Any, value: Any) -> Any:
    """column = value, where both may be NULL."""
    return column.is_(None) if value is None else column == value
