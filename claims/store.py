"""The store: sources, claims, conflicts and decisions in SQLite or PostgreSQL (SQLAlchemy Core)."""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, inspect, select
from sqlalchemy import delete as sa_delete
from sqlalchemy import update as sa_update
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError, SQLAlchemyError

from claims import schema as s
from claims.errors import NotAStoreError, NotFoundError, StoreError
from claims.model import (
    Claim,
    Conflict,
    Corroboration,
    Decision,
    Source,
    Status,
    check_span,
)
from claims.store_hand import HandWorkMixin

DEFAULT_DB = "crosscheck.db"


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


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # the driver's own BEGIN is lazy; _sqlite_begin emits ours
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout = 10000")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _engine(db: str) -> Engine:
    if not db.strip():
        raise StoreError("--db: give a store file or a database URL")
    if "://" in db:
        try:
            return create_engine(db)
        except (ImportError, ArgumentError) as exc:  # no driver installed, or not a URL
            raise StoreError(f"{db}: cannot use this database ({_first_line(exc)})") from None
    path = Path(db)
    if path.is_dir():
        raise StoreError(f"{db}: is a folder, not a store file")
    if not path.parent.exists():
        raise StoreError(f"{db}: folder {path.parent} does not exist")
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_begin(conn: Connection) -> None:
    # A write takes the write lock before it reads, so two people writing at once wait their
    # turn (busy timeout) instead of one failing on a stale snapshot.
    write = conn.get_execution_options().get("crosscheck_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Store(HandWorkMixin):
    """One crosscheck store; every write is one transaction, so a failure leaves it as it was."""

    def __init__(self, db: str = DEFAULT_DB) -> None:
        self.db = db
        try:
            self.engine = _engine(db)
            self._migrate()
        except OperationalError as exc:  # before DatabaseError: "locked" is not "not a store"
            self._close_quietly()
            raise StoreError(f"{db}: cannot open the store ({_first_line(exc)})") from None
        except DatabaseError as exc:
            self._close_quietly()
            raise NotAStoreError(f"{db}: not a crosscheck store ({_first_line(exc)})") from None

    def _close_quietly(self) -> None:
        if hasattr(self, "engine"):
            self.engine.dispose()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _write(conn: Connection) -> Any:
        """A write transaction: on SQLite it takes the write lock first (BEGIN IMMEDIATE)."""
        return conn.execution_options(crosscheck_write=True).begin()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction; store errors become StoreError, the store left unchanged."""
        try:
            with self.engine.connect() as conn, self._write(conn):
                yield conn
        except SQLAlchemyError as exc:
            why = _first_line(exc)
            raise StoreError(f"{self.db}: write failed, nothing stored ({why})") from None

    # -- schema ---------------------------------------------------------------------------

    def _up_to_date(self) -> bool:
        """True when nothing needs migrating: opening a current store writes nothing."""
        with self.engine.connect() as conn:
            if s.meta.name not in inspect(conn).get_table_names():
                return False
            done = {r.name for r in conn.execute(select(s.migrations.c.name))}
            query = select(s.meta.c.value).where(s.meta.c.key == "schema_version")
            version = conn.execute(query).scalar()
        return {name for name, _ in s.MIGRATIONS} <= done and version == str(s.SCHEMA_VERSION)

    def _migrate(self) -> None:
        if self._up_to_date():
            return
        with self.engine.connect() as conn, self._write(conn):
            names = set(inspect(conn).get_table_names())
            if names and s.meta.name not in names:
                raise NotAStoreError(f"{self.db}: not a crosscheck store (it has other tables)")
            if not names:
                s.meta.create(conn)
                s.migrations.create(conn)
                conn.execute(insert(s.meta), [{"key": "app", "value": s.APP_ID}])
                names = {s.meta.name, s.migrations.name}
            done = {r.name for r in conn.execute(select(s.migrations.c.name))}
            for number, (name, step) in enumerate(s.MIGRATIONS, start=1):
                if name in done:
                    continue
                step(conn)
                conn.execute(insert(s.migrations).values(id=number, name=name,
                                                         applied_at=now().isoformat()))
            self._set_meta(conn, "schema_version", str(s.SCHEMA_VERSION))

    def _set_meta(self, conn: Connection, key: str, value: str) -> None:
        if conn.execute(select(s.meta.c.key).where(s.meta.c.key == key)).first():
            conn.execute(sa_update(s.meta).where(s.meta.c.key == key).values(value=value))
        else:
            conn.execute(insert(s.meta).values(key=key, value=value))

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            query = select(s.meta.c.value).where(s.meta.c.key == "schema_version")
            row = conn.execute(query).first()
        return int(row[0]) if row else 0

    # -- sources ----------------------------------------------------------------------------

    def save_source(self, source: Source, claims: Sequence[Claim]) -> IngestOutcome:
        """Store a source and its extracted claims in one transaction, idempotently: claims
        superseded, removed, edited or made by hand are never brought back, dropped or changed."""
        for claim in claims:
            _check_claim(source, claim)
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
                conn.execute(insert(s.claims), [_claim_row(c, source) for c in fresh])
            if stale:
                conn.execute(sa_delete(s.claims).where(s.claims.c.id.in_(stale)))
        return IngestOutcome(source.id, new, len(fresh), len(claims) - len(fresh), len(stale))

    def _upsert_source(self, conn: Connection, source: Source) -> bool:
        """Insert a new source; for a known one, fill metadata it lacked. True when new."""
        row = conn.execute(select(s.sources).where(s.sources.c.id == source.id)).mappings().first()
        if row is None:
            conn.execute(insert(s.sources).values(**_source_row(source)))
            return True
        fill = {k: v for k, v in _source_row(source).items()
                if k in ("title", "outlet", "url", "published", "language") and v and not row[k]}
        if fill:
            conn.execute(sa_update(s.sources).where(s.sources.c.id == source.id).values(**fill))
        return False

    def add_source(self, source: Source) -> bool:
        """Store a source (hand-made, or imported) and touch none of its claims; True if new."""
        with self.transaction() as conn:
            return self._upsert_source(conn, source)

    def source_ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return {r[0] for r in conn.execute(select(s.sources.c.id))}

    def list_sources(self) -> list[Source]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(s.sources).order_by(s.sources.c.published, s.sources.c.path))
            return [_source_from_row(r) for r in rows.mappings()]

    def find_source(self, source_id: str) -> Source | None:
        """The source with exactly this id, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(s.sources).where(s.sources.c.id == source_id)).mappings()
            found = row.first()
        return _source_from_row(found) if found is not None else None

    def get_source(self, ref: str) -> Source:
        """A source by id or unique id prefix (at least 4 characters)."""
        return _source_from_row(self._by_prefix(s.sources, ref, "source"))

    def claim_counts(self) -> dict[str, int]:
        """Active claims per source id."""
        with self.engine.connect() as conn:
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
            query = query.where(s.claims.c.source_id.startswith(self.get_source(source).id))
        if ids is not None:
            query = query.where(s.claims.c.id.in_(list(ids)))
        query = query.order_by(s.claims.c.source_path, s.claims.c.start, s.claims.c.id)
        with self.engine.connect() as conn:
            result = conn.execute(query)
            names = list(result.keys())
            rows = [dict(zip(names, row, strict=True)) for row in result]
        if place:
            rows = [r for r in rows if r["place"] and in_place(r["place"], place)]
        return [Claim.from_record(r) for r in rows]

    def claim_index(self, kind: str | None = None) -> list[ClaimRef]:
        """Id, source and place of each active claim: enough to filter and count without
        building tens of thousands of Claims (a report loads the full ones as it shows them)."""
        c = s.claims.c
        query = select(c.id, c.source_id, c.place).where(c.status == Status.active.value)
        if kind:
            query = query.where(c.kind == kind)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(c.source_path, c.start, c.id)).all()
        return [ClaimRef(*row) for row in rows]

    def get_claim(self, ref: str) -> Claim:
        """A claim by id or unique id prefix."""
        return _claim_from_row(self._by_prefix(s.claims, ref, "claim"))

    def _by_prefix(self, table: Any, ref: str, what: str) -> Any:
        ref = ref.strip()
        if len(ref) < 4:
            raise NotFoundError(f"{what} id {ref!r} is too short: give at least 4 characters")
        with self.engine.connect() as conn:
            query = select(table).where(table.c.id.startswith(ref)).limit(2)
            rows = conn.execute(query).mappings().all()
        if not rows:
            raise NotFoundError(f"no {what} with id {ref!r}")
        if len(rows) > 1:
            raise NotFoundError(f"{what} id {ref!r} is ambiguous: give more characters")
        return rows[0]

    # -- conflicts and decisions --------------------------------------------------------------

    def replace_conflicts(self, conflicts: Sequence[Conflict]) -> None:
        """Record the conflicts of a check: new ones added, gone ones closed, decisions kept."""
        stamp = now().isoformat()
        with self.transaction() as conn:
            known = {r[0] for r in conn.execute(select(s.conflicts.c.id))}
            conn.execute(sa_update(s.conflicts).values(open=False))
            for c in conflicts:
                row = _conflict_row(c, stamp)
                if c.id in known:
                    conn.execute(
                        sa_update(s.conflicts).where(s.conflicts.c.id == c.id).values(**row))
                else:
                    conn.execute(insert(s.conflicts).values(id=c.id, **row))

    def replace_corroborations(self, groups: Sequence[Corroboration]) -> None:
        """Record the agreeing groups of a check, replacing the last check's."""
        with self.transaction() as conn:
            conn.execute(sa_delete(s.corroborations))
            if groups:
                conn.execute(insert(s.corroborations), [g.record() for g in groups])

    def list_corroborations(self) -> list[Corroboration]:
        """The agreeing groups of the last check, best supported first."""
        query = select(s.corroborations).order_by(
            s.corroborations.c.independent_sources.desc(), s.corroborations.c.id)
        with self.engine.connect() as conn:
            return [Corroboration.model_validate(dict(r)) for r in conn.execute(query).mappings()]

    def list_conflicts(self, include_closed: bool = False) -> list[Conflict]:
        """Stored conflicts, most severe first, each with its decision (stale if claims changed)."""
        query = select(s.conflicts).order_by(s.conflicts.c.severity.desc(), s.conflicts.c.id)
        if not include_closed:
            query = query.where(s.conflicts.c.open.is_(True))
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
            decided = {r.conflict_id: r for r in conn.execute(select(s.decisions)).mappings()}
        return [_conflict_from_row(r, decided.get(r["id"])) for r in rows]

    def get_conflict(self, ref: str) -> Conflict:
        row = self._by_prefix(s.conflicts, ref, "conflict")
        with self.engine.connect() as conn:
            dec = conn.execute(select(s.decisions).where(s.decisions.c.conflict_id == row["id"]))
            return _conflict_from_row(row, dec.mappings().first())

    def stats(self) -> dict[str, int]:
        """Counts for a report's header."""
        with self.engine.connect() as conn:
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


