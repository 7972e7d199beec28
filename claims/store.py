"""The store: sources, claims, conflicts and decisions in SQLite or PostgreSQL (SQLAlchemy Core)."""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Connection, func, insert, select
from sqlalchemy import delete as sa_delete
from sqlalchemy import update as sa_update
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError

from claims import schema as s
from claims.errors import DamagedStoreError, NotAStoreError, NotFoundError, StoreError, WriteError
from claims.model import Claim, Conflict, Corroboration, Source, Status
from claims.store_hand import HandWorkMixin
from claims.store_open import first_line, migrate, open_engine
from claims.store_rows import (
    check_claim,
    claim_row,
    conflict_from_row,
    conflict_row,
    decode,
    lenient_select,
    source_from_row,
    source_row,
)

DEFAULT_DB = "crosscheck.db"
T = TypeVar("T")


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


class Store(HandWorkMixin):
    """One crosscheck store; every write is one transaction, so a failure leaves it as it was.

    `create=False` refuses a path or database holding no store instead of making one (read
    commands); `on_warning` hears, once each, what a read had to skip or found damaged."""

    def __init__(self, db: str = DEFAULT_DB, create: bool = True,
                 on_warning: Callable[[str], None] | None = None) -> None:
        self.db = db
        self.on_warning = on_warning
        self.warnings: list[str] = []
        self.created = False
        try:
            self.engine, found = open_engine(db, create)
            for message in found:
                self.warn(message)
            self.created = migrate(self.engine, db, create)
        except OperationalError as exc:  # before DatabaseError: "locked" is not "not a store"
            self._close_quietly()
            raise StoreError(f"{db}: cannot open the store ({first_line(exc)})") from None
        except DatabaseError as exc:
            self._close_quietly()
            raise NotAStoreError(f"{db}: not a crosscheck store ({first_line(exc)})") from None
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

    def warn(self, message: str) -> None:
        """Note something a person should know about the store, once."""
        if message not in self.warnings:
            self.warnings.append(message)
            if self.on_warning is not None:
                self.on_warning(message)

    @staticmethod
    def _write(conn: Connection) -> Any:
        """A write transaction: on SQLite it takes the write lock first (BEGIN IMMEDIATE)."""
        return conn.execution_options(crosscheck_write=True).begin()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction; store errors become WriteError, the store left unchanged."""
        try:
            with self.engine.connect() as conn, self._write(conn):
                yield conn
        except SQLAlchemyError as exc:
            raise WriteError(self.db, first_line(exc)) from None

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection to read with; a driver error (damaged pages) becomes one StoreError."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.db}: cannot read the store ({first_line(exc)}); "
                             "run `crosscheck doctor`") from None

    def decoded(self, table: str, rows: Iterable[Mapping[Any, Any]],
                build: Callable[[dict[str, Any]], T]) -> list[T]:
        """Models from rows; a row that cannot be read is skipped, with one warning naming it."""
        out = []
        for row in rows:
            try:
                out.append(decode(table, row, build))
            except DamagedStoreError as exc:
                self.warn(f"{self.db}: {exc}; skipped (`crosscheck doctor` lists such rows)")
        return out

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

    def save_source(self, source: Source, claims: Sequence[Claim]) -> IngestOutcome:
        """Store a source and its extracted claims in one transaction, idempotently: claims
        superseded, removed, edited or made by hand are never brought back, dropped or changed."""
        self.check_storable(source, claims)
        with self.transaction() as conn:
            new = self._upsert_source(conn, source)
            rows = conn.execute(
                select(s.claims.c.id, s.claims.c.origin, s.claims.c.status)
                .where(s.claims.c.source_id == source.id)
            ).all()
            known = {r.id for r in rows}
            fresh = [c for c in claims if c.id not in known]
            wanted = {c.id for c in claims}
            touched = {r[0] for r in conn.execute(select(s.claim_history.c.claim_id).where(
                s.claim_history.c.claim_id.in_([r.id for r in rows])))}
            # an extracted claim a person edited is hand work now: re-extraction keeps it; so is
            # one a review decision stands on
            touched |= _decided_claims(conn)
            stale = [r.id for r in rows if r.origin == "extracted" and r.id not in touched
                     and r.status == Status.active.value and r.id not in wanted]
            if fresh:
                conn.execute(insert(s.claims), [claim_row(c, source) for c in fresh])
            if stale:
                conn.execute(sa_delete(s.claims).where(s.claims.c.id.in_(stale)))
        return IngestOutcome(source.id, new, len(fresh), len(claims) - len(fresh), len(stale))

    def _upsert_source(self, conn: Connection, source: Source) -> bool:
        """Insert a new source; for a known one, fill metadata it lacked. True when new."""
        found = conn.execute(lenient_select(s.sources).where(s.sources.c.id == source.id))
        row = found.mappings().first()
        if row is None:
            conn.execute(insert(s.sources).values(**source_row(source)))
            return True
        fill = {k: v for k, v in source_row(source).items()
                if k in ("title", "outlet", "url", "published", "language") and v and not row[k]}
        if fill:
            conn.execute(sa_update(s.sources).where(s.sources.c.id == source.id).values(**fill))
        return False

    def add_source(self, source: Source) -> bool:
        """Store a source (hand-made, or imported) and touch none of its claims; True if new."""
        with self.transaction() as conn:
            return self._upsert_source(conn, source)

    def source_ids(self) -> set[str]:
        with self.reading() as conn:
            return {r[0] for r in conn.execute(select(s.sources.c.id))}

    def list_sources(self) -> list[Source]:
        query = lenient_select(s.sources).order_by(s.sources.c.published, s.sources.c.path)
        with self.reading() as conn:
            rows = conn.execute(query).mappings().all()
        return self.decoded("sources", rows, source_from_row)

    def find_source(self, source_id: str) -> Source | None:
        """The source with exactly this id, or None."""
        with self.reading() as conn:
            query = lenient_select(s.sources).where(s.sources.c.id == source_id)
            found = conn.execute(query).mappings().first()
        return decode("sources", found, source_from_row) if found is not None else None

    def get_source(self, ref: str) -> Source:
        """A source by id or unique id prefix (at least 4 characters)."""
        return decode("sources", self._by_prefix(s.sources, ref, "source"), source_from_row)

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
        query = select(s.claims)
        if not include_inactive:
            query = query.where(s.claims.c.status == Status.active.value)
        if kind:
            query = query.where(s.claims.c.kind == kind)
        if source:
            query = query.where(s.claims.c.source_id == self.get_source(source).id)
        if ids is not None:
            query = query.where(s.claims.c.id.in_(list(ids)))
        query = query.order_by(s.claims.c.source_path, s.claims.c.start, s.claims.c.id)
        with self.reading() as conn:
            result = conn.execute(query)
            names = list(result.keys())
            rows = [dict(zip(names, row, strict=True)) for row in result]
        if place:
            rows = [r for r in rows if isinstance(r["place"], str) and in_place(r["place"], place)]
        return self.decoded("claims", rows, Claim.from_record)

    def claim_index(self, kind: str | None = None) -> list[ClaimRef]:
        """Id, source and place of each active claim: enough to filter and count without
        building tens of thousands of Claims (a report loads the full ones as it shows them)."""
        c = s.claims.c
        query = select(c.id, c.source_id, c.place).where(c.status == Status.active.value)
        if kind:
            query = query.where(c.kind == kind)
        with self.reading() as conn:
            rows = conn.execute(query.order_by(c.source_path, c.start, c.id)).all()
        return [ClaimRef(*row) for row in rows]

    def get_claim(self, ref: str) -> Claim:
        """A claim by id or unique id prefix."""
        return decode("claims", self._by_prefix(s.claims, ref, "claim"), Claim.from_record)

    def _by_prefix(self, table: Any, ref: str, what: str) -> Any:
        ref = ref.strip()
        if len(ref) < 4:
            raise NotFoundError(f"{what} id {ref!r} is too short: give at least 4 characters")
        with self.reading() as conn:
            # autoescape: "%" and "_" in a typed id are characters, not SQL wildcards
            query = lenient_select(table).where(table.c.id.startswith(ref, autoescape=True))
            rows = conn.execute(query.limit(2)).mappings().all()
        if not rows:
            raise NotFoundError(f"no {what} with id {ref!r}")
        if len(rows) > 1:
            raise NotFoundError(f"{what} id {ref!r} is ambiguous: give more characters")
        return rows[0]

    # -- conflicts and decisions --------------------------------------------------------------

    def record_check(self, conflicts: Sequence[Conflict],
                     groups: Sequence[Corroboration]) -> None:
        """Record a check's conflicts and corroborations in one transaction: a check stopped
        half-way leaves the previous check's results whole, never a mix of the two."""
        with self.transaction() as conn:
            self._write_conflicts(conn, conflicts)
            self._write_corroborations(conn, groups)

    def replace_conflicts(self, conflicts: Sequence[Conflict]) -> None:
        """Record the conflicts of a check: new ones added, gone ones closed, decisions kept."""
        with self.transaction() as conn:
            self._write_conflicts(conn, conflicts)

    def replace_corroborations(self, groups: Sequence[Corroboration]) -> None:
        """Record the agreeing groups of a check, replacing the last check's."""
        with self.transaction() as conn:
            self._write_corroborations(conn, groups)

    @staticmethod
    def _write_conflicts(conn: Connection, conflicts: Sequence[Conflict]) -> None:
        stamp = now().isoformat()
        known = {r[0] for r in conn.execute(select(s.conflicts.c.id))}
        conn.execute(sa_update(s.conflicts).values(open=False))
        for c in conflicts:
            row = conflict_row(c, stamp)
            if c.id in known:
                conn.execute(sa_update(s.conflicts).where(s.conflicts.c.id == c.id).values(**row))
            else:
                conn.execute(insert(s.conflicts).values(id=c.id, **row))

    @staticmethod
    def _write_corroborations(conn: Connection, groups: Sequence[Corroboration]) -> None:
        conn.execute(sa_delete(s.corroborations))
        if groups:
            conn.execute(insert(s.corroborations), [g.record() for g in groups])

    def list_corroborations(self) -> list[Corroboration]:
        """The agreeing groups of the last check, best supported first."""
        query = select(s.corroborations).order_by(
            s.corroborations.c.independent_sources.desc(), s.corroborations.c.id)
        with self.reading() as conn:
            rows = conn.execute(query).mappings().all()
        return self.decoded("corroborations", rows, Corroboration.model_validate)

    def list_conflicts(self, include_closed: bool = False) -> list[Conflict]:
        """Stored conflicts, most severe first, each with its decision (stale if claims changed)."""
        query = select(s.conflicts).order_by(s.conflicts.c.severity.desc(), s.conflicts.c.id)
        if not include_closed:
            query = query.where(s.conflicts.c.open.is_(True))
        with self.reading() as conn:
            rows = conn.execute(query).mappings().all()
            decided = {r.conflict_id: r for r in conn.execute(select(s.decisions)).mappings()}
        return self.decoded("conflicts", rows,
                            lambda r: conflict_from_row(r, decided.get(r["id"])))

    def get_conflict(self, ref: str) -> Conflict:
        row = self._by_prefix(s.conflicts, ref, "conflict")
        with self.reading() as conn:
            dec = conn.execute(select(s.decisions).where(s.decisions.c.conflict_id == row["id"]))
            decision = dec.mappings().first()
        return decode("conflicts", row, lambda r: conflict_from_row(r, decision))

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


def _decided_claims(conn: Connection) -> set[str]:
    """Claims a review decision names, or that belong to a conflict someone decided."""
    named = {r[0] for r in conn.execute(select(s.decisions.c.claim_id)) if r[0]}
    decided = select(s.conflicts.c.claim_ids).where(
        s.conflicts.c.id.in_(select(s.decisions.c.conflict_id)))
    return named | {cid for r in conn.execute(decided) if isinstance(r[0], list) for cid in r[0]}
