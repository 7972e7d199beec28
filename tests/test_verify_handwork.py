"""Hand work travels: export to JSON lines, import into another store, nothing lost, twice safe."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from claims.errors import DataError
from claims.model import Claim, Decision, Kind, Quantity, Source, Span, Status, Verdict
from claims.store import Store, open_store
from verify.handwork import export_hand_work, hand_work, import_hand_work

pytestmark = pytest.mark.both  # the tests of the store run on SQLite and PostgreSQL

TEXT = ("More than 400,000 people fled Idlib, the UN said. Others said more than half a million "
        "fled. In Hama, 30 civilians were killed.\n")
TV = "On the evening news: 45 civilians were killed in Hama, the SOHR said."


def at(source: Source, quote: str, kind: Kind = Kind.displaced, origin: str = "extracted",
       low: int | None = None) -> Claim:
    start = source.text.index(quote)
    return Claim(source_id=source.id, kind=kind, subject="people", origin=origin,
                 quantity=Quantity(low=low) if low else None, source_path=source.path,
                 span=Span.of(source.text, start, start + len(quote)))


def article() -> tuple[Source, list[Claim]]:
    source = Source(id=Source.id_for(TEXT), path="a.txt", outlet="Wire", text=TEXT)
    return source, [at(source, "More than 400,000 people", low=400_000),
                    at(source, "more than half a million", low=500_000),
                    at(source, "30 civilians", Kind.killed, low=30)]


def do_hand_work(store: Store) -> None:
    source, extracted = article()
    store.save_source(source, extracted)
    tv = Source(id=Source.id_for(TV), title="Evening news", outlet="TV1", text=TV,
                origin="hand", added_by="ana", published=dt.date(2019, 8, 31))
    store.add_source(tv)
    store.add_claim(at(tv, "45 civilians", Kind.killed, "hand", 45), who="ana")
    store.add_claim(at(source, "More than 400,000 people fled Idlib", origin="hand",
                       low=400_000), who="ana")  # supersedes extracted[0]
    store.edit_claim(extracted[1].id, {"low": 500_001, "place": "Idlib"}, who="ben")
    store.remove_claim(extracted[2].id, who="ben")
    for minute, verdict in ((1, Verdict.real), (2, Verdict.not_comparable)):
        store.save_decision(Decision(conflict_id="xabc123", verdict=verdict, note="n",
                                     reviewer="ana",
                                     decided_at=dt.datetime(2024, 5, 1, 9, minute, tzinfo=dt.UTC),
                                     fingerprint="f"))


def exported(store: Store) -> list[str]:
    out = io.StringIO()
    count = export_hand_work(store, out)
    lines = out.getvalue().splitlines()
    assert count == len(lines)
    return lines


def state(store: Store) -> dict[str, object]:
    return {"claims": sorted(json.dumps(c.record(), sort_keys=True)
                             for c in store.list_claims(include_inactive=True)),
            "work": sorted(json.dumps(x, sort_keys=True, default=str) for x in hand_work(store)),
            "conflict": store.stats()["decisions"]}


def test_export_holds_every_kind_of_hand_work(store: Store) -> None:
    do_hand_work(store)
    types = [json.loads(line)["type"] for line in exported(store)]
    assert types == sorted(types, key=["source", "claim", "change", "decision"].index)
    assert types.count("source") == 2  # the TV source, and the article hand work stands in
    assert types.count("claim") == 5  # 2 hand-made, 1 superseded, 1 edited, 1 removed
    assert types.count("decision") == 2


@pytest.mark.parametrize("target_has_article", [False, True])
def test_round_trip_loses_nothing_and_twice_adds_nothing(
    store: Store, tmp_path: Path, target_has_article: bool
) -> None:
    do_hand_work(store)
    lines = exported(store)
    with open_store(str(tmp_path / "other.db")) as other:
        if target_has_article:  # the same article ingested there before
            other.save_source(*article())
        summary = import_hand_work(other, lines)
        assert summary.claims + summary.changes + summary.decisions > 0
        assert state(other) == state(store)
        assert exported(other) == lines
        again = import_hand_work(other, lines)
        assert again.record() == {"sources": 0, "claims": 0, "changes": 0, "decisions": 0}
        assert state(other) == state(store)
        superseded = [c for c in other.list_claims(include_inactive=True)
                      if c.status is Status.superseded]
        assert len(superseded) == 1


def test_import_into_the_same_store_adds_nothing(store: Store) -> None:
    do_hand_work(store)
    before = state(store)
    assert import_hand_work(store, exported(store)).record() == dict.fromkeys(
        ("sources", "claims", "changes", "decisions"), 0)
    assert state(store) == before


@pytest.mark.parametrize("bad, message", [
    ("not json", "in.jsonl:2: not JSON"),
    ('{"type": "gossip"}', "in.jsonl:2: not a hand-work line"),
    ('{"type": "claim", "kind": "killed"}', "in.jsonl:2: bad claim"),
    ('{"type": "decision", "conflict_id": "x1", "verdict": "maybe"}', "in.jsonl:2: bad decision"),
])
def test_a_bad_line_is_named_and_nothing_is_written(
    store: Store, tmp_path: Path, bad: str, message: str
) -> None:
    do_hand_work(store)
    lines = exported(store)
    with open_store(str(tmp_path / "other.db")) as other:
        with pytest.raises(DataError, match=message):
            import_hand_work(other, [lines[0], bad, *lines[1:]], name="in.jsonl")
        assert other.list_sources() == [] and other.claim_history() == []


def test_a_claim_whose_source_is_missing_is_named(store: Store, tmp_path: Path) -> None:
    do_hand_work(store)
    claims_only = [line for line in exported(store) if '"type": "claim"' in line]
    with open_store(str(tmp_path / "other.db")) as other, \
            pytest.raises(DataError, match=r"<input>:1: its source \w+ is in neither"):
        import_hand_work(other, claims_only)


def test_export_command_writes_hand_work_that_imports_into_another_store(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from verify.cli import app

    runner = CliRunner()
    first, second, out = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "hand.jsonl"
    added = runner.invoke(app, ["--db", str(first), "sources", "add", "--title", "Radio bulletin",
                                "--text", "The mayor said 40 families fled the village."])
    assert added.exit_code == 0, added.stderr
    result = runner.invoke(app, ["--db", str(first), "export", "--hand-work", str(out)])
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(row["type"], row["title"]) for row in lines] == [("source", "Radio bulletin")]
    assert runner.invoke(app, ["--db", str(second), "import", str(out)]).exit_code == 0
    listed = runner.invoke(app, ["--db", str(second), "sources", "list", "-f", "json"])
    assert [s["title"] for s in json.loads(listed.stdout)] == ["Radio bulletin"]


def test_export_with_nothing_to_write_is_a_usage_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from verify.cli import app

    result = CliRunner().invoke(app, ["--db", str(tmp_path / "a.db"), "export"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: export: name a FOLDER for the report, or --hand-work FILE.jsonl")


def test_import_into_a_store_that_ingested_the_same_articles_keeps_every_extracted_claim(
    tmp_path: Path,
) -> None:
    from verify.ingest import ingest

    text = "At least 31 people were killed, the Red Cross said. 2,000 residents fled."
    article = tmp_path / "a.md"
    article.write_text("---\npublished: 2023-04-02\n---\n" + text, encoding="utf-8")
    with open_store(str(tmp_path / "one.db")) as one:
        [result] = ingest(one, [article])
        extracted = one.list_claims()
        source = one.get_source(result.source.id)
        quote = "2,000 residents fled"
        start = source.text.index(quote)
        hand = Claim(source_id=source.id, kind=Kind.displaced, origin="hand", created_by="ana",
                     quantity=Quantity(low=2000, high=2000, estimate=2000),
                     span=Span.of(source.text, start, start + len(quote)))
        one.add_claim(hand)
        out = io.StringIO()
        export_hand_work(one, out)
    with open_store(str(tmp_path / "two.db")) as two:
        ingest(two, [article])
        before = {c.id for c in two.list_claims(include_inactive=True)}
        import_hand_work(two, out.getvalue().splitlines())
        after = {c.id for c in two.list_claims(include_inactive=True)}
    assert len(extracted) >= 2
    assert before <= after and hand.id in after


def _exported(tmp_path: Path) -> tuple[list[dict[str, object]], str]:
    """A store with a hand-made source and claim, exported: its lines and the claim's id."""
    from verify.hand import HandFields, add_hand_claim, make_source

    with open_store(str(tmp_path / "from.db")) as one:
        source = make_source("In Ariha 40 families fled.", "Bulletin", "Radio", "2020-01-02")
        one.add_source(source)
        claim, _ = add_hand_claim(one, source.id, "40 families fled", HandFields(kind="displaced"))
        out = io.StringIO()
        export_hand_work(one, out)
    return [json.loads(line) for line in out.getvalue().splitlines()], claim.id


