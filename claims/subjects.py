"""The subject vocabulary of claims (who was counted) and which subjects contain which.

Subjects are lower-case plural nouns in a tree: children and women are civilians, civilians are
people; regime fighters, soldiers and opposition fighters (rebels, jihadists) are fighters.
Civilians and fighters are disjoint. "families" counts households, not people: its own root.
"""

from __future__ import annotations

PARENT: dict[str, str | None] = {
    "people": None,
    "civilians": "people",
    "children": "civilians",
    "women": "civilians",
    "journalists": "civilians",
    "aid workers": "civilians",
    "medical workers": "civilians",
    "men": "people",  # men may be civilians or fighters
    "refugees": "people",
    "fighters": "people",
    "regime fighters": "fighters",
    "soldiers": "fighters",
    "militants": "fighters",
    "opposition fighters": "fighters",
    "rebels": "opposition fighters",
    "jihadists": "opposition fighters",
    "families": None,
}
SUBJECTS = frozenset(PARENT)


def ancestors(subject: str) -> list[str]:
    """The subject and every subject containing it, innermost first."""
    chain: list[str] = []
    current: str | None = subject
    while current is not None and current not in chain:
        chain.append(current)
        current = PARENT.get(current)
    return chain


def is_subset(inner: str, outer: str) -> bool:
    """True when every `inner` is an `outer` (children within civilians; rebels within people)."""
    return outer in ancestors(inner)


def compatible(a: str | None, b: str | None) -> bool:
    """True when claims about a and b can count the same group (one contains the other).

    An unknown subject (None) is compatible with anything: the text did not say.
    """
    if a is None or b is None:
        return True
    return is_subset(a, b) or is_subset(b, a)


def common(a: str, b: str) -> str | None:
    """The smallest subject containing both a and b, if any (civilians and fighters: people)."""
    outer = ancestors(b)
    return next((s for s in ancestors(a) if s in outer), None)


__all__ = ["PARENT", "SUBJECTS", "ancestors", "common", "compatible", "is_subset"]
