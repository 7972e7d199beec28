"""The subject vocabulary: which counted groups contain which."""

from __future__ import annotations

from claims.subjects import SUBJECTS, common, compatible, is_subset


def test_subsets() -> None:
    assert is_subset("children", "civilians")
    assert is_subset("children", "people")
    assert is_subset("regime fighters", "fighters")
    assert is_subset("rebels", "opposition fighters")
    assert not is_subset("civilians", "children")


def test_compatible() -> None:
    assert compatible("children", "civilians")
    assert compatible("people", "rebels")
    assert not compatible("civilians", "fighters")
    assert not compatible("regime fighters", "rebels")
    assert not compatible("families", "people")
    assert compatible(None, "civilians")


def test_common() -> None:
    assert common("civilians", "fighters") == "people"
    assert common("rebels", "jihadists") == "opposition fighters"
    assert common("families", "people") is None


def test_vocabulary_is_lower_case_plural() -> None:
    assert all(s == s.lower() and " " not in s.strip() or s.endswith("s") for s in SUBJECTS)