def open_store(db: str = DEFAULT_DB) -> Store:
    """Open (creating and migrating if needed) the store at a path or database URL."""
    return Store(db)


def _decided_claims(conn: Connection) -> set[str]:
    """Claims a review decision names, or that belong to a conflict someone decided."""
    named = {r[0] for r in conn.execute(select(s.decisions.c.claim_id)) if r[0]}
    decided = select(s.conflicts.c.claim_ids).where(
        s.conflicts.c.id.in_(select(s.decisions.c.conflict_id)))
    return named | {cid for r in conn.execute(decided) for cid in r[0]}


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _check_claim(source: Source, claim: Claim) -> None:
    if claim.source_id != source.id:
        raise StoreError(f"claim {claim.id} belongs to source {claim.source_id}, not {source.id}")
    check_span(source.text, claim.span)


def _source_row(source: Source) -> dict[str, Any]:
    row = source.model_dump(mode="python")
    row["regions"] = [r.model_dump(mode="json") for r in source.regions]
    row["added_at"] = source.added_at.isoformat() if source.added_at else None
    return row


def _source_from_row(row: Any) -> Source:
    data = dict(row)
    return Source.model_validate(data)


def _claim_row(claim: Claim, source: Source) -> dict[str, Any]:
    row = claim.record()
    row["source_path"] = row["source_path"] or source.path
    return row


def _claim_from_row(row: Any) -> Claim:
    return Claim.from_record(dict(row))


def _conflict_row(c: Conflict, stamp: str) -> dict[str, Any]:
    return {"type": c.type.value, "severity": c.severity, "severity_label": c.severity_label,
            "reason": c.reason, "claim_ids": list(c.claim_ids), "key": dict(c.key),
            "fingerprint": c.fingerprint, "open": True, "checked_at": stamp}


def _conflict_from_row(row: Any, decision: Any | None) -> Conflict:
    data = {k: row[k] for k in ("id", "type", "severity", "severity_label", "reason",
                                 "claim_ids", "key", "fingerprint")}
    if decision is not None:
        dec = dict(decision)
        dec["stale"] = dec["fingerprint"] != row["fingerprint"]
        data["decision"] = Decision.model_validate(dec)
    return Conflict.model_validate(data)
