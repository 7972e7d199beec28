"""Opening a store: the file is looked at read-only before anything is written to it, so a
mistyped --db, another application's database or a store from a newer crosscheck is refused
as it was found (no WAL switch, no migration, no new empty file)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import stat
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, insert, inspect, make_url, select
from sqlalchemy import update as sa_update
from sqlalchemy.exc import ArgumentError

from claims import schema as s
from claims.errors import NewerStoreError, NoStoreError, NotAStoreError, StoreError
from claims.files import SQLITE_HEADER
from claims.store_types import CorruptCell

PG_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
MIGRATE_LOCK = 7101  # advisory lock: one process migrates a PostgreSQL store at a time

QUICK_CHECK_BYTES = 16 * 1024 * 1024  # page-checked on opening up to this size (~60 ms)
CREATED_BY = "ingest, sources add and import create one"


def lenient_loads(text: str) -> Any:
    """JSON cells as values; a corrupted one as a CorruptCell rather than an error mid-read."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return CorruptCell(text)


def first_line(exc: BaseException) -> str:
    """The first line of an error's message (a driver's, if it wraps one)."""
    text = str(getattr(exc, "orig", None) or exc)
    return text.splitlines()[0] if text else type(exc).__name__


def open_engine(db: str, create: bool) -> tuple[Engine, list[str]]:
    """An engine on the store, and warnings found while looking at it (damaged pages)."""
    if not db.strip():
        raise StoreError("--db: give a store file or a database URL")
    if "://" in db:
        return _server_engine(db), []
    path = Path(db)
    if path.is_dir():
        raise StoreError(f"{db}: is a folder, not a store file")
    if not path.parent.exists():
        raise StoreError(f"{db}: folder {path.parent} does not exist")
    warnings = inspect_file(path, db, create)
    engine = create_engine(f"sqlite:///{path}", json_deserializer=lenient_loads)
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine, warnings


def server_url(db: str) -> str:
    """A PostgreSQL URL as SQLAlchemy takes it: postgresql:// and postgres:// mean psycopg 3."""
    for scheme in ("postgresql://", "postgres://"):
        if db.startswith(scheme):
            return "postgresql+psycopg://" + db.removeprefix(scheme)
    return db


def display_url(db: str) -> str:
    """The store's name in messages: a URL with its password hidden."""
    if "://" not in db:
        return db
    try:
        return make_url(db).render_as_string(hide_password=True)
    except ArgumentError:
        return db


def _server_engine(db: str) -> Engine:
    if not db.startswith(PG_SCHEMES):
        raise StoreError(f"{display_url(db)}: cannot use this database (a store is a SQLite "
                         "file or a PostgreSQL URL, postgresql://user@host/database)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise StoreError(f"{display_url(db)}: PostgreSQL needs its driver: "
                         "pip install 'crosscheck[postgres]'") from None
    try:
        return create_engine(server_url(db), json_deserializer=lenient_loads,
                             pool_pre_ping=False, connect_args={"connect_timeout": 10})
    except (ImportError, ArgumentError) as exc:  # not a URL
        raise StoreError(f"{display_url(db)}: cannot use this database ({first_line(exc)})"
                         ) from None


def inspect_file(path: Path, db: str, create: bool) -> list[str]:
    """Refuse what is not a usable store, reading only; warnings for a damaged one."""
    if not path.exists():
        if path.is_symlink():
            raise StoreError(f"{db}: a link to a file that does not exist")
        if create:
            return []
        raise NoStoreError(f"{db}: no store there; check --db ({CREATED_BY})")
    if not stat.S_ISREG(path.stat().st_mode):
        raise StoreError(f"{db}: not a regular file, not a store")
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_HEADER))
    if not head:
        if create:
            return []
        raise NoStoreError(f"{db}: an empty file, not a store ({CREATED_BY})")
    if head != SQLITE_HEADER:
        raise NotAStoreError(f"{db}: not a crosscheck store (not an SQLite database)")
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"{db}: cannot open the store ({exc})") from None
    try:
        return _look(conn, db, create, path.stat().st_size)
    except sqlite3.OperationalError as exc:
        raise StoreError(f"{db}: cannot open the store ({exc})") from None
    except sqlite3.DatabaseError as exc:
        raise NotAStoreError(f"{db}: not a crosscheck store ({exc})") from None
    finally:
        conn.close()


