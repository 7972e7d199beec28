"""`crosscheck sources add`, `claims add/edit/rm/history`, `import`: values, exit codes, and
bad input refused in one line with the store unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import verify.hand as hand
from claims.model import Source
from claims.store import open_store
from verify.cli import app, conflicts_cmd, review_cmd

if "import" not in {c.name for c in app.registered_commands}:  # until verify/cli wires it
    review_cmd.register(app, conflicts_cmd.app)

runner = CliRunner()
TEXT = "On air: the UN said more than 400,000 people have fled Idlib since April.\n"


@pytest.fixture(autouse=True)
def no_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fields come only from the options here; extraction has its own tests."""
    monkeypatch.setattr(hand, "extract_claims", lambda source, aliases=None: [])


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def records(db: Path, *args: str) -> list[dict[str, object]]:
    code, out, err = run(db, *args, "--format", "json")
    assert code == 0, err
    return list(json.loads(out))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    (tmp_path / "tv.txt").write_text(TEXT, encoding="utf-8")
    code, _, err = run(path, "sources", "add", "--title", "Evening news", "--outlet", "TV1",
                       "--published", "2019-08-31", "--text-file", str(tmp_path / "tv.txt"))
    assert code == 0, err
    return path


def source_id() -> str:
    return Source.id_for(TEXT)


def snapshot(db: Path) -> tuple[object, ...]:
    with open_store(str(db)) as store:
        return ([s.model_dump() for s in store.list_sources()],
                [c.record() for c in store.list_claims(include_inactive=True)],
                store.claim_history(), store.decision_history())


def add(db: Path, quote: str = "more than 400,000 people", *extra: str) -> dict[str, object]:
    return records(db, "claims", "add", "--source", source_id()[:8], "--quote", quote,
                   "--kind", "displaced", *extra)[0]


def test_sources_add(db: Path) -> None:
    [src] = records(db, "sources", "list")
    assert (src["id"], src["title"], src["outlet"], src["published"]) == (
        source_id(), "Evening news", "TV1", "2019-08-31")
    code, out, _ = run(db, "sources", "add", "--text", TEXT, "--format", "json")
    assert code == 0 and json.loads(out)[0]["id"] == source_id()
    assert len(records(db, "sources", "list")) == 1


def test_claims_add_anchors_and_reads_options(db: Path) -> None:
    made = add(db, "more than 400,000  people", "--low", "400,000", "--qualifier", "more than",
               "--attribution", "UN", "--place", "Idlib", "--note", "heard on TV")
    assert (made["quote"], made["low"], made["high"], made["origin"], made["created_by"]) == (
        "more than 400,000 people", 400_000, None, "hand", "tester")
    assert TEXT[int(str(made["start"])):int(str(made["end"]))] == made["quote"]
    assert (made["attribution"], made["place"], made["note"]) == (
        "United Nations", "Idlib province", "heard on TV")  # canonical, as extraction names them
    assert (made["attribution_text"], made["place_text"]) == ("UN", "Idlib")  # as typed


def test_claims_add_says_where_it_anchored(db: Path) -> None:
    code, _, err = run(db, "claims", "add", "--source", source_id()[:8], "--quote",
                       "the UN sayd more than 400,000 people", "--kind", "displaced")
    assert code == 0 and "fuzzy match" in err and "Anchored at 8:" in err


def test_edit_rm_history(db: Path) -> None:
    made = add(db)
    cid = str(made["id"])
    [edited] = records(db, "claims", "edit", cid[:7], "--low", "410000", "--place", "Idlib")
    assert (edited["low"], edited["place"], edited["place_text"]) == (
        410_000, "Idlib province", "Idlib")
    [removed] = records(db, "claims", "rm", cid)
    assert removed["status"] == "removed"
    assert records(db, "claims", "list") == []
    history = records(db, "claims", "history", cid)
    assert [(h["action"], h["field"], h["old"], h["new"], h["who"]) for h in history] == [
        ("add", None, None, None, "tester"), ("edit", "low", 400_000, 410_000, "tester"),
        ("edit", "place", None, "Idlib province", "tester"),
        ("edit", "place_text", None, "Idlib", "tester"),
        ("remove", "status", "active", "removed", "tester")]
    code, out, _ = run(db, "claims", "history", cid)
    assert code == 0 and "410000" in out and "removed" in out


