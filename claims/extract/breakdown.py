"""Figures broken down by place: "21 civilians were killed in the area, 15 in Manbij and another
six in Tukhar" (parts of the first figure) and "150 bodies were counted in Hammouriya, 100 in Kfar
Batna and 67 in Saqba" (one list, a count for each place). The bare figures take the first
figure's kind and subject, and each figure its own place: the one written after it, or none."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claims.extract.rules import register
from claims.lexicon import Lexicon
from claims.model import Kind
from claims.places import province_of

if TYPE_CHECKING:
    from claims.extract.figures import Item, Reading

_FIRST = re.compile(r"[^;:!?\n]{0,60}")  # from the first figure to the first member: no stop
_MIN_MEMBERS = 2


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The breakdown's patterns, built from the lexicon's [breakdown] words once per language."""

    member: re.Pattern[str]  # a bare figure is followed by where it was counted: "15 in"
    between: re.Pattern[str]  # one member's figure to the next: its place, "and", "another"
    head: re.Pattern[str]  # the first figure of a list names its own place: "were counted in"


def _any(words: list[str]) -> str:
    """An alternation of lexicon words, their spaces kept within the line."""
    return "|".join(w.replace(r"\s+", r"[ \t]+") for w in words)


def _build(lex: Lexicon) -> _Patterns:
    b = lex["figures"]["breakdown"]
    at, joins, nxt, verbs = _any(b["at"]), _any(b["joins"]), _any(b["next"]), _any(b["verbs"])
    return _Patterns(
        re.compile(rf"[ \t]+(?:{at})[ \t]+(?=\S)"),
        re.compile(rf"[ \t]+(?:{at})[ \t]+[^;:.!?\d\n()]{{1,60}}?[ \t,]*(?:(?:{joins})[ \t]+)?"
                   rf"(?:(?:{nxt})[ \t]+)?"),
        re.compile(rf"[ \t]+(?:(?:{verbs})[ \t]+[a-z]+[ \t]+)?(?:{at})[ \t]+(?=[A-Z])"),
    )


def _patterns(r: Reading) -> _Patterns:
    return r.lex.derived("figures.breakdown", _build)


def _bare(r: Reading, x: Item) -> bool:
    return (x.figure.value is not None and x.phrase.head is None and x.phrase.subject is None
            and (x.kind is None or x.rule == "breakdown")
            and _patterns(r).member.match(r.text, x.figure.end) is not None)


def _joined(r: Reading, a: Item, b: Item) -> bool:
    return _patterns(r).between.fullmatch(r.text, a.figure.end, b.q_start) is not None


def _run(r: Reading, i: int) -> tuple[int, int, int] | None:
    """(first figure, first member, last member) of the breakdown holding item i, or None."""
    items = r.items
    if not _bare(r, items[i]):
        return None
    first = i
    while first > 0 and _bare(r, items[first - 1]) and _joined(r, items[first - 1], items[first]):
        first -= 1
    last = i
    while (last + 1 < len(items) and _bare(r, items[last + 1])
           and _joined(r, items[last], items[last + 1])):
        last += 1
    head = first - 1
    if head < 0 or last - first + 1 < _MIN_MEMBERS:
        return None
    h = items[head]
    if h.kind is None or h.rule == "breakdown" or h.figure.value is None:
        return None
    gap_from = max(h.end, h.phrase.end)
    if gap_from > items[first].q_start or not _FIRST.fullmatch(r.text, gap_from,
                                                               items[first].q_start):
        return None
    return head, first, last


@register("breakdown", "figure-kind", 'A bare figure in a breakdown by place after a figure '
          '("21 civilians were killed, 15 in Manbij and another six in Tukhar"; "150 bodies in '
          'Hammouriya, 100 in Kfar Batna"): the first figure\'s kind and subject; parts of it when '
          "they add up to it.")
def breakdown(r: Reading, i: int) -> Kind | None:
    found = _run(r, i)
    if found is None:
        return None
    head, first, last = found
    items, h = r.items, r.items[found[0]]
    total = sum(x.figure.value or 0 for x in items[first : last + 1])
    whole = total == h.figure.value
    if not whole and _patterns(r).head.match(r.text, max(h.end, h.phrase.end)) is None:
        return None
    item = items[i]
    item.like = head
    item.parent = head if whole else None
    nxt = items[i + 1].q_start if i < last else r.end
    item.window = (item.figure.start, nxt)
    h.window = (r.start if whole else h.figure.start, items[first].q_start)
    h.members = tuple(range(first, last + 1)) if whole else ()
    return h.kind


def place_of(r: Reading, item: Item) -> tuple[str | None, str | None]:
    """The place of a figure in a breakdown: the first one written in its own stretch of the
    sentence; for a whole with no place of its own, the province its parts are in."""
    assert item.window is not None
    lo, hi = item.window
    found = [m for m in r.ctx.places_in(r.start, r.end)
             if lo <= m.start and m.end <= hi and m.locative]
    if found:
        m = min(found, key=lambda m: m.start)
        return m.name, r.text[m.written_start : m.written_end]
    for j in item.members:
        place, _ = place_of(r, r.items[j])
        area = province_of(place) if place else None
        if area:
            return area, None
    return None, None
