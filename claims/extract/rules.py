"""The rules' names and what each matched, in a sentence: for `claims show ID --explain`."""

from __future__ import annotations

RULES: dict[str, str] = {
    "pre-trigger": "A figure right after a word naming what happened to the people counted "
    '("killed at least four", "displacement of more than 400,000", "home to 3 million").',
    "post-trigger": "A figure and the people it counts, followed in the same sentence by a verb "
    'saying what happened to them ("12 civilians ... were killed", "could be forced to flee").',
    "noun-kind": 'A figure whose noun carries the kind itself ("dozens dead", "5,000 refugees").',
    "share-of": 'A population figure behind a share ("most of its 140,000 residents"): '
    "the figure is the whole population, not the share.",
    "ceasefire-date": "A ceasefire (or truce) with a date written next to it, the event read from "
    "the nearest verb (announced, starts, broken), the date resolved against the publication day.",
    "ceasefire-relative": 'A ceasefire dated relative to another date ("four days after '
    'announcing a truce"), counted back from the date of the main clause or the publication day.',
}


def explain(rule: str) -> str:
    """One sentence saying what a rule matched; unknown rules say so."""
    return RULES.get(rule, f"No extraction rule is called {rule!r}.")
