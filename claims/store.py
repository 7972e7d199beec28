"""The store: sources, claims, conflicts and decisions in SQLite or PostgreSQL (SQLAlchemy Core).

One class over both databases; every write is one transaction, retried when another writer
is in the way (claims/store_write.py), so several people can work one store at once."""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Connection, func, insert, select
from sqlalchemy import delete as sa_delete
from sqlalchemy import update as sa_update
from sqlalchemy.exc import DatabaseError, OperationalError

from claims import schema as s
from claims.errors import LimitError, NotAStoreError, StoreError
from claims.model import Claim, Source, Status
from claims.store_conflicts import ConflictsMixin
from claims.store_desk import DeskMixin
from claims.store_facts import article_place
from claims.store_hand import HandWorkMixin
from claims.store_open import display_url, first_line, migrate, open_engine
from claims.store_review import ReviewMixin
from claims.store_rows import (
    check_claim,
    claim_from_row,
    claim_row,
    decode,
    lenient_select,
    source_from_row,
    source_row,
)
from claims.store_write import CHECK, SOURCE, upsert

DEFAULT_DB = "crosscheck.db"
SOURCE_METADATA = ("title", "outlet", "url", "published", "language")


def current_user() -> str:
    """Who is working: CROSSCHECK_USER, else the login name."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "unknown"
    return os.environ.get("CROSSCHECK_USER") or login


def now() -> dt.datetime:
    """The current time, UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class ClaimRef(NamedTuple):
    """A claim's id, source and place, read without the rest of it."""

    id: str
    source_id: str
    place: str | None


@dataclass(frozen=True)
class IngestOutcome:
    """What storing one source did: whether it was new, and claims added and dropped."""

    source_id: str
    new_source: bool
    added: int
    kept: int
    dropped: int


Batch = Sequence[tuple[Source, Sequence[Claim]]]
Places = Mapping[str, str | None]  # source id: the province its text names most, or None


