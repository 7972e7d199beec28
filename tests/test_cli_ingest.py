"""The CLI end to end in process: ingest, listings and their JSON/CSV contract, bad input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.store import open_store
from tests.conftest import CLAIM_KEYS, SEEDS
from verify.cli import app

runner = CliRunner()
ARTICLE = (
    "---\ntitle: Floods in Lowvale\noutlet: Valley Post\npublished: 2023-04-02\n---\n"
    "At least 31 people were killed by the floods, the Red Cross said.\n"
    "More than 12,000 residents have fled their homes.\n"
)


def cli(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def dump(db: Path) -> list[tuple[object, ...]]:
    """Every row of every table: to prove a failed command changed nothing."""
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        return [row for t in sorted(tables) for row in conn.execute(f"select * from {t}")]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "flood.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_ingest_prints_a_line_per_file_and_a_second_run_adds_nothing(
    tmp_path: Path, article: Path
) -> None:
    db = tmp_path / "d.db"
    code, out, _ = cli(db, "ingest", str(article))
    assert code == 0
    assert out.splitlines()[0].startswith("added") and "flood.md" in out
    code, out, _ = cli(db, "ingest", str(article))
    assert code == 0
    assert out.splitlines()[0].startswith("unchanged")
    assert out.splitlines()[-1] == "1 sources: nothing new, all already stored."
    sources = json.loads(cli(db, "sources", "list", "--format", "json")[1])
    assert [(s["title"], s["outlet"], s["published"]) for s in sources] == [
        ("Floods in Lowvale", "Valley Post", "2023-04-02")
    ]


def test_sources_show_json_has_the_text_and_regions(tmp_path: Path, article: Path) -> None:
    db = tmp_path / "d.db"
    cli(db, "ingest", str(article))
    sid = json.loads(cli(db, "sources", "list", "-f", "json")[1])[0]["id"]
    [shown] = json.loads(cli(db, "sources", "show", sid[:6], "--format", "json")[1])
    assert shown["text"] == ARTICLE
    assert shown["regions"][0]["kind"] == "front-matter"


def test_claims_listing_json_and_csv_carry_the_contract(tmp_path: Path, article: Path) -> None:
    db = tmp_path / "d.db"
    cli(db, "ingest", str(article))
    code, out, err = cli(db, "claims", "list", "--format", "json")
    assert code == 0 and err == ""
    claims = json.loads(out)
    assert isinstance(claims, list)
    for c in claims:
        assert set(c) >= CLAIM_KEYS
        assert ARTICLE[c["start"] : c["end"]] == c["quote"]
    code, out, _ = cli(db, "claims", "list", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(claims)
    assert set(csv.DictReader(io.StringIO(out)).fieldnames or []) >= CLAIM_KEYS


def test_check_json_is_an_array_even_when_empty(tmp_path: Path) -> None:
    open_store(str(tmp_path / "d.db")).close()
    code, out, _ = cli(tmp_path / "d.db", "check", "--format", "json")
    assert code == 0
    assert isinstance(json.loads(out), list)


@pytest.mark.parametrize("command", [["claims", "list"], ["sources", "list"], ["check"],
                                     ["report"], ["conflicts", "list"], ["review"]])
def test_a_read_on_a_mistyped_store_creates_nothing(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "dsek.db"
    code, out, err = cli(db, *command)
    assert code == 2 and out == ""
    assert err == (f"Error: {db}: no store there; check --db (ingest, sources add and import "
                   "create one)\n")
    assert list(tmp_path.iterdir()) == []


def test_ingest_says_when_it_creates_a_store(tmp_path: Path, article: Path) -> None:
    code, _, err = cli(tmp_path / "new.db", "ingest", str(article))
    assert code == 0 and err == f"Created a new store at {tmp_path / 'new.db'}\n"
    code, _, err = cli(tmp_path / "new.db", "ingest", str(article))
    assert code == 0 and err == ""


def test_seeds_ingest_with_manifest(tmp_path: Path, seed_paths: list[Path]) -> None:
    db = tmp_path / "desk.db"
    code, out, _ = cli(
        db, "ingest", *map(str, seed_paths), "--manifest", str(SEEDS / "manifest.csv")
    )
    assert code == 0
    assert len([line for line in out.splitlines() if line.startswith("added")]) == 5
    sources = json.loads(cli(db, "sources", "list", "-f", "json")[1])
    assert {(s["outlet"], s["published"]) for s in sources} >= {
        ("Reuters (republished)", "2019-08-30"),
        ("EA WorldView", "2019-09-10"),
    }
    texts = {p.name: p.read_bytes().decode("utf-8") for p in seed_paths}
    for c in json.loads(cli(db, "claims", "list", "-f", "json")[1]):
        assert texts[Path(c["source_path"]).name][c["start"] : c["end"]] == c["quote"]


def test_a_manifest_beside_the_articles_is_read_when_none_is_given(tmp_path: Path) -> None:
    folder = tmp_path / "desk-files"
    folder.mkdir()
    (folder / "quake.txt").write_text("Rescuers said 40 people died when the dam gave way.\n")
    (folder / "manifest.csv").write_text(
        "path,title,outlet,published,url,language\n"
        "quake.txt,Dam bursts,Hill Courier,2022-03-14,https://courier.example/dam,en\n")
    db = tmp_path / "desk.db"
    code, _out, err = cli(db, "ingest", str(folder))
    assert code == 0 and "manifest.csv (no --manifest given)" in err
    [source] = json.loads(cli(db, "sources", "list", "-f", "json")[1])
    assert (source["outlet"], source["published"]) == ("Hill Courier", "2022-03-14")
    # one named with --manifest is the one read, and the one beside is not
    other = tmp_path / "other.csv"
    other.write_text("path,outlet,published\ndesk-files/quake.txt,Plains Daily,2022-03-15\n")
    db2 = tmp_path / "desk2.db"
    code, _out, err = cli(db2, "ingest", str(folder / "quake.txt"), "--manifest", str(other))
    assert code == 0 and "no --manifest given" not in err
    [source] = json.loads(cli(db2, "sources", "list", "-f", "json")[1])
    assert (source["outlet"], source["published"]) == ("Plains Daily", "2022-03-15")


BAD = "b\xe9d".encode("latin-1")


@pytest.mark.parametrize(
    ("make", "args", "code", "message"),
    [
        (None, ["ingest", "{tmp}/missing.txt"], 2, "missing.txt: no such file or folder"),
        ("empty_dir", ["ingest", "{tmp}/emptydir"], 2, "folder holds no articles"),
        ("binary", ["ingest", "{tmp}/pic.txt"], 1, "pic.txt: binary file"),
        ("latin1", ["ingest", "{tmp}/old.txt"], 1, "old.txt: not valid utf-8 (byte 0xe9"),
        ("empty", ["ingest", "{tmp}/empty.txt"], 1, "empty.txt: empty file"),
        (
            "bad_manifest",
            ["ingest", "{tmp}/ok.txt", "--manifest", "{tmp}/m.csv"],
            1,
            "m.csv:2: published date 'last week' is not a date",
        ),
        (
            "missing_in_manifest",
            ["ingest", "{tmp}/ok.txt", "--manifest", "{tmp}/m.csv"],
            1,
            "m.csv:2: file 'gone.txt' does not exist",
        ),
        (None, ["claims", "list", "--format", "xml"], 2, "'xml' is not one of"),
        (None, ["claims", "list", "--kind", "wounded"], 2, "unknown kind 'wounded'"),
        (None, ["claims", "show", "cdeadbeef"], 2, "no claim with id 'cdeadbeef'"),
        (None, ["sources", "show", "ffff0000"], 2, "no source with id 'ffff0000'"),
        (None, ["bogus"], 2, "No such command 'bogus'"),
    ],
    ids=[
        "missing-file",
        "empty-folder",
        "binary",
        "latin-1",
        "empty-file",
        "manifest-bad-date",
        "manifest-missing-path",
        "unknown-format",
        "unknown-kind",
        "unknown-claim",
        "unknown-source",
        "unknown-command",
    ],
)
def test_bad_input_gets_one_line_an_exit_code_and_an_unchanged_store(
    tmp_path: Path, article: Path, make: str | None, args: list[str], code: int, message: str
) -> None:
    db = tmp_path / "d.db"
    assert cli(db, "ingest", str(article))[0] == 0
    before = dump(db)
    (tmp_path / "ok.txt").write_text("Nine people were killed.", encoding="utf-8")
    makers = {
        "empty_dir": lambda: (tmp_path / "emptydir").mkdir(),
        "binary": lambda: (tmp_path / "pic.txt").write_bytes(b"\x89PNG\x00\x00\x01"),
        "latin1": lambda: (tmp_path / "old.txt").write_bytes(BAD),
        "empty": lambda: (tmp_path / "empty.txt").write_bytes(b""),
        "bad_manifest": lambda: (tmp_path / "m.csv").write_text(
            "path,published\nok.txt,last week\n"
        ),
        "missing_in_manifest": lambda: (tmp_path / "m.csv").write_text("path\ngone.txt\n"),
    }
    if make:
        makers[make]()
    exit_code, out, err = cli(db, *[a.format(tmp=tmp_path) for a in args])
    assert exit_code == code
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("Error: ") and message in err
    assert "Traceback" not in err + out
    assert dump(db) == before


def test_a_batch_with_one_bad_file_stores_none_of_it(tmp_path: Path, article: Path) -> None:
    db = tmp_path / "d.db"
    (tmp_path / "old.txt").write_bytes(BAD)
    code, _, err = cli(db, "ingest", str(article), str(tmp_path / "old.txt"))
    assert code == 1 and "old.txt" in err
    assert not db.exists()  # everything is read before the store is opened


def test_a_store_that_is_not_a_crosscheck_database(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("not sqlite " * 100)
    code, _, err = cli(db, "sources", "list")
    assert code == 1
    assert err.strip() == f"Error: {db}: not a crosscheck store (not an SQLite database)"


def test_crosscheck_db_environment_variable_picks_the_store(
    tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CROSSCHECK_DB", str(tmp_path / "env-picked.db"))
    assert runner.invoke(app, ["ingest", str(article)]).exit_code == 0
    assert (tmp_path / "env-picked.db").exists()


def test_an_article_without_a_date_is_flagged_at_ingest(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("Nine people were killed in Northtown.", encoding="utf-8")
    code, out, _ = cli(tmp_path / "d.db", "ingest", str(path))
    assert code == 0
    note = "(no publication date: only claims that give their own dates can be cross-checked)"
    assert note in out.splitlines()[0]


def test_a_failed_ingest_into_a_new_store_leaves_no_store_file(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_bytes(BAD)
    code, _, _ = cli(tmp_path / "new.db", "ingest", str(tmp_path / "old.txt"))
    assert code == 1
    assert not (tmp_path / "new.db").exists()


@pytest.mark.parametrize("how", ["option", "beside-the-store"])
def test_a_users_alias_file_names_more_bodies(tmp_path: Path, how: str) -> None:
    article = tmp_path / "a.md"
    article.write_text("---\npublished: 2023-04-02\n---\n"
                       "At least 14 people were killed, according to the PHD.\n", encoding="utf-8")
    table = tmp_path / ("aliases.csv" if how == "beside-the-store" else "mine.csv")
    table.write_text("canonical,variant,type\nProvincial Health Directorate,PHD,ngo\n",
                     encoding="utf-8")
    extra = ["--aliases", str(table)] if how == "option" else []
    assert cli(tmp_path / "d.db", "ingest", str(article), *extra)[0] == 0
    [claim] = json.loads(cli(tmp_path / "d.db", "claims", "list", "-f", "json")[1])
    assert (claim["attribution"], claim["attribution_text"]) == (
        "Provincial Health Directorate", "PHD")


def test_without_the_alias_file_the_body_stays_as_written(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("---\npublished: 2023-04-02\n---\n"
                       "At least 14 people were killed, according to the PHD.\n", encoding="utf-8")
    assert cli(tmp_path / "d.db", "ingest", str(article))[0] == 0
    [claim] = json.loads(cli(tmp_path / "d.db", "claims", "list", "-f", "json")[1])
    assert claim["attribution"] == "PHD"


def test_a_missing_alias_file_is_one_line(tmp_path: Path, article: Path) -> None:
    code, _, err = cli(tmp_path / "d.db", "ingest", str(article), "--aliases", "nope.csv")
    assert code == 1 and err.strip() == "Error: nope.csv: alias file not found"


def test_ingesting_again_without_the_manifest_keeps_every_claim(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    db = tmp_path / "desk.db"
    cli(db, "ingest", *map(str, seed_paths), "--manifest", str(SEEDS / "manifest.csv"))
    before = {c["id"] for c in json.loads(cli(db, "claims", "list", "-f", "json")[1])}
    code, out, _ = cli(db, "ingest", *map(str, seed_paths))  # no manifest: no dates this time
    assert code == 0
    assert all(line.startswith("unchanged") for line in out.splitlines()[:-1]), out
    after = {c["id"] for c in json.loads(cli(db, "claims", "list", "-f", "json")[1])}
    assert after == before


def test_a_claim_a_decision_stands_on_is_kept_when_re_extraction_drops_it(tmp_path: Path) -> None:
    from claims.model import Claim, Conflict, Decision, Kind, Quantity, Source, Span, Verdict
    from claims.store import open_store

    text = "Shelling killed 14 people. Later 20 people were killed."
    src = Source(id=Source.id_for(text), text=text, path="a.txt")
    one, two = (Claim(source_id=src.id, kind=Kind.killed, quantity=Quantity(low=n, high=n),
                      span=Span.of(text, text.index(q), text.index(q) + len(q)))
                for n, q in ((14, "killed 14 people"), (20, "20 people were killed")))
    with open_store(str(tmp_path / "d.db")) as store:
        store.save_source(src, [one, two])
        conflict = Conflict(type="figure", severity=0.5, severity_label="medium", reason="r",
                            claim_ids=[one.id, two.id])
        store.replace_conflicts([conflict])
        store.save_decision(Decision(conflict_id=conflict.id, verdict=Verdict.resolved,
                                     claim_id=two.id, reviewer="ana",
                                     decided_at=dt.datetime(2024, 1, 1)))
        outcome = store.save_source(src, [])  # a later extractor finds neither
        kept = {c.id for c in store.list_claims()}
    assert outcome.dropped == 0 and kept == {one.id, two.id}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "-f", "markdown", "-o", "{tmp}/no/such/folder/r.md"],
         "No such file or directory"),
        (["report", "-f", "markdown", "-o", "{tmp}"], "Is a directory"),
        (["export", "{tmp}/flood.md"], "exists"),
        (["ingest", "{tmp}/flood.md", "--manifest", "{tmp}"], "is a folder, not a manifest CSV"),
    ],
    ids=["output-folder-missing", "output-is-a-folder", "export-onto-a-file", "manifest-folder"],
)
def test_paths_the_system_refuses_are_one_line(
    tmp_path: Path, article: Path, args: list[str], message: str
) -> None:
    db = tmp_path / "d.db"
    assert cli(db, "ingest", str(article))[0] == 0
    code, _, err = cli(db, *[a.format(tmp=tmp_path) for a in args])
    assert code == 1 and len(err.strip().splitlines()) == 1 and message in err, err


@pytest.mark.parametrize(("db", "message"), [
    ("", "--db: give a store file or a database URL"),
    ("nosuchdialect://x", "nosuchdialect://x: cannot use this database"),
])
def test_a_store_that_cannot_be_used_is_one_line(db: str, message: str) -> None:
    result = runner.invoke(app, ["--db", db, "sources", "list"])
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {message}")


def test_a_manifest_listing_a_file_twice_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Nine people were killed.", encoding="utf-8")
    (tmp_path / "m.csv").write_text("path,published\na.txt,2019-08-06\na.txt,2020-08-06\n")
    code, _, err = cli(tmp_path / "d.db", "ingest", str(tmp_path / "a.txt"),
                       "--manifest", str(tmp_path / "m.csv"))
    assert code == 1 and "m.csv:3: 'a.txt' is listed twice" in err


def test_csv_and_messages_carry_no_escape_codes(tmp_path: Path) -> None:
    path = tmp_path / "esc.md"
    path.write_text("---\ntitle: \x1b[2JBreaking [bold]news[/bold]\npublished: 2020-01-02\n---\n"
                    "At least 31 people were killed.\x07\n", encoding="utf-8")
    db = tmp_path / "d.db"
    assert cli(db, "ingest", str(path))[0] == 0
    for listing in (["sources", "list"], ["claims", "list"]):
        out = cli(db, *listing, "-f", "csv")[1]
        assert "\x1b" not in out and "\x07" not in out
    assert "Breaking [bold]news[/bold]" in cli(db, "sources", "list", "-f", "csv")[1]
    target = tmp_path / "r[bold]x\x1b[2J.md"
    code, _, err = cli(db, "report", "-f", "markdown", "-o", str(target))
    assert code == 0 and "\x1b" not in err and "r[bold]x" in err