def test_import_restores_exported_hand_work(db: Path, tmp_path: Path) -> None:
    add(db)
    from verify.handwork import export_hand_work

    jsonl = tmp_path / "hand.jsonl"
    with open_store(str(db)) as store, jsonl.open("w", encoding="utf-8") as out:
        export_hand_work(store, out)
    other = tmp_path / "other.db"
    [summary] = records(other, "import", str(jsonl))
    assert summary == {"sources": 1, "claims": 1, "changes": 1, "decisions": 0}
    [again] = records(other, "import", str(jsonl))
    assert set(again.values()) == {0}
    assert snapshot(other) == snapshot(db)


BAD = [
    (["claims", "add", "--source", "ffffffff", "--quote", "x", "--kind", "killed"], 2,
     "no source with id 'ffffffff'"),
    (["claims", "add", "--source", "{src}", "--quote", "nine hundred soldiers were wounded",
      "--kind", "killed"], 2, "--quote: not found in the source; nearest passage"),
    (["claims", "add", "--source", "{src}", "--quote", "400,000", "--kind", "killed",
      "--low", "500", "--high", "400"], 2, "--low 500 is above --high 400"),
    (["claims", "add", "--source", "{src}", "--quote", "400,000", "--kind", "killed",
      "--date", "last Sunday"], 2, "--date: 'last Sunday' is not an ISO date"),
    (["claims", "add", "--source", "{src}", "--quote", "400,000", "--kind", "eaten"], 2,
     "--kind: unknown kind 'eaten'"),
    (["claims", "add", "--source", "{src}", "--quote", "400,000"], 2, "give --kind"),
    (["claims", "add", "--source", "{src}", "--quote", "400,000", "--kind", "killed",
      "--low", "many"], 2, "--low: 'many' is not a whole number"),
    (["claims", "edit", "cdeadbeef", "--low", "1"], 2, "no claim with id 'cdeadbeef'"),
    (["claims", "edit", "{claim}", "--low", "500", "--high", "400"], 2,
     "low 500 is above high 400"),
    (["claims", "edit", "{claim}", "--date", "31/08/2019"], 2, "date: '31/08/2019' is not an ISO"),
    (["claims", "edit", "{claim}", "--kind", "eaten"], 2, "kind: Input should be"),
    (["claims", "edit", "{claim}"], 2, "nothing to change"),
    (["claims", "rm", "cdeadbeef"], 2, "no claim with id 'cdeadbeef'"),
    (["claims", "history", "cdeadbeef"], 2, "no claim with id 'cdeadbeef'"),
    (["sources", "add", "--title", "x", "--published", "yesterday", "--text", "12 killed"], 2,
     "--published: 'yesterday' is not a date"),
    (["sources", "add", "--title", "x"], 2, "exactly one of --text or --text-file"),
    (["sources", "add", "--text-file", "/nonexistent/t.txt"], 1,
     "/nonexistent/t.txt: no such file"),
    (["import", "/nonexistent/h.jsonl"], 1, "/nonexistent/h.jsonl: no such file"),
]


@pytest.mark.parametrize("args, code, message", BAD, ids=lambda v: str(v)[:50])
def test_bad_input_is_one_line_and_changes_nothing(
    db: Path, args: list[str], code: int, message: str
) -> None:
    cid = str(add(db)["id"])
    before = snapshot(db)
    args = [a.replace("{src}", source_id()[:8]).replace("{claim}", cid) for a in args]
    got, out, err = run(db, *args)
    assert (got, out) == (code, "")
    assert err.startswith("Error: ") and message in err and err.count("\n") == 1, err
    assert snapshot(db) == before


def test_a_bad_import_line_is_named_and_changes_nothing(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "source", "text": "x", "id": "s1"}\nnot json\n', encoding="utf-8")
    before = snapshot(db)
    code, _, err = run(db, "import", str(bad))
    assert code == 1 and f"{bad}:2: not JSON" in err
    assert snapshot(db) == before


def test_a_hand_made_source_from_a_file_keeps_its_line_endings(tmp_path: Path) -> None:
    text_file = tmp_path / "bulletin.txt"
    text_file.write_bytes(b"Evening bulletin\r\n40 families fled Ariha.\r\n")
    db = tmp_path / "h.db"
    result = CliRunner().invoke(app, ["--db", str(db), "sources", "add", "--title", "Bulletin",
                                      "--text-file", str(text_file), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    [source] = json.loads(result.stdout)
    shown = CliRunner().invoke(app, ["--db", str(db), "sources", "show", source["id"],
                                     "-f", "json"])
    assert json.loads(shown.stdout)[0]["text"] == "Evening bulletin\r\n40 families fled Ariha.\r\n"