class Store(ConflictsMixin, HandWorkMixin, ReviewMixin, DeskMixin):
    """One crosscheck store; every write is one transaction, so a failure leaves it as it was.

    `create=False` refuses a path or database holding no store instead of making one (read
    commands); `on_warning` hears, once each, what a read had to skip or found damaged."""

    def __init__(self, db: str = DEFAULT_DB, create: bool = True,
                 on_warning: Callable[[str], None] | None = None) -> None:
        self.url = db
        self.db = display_url(db)
        self.on_warning = on_warning
        self.warnings: list[str] = []
        self.created = False
        try:
            self.engine, found = open_engine(db, create)
            for message in found:
                self.warn(message)
            self.created, left_out = migrate(self.engine, self.db, create)
            for message in left_out:
                self.warn(f"{self.db}: {message}")
        except OperationalError as exc:  # before DatabaseError: "locked" is not "not a store"
            self._close_quietly()
            raise StoreError(f"{self.db}: cannot open the store ({first_line(exc)})") from None
        except DatabaseError as exc:
            self._close_quietly()
            raise NotAStoreError(f"{self.db}: not a crosscheck store ({first_line(exc)})"
                                 ) from None
        except StoreError:
            self._close_quietly()
            raise

    def _close_quietly(self) -> None:
        if hasattr(self, "engine"):
            self.engine.dispose()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        with self.reading() as conn:
            query = select(s.meta.c.value).where(s.meta.c.key == "schema_version")
            row = conn.execute(query).first()
        return int(row[0]) if row else 0

    # -- sources ----------------------------------------------------------------------------

    @staticmethod
    def check_storable(source: Source, claims: Sequence[Claim]) -> None:
        """Raise what save_source would refuse (a span off its text, a count beyond 64 bits),
        before anything is written: ingest checks every file this way first."""
        for claim in claims:
            check_claim(source, claim)

    def save_sources(self, batch: Batch, who: str | None = None,
                     places: Places | None = None) -> list[IngestOutcome]:
        """Store sources with their extracted claims, all in one transaction, idempotently
        (upserts): two people storing one article at once store it once. Claims superseded,
        removed, edited, decided on or made by hand are never brought back, dropped or
        changed; extracted ones no longer found are dropped. `places`: main places already
        worked out (by the workers that extracted the claims); the others are worked out here."""
        for source, claims in batch:
            self.check_storable(source, claims)
            if self.postgres and "\x00" in source.text:
                raise LimitError(f"{source.path or source.id}: a NUL character at "
                                 f"{source.text.index(chr(0))}: PostgreSQL text cannot hold "
                                 "one (a SQLite store can); remove it from the file")
        who, at = who or current_user(), now()

        def work(conn: Connection) -> list[IngestOutcome]:
            self.lock(conn, SOURCE, *(source.id for source, _ in batch))
            return self._save_batch(conn, batch, who, at, places or {})

        return self.write(work) if batch else []

    def save_source(self, source: Source, claims: Sequence[Claim]) -> IngestOutcome:
        """Store one source and its claims in one transaction (see save_sources)."""
        return self.save_sources([(source, claims)])[0]

    def _save_batch(self, conn: Connection, batch: Batch, who: str, at: dt.datetime,
                    places: Places) -> list[IngestOutcome]:
        """A batch in a few statements (one upsert of the sources, one read of their claims,
        one insert of the new claims), with the outcome of storing them one after another."""
        new = self._upsert_sources(conn, [source for source, _ in batch], who, at, places)
        c = s.claims.c
        present: dict[str, dict[str, tuple[str, str, bool]]] = defaultdict(dict)
        ids = sorted({source.id for source, _ in batch})
        for row in conn.execute(select(c.id, c.source_id, c.origin, c.status, c.updated_at)
                                .where(c.source_id.in_(ids))):
            present[row.source_id][row.id] = (row.origin, row.status, row.updated_at is not None)
        fresh: dict[str, dict[str, Any]] = {}
        stale: set[str] = set()
        outcomes = []
        for source, claims in batch:
            here = present[source.id]
            added = []
            for claim in claims:
                if claim.id not in here:
                    added.append(claim)
                    here[claim.id] = (claim.origin, claim.status.value, False)
                    fresh[claim.id] = claim_row(claim, source, who, at)
            wanted = {claim.id for claim in claims}
            # an extracted claim a person changed is hand work now: re-extraction keeps it
            gone = [cid for cid, (origin, status, touched) in here.items()
                    if origin == "extracted" and status == Status.active.value and not touched
                    and cid not in wanted]
            dropped = sorted(set(gone) - _kept_by_people(conn, gone))
            for cid in dropped:
                del here[cid]
            stale |= set(dropped)
            outcomes.append(IngestOutcome(source.id, source.id in new, len(added),
                                          len(claims) - len(added), len(dropped)))
            new.discard(source.id)  # the same article again in the batch is not new
        if rows := [row for cid, row in fresh.items() if cid not in stale]:
            conn.execute(insert(s.claims), rows)
        if gone_for_good := sorted(stale - set(fresh)):
            self._drop_claims(conn, gone_for_good, who, at)
        return outcomes

    def _upsert_sources(self, conn: Connection, sources: Sequence[Source], who: str,
                        at: dt.datetime, places: Places | None = None) -> set[str]:
        """Insert new sources (ON CONFLICT DO NOTHING); for known ones, fill metadata they
        lacked, and their main place when it is now found otherwise. The ids of the new ones."""
        rows: dict[str, dict[str, Any]] = {}
        for source in sources:
            if source.id not in rows:
                rows[source.id] = source_row(source, who, at) | {"main_place": (
                    places[source.id] if places and source.id in places
                    else article_place(source))}
        stmt = upsert(conn, s.sources, ["id"]).returning(s.sources.c.id)
        new = {r[0] for r in conn.execute(stmt, list(rows.values()))}
        known = [row for sid, row in rows.items() if sid not in new]
        if not known:
            return new
        query = select(s.sources.c.id, s.sources.c.main_place,
                       *(s.sources.c[k] for k in SOURCE_METADATA)).where(
            s.sources.c.id.in_([row["id"] for row in known]))
        stored: dict[str, dict[str, Any]] = {r["id"]: dict(r)
                                             for r in conn.execute(query).mappings()}
        for source in sources:  # each copy in the batch may bring what another lacked
            row, had = rows[source.id] | source_row(source, who, at), stored.get(source.id)
            if had is None:
                continue
            fill = {k: row[k] for k in (*SOURCE_METADATA, "main_place")
                    if row[k] and not had[k] or k == "main_place" and row[k] != had[k]}
            if fill:
                conn.execute(sa_update(s.sources).where(s.sources.c.id == source.id)
                             .values(**fill, updated_by=who, updated_at=at))
                stored[source.id] = had | fill
        return new

    def _upsert_source(self, conn: Connection, source: Source, who: str,
                       at: dt.datetime) -> bool:
        """Insert a new source, or fill metadata a known one lacked; True when new."""
        return bool(self._upsert_sources(conn, [source], who, at))

    def _drop_claims(self, conn: Connection, ids: list[str], who: str, at: dt.datetime) -> None:
        """Delete extracted claims no longer found, closing the conflicts they were in."""
        self.lock(conn, CHECK, "results")
        links = s.conflict_claims.c
        conn.execute(sa_update(s.conflicts).where(s.conflicts.c.id.in_(
            select(links.conflict_id).where(links.claim_id.in_(ids)))).values(
            open=False, updated_by=who, updated_at=at))
        conn.execute(sa_delete(s.conflict_claims).where(links.claim_id.in_(ids)))
        conn.execute(sa_delete(s.corroboration_claims).where(
            s.corroboration_claims.c.claim_id.in_(ids)))
        conn.execute(sa_delete(s.claims).where(s.claims.c.id.in_(ids)))

    def add_source(self, source: Source, who: str | None = None) -> bool:
        """Store a source (hand-made, or imported) and touch none of its claims; True if new."""
        who, at = who or current_user(), now()

        def work(conn: Connection) -> bool:
            self.lock(conn, SOURCE, source.id)
            return self._upsert_source(conn, source, who, at)

        return self.write(work)

    def source_ids(self) -> set[str]:
        with self.reading() as conn:
            return {r[0] for r in conn.execute(select(s.sources.c.id))}

    def list_sources(self) -> list[Source]:
        query = lenient_select(s.sources).order_by(  # NULLs first, as SQLite sorts them
            s.sources.c.published.asc().nulls_first(), s.sources.c.path.asc().nulls_first(),
            s.sources.c.id)
        with self.reading() as conn:
            rows = conn.execute(query).mappings().all()
        return self.decoded("sources", rows, source_from_row)

    def find_source(self, source_id: str) -> Source | None:
        """The source with exactly this id, or None."""
        with self.reading() as conn:
            query = lenient_select(s.sources).where(s.sources.c.id == source_id)
            found = conn.execute(query).mappings().first()
        return decode("sources", found, source_from_row) if found is not None else None

    def find_sources(self, ids: Sequence[str]) -> dict[str, Source]:
        """The stored sources among these ids, by id (one read for a batch)."""
        wanted = sorted(set(ids))
        with self.reading() as conn:
            rows = conn.execute(lenient_select(s.sources).where(s.sources.c.id.in_(wanted)))
            found = rows.mappings().all()
        return {m.id: m for m in self.decoded("sources", found, source_from_row)}

    def get_source(self, ref: str) -> Source:
        """A source by id or unique id prefix (at least 4 characters)."""
        return decode("sources", self.by_prefix(s.sources, ref, "source"), source_from_row)

    def claim_counts(self) -> dict[str, int]:
        """Active claims per source id."""
        with self.reading() as conn:
            rows = conn.execute(
                select(s.claims.c.source_id, func.count())
                .where(s.claims.c.status == Status.active.value)
                .group_by(s.claims.c.source_id)
            )
            return {r[0]: r[1] for r in rows}

    # -- claims -----------------------------------------------------------------------------

    def list_claims(
        self,
        kind: str | None = None,
        source: str | None = None,
        place: str | None = None,
        include_inactive: bool = False,
        ids: Sequence[str] | None = None,
    ) -> list[Claim]:
        """Active claims unless asked; kind exact, source by id prefix, place with its towns."""
        query = select(*(col for col in s.claims.c if col.name != "sentence"))
        if not include_inactive:
            query = query.where(s.claims.c.status == Status.active.value)
        if kind:
            query = query.where(s.claims.c.kind == kind)
        if source:
            query = query.where(s.claims.c.source_id == self.get_source(source).id)
        if ids is not None:
            query = query.where(s.claims.c.id.in_(list(ids)))
        query = query.order_by(s.claims.c.source_path.asc().nulls_first(), s.claims.c.start,
                               s.claims.c.id)
        with self.reading() as conn:
            result = conn.execute(query)
            names = list(result.keys())
            rows = [dict(zip(names, row, strict=True)) for row in result]
        if place:
            rows = [r for r in rows if isinstance(r["place"], str) and in_place(r["place"], place)]
        return self.decoded("claims", rows, claim_from_row)

    def claim_index(self, kind: str | None = None) -> list[ClaimRef]:
        """Id, source and place of each active claim: enough to filter and count without
        building tens of thousands of Claims (a report loads the full ones as it shows them)."""
        c = s.claims.c
        query = select(c.id, c.source_id, c.place).where(c.status == Status.active.value)
        if kind:
            query = query.where(c.kind == kind)
        with self.reading() as conn:
            rows = conn.execute(query.order_by(c.source_path.asc().nulls_first(), c.start,
                                               c.id)).all()
        return [ClaimRef(*row) for row in rows]

    def get_claim(self, ref: str) -> Claim:
        """A claim by id or unique id prefix."""
        return decode("claims", self.by_prefix(s.claims, ref, "claim"), claim_from_row)

    def stats(self) -> dict[str, int]:
        """Counts for a report's header."""
        with self.reading() as conn:
            count = lambda q: int(conn.execute(q).scalar() or 0)  # noqa: E731
            return {
                "sources": count(select(func.count()).select_from(s.sources)),
                "claims": count(select(func.count()).select_from(s.claims)
                                .where(s.claims.c.status == Status.active.value)),
                "conflicts": count(select(func.count()).select_from(s.conflicts)
                                   .where(s.conflicts.c.open.is_(True))),
                "decisions": count(select(func.count()).select_from(s.decisions)),
            }


