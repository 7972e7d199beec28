"""The filters every listing takes, with one meaning each and one owner: this module.

A claim filter (--kind, --place, --since/--until, --source, --attribution, --outlet) keeps the
claims that pass it; a conflict or an agreeing group is kept when any of its claims passes all
of them, and is shown whole, so a reader sees both sides. --type and --severity keep conflicts.
Each function checks one value as typed and refuses a value that cannot mean anything (an
unknown kind, a place nobody knows) in one line, rather than answering "no conflicts".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from claims.errors import NotFoundError, UsageError
from claims.model import Claim, Conflict, ConflictType, Kind, Source

if TYPE_CHECKING:
    from claims.aliases import AliasTable
    from claims.store import Store

SEVERITY_ORDER = {"low": 0, "medium": 1, "high": 2}


class ConflictSort(StrEnum):
    """Orders of a list of conflicts."""

    severity = "severity"  # most severe first (the default)
    date = "date"  # the latest article first
    kind = "kind"
    place = "place"
    type = "type"


class ClaimSort(StrEnum):
    """Orders of a list of claims."""

    source = "source"  # by article, in reading order (the default)
    date = "date"  # the latest article first
    kind = "kind"
    figure = "figure"  # the largest figure first
    place = "place"


@dataclass(frozen=True)
class Filters:
    """What a listing keeps; each filter left as None keeps everything. Build one with `check`
    (or the functions below) so every value is the canonical one the store holds."""

    kind: str | None = None
    place: str | None = None
    since: dt.date | None = None  # publication date, inclusive
    until: dt.date | None = None
    source: str | None = None  # a source id (or a unique prefix, or its path, before `check`)
    attribution: str | None = None  # the canonical body, or a name it goes by before `check`
    outlet: str | None = None  # words of the outlet's name, any case
    type: str | None = None  # figure, date or attribution
    severity: str | None = None  # this label or worse: low, medium, high
    sort: str | None = None  # a ConflictSort or ClaimSort value
    limit: int | None = None  # at most this many conflicts

    def active(self) -> dict[str, Any]:
        """The filters that were given, named as options are, for a report's header."""
        given = {k: getattr(self, k) for k in self.__dataclass_fields__}
        return {k: v.isoformat() if isinstance(v, dt.date) else v
                for k, v in given.items() if v is not None}

    def claim_filters(self) -> bool:
        """True when any filter on claims (not only on conflicts) is given."""
        return any(v is not None for v in (self.kind, self.place, self.since, self.until,
                                           self.source, self.attribution, self.outlet))


# -- one function per filter: each takes the value as typed and returns the canonical one ------

def kind(value: str | None) -> str | None:
    """--kind: one of the model's kinds, any case."""
    if value is None:
        return None
    wanted = value.strip().casefold()
    if wanted not in Kind.__members__:
        raise UsageError(f"--kind: unknown kind {value!r} (one of {', '.join(Kind)})")
    return wanted


def place(value: str | None, stored: Callable[[], Iterable[str | None]] = tuple) -> str | None:
    """--place: a place the gazetteer knows (canonical name) or one a stored claim names."""
    if value is None:
        return None
    from claims.places import resolve_place

    wanted = value.strip()
    found = resolve_place(wanted)
    if found:
        return found
    match = next((p for p in stored() if p and p.casefold() == wanted.casefold()), None)
    if match is None:
        raise UsageError(f"--place: no place {value!r} in the gazetteer or in any stored claim")
    return match


def day(value: str | dt.date | dt.datetime | None, option: str) -> dt.date | None:
    """A day as YYYY-MM-DD (or a date already parsed) for --since or --until."""
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a day (YYYY-MM-DD)") from None


def dates(since: str | dt.date | None, until: str | dt.date | None
          ) -> tuple[dt.date | None, dt.date | None]:
    """--since and --until: days, publication dates inclusive, the first not after the second."""
    first, last = day(since, "--since"), day(until, "--until")
    if first is not None and last is not None and first > last:
        raise UsageError(f"--since {first} is after --until {last}: nothing could match")
    return first, last


