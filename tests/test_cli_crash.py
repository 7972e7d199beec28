"""Killed at random moments (issue 14): kill -9 mid-ingest, mid-check and after a review note;
Ctrl-C mid-ingest; a full disk mid-ingest. The store always opens, every stored source is whole
with its claims, nothing typed is lost, and the message says exactly what was kept."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claims.errors import WriteError
from claims.extract import extract_claims
from claims.model import Claim, Conflict, ConflictType, Kind, Quantity, Source, Span
from claims.store import Store, open_store
from sources import load_source
from verify.cli import app
from verify.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
TOWNS = ["Lowvale", "Northtown", "Eastbridge", "Riverside", "Hillcrest", "Oakford"]


def articles(folder: Path, n: int) -> list[Path]:
    """n short dated articles, each with two figures, in our own words."""
    folder.mkdir()
    paths = []
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        path = folder / f"a{i:04d}.md"
        path.write_text(
            f"---\ntitle: Report {i}\npublished: 2023-04-{1 + i % 28:02d}\n---\n"
            f"At least {10 + i} people were killed in {town}, officials said on Monday.\n"
            f"More than {1000 + 7 * i:,} residents have fled their homes in {town}.\n",
            encoding="utf-8")
        paths.append(path)
    return paths


def crosscheck(db: Path, *args: str, **kw: object) -> subprocess.Popen[str]:
    """The command in its own process, to be killed."""
    return _python(db, ["-m", "verify", *args], **kw)


def library(db: Path | str, code: str) -> subprocess.Popen[str]:
    """Library calls in their own process: no CLI to import, so kills land in the work."""
    return _python(db, ["-c", "import os, sys\nfrom pathlib import Path\n"
                              "from claims.store import open_store\n"
                              "store = open_store(os.environ['CROSSCHECK_DB'])\n" + code])


def _interruptible() -> None:
    """Ctrl-C as a terminal sends it: a test run started in the background (`.ci/run &`) has
    SIGINT ignored, and its children inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _python(db: Path | str, args: list[str], **kw: object) -> subprocess.Popen[str]:
    env = {**os.environ, "CROSSCHECK_DB": str(db), "CROSSCHECK_USER": "tester",
           "PYTHONPATH": str(ROOT)}
    kw.setdefault("preexec_fn", _interruptible)
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, text=True,  # type: ignore[call-overload]
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def count(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
            return int(conn.execute(f"select count(*) from {table}").fetchone()[0])
    except sqlite3.Error:
        return 0


def wait_for(db: Path, table: str, at_least: int, proc: subprocess.Popen[str],
             timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while count(db, table) < at_least:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "nothing was stored in time"
        time.sleep(0.005)


def assert_whole(db: Path, folder: Path) -> int:
    """The store opens and passes SQLite's check; every stored source has all its claims."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    with open_store(str(db), create=False) as store:
        stored = {s.path: s for s in store.list_sources()}
        per_source: dict[str, int] = {}
        for c in store.list_claims():
            per_source[c.source_id] = per_source.get(c.source_id, 0) + 1
    for path, src in stored.items():
        expected = len(extract_claims(load_source(Path(str(path)))))
        assert per_source.get(src.id, 0) == expected, path  # no partial source
    assert all(Path(str(p)).parent == folder for p in stored)
    return len(stored)


def test_kill_9_mid_ingest_leaves_whole_sources_and_a_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    paths = articles(folder, 80)
    db = tmp_path / "s.db"
    for _ in range(2):  # two kills at different moments
        proc = library(db, "from verify.ingest import ingest\n"
                           f"ingest(store, sorted(Path({str(folder)!r}).glob('*.md')))")
        wait_for(db, "sources", count(db, "sources") + random.randint(1, 10), proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kept = assert_whole(db, folder)
        assert 0 < kept < len(paths)
    done = crosscheck(db, "ingest", str(folder))
    out, err = done.communicate(timeout=60)
    assert done.returncode == 0, err
    assert assert_whole(db, folder) == len(paths)
    assert out.splitlines()[-1].startswith(f"{len(paths)} sources: {len(paths) - kept} new")


def test_ctrl_c_mid_ingest_says_exactly_what_was_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    paths = articles(folder, 1500)  # enough that the ingest is still running when Ctrl-C comes
    db = tmp_path / "s.db"
    # one process, so the ingest is still running when the interrupt comes (with a worker per
    # core it could finish first); the interrupt itself is the same with workers
    proc = crosscheck(db, "ingest", str(folder), "--workers", "1")
    wait_for(db, "sources", 5, proc)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    stored = count(db, "sources")
    assert proc.returncode == 130, (stored, out[-300:], err[-300:])
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines[-1].startswith(f"Error: interrupted; the first {stored} of {len(paths)} "
                                "sources are stored, each whole with its claims (the last: ")
    assert lines[-1].endswith("the others not; run the same ingest again to store the rest "
                              "(stored ones are skipped)")
    assert "Traceback" not in err and assert_whole(db, folder) == stored


def test_a_full_disk_mid_ingest_says_exactly_what_was_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = articles(tmp_path / "in", 5)
    db = tmp_path / "s.db"
    save = Store.save_sources
    calls = {"n": 0}

    def third_fails(self: Store, batch: list[tuple[Source, list[Claim]]],
                    **kwargs: Any) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise WriteError(self.db, "database or disk is full")
        return save(self, batch, **kwargs)

    monkeypatch.setattr(Store, "save_sources", third_fails)
    monkeypatch.setattr("verify.ingest.BATCH", 1)  # the third source's batch is the third
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", *map(str, paths)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: {db}: write failed (database or disk is full); the first 2 of 5 sources are "
        f"stored, each whole with its claims (the last: {paths[1]}), the others not; run the "
        "same ingest again to store the rest (stored ones are skipped)")
    assert count(db, "sources") == 2
    monkeypatch.setattr(Store, "save_sources", save)
    with open_store(str(db)) as store:
        again = ingest(store, paths)
    assert [r.outcome.new_source for r in again] == [False, False, True, True, True]


def stocked_for_check(db: Path, n: int) -> None:
    """n sources each with a killed and a displaced figure, overlapping in town and week."""
    with open_store(str(db)) as store:
        for i in range(n):
            town = TOWNS[i % 3]
            text = (f"At least {10 + 3 * i} people were killed in {town}. "
                    f"More than {1000 + 97 * i} residents fled {town}.")
            src = Source(id=Source.id_for(text), path=f"s{i}.txt", text=text,
                         published=load_day(i))
            made = []
            for needle, kind, low in ((f"At least {10 + 3 * i} people", Kind.killed, 10 + 3 * i),
                                      (f"More than {1000 + 97 * i} residents", Kind.displaced,
                                       1000 + 97 * i)):
                start = text.index(needle)
                made.append(Claim(source_id=src.id, kind=kind, subject="people", place=town,
                                  quantity=Quantity(low=low),
                                  span=Span.of(text, start, start + len(needle))))
            store.save_source(src, made)
        ids = [c.id for c in store.list_claims()[:2]]
        store.record_check([Conflict(type=ConflictType.figure, severity=0.1,
                                     severity_label="low", reason="an old check",
                                     claim_ids=ids)], [])


def load_day(i: int) -> object:
    import datetime as dt

    return dt.date(2023, 4, 1) + dt.timedelta(days=i % 5)


def check_state(db: Path) -> tuple[frozenset[str], frozenset[str]]:
    with sqlite3.connect(db) as conn:
        conflicts = frozenset(r[0] for r in conn.execute("select id from conflicts where open"))
        groups = frozenset(r[0] for r in conn.execute("select id from corroborations"))
    return conflicts, groups


def test_kill_9_mid_check_leaves_the_old_check_or_the_new_one_whole(tmp_path: Path) -> None:
    template = tmp_path / "t.db"
    stocked_for_check(template, 300)
    old = check_state(template)
    finished = tmp_path / "done.db"
    finished.write_bytes(template.read_bytes())
    check = "from verify.check import cross_check\ncross_check(store)"
    proc = library(finished, check)
    start = time.monotonic()
    assert proc.wait(timeout=60) == 0, proc.communicate()
    duration = time.monotonic() - start
    new = check_state(finished)
    assert new != old
    for attempt in range(3):
        db = tmp_path / f"k{attempt}.db"
        db.write_bytes(template.read_bytes())
        proc = library(db, check)
        time.sleep(random.uniform(0.3, 1.0) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = check_state(db)
        assert state in (old, new)  # never new conflicts beside the old corroborations
        with sqlite3.connect(db) as conn:
            assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_kill_9_after_a_review_note_keeps_the_note(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    stocked_for_check(db, 6)
    proc = crosscheck(db, "review", stdin=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("m\nphoned the district office\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 20
    while count(db, "review_notes") == 0:
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open_store(str(db)) as store:
        [note] = store.review_notes()
        assert (note.reviewer, note.note) == ("tester", "phoned the district office")
        conflict_id = note.conflict_id
    result = CliRunner().invoke(app, ["--db", str(db), "review"], input="r\nq\n")
    assert result.exit_code == 0 and "phoned the district office" in result.stdout
    with open_store(str(db)) as store:
        decision = store.get_conflict(conflict_id).decision
        assert decision is not None and decision.note == "phoned the district office"
        assert store.review_notes() == []


def test_ctrl_c_in_any_command_is_one_line_and_exit_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """typer turned Ctrl-C into a silent exit 130: the "interrupted" line never ran."""
    db = tmp_path / "s.db"
    open_store(str(db)).close()

    def stop(self: Store) -> list[Source]:
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "list_sources", stop)
    result = CliRunner().invoke(app, ["--db", str(db), "sources", "list"])
    assert (result.exit_code, result.stderr) == (
        130, "Error: interrupted; every change finished before it is kept, nothing "
             "half-written\n")


DECIDER = """
import datetime as dt, sys
from claims.model import Decision, Verdict
for i in range(100000):
    store.save_decision(Decision(conflict_id=f"x{i:06d}", verdict=Verdict.real, reviewer="ana",
                                 decided_at=dt.datetime.now(dt.UTC)))
    print(i, flush=True)  # after the commit: this decision was made
"""


@pytest.mark.both
def test_kill_9_mid_write_on_either_store_keeps_whole_sources_and_every_decision(
    db: str, tmp_path: Path
) -> None:
    """The same kill on SQLite and PostgreSQL: a writer killed mid-transaction leaves no
    partial source, and every decision committed before the kill is there."""
    folder = tmp_path / "in"
    articles(folder, 60)
    proc = library(db, "from verify.ingest import ingest\n"
                   f"ingest(store, sorted(Path({str(folder)!r}).glob('*.md')))")
    deadline = time.monotonic() + 30
    while stored_sources(db) < random.randint(5, 25):
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open_store(db, create=False) as store:
        kept = {s.id: s for s in store.list_sources()}
        counts: dict[str, int] = {}
        for c in store.list_claims():
            counts[c.source_id] = counts.get(c.source_id, 0) + 1
    assert 0 < len(kept) < 60
    assert all(counts.get(sid) == 2 for sid in kept)  # every article has two figures
    decider = library(db, DECIDER)
    assert decider.stdout is not None
    made = [decider.stdout.readline() for _ in range(random.randint(20, 60))]
    decider.send_signal(signal.SIGKILL)
    decider.wait()
    with open_store(db, create=False) as store:
        decided = {d.conflict_id for d in store.decision_history()}
    assert {f"x{int(line):06d}" for line in made} <= decided


def stored_sources(db: str) -> int:
    if "://" not in db:
        return count(Path(db), "sources")
    from sqlalchemy import create_engine, text

    from claims.store_open import server_url

    engine = create_engine(server_url(db))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("select count(*) from sources")).scalar() or 0)
    finally:
        engine.dispose()
