"""Exports never destroy work (issue 14): not the store, not its journal, not any database; a
failed or interrupted write leaves no half-written file and the old one intact; a link planted
where a temporary file used to go overwrites nothing."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.errors import DataError, UnsafeOutputError
from claims.files import atomic_write, check_target
from verify.cli import app

runner = CliRunner()
ARTICLE = ("---\ntitle: Floods\npublished: 2023-04-02\n---\n"
           "At least 31 people were killed by the floods, the Red Cross said.\n")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "store.db"
    assert runner.invoke(app, ["--db", str(path), "ingest", str(tmp_path / "a.md")]).exit_code == 0
    return path


def invoke(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stderr


@pytest.mark.parametrize("target", ["store.db", "store.db-wal", "store.db-shm",
                                    "store.db-journal", "link-to-store.md"])
@pytest.mark.parametrize("command", [["report", "-f", "markdown", "-o"], ["report", "-o"],
                                     ["export", "--hand-work"]])
def test_the_store_and_its_journal_are_never_written_over(
    db: Path, tmp_path: Path, target: str, command: list[str]
) -> None:
    (tmp_path / "link-to-store.md").symlink_to(db)
    before = db.read_bytes()
    code, err = invoke(db, *command, str(tmp_path / target))
    assert code == 2 and err.count("\n") == 1 and f"is the store {db}" in err
    assert db.read_bytes() == before
    with sqlite3.connect(db) as conn:  # still a store
        assert conn.execute("select count(*) from sources").fetchone()[0] == 1


def test_any_sqlite_database_is_refused_as_an_output(db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table t (x)")
    before = other.read_bytes()
    for args in (["report", "-f", "json", "-o", str(other)],
                 ["export", "--hand-work", str(other)]):
        code, err = invoke(db, *args)
        assert code == 2 and "an SQLite database or its journal" in err
    assert other.read_bytes() == before


def test_an_export_folder_holding_a_link_to_the_store_is_refused(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").symlink_to(db)
    before = db.read_bytes()
    code, err = invoke(db, "export", str(out))
    assert code == 2 and "is the store" in err and db.read_bytes() == before


def test_a_link_planted_at_the_old_partial_name_is_not_followed(db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (tmp_path / "hand.jsonl.partial").symlink_to(victim)
    code, err = invoke(db, "export", "--hand-work", str(tmp_path / "hand.jsonl"))
    assert code == 0, err
    assert victim.read_text(encoding="utf-8") == "precious"
    assert (tmp_path / "hand.jsonl").read_text(encoding="utf-8") == ""  # no hand work yet


def test_a_link_at_the_target_is_replaced_not_written_through(db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (tmp_path / "r.md").symlink_to(victim)
    assert invoke(db, "report", "-f", "markdown", "-o", str(tmp_path / "r.md"))[0] == 0
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (tmp_path / "r.md").is_symlink()


@pytest.mark.parametrize("args", [["report", "-f", "markdown", "-o", "{tmp}/r.md"],
                                  ["report", "-f", "csv", "-o", "{tmp}/r.csv"],
                                  ["export", "{tmp}/out"],
                                  ["export", "--hand-work", "{tmp}/r.jsonl"]])
def test_a_full_disk_leaves_no_half_written_file_and_the_old_one_intact(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    (tmp_path / "out").mkdir()
    old = {name: f"old {name}" for name in ("r.md", "r-claims.csv", "r.jsonl", "out/report.md")}
    for name, text in old.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    real_fsync = os.fsync

    def full(fd: int) -> None:
        real_fsync(fd)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, err = invoke(db, *[a.format(tmp=tmp_path) for a in args])
    assert code == 1 and err.count("\n") == 1 and "No space left on device" in err
    for name, text in old.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text
    leftovers = [p.name for p in tmp_path.rglob("*.partial")]
    assert leftovers == []
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.md"]


def test_an_interrupted_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "r.md"

    def stop(out: object) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, stop)
    assert list(tmp_path.iterdir()) == []


def test_temporary_names_are_not_predictable(tmp_path: Path) -> None:
    names = set()
    for _ in range(3):
        atomic_write(tmp_path / "r.md", lambda out: names.update(
            p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")))
    assert len(names) == 3 and all(n.startswith(".r.md.") for n in names)
    assert (tmp_path / "r.md").stat().st_mode & 0o777 != 0o600  # the usual permissions


def test_check_target_alone(tmp_path: Path) -> None:
    with pytest.raises(UnsafeOutputError):
        check_target(tmp_path / "s.db", str(tmp_path / "s.db"))
    check_target(tmp_path / "fine.md", str(tmp_path / "s.db"))
    with pytest.raises(DataError, match="No such file"):
        atomic_write(tmp_path / "no" / "x.md", lambda out: None)