def source(value: str | None, sources: Sequence[Source]) -> str | None:
    """--source: a source id, a unique id prefix (4 characters or more), its path or file name."""
    if value is None:
        return None
    wanted = value.strip()
    by_path = [s.id for s in sources if s.path and wanted in (s.path, Path(s.path).name)]
    by_id = [s.id for s in sources if len(wanted) >= 4 and s.id.startswith(wanted)]
    found = by_path or by_id
    if len(found) == 1:
        return found[0]
    if found:
        raise NotFoundError(f"--source: {value!r} names {len(found)} sources: give more of the id")
    if len(wanted) < 4 and not by_path:
        raise NotFoundError(f"--source: {value!r} is too short: give 4 characters of an id or more")
    raise NotFoundError(f"--source: no source with the id or path {value!r}")


def attribution(value: str | None, aliases: AliasTable | None = None,
                stored: Callable[[], Iterable[str | None]] = tuple) -> str | None:
    """--attribution: a body by its canonical name or any alias ("OSDH" is SOHR)."""
    if value is None:
        return None
    from claims.aliases import default_aliases, normalise

    canonical = (aliases or default_aliases()).lookup(value)
    if canonical:
        return canonical
    key = normalise(value)
    match = next((b for b in stored() if b and normalise(b) == key), None)
    if match is None:
        raise UsageError(f"--attribution: no body {value!r} in the alias table or any claim")
    return match


def outlet(value: str | None, outlets: Iterable[str | None]) -> str | None:
    """--outlet: words of an outlet's name, any case; at least one stored source must match."""
    if value is None:
        return None
    wanted = " ".join(value.split()).casefold()
    names = sorted({o for o in outlets if o})
    if not wanted or not any(wanted in o.casefold() for o in names):
        known = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
        raise UsageError(f"--outlet: no outlet matches {value!r} (outlets: {known or 'none'})")
    return wanted


def conflict_type(value: str | None) -> str | None:
    """--type: figure, date or attribution."""
    if value is None:
        return None
    wanted = value.strip().casefold()
    if wanted not in {t.value for t in ConflictType}:
        raise UsageError(f"--type: {value!r} is not a conflict type (figure, date, attribution)")
    return wanted


def severity(value: str | None) -> str | None:
    """--severity: a label; conflicts this severe or worse are kept."""
    if value is None:
        return None
    wanted = value.strip().casefold()
    if wanted not in SEVERITY_ORDER:
        raise UsageError(f"--severity: {value!r} is not a severity (low, medium, high)")
    return wanted


def sort(value: str | None, orders: type[StrEnum] = ConflictSort) -> str | None:
    """--sort: one of the orders the listing knows."""
    if value is None:
        return None
    wanted = value.strip().casefold()
    known = [o.value for o in orders]  # type: ignore[attr-defined]
    if wanted not in known:
        raise UsageError(f"--sort: {value!r} is not an order here (one of {', '.join(known)})")
    return wanted


def limit(value: int | None) -> int | None:
    """--limit: a count, 0 or more."""
    if value is not None and value < 0:
        raise UsageError(f"--limit: {value} is below 0")
    return value


def check(f: Filters, store: Store, aliases: AliasTable | None = None,
          orders: type[StrEnum] = ConflictSort, sources: Sequence[Source] | None = None
          ) -> Filters:
    """`f` with every value checked against the store and made canonical."""
    known = store.list_sources() if sources is None else sources
    since, until = dates(f.since, f.until)
    if f.attribution is not None and aliases is None:
        aliases = _aliases(store)
    return replace(
        f, kind=kind(f.kind), since=since, until=until, source=source(f.source, known),
        place=place(f.place, lambda: {r.place for r in store.claim_index()}),
        attribution=attribution(f.attribution, aliases,
                                lambda: {c.attribution for c in store.list_claims()}),
        outlet=outlet(f.outlet, (s.outlet for s in known)), type=conflict_type(f.type),
        severity=severity(f.severity), sort=sort(f.sort, orders), limit=limit(f.limit))


