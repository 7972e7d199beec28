"""The store's check results: conflicts with their claims (a link table), corroborations, and
each conflict's current decision. Mixed into `Store`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, Table, exists, func, insert, select
from sqlalchemy import delete as sa_delete
from sqlalchemy import update as sa_update

from claims import schema as s
from claims.model import Conflict, Corroboration, Status
from claims.store_rows import conflict_from_row, conflict_row, decode, link_rows
from claims.store_write import CHECK, StoreBase, upsert

_CHUNK = 5000  # ids per IN (...): under SQLite's limit on bound values
_CONFLICT_UPDATE = ("type", "severity", "severity_label", "reason", "key", "fingerprint", "open",
                    "updated_by", "updated_at")


class ConflictIndex(NamedTuple):
    """Conflict ids in the report's order, and how many there are per (severity label,
    verdict or None, verdict stale): what a report needs before it reads any conflict."""

    ids: list[str]
    counts: dict[tuple[str, str | None, bool], int]


def _who_now() -> tuple[str, dt.datetime]:
    from claims.store import current_user, now

    return current_user(), now()


class ConflictsMixin(StoreBase):
    """Writes and reads of a check's results; one transaction per check."""

    def record_check(self, conflicts: Sequence[Conflict],
                     groups: Sequence[Corroboration]) -> None:
        """Record a check's conflicts and corroborations in one transaction: a check stopped
        half-way leaves the previous check's results whole, never a mix of the two."""
        who, at = _who_now()

        def work(conn: Connection) -> None:
            self.lock(conn, CHECK, "results")
            self._write_conflicts(conn, conflicts, who, at)
            self._write_corroborations(conn, groups, who, at)

        self.write(work)

    def replace_conflicts(self, conflicts: Sequence[Conflict]) -> None:
        """Record the conflicts of a check: new ones added, gone ones closed, decisions kept."""
        who, at = _who_now()

        def work(conn: Connection) -> None:
            self.lock(conn, CHECK, "results")
            self._write_conflicts(conn, conflicts, who, at)

        self.write(work)

    def replace_corroborations(self, groups: Sequence[Corroboration]) -> None:
        """Record the agreeing groups of a check, replacing the last check's."""
        who, at = _who_now()

        def work(conn: Connection) -> None:
            self.lock(conn, CHECK, "results")
            self._write_corroborations(conn, groups, who, at)

        self.write(work)

    @staticmethod
    def _write_conflicts(conn: Connection, conflicts: Sequence[Conflict], who: str,
                         at: dt.datetime) -> None:
        # a claim dropped by an ingest since the check read it: its conflicts are gone too
        found = _whole(conn, {c.id: c for c in conflicts}.values())
        conn.execute(sa_update(s.conflicts).where(s.conflicts.c.open.is_(True))
                     .values(open=False, updated_by=who, updated_at=at))
        if not found:
            return
        conn.execute(upsert(conn, s.conflicts, ["id"], _CONFLICT_UPDATE),
                     [conflict_row(c, who, at) for c in found])
        links = [row for c in found for row in link_rows("conflict_id", c.id, c.claim_ids)]
        conn.execute(upsert(conn, s.conflict_claims, ["conflict_id", "claim_id"]), links)

    @staticmethod
    def _write_corroborations(conn: Connection, groups: Sequence[Corroboration], who: str,
                              at: dt.datetime) -> None:
        conn.execute(sa_delete(s.corroboration_claims))
        conn.execute(sa_delete(s.corroborations))
        found = _whole(conn, {g.id: g for g in groups}.values())
        if not found:
            return
        fields = ("id", "key", "independent_sources", "reason")
        conn.execute(insert(s.corroborations), [
            {k: r[k] for k in fields} | {"created_by": who, "created_at": at}
            for r in (g.record() for g in found)])
        conn.execute(insert(s.corroboration_claims), [
            row for g in found for row in link_rows("corroboration_id", g.id, g.claim_ids)])

    def _links(self, conn: Connection, table: Table, key: str,
               owners: Any = None) -> dict[str, list[str]]:
        """Each owner's claim ids in their order; `owners` a subquery of ids, or all."""
        c = table.c
        query = select(c[key], c.claim_id).order_by(c[key], c.position)
        if owners is not None:
            query = query.where(c[key].in_(owners))
        out: dict[str, list[str]] = defaultdict(list)
        for owner, claim_id in conn.execute(query):
            out[owner].append(claim_id)
        return out

    def list_corroborations(self) -> list[Corroboration]:
        """The agreeing groups of the last check, best supported first."""
        query = select(s.corroborations).order_by(
            s.corroborations.c.independent_sources.desc(), s.corroborations.c.id)
        with self.reading() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
            links = self._links(conn, s.corroboration_claims, "corroboration_id")
        for row in rows:
            row["claim_ids"] = links.get(row["id"], [])
        fields = ("id", "key", "claim_ids", "independent_sources", "reason")
        return self.decoded("corroborations", rows, lambda r: Corroboration.model_validate(
            {k: r[k] for k in fields}))

    def list_conflicts(self, include_closed: bool = False) -> list[Conflict]:
        """Stored conflicts, most severe first, each with its decision (stale if claims changed)."""
        with self.reading() as conn:
            return self._every_conflict(conn, include_closed)

    def _every_conflict(self, conn: Connection, include_closed: bool = False) -> list[Conflict]:
        query = select(s.conflicts).order_by(s.conflicts.c.severity.desc(), s.conflicts.c.id)
        owners = None
        if not include_closed:
            query = query.where(s.conflicts.c.open.is_(True))
            owners = select(s.conflicts.c.id).where(s.conflicts.c.open.is_(True))
        rows = conn.execute(query).mappings().all()
        links = self._links(conn, s.conflict_claims, "conflict_id", owners)
        decided = {r.conflict_id: r for r in conn.execute(select(s.decisions)).mappings()}
        return self.decoded("conflicts", rows, lambda r: conflict_from_row(
            r, links.get(r["id"], []), decided.get(r["id"])))

    # -- the paged reader: a report reads only the conflicts it is about to show -------------

    def conflict_index(self, types: Sequence[str] | None = None,
                       labels: Sequence[str] | None = None) -> ConflictIndex:
        """The open conflicts with an active claim, of these types and severity labels (None:
        any): their ids most severe first then by id (the report's default order), and their
        counts by SQL COUNT ... GROUP BY, both read in one snapshot."""
        c, d = s.conflicts.c, s.decisions.c
        stale = d.fingerprint != c.fingerprint
        with self.reading() as conn:
            terms = _open_terms(types, labels)
            counted = (select(c.severity_label, d.verdict, stale, func.count())
                       .select_from(s.conflicts.outerjoin(s.decisions, d.conflict_id == c.id))
                       .where(*terms).group_by(c.severity_label, d.verdict, stale))
            ids = [r[0] for r in conn.execute(select(c.id).where(*terms)
                                              .order_by(c.severity.desc(), c.id))]
            counts = {(label, verdict, bool(old) and verdict is not None): n
                      for label, verdict, old, n in conn.execute(counted)}
        return ConflictIndex(ids, counts)

    def read_conflicts(self, ids: Sequence[str]) -> list[Conflict]:
        """The stored conflicts with these ids, in the order given, each with its claim ids and
        decision (a page of a report); an id no longer stored is left out."""
        found: dict[str, Conflict] = {}
        with self.reading() as conn:
            if len(ids) > _CHUNK:  # most of a report: one scan of the open ones costs less
                wanted = set(ids)
                found.update((k.id, k) for k in self._every_conflict(conn) if k.id in wanted)
            rest = [i for i in ids if i not in found]
            for i in range(0, len(rest), _CHUNK):
                found.update((k.id, k) for k in self._conflicts_in(conn, rest[i:i + _CHUNK]))
        return [found[i] for i in ids if i in found]

    def _conflicts_in(self, conn: Connection, ids: Sequence[str]) -> list[Conflict]:
        part = list(ids)
        query = select(s.conflicts).where(s.conflicts.c.id.in_(part))
        rows = conn.execute(query).mappings().all()
        links = self._links(conn, s.conflict_claims, "conflict_id", part)
        decided = {r.conflict_id: r for r in conn.execute(select(s.decisions).where(
            s.decisions.c.conflict_id.in_(part))).mappings()}
        return self.decoded("conflicts", rows, lambda r: conflict_from_row(
            r, links.get(r["id"], []), decided.get(r["id"])))

    def active_claim_ids(self, ids: Sequence[str]) -> set[str]:
        """Of these claim ids, the active claims' (a report shows a group with any)."""
        wanted = sorted(set(ids))
        out: set[str] = set()
        with self.reading() as conn:
            for i in range(0, len(wanted), _CHUNK):
                out |= {r[0] for r in conn.execute(select(s.claims.c.id).where(
                    s.claims.c.id.in_(wanted[i:i + _CHUNK]),
                    s.claims.c.status == Status.active.value))}
        return out

    def get_conflict(self, ref: str) -> Conflict:
        row = self.by_prefix(s.conflicts, ref, "conflict")
        with self.reading() as conn:
            links = self._links(conn, s.conflict_claims, "conflict_id", [row["id"]])
            dec = conn.execute(select(s.decisions).where(s.decisions.c.conflict_id == row["id"]))
            decision = dec.mappings().first()
        return decode("conflicts", row, lambda r: conflict_from_row(
            r, links.get(r["id"], []), decision))


def _open_terms(types: Sequence[str] | None, labels: Sequence[str] | None
                ) -> list[ColumnElement[bool]]:
    """WHERE terms: open, of the types and labels asked, with at least one active claim."""
    c, links = s.conflicts.c, s.conflict_claims.c
    terms: list[ColumnElement[bool]] = [c.open.is_(True), exists().where(
        links.conflict_id == c.id, links.claim_id == s.claims.c.id,
        s.claims.c.status == Status.active.value)]
    if types is not None:
        terms.append(c.type.in_(list(types)))
    if labels is not None:
        terms.append(c.severity_label.in_(list(labels)))
    return terms


def _whole(conn: Connection, found: Any) -> list[Any]:
    """The conflicts or groups all of whose claims are stored (read inside the write)."""
    items = list(found)
    wanted = sorted({cid for item in items for cid in item.claim_ids})
    stored: set[str] = set()
    for i in range(0, len(wanted), _CHUNK):
        part = wanted[i:i + _CHUNK]
        stored |= {r[0] for r in conn.execute(select(s.claims.c.id).where(
            s.claims.c.id.in_(part)))}
    return [item for item in items if set(item.claim_ids) <= stored]