def in_place(claim_place: str, wanted: str) -> bool:
    """A claim's place matches a wanted place when it is that place or lies within it."""
    from claims.places import place_within, resolve_place

    target = resolve_place(wanted) or wanted
    return claim_place.casefold() == wanted.casefold() or place_within(claim_place, target)


def open_store(db: str = DEFAULT_DB, create: bool = True,
               on_warning: Callable[[str], None] | None = None) -> Store:
    """Open (creating and migrating if needed, unless create=False) the store at a path or
    database URL."""
    return Store(db, create, on_warning)


def _kept_by_people(conn: Connection, ids: list[str]) -> set[str]:
    """Of these claims, the ones hand work stands on: with a history, named by a decision, or
    in a conflict someone decided."""
    if not ids:
        return set()
    h, d, links = s.claim_history.c, s.decisions.c, s.conflict_claims.c
    kept = {r[0] for r in conn.execute(select(h.claim_id).where(h.claim_id.in_(ids)))}
    kept |= {r[0] for r in conn.execute(select(d.claim_id).where(d.claim_id.in_(ids)))}
    decided = select(links.claim_id).where(links.claim_id.in_(ids),
                                           links.conflict_id.in_(select(d.conflict_id)))
    return kept | {r[0] for r in conn.execute(decided)}