# -- what the filters keep ----------------------------------------------------------------------

class ClaimRef(NamedTuple):
    """A claim as far as the filters look at it."""

    id: str
    source_id: str
    place: str | None
    attribution: str | None = None


def keeps_source(src: Source, f: Filters) -> bool:
    """The source filters: one source, an outlet's, published within the days given."""
    if f.source is not None and src.id != f.source:
        return False
    if f.outlet is not None and f.outlet not in (src.outlet or "").casefold():
        return False
    if f.since is None and f.until is None:
        return True
    if src.published is None:
        return False
    return (f.since is None or src.published >= f.since) and (
        f.until is None or src.published <= f.until)


def keeps_claim(ref: ClaimRef, article_place: Callable[[], str | None], f: Filters,
                body: Callable[[str], str] = str) -> bool:
    """The claim filters that look at the claim itself (its source passed keeps_source);
    `body` gives the canonical name of the body a claim is credited to."""
    if f.attribution is not None and (
            not ref.attribution or body(ref.attribution).casefold() != f.attribution.casefold()):
        return False
    return at_place(ref.place, article_place, f.place)


def at_place(stated: str | None, article_place: Callable[[], str | None], wanted: str | None
             ) -> bool:
    """A claim is about a place when it says so, or, saying nowhere, when its article is: the
    inference the check makes when it groups claims. Towns count for their province."""
    if wanted is None:
        return True
    from claims.store import in_place

    where = stated or article_place()
    return where is not None and in_place(where, wanted)


def severity_labels(wanted: str | None) -> tuple[str, ...] | None:
    """The labels --severity keeps: this one and every worse one (None: all of them). The
    store's paged reader asks for these labels, so a query and keeps_conflict agree."""
    if wanted is None:
        return None
    return tuple(k for k, n in SEVERITY_ORDER.items() if n >= SEVERITY_ORDER[wanted])


def keeps_conflict(conflict: Conflict, kept: Mapping[str, object], f: Filters) -> bool:
    """A conflict of the type and severity asked, with any claim among those `kept`."""
    if f.type is not None and conflict.type.value != f.type:
        return False
    labels = severity_labels(f.severity)
    if labels is not None and conflict.severity_label not in labels:
        return False
    return any(i in kept for i in conflict.claim_ids)


class ArticlePlaces(dict[str, str | None]):
    """Each source's main place, worked out once, when a claim without a place needs it."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        super().__init__()
        self._sources = sources

    def __missing__(self, source_id: str) -> str | None:
        from verify.group import article_place

        self[source_id] = article_place(self._sources[source_id])
        return self[source_id]


def claim_refs(store: Store, f: Filters) -> list[ClaimRef]:
    """Every active claim of the kind asked, as little of it as the filters need, in order."""
    if f.attribution is None:
        return [ClaimRef(r.id, r.source_id, r.place) for r in store.claim_index(kind=f.kind)]
    return [ClaimRef(c.id, c.source_id, c.place, c.attribution)
            for c in store.list_claims(kind=f.kind)]


def kept_claims(store: Store, f: Filters, sources: Mapping[str, Source],
                aliases: AliasTable | None = None) -> dict[str, str]:
    """Claim id to source id of every claim the filters keep (`sources` passed keeps_source).
    A claim's body is compared by its canonical name: "SOHR" on a hand claim is the
    Syrian Observatory for Human Rights, as --attribution OSDH asks."""
    places = ArticlePlaces(sources)
    body = _canonical(aliases or _aliases(store)) if f.attribution else str
    return {r.id: r.source_id for r in claim_refs(store, f)
            if r.source_id in sources
            and keeps_claim(r, lambda sid=r.source_id: places[sid], f,  # type: ignore[misc]
                            body)}


def _aliases(store: Store) -> AliasTable:
    """The alias table the store's check uses: shipped, plus an aliases.csv beside it."""
    from verify.settings import load_aliases

    return load_aliases(store.db)