def _look(conn: sqlite3.Connection, db: str, create: bool, size: int) -> list[str]:
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    if not tables:
        if create:
            return []
        raise NoStoreError(f"{db}: an empty database, not a store ({CREATED_BY})")
    if s.meta.name not in tables:
        shown = ", ".join(sorted(tables)[:3]) + (", ..." if len(tables) > 3 else "")
        raise NotAStoreError(f"{db}: not a crosscheck store (another application's database, "
                             f"with tables {shown})")
    row = conn.execute(f"select value from {s.meta.name} where key = 'schema_version'").fetchone()
    check_version(db, row[0] if row else None)
    if size > QUICK_CHECK_BYTES:
        return []
    found = [line for r in conn.execute("PRAGMA quick_check(3)") for line in r[0].splitlines()
             if line and not line.startswith("***")]
    if found == ["ok"]:
        return []
    return [f"{db}: the store fails SQLite's integrity check ({found[0] if found else '?'}); "
            "some records may be unreadable: run `crosscheck doctor`"]


def check_version(db: str, version: object) -> None:
    """Refuse a store whose schema is newer than this crosscheck knows."""
    try:
        number = int(str(version)) if version is not None else 0
    except ValueError:
        raise NotAStoreError(f"{db}: not a crosscheck store (schema version {version!r})") from None
    if number > s.SCHEMA_VERSION:
        raise NewerStoreError(
            f"{db}: written by a newer crosscheck (store schema {number}, this crosscheck "
            f"knows up to {s.SCHEMA_VERSION}); upgrade crosscheck to use it; nothing was changed")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # the driver's own BEGIN is lazy; _sqlite_begin emits ours
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout = 10000")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    # A write takes the write lock before it reads, so two people writing at once wait their
    # turn (busy timeout) instead of one failing on a stale snapshot.
    write = conn.get_execution_options().get("crosscheck_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _up_to_date(engine: Engine, db: str) -> bool:
    """True when nothing needs migrating: opening a current store writes nothing."""
    with engine.connect() as conn:
        if s.meta.name not in inspect(conn).get_table_names():
            return False
        done = {r.name for r in conn.execute(select(s.migrations.c.name))}
        query = select(s.meta.c.value).where(s.meta.c.key == "schema_version")
        version = conn.execute(query).scalar()
    check_version(db, version)
    known = {name for name, _ in s.MIGRATIONS}
    if done - known:
        raise NewerStoreError(f"{db}: written by a newer crosscheck (migration "
                              f"{sorted(done - known)[0]} is unknown here); nothing was changed")
    return known <= done and version == str(s.SCHEMA_VERSION)


def migrate(engine: Engine, db: str, create: bool, upto: int | None = None
            ) -> tuple[bool, list[str]]:
    """Create or bring the store's tables up to date, in one transaction; True if created, and
    what the migration had to leave out. `upto` stops at that step (tests of old stores)."""
    if upto is None and _up_to_date(engine, db):
        return False, []
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:  # rebuilding tables must not cascade deletes; checked before commit
            _foreign_keys(conn, False)
        try:
            with conn.execution_options(crosscheck_write=True).begin():
                if not sqlite:  # two desks opening a new database at once: one migrates
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATE_LOCK})")
                created = _migrate(conn, db, create, upto)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StoreError(f"{db}: the migration would break a foreign key; "
                                     "nothing was changed (run `crosscheck doctor`)")
            return created, list(conn.info.pop("crosscheck_warnings", []))
        finally:
            if sqlite:
                _foreign_keys(conn, True)


def _foreign_keys(conn: Connection, on: bool) -> None:
    """SQLite's foreign key checks on or off: outside any transaction, on the driver's own
    connection (inside one the pragma does nothing)."""
    raw: Any = conn.connection.driver_connection
    raw.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def _migrate(conn: Connection, db: str, create: bool, upto: int | None) -> bool:
    names = set(inspect(conn).get_table_names())
    if names and s.meta.name not in names:
        raise NotAStoreError(f"{db}: not a crosscheck store (it has other tables)")
    created = False
    if not names:
        if not create:
            raise NoStoreError(f"{db}: holds no store; check --db ({CREATED_BY})")
        s.meta.create(conn)
        s.migrations.create(conn)
        conn.execute(insert(s.meta), [{"key": "app", "value": s.APP_ID}])
        created = True
    done = {r.name for r in conn.execute(select(s.migrations.c.name))}
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    steps = s.MIGRATIONS[:upto]
    for number, (name, step) in enumerate(steps, start=1):
        if name not in done:
            step(conn)
            conn.execute(insert(s.migrations).values(id=number, name=name, applied_at=stamp))
    _set_meta(conn, "schema_version", str(len(steps)))
    return created


def _set_meta(conn: Connection, key: str, value: str) -> None:
    if conn.execute(select(s.meta.c.key).where(s.meta.c.key == key)).first():
        conn.execute(sa_update(s.meta).where(s.meta.c.key == key).values(value=value))
    else:
        conn.execute(insert(s.meta).values(key=key, value=value))
