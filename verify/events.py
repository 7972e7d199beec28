"""Tolls of a whole event ("killed in the nine-month battle for Mosul", "in the first month of
the crackdown"): the event's place, and the article's other figures that are the same toll.

Such totals carry no dates but are comparable across articles on the same event: same kind,
subject and place, the same part of the event. One that ran its course is compared with every
report of it, however far apart they were published (see judge).
"""

from __future__ import annotations

from collections.abc import Sequence

from verify.rows import TOTAL, UNKNOWN, ClaimRow


def _country_holding(place: str, inner: str) -> bool:
    from claims.places import country_of, kind_of, place_within

    return kind_of(place) == "country" and (country_of(inner) == place
                                            or place_within(inner, place))


def event_places(rows: Sequence[ClaimRow], main_place: dict[str, str]) -> None:
    """An event's toll placed at a whole country ("Myanmar officials say 400 were killed in
    the crackdown") that holds the article's province is that province's event: the article
    is about it, and the country is how the text names a side or the state."""
    for r in rows:
        if r.event_part is None or r.place is None:
            continue
        inner = main_place.get(r.source_id)
        if inner and inner != r.place and _country_holding(r.place, inner):
            r.place = inner


def carry_events(rows: Sequence[ClaimRow], ratio: float) -> None:
    """A total or a figure of unknown scope with no period of its own, of the same kind and
    subject as the event toll its article reports, is that toll told again ("the death toll is
    closer to 80,000"): it takes the event, and its place when it has none. Only with one such
    event in the article and a figure within `ratio` of its toll."""
    events: dict[tuple[str, str, str], list[ClaimRow]] = {}
    for r in rows:
        if r.event_part is not None and not r.part:
            events.setdefault((r.source_id, r.kind, r.klass), []).append(r)
    for r in rows:
        if r.event_part is not None or r.part or r.scope not in (TOTAL, UNKNOWN) or r.start:
            continue
        if r.dated or r.kind == "ceasefire":
            continue
        found = events.get((r.source_id, r.kind, r.klass), [])
        keys = {(f.event_part, f.closed) for f in found}
        if len(keys) != 1:
            continue
        # a figure listed beside the toll in its sentence counts something else
        near = [f for f in found if f.sentence != r.sentence
                and max(f.value, r.value) <= ratio * max(min(f.value, r.value), 1)]
        if not near:
            continue
        f = near[0]
        r.scope, r.event_part, r.closed, r.period = TOTAL, f.event_part, f.closed, f.period
        r.carried = True
        if r.place is None or r.inferred:
            r.place, r.city, r.specific = f.place, f.city, f.specific


def small_totals(rows: Sequence[ClaimRow], ceiling: int) -> None:
    """A "total" with no start and a figure below an incident's size ("the death toll rose to
    30", "killed 40 in the army's operations") is most likely one incident's toll told as a
    toll: of unknown scope, so it meets incidents of its town and day, and is no running count
    that could fall. A part of an event, or an event run its course, keeps its scope."""
    for r in rows:
        whole = r.event_part is None or r.event_part == "" and not r.closed
        if (r.scope == TOTAL and r.start is None and whole
                and r.kind not in ("population", "ceasefire") and r.value < ceiling):
            r.scope, r.scope_stated, r.event_part = UNKNOWN, False, None


__all__ = ["carry_events", "event_places", "small_totals"]