def _canonical(aliases: AliasTable) -> Callable[[str], str]:
    names: dict[str, str] = {}

    def body(name: str) -> str:
        if name not in names:
            names[name] = aliases.lookup(name) or name
        return names[name]

    return body


def conflict_key(f: Filters, sources: Mapping[str, Source], source_of: Mapping[str, str]
                 ) -> Callable[[Conflict], tuple[Any, ...]]:
    """The sort key of --sort for conflicts; ties most severe first, then by id."""
    order = f.sort or ConflictSort.severity.value

    def latest(c: Conflict) -> int:
        days = [sources[source_of[i]].published for i in c.claim_ids
                if i in source_of and source_of[i] in sources]
        return -max((d.toordinal() for d in days if d), default=0)

    field: Callable[[Conflict], Any] = {
        "severity": lambda c: 0, "date": latest, "type": lambda c: c.type.value,
        "kind": lambda c: str(c.key.get("kind") or ""),
        "place": lambda c: str(c.key.get("place") or "~"),
    }[order]
    return lambda c: (field(c), -c.severity, c.id)


def claim_key(f: Filters, sources: Mapping[str, Source]) -> Callable[[Claim], tuple[Any, ...]]:
    """The sort key of --sort for claims; ties in reading order."""
    order = f.sort or ClaimSort.source.value

    def published(c: Claim) -> int:
        src = sources.get(c.source_id)
        return -(src.published.toordinal() if src and src.published else 0)

    def largest(c: Claim) -> float:
        q = c.quantity
        value = (q.estimate if q.estimate is not None else (q.low or q.high)) if q else None
        return -(value or 0)

    field: Callable[[Claim], Any] = {
        "source": lambda c: 0, "date": published, "kind": lambda c: c.kind.value,
        "figure": largest, "place": lambda c: c.place or "~",
    }[order]
    return lambda c: (field(c), c.source_path or "", c.span.start, c.id)


def select_claims(store: Store, f: Filters) -> list[Claim]:
    """The active claims the filters keep, in the order --sort asks (`f` checked)."""
    sources = {s.id: s for s in store.list_sources() if keeps_source(s, f)}
    claims = store.list_claims(kind=f.kind)
    if replace(f, kind=None).claim_filters():  # a claim whose source row is damaged is listed
        kept = kept_claims(store, f, sources)  # unless a filter needs its source
        claims = [c for c in claims if c.id in kept]
    return sorted(claims, key=claim_key(f, sources))


def select_conflicts(store: Store, f: Filters, conflicts: Sequence[Conflict] | None = None
                     ) -> list[Conflict]:
    """The stored conflicts the filters keep, in the order --sort asks (`f` checked)."""
    found = store.list_conflicts() if conflicts is None else conflicts
    all_sources = {s.id: s for s in store.list_sources()}
    if f.claim_filters():
        sources = {k: v for k, v in all_sources.items() if keeps_source(v, f)}
        kept: Mapping[str, str] = kept_claims(store, f, sources)
    else:
        kept = {r.id: r.source_id for r in store.claim_index()}
    chosen = [c for c in found if keeps_conflict(c, kept, f)]
    source_of = kept
    if f.sort == ConflictSort.date.value and f.claim_filters():  # dates of every side
        source_of = {r.id: r.source_id for r in store.claim_index()}
    return sorted(chosen, key=conflict_key(f, all_sources, source_of))


__all__ = ["ClaimSort", "ConflictSort", "Filters", "attribution", "check", "conflict_type",
           "dates", "keeps_claim", "keeps_conflict", "keeps_source", "kind", "limit", "outlet",
           "place", "select_claims", "select_conflicts", "severity", "severity_labels", "sort",
           "source"]
