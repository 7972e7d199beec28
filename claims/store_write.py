"""How the store reads and writes, the same on SQLite and PostgreSQL: each write is one
transaction, run again when the database asks (a serialisation failure, a deadlock, SQLite
busy), so a desk of people writing at once never sees "database is locked"; reads see one
snapshot; writes where a read decides the write hold a lock on what they decide about."""

from __future__ import annotations

import datetime as dt
import random
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Connection, Engine, Insert, Table, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from claims.errors import DamagedStoreError, NotFoundError, StoreError, WriteError
from claims.store_open import first_line
from claims.store_rows import decode, lenient_select
from claims.store_types import CorruptCell

T = TypeVar("T")
BUSY_SECONDS = 120.0  # how long a write waits for others before it gives up, saying so
RETRY_STATES = {"40001", "40P01", "55P03"}  # serialization_failure, deadlock, lock_not_available
SQLITE_BUSY = ("database is locked", "database table is locked", "database schema has changed")
# Advisory lock spaces (PostgreSQL): a source's claims, a conflict's verdict, the check's results.
SOURCE, CONFLICT, CHECK = 7102, 7103, 7104
SOURCE_METADATA = ("title", "outlet", "url", "published", "language")


class SourceFacts(NamedTuple):
    """A stored source's metadata and how many active claims it has, read without its text."""

    metadata: dict[str, Any]
    claims: int


class SourceHead(NamedTuple):
    """A stored source without its text: what the cross-check reads of it."""

    id: str
    path: str | None
    title: str | None
    outlet: str | None
    published: dt.date | None
    main_place: str | None  # the province its text names most (claims/store_facts.py)


def retryable(exc: BaseException) -> bool:
    """True for an error that running the transaction again can cure."""
    orig = getattr(exc, "orig", None)
    if getattr(orig, "sqlstate", None) in RETRY_STATES:
        return True
    text = str(orig or exc).lower()
    return any(phrase in text for phrase in SQLITE_BUSY)


def upsert(conn: Connection, table: Table, keys: list[str],
           update: Iterable[str] = ()) -> Insert:
    """INSERT ... ON CONFLICT (keys): DO NOTHING, or DO UPDATE SET the `update` columns."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table)
    columns = list(update)
    if not columns:
        return stmt.on_conflict_do_nothing(index_elements=keys)
    return stmt.on_conflict_do_update(index_elements=keys,
                                      set_={c: stmt.excluded[c] for c in columns})


class StoreBase:
    """The engine, the write and read machinery, warnings, and lookups by id prefix."""

    engine: Engine
    db: str
    warnings: list[str]
    on_warning: Callable[[str], None] | None

    @property
    def postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

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

    def write(self, work: Callable[[Connection], T]) -> T:
        """Run `work` in one write transaction; again, after a pause, while the database says
        another writer is in the way; a failure leaves the store as it was (WriteError)."""
        deadline = time.monotonic() + BUSY_SECONDS
        pause = 0.005
        while True:
            try:
                with self.engine.connect() as conn, self._write(conn):
                    return work(conn)
            except SQLAlchemyError as exc:
                if not retryable(exc):
                    raise WriteError(self.db, first_line(exc)) from None
                if time.monotonic() > deadline:
                    raise WriteError(self.db, f"other writers held the store for over "
                                     f"{BUSY_SECONDS:.0f} s; try again") from None
            time.sleep(pause * random.uniform(0.5, 1.5))
            pause = min(pause * 2, 0.5)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction, not retried (tests and one-off fixes); errors: WriteError."""
        try:
            with self.engine.connect() as conn, self._write(conn):
                yield conn
        except SQLAlchemyError as exc:
            raise WriteError(self.db, first_line(exc)) from None

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection whose reads see one snapshot; a driver error (damaged pages, a lost
        server) becomes one StoreError."""
        try:
            with self.engine.connect() as conn:
                if self.postgres:
                    conn = conn.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.db}: cannot read the store ({first_line(exc)}); "
                             "run `crosscheck doctor`") from None

    def lock(self, conn: Connection, space: int, *keys: str) -> None:
        """Hold, until the transaction ends, a lock on each key (in order, so never a
        deadlock): two writes deciding about one source or one conflict take turns. SQLite's
        write lock is the whole store already."""
        if not self.postgres or not keys:
            return
        numbers = sorted({_key32(key) for key in keys})
        conn.exec_driver_sql(  # one round trip, the keys taken in order
            "SELECT pg_advisory_xact_lock(%(space)s, k) FROM "
            "(SELECT unnest(%(keys)s::int[]) AS k ORDER BY 1) AS wanted",
            {"space": space, "keys": numbers})

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

    def source_facts(self, ids: Sequence[str]) -> dict[str, SourceFacts]:
        """Of these source ids, the stored ones with their metadata and count of active claims,
        in two reads and without their texts: what an ingest needs to skip a known article
        before extracting it."""
        from claims import schema as s

        wanted = sorted(set(ids))
        if not wanted:
            return {}
        src, c = s.sources.c, s.claims.c
        with self.reading() as conn:
            rows = conn.execute(select(src.id, *(src[k] for k in SOURCE_METADATA))
                                .where(src.id.in_(wanted))).mappings().all()
            counts: dict[str, int] = dict(conn.execute(
                select(c.source_id, func.count()).where(c.source_id.in_(wanted),
                                                        c.status == "active")
                .group_by(c.source_id)).all())
        return {r["id"]: SourceFacts({k: r[k] for k in SOURCE_METADATA}, counts.get(r["id"], 0))
                for r in rows}

    def source_heads(self) -> list[SourceHead]:
        """Every source without its text (a row with a damaged cell is skipped, with a warning,
        as listing the sources skips it)."""
        from claims import schema as s

        src = s.sources.c
        query = select(src.id, src.path, src.title, src.outlet, src.published, src.main_place)
        with self.reading() as conn:
            rows = conn.execute(query.order_by(src.id)).all()
        out = []
        for row in rows:
            bad = next((v for v in row if isinstance(v, CorruptCell)), None)
            if bad is None:
                out.append(SourceHead(*row))
            else:
                self.warn(f"{self.db}: sources row {row[0]}: {bad.describe('published')}; "
                          "skipped (`crosscheck doctor` lists such rows)")
        return out

    def claim_rows(self, columns: Sequence[str], size: int = 5000) -> Iterator[Any]:
        """These columns of every active claim, in the order claims are listed, read a few
        thousand rows at a time (a server-side cursor on PostgreSQL): what the check reads
        instead of building every Claim. A damaged cell reads as a CorruptCell."""
        from claims import schema as s

        c = s.claims.c
        query = (select(*(c[name] for name in columns)).where(c.status == "active")
                 .order_by(c.source_path.asc().nulls_first(), c.start, c.id))
        with self.reading() as conn:
            result = conn.execution_options(yield_per=size).execute(query)
            for part in result.partitions():
                yield from part

    def by_prefix(self, table: Table, ref: str, what: str) -> Any:
        """The row whose id is `ref` or starts with it (at least 4 characters, unique)."""
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


def _key32(key: str) -> int:
    """A key as a signed 32-bit number for pg_advisory_xact_lock(int, int)."""
    return zlib.crc32(key.encode("utf-8")) - 2**31