def test_a_bad_line_anywhere_in_an_import_writes_nothing(tmp_path: Path) -> None:
    lines, _ = _exported(tmp_path)
    claim = next(x for x in lines if x["type"] == "claim")
    claim["quote"] = "X" * len(str(claim["quote"]))  # same length: the span check must catch it
    with open_store(str(tmp_path / "to.db")) as two:
        with pytest.raises(DataError, match="does not match"):
            import_hand_work(two, [json.dumps(x) for x in lines], "hand.jsonl")
        assert two.list_sources() == [] and two.list_claims(include_inactive=True) == []


def test_an_imported_change_that_would_break_a_claim_is_refused(tmp_path: Path) -> None:
    lines, claim_id = _exported(tmp_path)
    bad = {"type": "change", "claim_id": claim_id, "action": "edit", "field": "high", "old": None,
           "new": 5, "who": "mallory", "at": "2024-01-01T00:00:00+00:00"}
    claim = next(x for x in lines if x["type"] == "claim")
    claim["low"] = 40
    with open_store(str(tmp_path / "to.db")) as two:
        with pytest.raises(DataError, match="leaves claim .* invalid"):
            import_hand_work(two, [json.dumps(x) for x in [*lines, bad]], "hand.jsonl")
        assert two.list_claims(include_inactive=True) == []
