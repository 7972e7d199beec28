"""The check on the store: the seeds, the example corpus, and stable ids across re-checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.store import Store
from verify.check import cross_check
from verify.ingest import ingest

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
needs_seeds = pytest.mark.skipif(not (SEEDS / "manifest.csv").is_file(),
                                 reason="the seed articles (../shared/seeds) are not here")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Store:
    if not (SEEDS / "manifest.csv").is_file():
        pytest.skip("the seed articles (../shared/seeds) are not here")
    store = Store(str(tmp_path_factory.mktemp("seeds") / "s.db"))
    ingest(store, sorted(SEEDS.glob("*.txt")), SEEDS / "manifest.csv")
    cross_check(store)
    return store


@needs_seeds
def test_seeds_flag_400k_against_half_a_million(seeds: Store) -> None:
    displaced = [c for c in seeds.list_conflicts() if c.key.get("kind") == "displaced"]
    assert any("half a million" in c.reason and "400,000" in c.reason for c in displaced)


@needs_seeds
def test_seeds_flag_the_announcement_of_30_august_against_the_start_of_september(
        seeds: Store) -> None:
    dates = [c for c in seeds.list_conflicts() if c.type.value == "date"]
    assert any("announced 30 Aug 2019" in c.reason and "announced 1-10 Sep 2019" in c.reason
               for c in dates)


@needs_seeds
def test_seeds_corroborate_3_million(seeds: Store) -> None:
    groups = [g for g in seeds.list_corroborations() if g.key.get("kind") == "population"]
    assert any("3 million" in g.reason and g.independent_sources == 2 for g in groups)
    assert not [c for c in seeds.list_conflicts() if c.key.get("kind") == "population"]


@needs_seeds
def test_seeds_sohr_and_osdh_never_conflict(seeds: Store) -> None:
    for c in seeds.list_conflicts():
        assert not (c.key.get("rule") == "same-figure" and "Observatory" in c.reason)


@needs_seeds
def test_seeds_war_total_never_meets_a_days_toll(seeds: Store) -> None:
    total = [c for c in seeds.list_claims(kind="killed") if c.low == 380_000]
    assert total, "extraction did not find the 380,000 war total"
    for result in [*seeds.list_conflicts(), *seeds.list_corroborations()]:
        assert total[0].id not in result.claim_ids


@needs_seeds
def test_conflict_ids_and_decisions_survive_a_recheck(seeds: Store) -> None:
    before = {c.id: c.fingerprint for c in seeds.list_conflicts()}
    after = {c.id: c.fingerprint for c in cross_check(seeds).conflicts}
    assert before == after and before


def test_example_corpus(tmp_path: Path) -> None:
    if not (EXAMPLES / "manifest.csv").is_file():
        pytest.skip("the example corpus is not written yet")
    store = Store(str(tmp_path / "e.db"))
    ingest(store, sorted(EXAMPLES.glob("*.md")), EXAMPLES / "manifest.csv")
    result = cross_check(store)
    for c in result.conflicts:
        assert len({store.get_claim(i).source_id for i in c.claim_ids}) > 1
        assert c.reason and c.severity_label in ("high", "medium", "low")
    assert result.conflicts or result.corroborations
