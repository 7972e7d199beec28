"""Shared fixtures: a store on tmp_path, the seeds and example corpus, a clean environment."""

from __future__ import annotations

from collections.abc import Iterator
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


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store on tmp_path."""
    with open_store(str(tmp_path / "store.db")) as s:
        yield s


@pytest.fixture
def seed_paths() -> list[Path]:
    """The five seed articles, skipping when ../shared is absent."""
    if not (SEEDS / "manifest.csv").is_file():
        pytest.skip(f"the seeds are not at {SEEDS}")
    return sorted(SEEDS.glob("*.txt"))
