"""The registry of extraction rules: each has a name, a stage, a sentence saying what it reads,
and the function that reads it. Extractors run a stage's rules in registration order, and
`claims show --explain` reads the same registry, so a rule that runs is a rule that explains."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Rule:
    """One extraction rule."""

    name: str
    stage: str  # which extractor runs it: "figure-kind", "ceasefire", "attribution", ...
    explanation: str
    fn: Callable[..., Any] | None = None


_REGISTRY: dict[str, Rule] = {}
_BY_STAGE: dict[str | None, tuple[Rule, ...]] = {}  # rules() per stage, until the next add()


def register(name: str, stage: str, explanation: str) -> Callable[[F], F]:
    """Register the decorated function as the rule `name` of `stage`."""

    def wrap(fn: F) -> F:
        add(Rule(name, stage, explanation, fn))
        return fn

    return wrap


def add(rule: Rule) -> None:
    """Register a rule; a name is registered once."""
    if rule.name in _REGISTRY and _REGISTRY[rule.name].fn is not rule.fn:
        raise ValueError(f"extraction rule {rule.name!r} is registered twice")
    _REGISTRY[rule.name] = rule
    _BY_STAGE.clear()


def _load_all() -> None:
    import claims.extract  # noqa: F401  (importing the extractors registers their rules)


def rules(stage: str | None = None) -> list[Rule]:
    """The registered rules (of one stage), in the order they were registered."""
    found = _BY_STAGE.get(stage)
    if found is None:  # asked once per figure: the stage's list is kept
        _load_all()
        found = _BY_STAGE[stage] = tuple(
            r for r in _REGISTRY.values() if stage is None or r.stage == stage)
    return list(found)


def explain(name: str) -> str:
    """One sentence saying what a rule matched; unknown rules say so."""
    _load_all()
    rule = _REGISTRY.get(name)
    return rule.explanation if rule else f"No extraction rule is called {name!r}."


__all__ = ["Rule", "add", "explain", "register", "rules"]
