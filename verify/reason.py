"""The one-line reasons a person reads: what the group is, what each side says, how far apart,
and what else differs between the sides that a reader should weigh (or that nobody stated)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import lru_cache

from verify.compare import Finding
from verify.rows import BROAD_SUBJECTS, INCIDENT, TOTAL, UNKNOWN, ClaimRow


def _how_many(n: int, total: int) -> str:
    if n == total:
        return "both" if n == 2 else "all"
    return "one" if n == 1 else str(n)


# English month names, not the locale's (strftime's %b is both locale-bound and slow)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _month(day: dt.date) -> str:
    return _MONTHS[day.month - 1]


def most_common(values: Iterable[str]) -> str:
    """The value said most often, the first said on a tie (Counter's rule, without its cost)."""
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return max(counts, key=counts.__getitem__)


def months(days: Sequence[int]) -> str:
    """A span of days as months: "Aug 2019", "Aug-Sep 2019", "Dec 2019-Jan 2020"."""
    if not days:
        return "undated"
    first, last = dt.date.fromordinal(min(days)), dt.date.fromordinal(max(days))
    if (first.year, first.month) == (last.year, last.month):
        return f"{_month(first)} {first.year}"
    if first.year == last.year:
        return f"{_month(first)}-{_month(last)} {last.year}"
    return f"{_month(first)} {first.year}-{_month(last)} {last.year}"


@lru_cache(maxsize=65536)
def day_range(day0: int | None, day1: int | None) -> str:
    """A date: "31 Aug 2019", "1-10 Sep 2019"."""
    if day0 is None or day1 is None:
        return "undated"
    a, b = dt.date.fromordinal(day0), dt.date.fromordinal(day1)
    if a == b:
        return f"{a.day} {_month(a)} {a.year}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}-{b.day} {_month(a)} {a.year}"
    return f"{a.day} {_month(a)} {a.year}-{b.day} {_month(b)} {b.year}"


def day(d: int) -> str:
    """One day: "15 Jul 2018"."""
    return day_range(d, d)


def subject_of(rows: Sequence[ClaimRow]) -> str:
    """The group's subject as a reader says it: the narrowest one named."""
    named = [r.subject for r in rows if r.subject]
    if not named:
        return "people"
    narrow = [s for s in named if s.split(" (")[0] not in BROAD_SUBJECTS]
    if narrow:
        return most_common(narrow)
    civilians = [s for s in named if s.startswith("civilians")]
    return most_common(civilians) if civilians else most_common(named)


def place_of(rows: Sequence[ClaimRow]) -> str:
    """The group's place (the key says when some claims' place was inferred)."""
    return next((r.place for r in rows if r.place), None) or "place not stated"


def when(rows: Sequence[ClaimRow]) -> str:
    """The time a group is about: an incident's day, a total's start, else the months."""
    scopes = {r.scope for r in rows}
    days = [r.asof for r in rows if r.asof is not None]
    if scopes == {INCIDENT} and days:
        return day_range(min(days), max(days))
    starts = sorted({r.start for r in rows if r.start is not None})
    if scopes == {TOTAL} and starts:
        return f"since {day(starts[0])}"
    return months(days)


def heading(rows: Sequence[ClaimRow]) -> str:
    """"displaced, civilians, Idlib province, Aug-Sep 2019"."""
    kind = rows[0].kind
    if kind == "ceasefire":
        days = [d for r in rows for d in (r.day0, r.day1) if d is not None]
        return f"ceasefire, {place_of(rows)}, {months(days)}"
    return f"{kind}, {subject_of(rows)}, {place_of(rows)}, {when(rows)}"


def _citing(rows: Sequence[ClaimRow]) -> str:
    """Who the side cites, counted by article: "one citing United Nations", "unattributed"."""
    cited: dict[str, set[str]] = {}
    for r in rows:
        if r.attribution:
            cited.setdefault(r.attribution, set()).add(r.source_id)
    if not cited:
        return "unattributed"
    articles = len({r.source_id for r in rows})
    if articles == 1:
        return "citing " + " and ".join(sorted(cited))
    ranked = sorted(cited.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return ", ".join(f"{_how_many(len(ids), articles)} citing {body}" for body, ids in ranked)


def side_text(rows: Sequence[ClaimRow], independent: int, with_dates: bool = False) -> str:
    """One side: "more than 400,000 (2 sources, one citing United Nations)"."""
    if rows[0].kind == "ceasefire":
        what = f"{rows[0].event or 'ceasefire'} {day_range(rows[0].day0, rows[0].day1)}"
    else:
        what = most_common(r.figure for r in rows)
    articles = len({r.source_id for r in rows})
    if articles == 1:
        who = rows[0].label
    elif independent == articles:
        who = f"{articles} sources"
    else:
        who = f"{articles} sources, {independent} independent"
    dated = ""
    if with_dates:
        days = sorted({r.asof for r in rows if r.asof is not None})
        # the day a count stands at: its period's end, else the publication day
        dated = ", as of " + ", ".join(day(d) for d in days[:3]) if days else ""
    return f"{what} ({who}{dated}, {_citing(rows)})"


def percent(gap: float) -> str:
    """A ratio as a percentage a reader takes in: "25%", "more than 1000%"."""
    if gap == float("inf") or gap > 10:
        return "more than 1000%"
    return f"{gap * 100:.0f}%"


def _values(sides: Sequence[Sequence[ClaimRow]], get: str) -> list[set[object]]:
    return [{getattr(r, get) for r in side} for side in sides]


def _versus(sets: list[set[object]], show: object) -> str | None:
    """"a vs b" when the sides differ on a value each states once, else None."""
    if any(len(s) != 1 for s in sets) or len({next(iter(s)) for s in sets}) < 2:
        return None
    return " vs ".join(show(next(iter(s))) for s in sets)  # type: ignore[operator]


def differences(sides: Sequence[Sequence[ClaimRow]], dated: bool = False) -> list[str]:
    """What else differs between the sides, and what the texts leave unsaid."""
    notes = []
    if (v := _versus(_values(sides, "subject"), lambda s: s or "unstated")) is not None:
        notes.append(f"subject {v}")
    if (v := _versus(_values(sides, "start"), lambda d: f"since {day(d)}" if d else "no start"
                     )) is not None:
        notes.append(f"period {v}")
    if not dated and sides[0][0].kind != "ceasefire" and (v := _versus(
            _values(sides, "asof"), lambda d: day(d) if d else "undated")) is not None:
        notes.append(f"as of {v}")
    members = [r for side in sides for r in side]
    unknown = sum(r.scope == UNKNOWN for r in members)
    if unknown and members[0].kind != "ceasefire":
        notes.append(f"scope (incident or total) not stated for {_how_many(unknown, len(members))}"
                     f" of the claims" if unknown < len(members) else
                     "no claim states its scope (incident or total)")
    undated = sum(r.asof is None and r.day0 is None for r in members)
    if undated:
        notes.append(f"date unknown for {_how_many(undated, len(members))} of the claims")
    inferred = sum(r.inferred for r in members)
    if inferred:
        notes.append(f"place taken from the article for {_how_many(inferred, len(members))}")
    return notes


def finding_reason(finding: Finding, independent: Sequence[int]) -> str:
    """The sentence for a finding; `independent` is the number of origins on each side."""
    head = heading(finding.members)
    dated = finding.rule == "timeline"
    pairs = zip(finding.sides, independent, strict=True)
    texts = [side_text(side, n, with_dates=dated) for side, n in pairs]
    notes = differences(finding.sides, dated)
    tail = f" ({'; '.join(notes)})" if notes else ""
    if finding.rule == "timeline":
        fall = finding.gap / (1 + finding.gap)  # 1,000 to 900 is a 10% fall
        return (f"{head}: fell from {texts[0]} to {' and '.join(texts[1:])}: "
                f"{percent(fall)} lower at a later date, though the count is cumulative{tail}")
    if finding.type == "date":
        days = f"{finding.gap:.0f} day{'' if round(finding.gap) == 1 else 's'}"
        return f"{head}: {' vs '.join(texts)}: {days} apart{tail}"
    if finding.rule == "same-body":
        return (f"{head}: {finding.body} cited with different figures: {' vs '.join(texts)}: "
                f"{percent(finding.gap)} apart{tail}")
    if finding.rule == "same-figure":
        return f"{head}: the same figure credited to different bodies: {' vs '.join(texts)}{tail}"
    if finding.rule == "self":
        return f"{head}: the article contradicts itself: {' vs '.join(texts)}{tail}"
    return f"{head}: {' vs '.join(texts)}: {percent(finding.gap)} apart{tail}"


def agreement_reason(rows: Sequence[ClaimRow], independent: int) -> str:
    """The sentence for agreeing claims: what they agree on and who stands behind it."""
    labels = sorted({r.label for r in rows})
    return (f"{heading(rows)}: {side_text(rows, independent)} agree; "
            f"{independent} independent sources ({', '.join(labels)})")


__all__ = ["agreement_reason", "day_range", "differences", "finding_reason", "heading",
           "months", "side_text", "subject_of", "when"]
