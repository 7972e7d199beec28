"""A desk on one store (issue 13): settings and aliases in the store, assignments, who else is
on a conflict, two people deciding one conflict or ingesting one article at once, and the
mixed-writes run of benchmarks/concurrency.py, short, on both databases."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.model import Verdict
from claims.store import open_store
from verify.cli import app
from verify.review import Decide, apply, open_review

pytestmark = pytest.mark.both
ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
A = ("---\ntitle: Floods in Lowvale\npublished: 2023-04-02\n---\n"
     "At least 31 people were killed by the floods in Lowvale, the Red Cross said.\n"
     "More than 12,000 residents have fled their homes in Lowvale.\n")
B = ("---\ntitle: Lowvale toll rises\npublished: 2023-04-03\n---\n"
     "Officials said 95 people were killed by the floods in Lowvale.\n"
     "About 3,000 residents have fled their homes in Lowvale.\n")


def run(db: str, *args: str, who: str = "ana") -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args], env={"CROSSCHECK_USER": who})
    return result.exit_code, result.stdout, result.stderr


def listing(db: str, *args: str, who: str = "ana") -> list[dict[str, object]]:
    code, out, err = run(db, *args, "-f", "json", who=who)
    assert code == 0, err
    return list(json.loads(out))


@pytest.fixture
def checked(db: str, tmp_path: Path) -> tuple[str, str]:
    """A store with two articles ingested and checked; the first conflict's id."""
    for name, text in (("a.md", A), ("b.md", B)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert run(db, "ingest", str(tmp_path / "a.md"), str(tmp_path / "b.md"))[0] == 0
    conflicts = listing(db, "check")
    assert conflicts
    return db, str(conflicts[0]["id"])


def test_settings_live_in_the_store_and_the_check_uses_them(checked: tuple[str, str]) -> None:
    db, _ = checked
    assert listing(db, "config", "get", "check.tolerance") == [
        {"key": "check.tolerance", "value": 0.1, "default": 0.1, "set": False}]
    assert listing(db, "config", "set", "check.tolerance", "9.5")[0]["value"] == 9.5
    assert listing(db, "check") == []  # 31 and 95 killed are within a ratio of 9.5
    code, _, err = run(db, "config", "set", "check.tolerence", "1")
    assert code == 2 and err.startswith("Error: unknown setting 'check.tolerence'; known: ")
    code, _, err = run(db, "config", "set", "check.tolerance", "--", "-1")
    assert code == 2 and "out of range" in err
    assert listing(db, "config", "unset", "check.tolerance")[0]["set"] is False
    assert listing(db, "check") != []


def test_aliases_in_the_store_name_bodies_for_hand_claims(db: str) -> None:
    code, out, err = run(db, "sources", "add", "--text", "On air: the LCC said 40 families "
                         "fled the river district.\n", "-f", "json")
    assert code == 0, err
    source = json.loads(out)[0]["id"]
    assert run(db, "aliases", "add", "Local Coordination Committees", "LCC", "--type",
               "monitor")[0] == 0
    assert run(db, "aliases", "add", "Local Coordination Committees", "LCC")[2] == (
        "already stored\n")
    assert listing(db, "aliases", "list") == [
        {"canonical": "Local Coordination Committees", "variant": "LCC", "type": "monitor"}]
    made = listing(db, "claims", "add", "--source", source, "--quote", "40 families fled",
                   "--kind", "displaced", "--attribution", "LCC")
    assert (made[0]["attribution"], made[0]["attribution_text"]) == (
        "Local Coordination Committees", "LCC")


def test_aliases_import_checks_the_whole_file_first(db: str, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text("canonical,variant,type\nRed Crescent,SARC,ngo\nRed Crescent,the RC,ngo\n")
    bad.write_text("canonical,variant,type\nRed Cross,ICRC,ngo\n,nameless,ngo\n")
    assert "Imported 2 new aliases of 2 in" in run(db, "aliases", "import", str(good))[2]
    assert run(db, "aliases", "import", str(good))[2].startswith("Imported 0 new aliases")
    code, _, err = run(db, "aliases", "import", str(bad))
    assert code == 1 and "line 3: canonical and variant must not be empty" in err
    assert [a["variant"] for a in listing(db, "aliases", "list")] == ["SARC", "the RC"]


def test_files_beside_a_sqlite_store_are_imported_on_first_use(tmp_path: Path,
                                                               backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("files beside a store are a store file's")
    db = str(tmp_path / "s.db")
    (tmp_path / "crosscheck.toml").write_text("[check]\ntolerance = 0.3\n")
    (tmp_path / "aliases.csv").write_text("canonical,variant,type\nRed Crescent,SARC,ngo\n")
    (tmp_path / "a.md").write_text(A, encoding="utf-8")
    code, _, err = run(db, "ingest", str(tmp_path / "a.md"))
    assert code == 0 and "Imported 1 settings from" in err and "Imported 1 aliases" in err
    assert listing(db, "config", "get", "check.tolerance")[0] == {
        "key": "check.tolerance", "value": 0.3, "default": 0.1, "set": True}
    assert listing(db, "aliases", "list")[0]["variant"] == "SARC"
    (tmp_path / "crosscheck.toml").write_text("[check]\ntolerance = 0.4\n")  # edited later
    assert listing(db, "config", "get", "check.tolerance")[0]["value"] == 0.4


def test_assign_then_mine_and_assignee(checked: tuple[str, str]) -> None:
    db, conflict = checked
    code, _, err = run(db, "conflicts", "assign", conflict, "--to", "bo")
    assert code == 0 and err == f"Assigned {conflict} to bo\n"
    [mine] = listing(db, "conflicts", "list", "--assignee", "bo")
    assert (mine["id"], mine["assignee"]) == (conflict, "bo")
    assert listing(db, "conflicts", "list", "--assignee", "ana") == []
    result = runner.invoke(app, ["--db", db, "review", "--mine"], input="q\n",
                           env={"CROSSCHECK_USER": "ana"})
    assert "Nothing assigned to you" in result.stdout
    result = runner.invoke(app, ["--db", db, "review", "--mine"], input="q\n",
                           env={"CROSSCHECK_USER": "bo"})
    assert "Conflict 1 of 1" in result.stdout and "Assigned to you by ana" in result.stdout
    code, _, err = run(db, "conflicts", "assign", conflict)
    assert code == 2 and "exactly one of --to NAME or --nobody" in err
    assert run(db, "conflicts", "assign", conflict, "--nobody")[0] == 0
    assert listing(db, "conflicts", "list", "--assignee", "bo") == []


def test_review_shows_who_else_has_the_conflict_open(checked: tuple[str, str]) -> None:
    db, conflict = checked
    with open_store(db) as store:
        store.set_review_position("bo", conflict)
    result = runner.invoke(app, ["--db", db, "review"], input="q\n",
                           env={"CROSSCHECK_USER": "ana"})
    assert "Open in bo's review too (since" in result.stdout
    with open_store(db) as store:  # ana's review, quit, is open no more
        assert [p.reviewer for p in store.open_reviews()] == ["bo"]


def test_two_people_deciding_one_conflict_both_end_in_the_history(
        checked: tuple[str, str]) -> None:
    db, conflict = checked
    with open_store(db) as store:  # both opened the conflict before either decided
        ana, bo = open_review(store, "ana"), open_review(store, "bo")
        said_ana = apply(store, ana, Decide(conflict, Verdict.real), who="ana")
        said_bo = apply(store, bo, Decide(conflict, Verdict.not_comparable), who="bo")
        history = [(d.reviewer, d.verdict) for d in store.decision_history()]
        current = store.get_conflict(conflict).decision
    assert said_ana == "saved: real"
    assert said_bo.startswith("saved: not-comparable\nNote: ana decided this conflict 'real' "
                              "at ") and "a moment before you; both verdicts are in the " \
                                        "history" in said_bo
    assert history == [("ana", Verdict.real), ("bo", Verdict.not_comparable)]
    assert current is not None and current.reviewer == "bo"
    code, _, err = run(db, "conflicts", "decide", conflict, "--verdict", "real", who="cy")
    assert code == 0 and err.startswith("Note: this replaces bo's verdict 'not-comparable'")


INGEST = ("import sys\nfrom verify.cli import app\n"
          "app(['--db', sys.argv[1], 'ingest', *sys.argv[2:]])")


def test_two_people_ingesting_one_article_at_once_store_it_once(db: str,
                                                                 tmp_path: Path) -> None:
    paths = []
    for i in range(12):  # the same articles for both, in the same and the other order
        paths.append(tmp_path / f"a{i}.md")
        paths[-1].write_text(A.replace("31", str(31 + i)), encoding="utf-8")
    orders = [list(map(str, paths)), list(map(str, reversed(paths)))]
    procs = [subprocess.Popen([sys.executable, "-c", INGEST, db, *order], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for order in orders]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    with open_store(db) as store:
        assert store.stats()["sources"] == 12
        claims = store.list_claims()
        assert len(claims) == len({c.id for c in claims}) == 24


def test_eight_processes_of_mixed_writes_lose_nothing(db: str, tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.concurrency import run as desk

    result = desk(db, procs=8, seconds=4, folder=tmp_path)
    assert result["writes attempted"] >= 8
    assert (result["failed"], result["database is locked"], result["missing"],
            result["doctor problems"]) == (0, 0, 0, 0), result
