"""Shared fixtures: a store on tmp_path, the seeds and example corpus, a clean environment."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from claims.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
FAKES = ROOT.parent / "shared" / "corpora" / "fa-kes" / "fakes.csv"
EXAMPLES = ROOT / "examples"

pytest_plugins = ["tests.conftest_golden"]

# The claim fields DESIGN.md's JSON contract names (a claim's JSON carries at least these).
CLAIM_KEYS = frozenset({
    "id", "source_id", "source_path", "kind", "subject", "low", "high", "estimate", "qualifier",
    "date", "place", "attribution", "modality", "quote", "start", "end", "origin",
})

needs_seeds = pytest.mark.skipif(
    not (SEEDS / "manifest.csv").is_file(), reason=f"the seeds are not at {SEEDS}"
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No colour forcing from the caller's shell; a default store inside tmp_path; a fixed user."""
    for name in ("NO_COLOR", "FORCE_COLOR", "CROSSCHECK_USER", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CROSSCHECK_DB", str(tmp_path / "env.db"))
    monkeypatch.setenv("CROSSCHECK_USER", "tester")


# -- the backends: SQLite always; PostgreSQL where a server is named --------------------------
#
# Modules marked `pytestmark = pytest.mark.both` run every test that takes the `db` or `store`
# fixture on SQLite and on PostgreSQL (CROSSCHECK_TEST_PG, a database URL on a server that
# lets its role create databases: .ci/run starts a throwaway one with .ci/pg). Each test gets
# a new database, copied from one migrated template per worker.

PG_URL = os.environ.get("CROSSCHECK_TEST_PG", "")
NO_PG = ("no PostgreSQL server for the tests: set CROSSCHECK_TEST_PG to a database URL "
         "(`.ci/pg start DIR` starts a throwaway one; .ci/run does)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "both: run db/store tests on SQLite and PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        both = metafunc.definition.get_closest_marker("both") is not None
        metafunc.parametrize("backend", ["sqlite", "postgres"] if both else ["sqlite"],
                             indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the test's store is on."""
    if request.param == "postgres" and not PG_URL:
        pytest.skip(NO_PG)
    return str(request.param)


class PgServer:
    """Databases on the test server: a migrated template, and copies of it."""

    def __init__(self, url: str, worker: str) -> None:
        from sqlalchemy import create_engine, make_url

        from claims.store_open import server_url

        self.base = make_url(server_url(url))
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT")
        self.template = f"cc_tmpl_{worker}_{uuid.uuid4().hex[:6]}"
        self.create(self.template, template=None)
        open_store(self.url(self.template)).close()

    def url(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def create(self, name: str, template: str | None = "") -> str:
        source = f" TEMPLATE {self.template}" if template == "" else ""
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}{source}")
        return self.url(name)

    def drop(self, name: str) -> None:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def pg_server(worker_id: str) -> Iterator[PgServer]:
    if not PG_URL:
        pytest.skip(NO_PG)
    server = PgServer(PG_URL, worker_id)
    yield server
    server.drop(server.template)
    server.admin.dispose()


@pytest.fixture
def make_pg_db(pg_server: PgServer) -> Iterator[Callable[[], str]]:
    """Makes empty databases (no store yet) on the test server: their URLs."""
    made: list[str] = []

    def make() -> str:
        made.append(f"cc_{uuid.uuid4().hex[:12]}")
        return pg_server.create(made[-1], template=None)

    yield make
    for name in made:
        pg_server.drop(name)


@pytest.fixture
def new_pg_db(make_pg_db: Callable[[], str]) -> str:
    """The URL of an empty database (no store yet) on the test server."""
    return make_pg_db()


@pytest.fixture
def db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """Where the test's store is: a file on tmp_path, or a new PostgreSQL database holding
    an empty store."""
    if backend == "sqlite":
        yield str(tmp_path / "store.db")
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = f"cc_{uuid.uuid4().hex[:12]}"
    yield server.create(name)
    server.drop(name)


@pytest.fixture
def empty_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Where a store can be made: a path on tmp_path, or an empty PostgreSQL database."""
    if backend == "sqlite":
        return str(tmp_path / "empty.db")
    return str(request.getfixturevalue("new_pg_db"))


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    """An empty store on the test's backend."""
    with open_store(db) as s:
        yield s


@pytest.fixture
def seed_paths() -> list[Path]:
    """The five seed articles, skipping when ../shared is absent."""
    if not (SEEDS / "manifest.csv").is_file():
        pytest.skip(f"the seeds are not at {SEEDS}")
    return sorted(SEEDS.glob("*.txt"))
