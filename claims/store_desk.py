"""What a desk shares in its store: who is assigned a conflict, who has it open in review,
the store's settings, and the desk's aliases. Mixed into `Store`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, select

from claims import schema as s
from claims.aliases import Alias
from claims.errors import NotFoundError
from claims.store_write import StoreBase, upsert

PRESENT_FOR = dt.timedelta(hours=2)  # a review left open longer than this is not "open now"


@dataclass(frozen=True)
class Assignment:
    """Who is to review a conflict, and who said so when."""

    conflict_id: str
    assignee: str
    created_by: str
    created_at: dt.datetime

    def record(self) -> dict[str, Any]:
        return {"conflict_id": self.conflict_id, "assignee": self.assignee,
                "assigned_by": self.created_by, "assigned_at": self.created_at.isoformat()}


@dataclass(frozen=True)
class Presence:
    """A reviewer whose review is open on a conflict, since when."""

    reviewer: str
    conflict_id: str
    since: dt.datetime


def _who_now() -> tuple[str, dt.datetime]:
    from claims.store import current_user, now

    return current_user(), now()


class DeskMixin(StoreBase):
    """Assignments, open reviews, settings and aliases; each write one upsert."""

    def assign(self, conflict_id: str, assignee: str | None, who: str | None = None) -> None:
        """Give a conflict to a person to review (None: to nobody)."""
        by, at = _who_now()
        row = {"conflict_id": conflict_id, "assignee": assignee, "created_by": who or by,
               "created_at": at}
        a = s.assignments

        def work(conn: Connection) -> None:
            if conn.execute(select(s.conflicts.c.id).where(
                    s.conflicts.c.id == conflict_id)).first() is None:
                raise NotFoundError(f"no conflict with id {conflict_id!r}")
            if assignee is None:
                conn.execute(delete(a).where(a.c.conflict_id == conflict_id))
            else:
                conn.execute(upsert(conn, a, ["conflict_id"], ["assignee", "created_by",
                                                               "created_at"]).values(**row))

        self.write(work)

    def assignments(self) -> dict[str, Assignment]:
        """Every conflict's assignment, by conflict id."""
        with self.reading() as conn:
            rows = conn.execute(select(s.assignments)).mappings().all()
        return {r["conflict_id"]: Assignment(r["conflict_id"], r["assignee"], r["created_by"],
                                             r["created_at"]) for r in rows}

    def open_reviews(self, at: dt.datetime | None = None) -> list[Presence]:
        """Reviews open now (shown a conflict within PRESENT_FOR, not quit), with their place."""
        moment = at or _who_now()[1]
        r = s.review_state.c
        with self.reading() as conn:
            rows = conn.execute(select(r.created_by, r.conflict_id, r.updated_at).where(
                r.open.is_(True), r.updated_at >= moment - PRESENT_FOR)).all()
        return [Presence(who, cid, since) for who, cid, since in rows]

    def end_review(self, who: str) -> None:
        """Say a reviewer's review is closed (its position kept for next time)."""
        from sqlalchemy import update

        r = s.review_state.c
        self.write(lambda conn: conn.execute(
            update(s.review_state).where(r.created_by == who).values(open=False)))

    # -- settings --------------------------------------------------------------------------------

    def settings_rows(self) -> dict[str, Any]:
        """The store's own settings, key to value."""
        with self.reading() as conn:
            rows = conn.execute(select(s.settings.c.key, s.settings.c.value)).all()
        return {key: _loads(value) for key, value in rows}

    def set_settings(self, values: dict[str, Any], who: str | None = None) -> None:
        """Set settings in the store, all in one transaction."""
        if not values:
            return
        by, at = _who_now()
        rows = [{"key": k, "value": json.dumps(v), "created_by": who or by, "created_at": at}
                for k, v in values.items()]
        self.write(lambda conn: conn.execute(upsert(
            conn, s.settings, ["key"], ["value", "created_by", "created_at"]), rows))

    def unset_setting(self, key: str) -> bool:
        """Remove a setting from the store (the default applies); True if it was set."""
        return bool(self.write(lambda conn: conn.execute(
            delete(s.settings).where(s.settings.c.key == key)).rowcount))

    def meta_value(self, key: str) -> str | None:
        with self.reading() as conn:
            return conn.execute(select(s.meta.c.value).where(s.meta.c.key == key)).scalar()

    def set_meta(self, key: str, value: str) -> None:
        self.write(lambda conn: conn.execute(upsert(conn, s.meta, ["key"], ["value"]).values(
            key=key, value=value)))

    # -- aliases ---------------------------------------------------------------------------------

    def add_aliases(self, aliases: Iterable[Alias], who: str | None = None) -> int:
        """Add the desk's aliases (ones already stored are skipped); how many were new."""
        by, at = _who_now()
        rows = list({(a.canonical, a.variant): {
            "canonical": a.canonical, "variant": a.variant, "type": a.type or "",
            "created_by": who or by, "created_at": at} for a in aliases}.values())
        if not rows:
            return 0
        table = s.aliases

        def work(conn: Connection) -> int:
            stmt = upsert(conn, table, ["canonical", "variant"])
            return sum(conn.execute(stmt.values(**row).returning(table.c.id)).first() is not None
                       for row in rows)

        return self.write(work)

    def list_aliases(self) -> list[Alias]:
        """The desk's aliases, in the order they were added."""
        a = s.aliases.c
        with self.reading() as conn:
            rows = conn.execute(select(a.canonical, a.variant, a.type).order_by(a.id)).all()
        return [Alias(canonical, variant, type_) for canonical, variant, type_ in rows]


def _loads(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value
