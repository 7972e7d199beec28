"""The check reads no text (issue 12): each claim's sentence and each article's main province
are stored at ingest (and by the m008 migration for stores made before), and a check on those
finds exactly what a check on the texts finds, here and on a Dask cluster."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text, update

from claims import schema as s
from claims.store import Store, open_store
from claims.store_facts import article_place, sentence_around
from claims.store_open import migrate, open_engine
from sources.corpus import CorpusColumns
from tests.conftest import FAKES
from verify.check import CheckResult, cross_check, find_conflicts, partitions
from verify.hand import HandFields, add_hand_claim
from verify.ingest import ingest
from verify.settings import canonical_attributions, load_aliases, load_settings

pytestmark = pytest.mark.both


def on_texts(store: Store) -> CheckResult:
    """What the check finds when it works every fact out from the texts (as it did)."""
    claims = canonical_attributions(store.list_claims(), load_aliases(store))
    return find_conflicts(claims, store.list_sources(), load_settings(store))


def found(result: CheckResult) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Conflicts and corroborations by id, members, reason and severity."""
    conflicts = sorted((c.id, tuple(c.claim_ids), c.type.value, c.reason, c.severity,
                        c.severity_label, c.fingerprint) for c in result.conflicts)
    groups = sorted((g.id, tuple(g.claim_ids), g.reason, g.independent_sources)
                    for g in result.corroborations)
    return conflicts, groups


def blank_texts(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every stored text emptied, and reading a source with its text made an error."""
    with store.transaction() as conn:
        conn.execute(update(s.sources).values(text="", regions=[]))

    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("the check read a source's text")

    for name in ("list_sources", "find_sources", "find_source", "get_source"):
        monkeypatch.setattr(Store, name, refuse)


def stored_facts(store: Store) -> tuple[dict[str, str | None], dict[str, Any]]:
    with store.reading() as conn:
        places = dict(conn.execute(select(s.sources.c.id, s.sources.c.main_place)).all())
        rows = conn.execute(select(s.claims.c.id, s.claims.c.source_id, s.claims.c.start,
                                   s.claims.c.end, s.claims.c.sentence)).all()
    return places, {r.id: r for r in rows}


def test_ingest_stores_each_sentence_and_main_place(store: Store,
                                                    seed_paths: list[Path]) -> None:
    ingest(store, seed_paths)
    source = next(src for src in store.list_sources() if "more than 400,000" in src.text)
    claim, _ = add_hand_claim(store, source.id, "more than 400,000",
                              HandFields(kind="displaced"))
    places, rows = stored_facts(store)
    texts = {src.id: src for src in store.list_sources()}
    assert places == {sid: article_place(src) for sid, src in texts.items()}
    assert "Idlib province" in places.values()
    assert claim.id in rows and len(rows) > 20
    for r in rows.values():
        assert r.sentence == sentence_around(texts[r.source_id].text, r.start, r.end)
    assert "more than 400,000" in rows[claim.id].sentence


def test_the_check_reads_no_text_and_finds_what_it_found_on_texts(
        store: Store, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    ingest(store, seed_paths, manifest=seed_paths[0].parent / "manifest.csv")
    want = on_texts(store)
    assert len(want.conflicts) >= 2 and want.corroborations
    assert any(c.key.get("place_inferred") for c in want.conflicts)  # an article's main place
    blank_texts(store, monkeypatch)
    assert found(cross_check(store)) == found(want)


def test_migration_m008_fills_the_facts_of_an_old_store_from_its_texts(empty_db: str) -> None:
    body = ("Idlib, Syria. Shelling killed 14 people in Saraqib in Idlib province on Monday. "
            "Later 2,000 residents fled Ariha.")
    engine, _ = open_engine(empty_db, True)
    try:
        migrate(engine, empty_db, True, upto=7)
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO sources (id, text, regions, origin) VALUES "
                              "('s1', :body, '[]', 'ingest')"), {"body": body})
            for cid, quote in (("c1", "killed 14 people"), ("c2", "2,000 residents fled")):
                at = body.index(quote)
                conn.execute(text(
                    "INSERT INTO claims (id, source_id, kind, modality, quote, start, \"end\", "
                    "origin, status) VALUES (:id, 's1', 'killed', 'reported', :q, :a, :b, "
                    "'extracted', 'active')"), {"id": cid, "q": quote, "a": at,
                                                "b": at + len(quote)})
    finally:
        engine.dispose()
    with open_store(empty_db) as store:
        places, rows = stored_facts(store)
    assert places == {"s1": "Idlib province"}
    assert rows["c1"].sentence == "Shelling killed 14 people in Saraqib in Idlib province on Monday"
    assert rows["c2"].sentence == "Later 2,000 residents fled Ariha"


def test_partitions_keep_each_block_whole_and_balance_the_work() -> None:
    parts = partitions([50, 1, 1, 30, 20, 2], 3)
    assert sorted(i for p in parts for i in p) == [0, 1, 2, 3, 4, 5]
    assert sorted(sum([50, 1, 1, 30, 20, 2][i] for i in p) for p in parts) == [24, 30, 50]
    assert partitions([5], 8) == [[0]]


@pytest.mark.skipif(not FAKES.is_file(), reason=f"the FA-KES corpus is not at {FAKES}")
def test_on_fakes_the_check_on_stored_facts_and_on_a_cluster_finds_what_it_found_on_texts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("FA-KES once is enough: the stored facts are the same on both backends")
    distributed = pytest.importorskip("distributed")
    cols = CorpusColumns(text="article_content", title="article_title", outlet="source",
                         published="date", id="unit_id", date_format="%m/%d/%y")
    with open_store(str(tmp_path / "k.db")) as store:
        ingest(store, [FAKES], encoding="latin-1", corpus=cols)
        want = found(on_texts(store))
        assert len(want[0]) > 10
        blank_texts(store, monkeypatch)
        assert found(cross_check(store)) == want
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                      dashboard_address=None) as cluster:
            assert found(cross_check(store, scheduler=cluster.scheduler_address)) == want


def test_the_cli_checks_on_a_cluster_and_lists_what_it_lists_here(
        tmp_path: Path, seed_paths: list[Path], backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("the CLI on one backend is enough")
    distributed = pytest.importorskip("distributed")
    from typer.testing import CliRunner

    from verify.cli import app

    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        ingest(store, seed_paths, manifest=seed_paths[0].parent / "manifest.csv")
    here = CliRunner().invoke(app, ["--db", db, "check", "--format", "json"])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        there = CliRunner().invoke(app, ["--db", db, "check", "--format", "json",
                                         "--scheduler", cluster.scheduler_address])
    assert here.exit_code == there.exit_code == 0, there.stderr
    mine = [(c["id"], c["claim_ids"], c["reason"], c["severity"]) for c in json.loads(here.stdout)]
    assert len(mine) >= 2
    assert [(c["id"], c["claim_ids"], c["reason"], c["severity"])
            for c in json.loads(there.stdout)] == mine
