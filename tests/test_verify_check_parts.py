"""The check in partitions (issue 12): a store larger than a partition is checked a partition
of articles, then a partition of blocks, at a time, here, in forked processes and on a Dask
cluster, and finds exactly what the check in memory finds: the same conflicts, the same ids."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from claims import schema as s
from claims.store import Store, open_store
from sources.corpus import CorpusColumns
from tests.conftest import FAKES
from verify import check_parts
from verify.check import CheckResult, cross_check
from verify.check_parts import Spill, load
from verify.ingest import ingest
from verify.settings import Settings, load_settings

pytestmark = pytest.mark.both

WHOLE = 10**9  # a partition larger than any store here: the check in memory


def found(result: CheckResult) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Conflicts and corroborations by id, members, reason, severity and fingerprint."""
    conflicts = [(c.id, tuple(c.claim_ids), c.type.value, c.reason, c.severity,
                  c.severity_label, c.fingerprint, c.key) for c in result.conflicts]
    groups = [(g.id, tuple(g.claim_ids), g.reason, g.independent_sources)
              for g in result.corroborations]
    return conflicts, groups


def with_workers(store: Store, workers: int) -> Settings:
    return dataclasses.replace(load_settings(store), workers=workers, parallel_from=1)


def test_spill_keeps_items_in_order_and_few_in_memory(tmp_path: Path) -> None:
    spill = Spill(tmp_path, "x", 4, held=40)
    for i in range(1003):
        spill.add(i % 2, i)
        assert sum(map(len, spill.held)) <= 40
    assert (tmp_path / "x0.pkl").exists() and not (tmp_path / "x2.pkl").exists()
    spill.flush()
    assert load(tmp_path / "x0.pkl") == list(range(0, 1003, 2))
    assert load(tmp_path / "x1.pkl", tmp_path / "x2.pkl") == list(range(1, 1003, 2))


@pytest.mark.parametrize("part_claims", [7, 40])
@pytest.mark.parametrize("workers", [1, 2])
def test_the_check_in_partitions_finds_what_the_check_in_memory_finds(
        store: Store, seed_paths: list[Path], part_claims: int, workers: int) -> None:
    ingest(store, seed_paths, manifest=seed_paths[0].parent / "manifest.csv")
    want = found(cross_check(store, with_workers(store, 1), part_claims=WHOLE))
    assert len(want[0]) >= 2 and want[1]
    assert found(cross_check(store, with_workers(store, workers),
                             part_claims=part_claims)) == want


def test_a_whole_in_another_article_counts_as_in_memory(
        store: Store, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    ingest(store, seed_paths, manifest=seed_paths[0].parent / "manifest.csv")
    with store.reading() as conn:
        rows = conn.execute(select(s.claims.c.id, s.claims.c.source_id, s.claims.c.kind)
                            .where(s.claims.c.kind == "killed")
                            .order_by(s.claims.c.id)).all()
    child = rows[0]
    parent = next(r for r in rows if r.source_id != child.source_id)
    with store.transaction() as conn:  # a hand edit may name any claim as the whole
        conn.execute(update(s.claims).where(s.claims.c.id == child.id)
                     .values(part_of=parent.id))
    want = found(cross_check(store, with_workers(store, 1), part_claims=WHOLE))
    looked_up: list[dict[str, float | None]] = []
    real = check_parts.outside_wholes

    def spy(*args: Any) -> dict[str, float | None]:
        looked_up.append(real(*args))
        return looked_up[-1]

    monkeypatch.setattr(check_parts, "outside_wholes", spy)
    for part_claims in (3, 11):
        assert found(cross_check(store, with_workers(store, 1),
                                 part_claims=part_claims)) == want
    assert [w.get(child.id) for w in looked_up if child.id in w]  # its whole was looked up


@pytest.mark.skipif(not FAKES.is_file(), reason=f"the FA-KES corpus is not at {FAKES}")
def test_on_fakes_partitions_here_forked_and_on_a_cluster_find_what_memory_finds(
        tmp_path: Path, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("FA-KES once is enough: the partitions are the same on both backends")
    distributed = pytest.importorskip("distributed")
    cols = CorpusColumns(text="article_content", title="article_title", outlet="source",
                         published="date", id="unit_id", date_format="%m/%d/%y")
    with open_store(str(tmp_path / "k.db")) as store:
        ingest(store, [FAKES], encoding="latin-1", corpus=cols)
        want = found(cross_check(store, with_workers(store, 1), part_claims=WHOLE))
        assert len(want[0]) > 10
        assert found(cross_check(store, with_workers(store, 1), part_claims=300)) == want
        assert found(cross_check(store, with_workers(store, 2), part_claims=700)) == want
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                      dashboard_address=None) as cluster:
            assert found(cross_check(store, scheduler=cluster.scheduler_address,
                                     part_claims=500)) == want
