"""The store's check results: conflicts with their claims (a link table), corroborations, and
each conflict's current decision. Mixed into `Store`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    String,
    Table,
    exists,
    func,
    insert,
    select,
    type_coerce,
)
from sqlalchemy import delete as sa_delete
from sqlalchemy import update as sa_update

from claims import schema as s
from claims.model import (
    Claim,
    Conflict,
    ConflictType,
    Corroboration,
    Event,
    Kind,
    Modality,
    Quantity,
    Scope,
    Span,
    Status,
)
from claims.store_rows import claim_from_row, conflict_from_row, conflict_row, decode, link_rows
from claims.store_types import Day, Timestamp
from claims.store_write import CHECK, StoreBase, upsert

T = TypeVar("T")
_CHUNK = 5000  # ids per IN (...): under SQLite's limit on bound values
# A claim's columns as list_claims reads them (the check's sentence and the last writer are
# never part of a Claim); the days and the moment read as stored, parsed here when not empty.
_CLAIM_COLUMNS = tuple(c for c in s.claims.c if c.name not in ("sentence", "updated_by",
                                                                 "updated_at"))
_CLAIM_NAMES = tuple(c.name for c in _CLAIM_COLUMNS)
_AT = {name: n for n, name in enumerate(_CLAIM_NAMES)}
_DAYS = (_AT["period_start"], _AT["period_end"])
_MOMENT = _AT["created_at"]
# Claim's fields in order, each from its column (quantity and span from several: filled in)
_FIELD_NAMES = tuple(Claim.model_fields)
_CLAIM_FIELDS = frozenset(_FIELD_NAMES)  # a plain claim's fields set: every field
_fields = itemgetter(*(_AT.get(name, 0) for name in _FIELD_NAMES))
_texts = itemgetter(*(_AT[k] for k in (
    "id", "source_id", "source_path", "subject", "part_of", "qualifier", "figure", "place",
    "place_text", "period", "site", "attribution", "attribution_text", "attribution_via",
    "speaker", "quote", "prefix", "suffix", "origin", "rule", "created_by", "note")))
_span = itemgetter(*(_AT[k] for k in ("start", "end", "quote", "prefix", "suffix")))
_quantity = itemgetter(*(_AT[k] for k in ("low", "high", "estimate", "qualifier", "figure")))
_moments = itemgetter(_MOMENT, *_DAYS)
_TEXT_TYPES = frozenset((str, type(None)))
_COUNT_TYPES = frozenset((int, type(None)))
_MOMENT_TYPES = frozenset((dt.datetime, dt.date, type(None)))
_NO_COUNTS = (None,) * 5
_ENUMS = tuple((name, _AT[name], enum._value2member_map_) for name, enum in (
    ("kind", Kind), ("event", Event), ("scope", Scope), ("modality", Modality),
    ("status", Status)))
_CONFLICT_TYPES = ConflictType._value2member_map_
_LABELS = frozenset(("high", "medium", "low"))  # claims.model.SeverityLabel
_CONFLICT_COLUMNS = ("id", "type", "severity", "severity_label", "reason", "key", "fingerprint")
_CONFLICT_UPDATE = ("type", "severity", "severity_label", "reason", "key", "fingerprint", "open",
                    "updated_by", "updated_at")


class ConflictIndex(NamedTuple):
    """Conflict ids in the report's order, and how many there are per (severity label,
    verdict or None, verdict stale): what a report needs before it reads any conflict."""

    ids: list[str]
    counts: dict[tuple[str, str | None, bool], int]


def _who_now() -> tuple[str, dt.datetime]:
    from claims.store import current_user, now

    return current_user(), now()


class ConflictsMixin(StoreBase):
    """Writes and reads of a check's results; one transaction per check."""

    def record_check(self, conflicts: Sequence[Conflict],
                     groups: Sequence[Corroboration]) -> None:
        """Record a check's conflicts and corroborations in one transaction: a check stopped
        half-way leaves the previous check's results whole, never a mix of the two."""
        who, at = _who_now()

        def work(conn: Connection) -> None:
            self.lock(conn, CHECK, "results")
            self._write_conflicts(conn, conflicts, who, at)
            self._write_corroborations(conn, groups, who, at)

        self.write(work)

    def replace_conflicts(self, conflicts: Sequence[Conflict]) -> None:
        """Record the conflicts of a check: new ones added, gone ones closed, decisions kept."""
        who, at = _who_now()

        def work(conn: Connection) -> None:
            self.lock(conn, CHECK, "results")
            self._write_conflicts(conn, conflicts, who, at)

        self.write(work)

    def replace_corroborations(self, groups: Sequence[Corroboration]) -> None:
        """Record the agreeing groups of a check, replacing the last check's."""
        who, at = _who_now()

        def work(conn: Connection) -> None:
            self.lock(conn, CHECK, "results")
            self._write_corroborations(conn, groups, who, at)

        self.write(work)

    @staticmethod
    def _write_conflicts(conn: Connection, conflicts: Sequence[Conflict], who: str,
                         at: dt.datetime) -> None:
        # a claim dropped by an ingest since the check read it: its conflicts are gone too
        found = _whole(conn, {c.id: c for c in conflicts}.values())
        conn.execute(sa_update(s.conflicts).where(s.conflicts.c.open.is_(True))
                     .values(open=False, updated_by=who, updated_at=at))
        if not found:
            return
        conn.execute(upsert(conn, s.conflicts, ["id"], _CONFLICT_UPDATE),
                     [conflict_row(c, who, at) for c in found])
        links = [row for c in found for row in link_rows("conflict_id", c.id, c.claim_ids)]
        conn.execute(upsert(conn, s.conflict_claims, ["conflict_id", "claim_id"]), links)

    @staticmethod
    def _write_corroborations(conn: Connection, groups: Sequence[Corroboration], who: str,
                              at: dt.datetime) -> None:
        conn.execute(sa_delete(s.corroboration_claims))
        conn.execute(sa_delete(s.corroborations))
        found = _whole(conn, {g.id: g for g in groups}.values())
        if not found:
            return
        fields = ("id", "key", "independent_sources", "reason")
        conn.execute(insert(s.corroborations), [
            {k: r[k] for k in fields} | {"created_by": who, "created_at": at}
            for r in (g.record() for g in found)])
        conn.execute(insert(s.corroboration_claims), [
            row for g in found for row in link_rows("corroboration_id", g.id, g.claim_ids)])

    def _links(self, conn: Connection, table: Table, key: str,
               owners: Any = None) -> dict[str, list[str]]:
        """Each owner's claim ids in their order; `owners` a subquery of ids, or all."""
        c = table.c
        query = select(c[key], c.claim_id).order_by(c[key], c.position)
        if owners is not None:
            query = query.where(c[key].in_(owners))
        out: dict[str, list[str]] = defaultdict(list)
        for owner, claim_id in conn.execute(query):
            out[owner].append(claim_id)
        return out

    def list_corroborations(self) -> list[Corroboration]:
        """The agreeing groups of the last check, best supported first."""
        query = select(s.corroborations).order_by(
            s.corroborations.c.independent_sources.desc(), s.corroborations.c.id)
        with self.reading() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
            links = self._links(conn, s.corroboration_claims, "corroboration_id")
        for row in rows:
            row["claim_ids"] = links.get(row["id"], [])
        fields = ("id", "key", "claim_ids", "independent_sources", "reason")
        return self.decoded("corroborations", rows, lambda r: Corroboration.model_validate(
            {k: r[k] for k in fields}))

    def list_conflicts(self, include_closed: bool = False) -> list[Conflict]:
        """Stored conflicts, most severe first, each with its decision (stale if claims changed)."""
        with self.reading() as conn:
            return self._every_conflict(conn, include_closed)

    def _every_conflict(self, conn: Connection, include_closed: bool = False) -> list[Conflict]:
        query = select(*(s.conflicts.c[k] for k in _CONFLICT_COLUMNS)).order_by(
            s.conflicts.c.severity.desc(), s.conflicts.c.id)
        owners = None
        if not include_closed:
            query = query.where(s.conflicts.c.open.is_(True))
            owners = select(s.conflicts.c.id).where(s.conflicts.c.open.is_(True))
        rows = conn.execute(query).all()
        links = self._links(conn, s.conflict_claims, "conflict_id", owners)
        decided = {r.conflict_id: r for r in conn.execute(select(s.decisions)).mappings()}
        return self._conflicts_from(rows, links, decided)

    def _conflicts_from(self, rows: Sequence[Any], links: dict[str, list[str]],
                        decided: dict[str, Any]) -> list[Conflict]:
        """Conflicts from rows of _CONFLICT_COLUMNS; a damaged one skipped with a warning (its
        key is the one cell that can read as a CorruptCell)."""
        out: list[Conflict] = []
        for row in rows:
            made = None if row[0] in decided else _plain_conflict(row, links.get(row[0], []))
            if made is not None:
                out.append(made)
            else:  # validated: a decision's rules, or a damaged row named once and skipped
                out += self.decoded("conflicts", [dict(zip(_CONFLICT_COLUMNS, row, strict=True))],
                                    lambda r: conflict_from_row(r, links.get(r["id"], []),
                                                                decided.get(r["id"])))
        return out

    # -- the paged reader: a report reads only the conflicts it is about to show -------------

    def read_claims(self, ids: Sequence[str] | None = None) -> list[Claim]:
        """The active claims with these ids (None: every one), the Claims list_claims reads, in
        no set order, in about half the time (a report of 10,000 conflicts reads 20,000): a
        row whose every cell is plainly of its field's type is taken as the store wrote it
        (validated then); any other is validated, or named once and skipped."""
        query = select(*(type_coerce(c, String) if c.name in ("period_start", "period_end",
                                                              "created_at") else c
                         for c in _CLAIM_COLUMNS)).where(s.claims.c.status == Status.active.value)
        with self.reading() as conn:
            dialect = conn.dialect
            if ids is None:
                rows = conn.execute(query).all()
            else:
                wanted = list(dict.fromkeys(ids))
                rows = [row for i in range(0, len(wanted), _CHUNK) for row in conn.execute(
                    query.where(s.claims.c.id.in_(wanted[i:i + _CHUNK]))).all()]
        day, moment = _Parsed(Day(), dialect), _Parsed(Timestamp(), dialect)
        out: list[Claim] = []
        for row in rows:
            cells = list(row)
            for n in _DAYS:
                if cells[n] is not None:
                    cells[n] = day[cells[n]]
            cells[_MOMENT] = moment[cells[_MOMENT]]
            claim = _plain_claim(cells)
            if claim is not None:
                out.append(claim)
            else:  # validated as list_claims does: a damaged row is named once and skipped
                out += self.decoded("claims", [dict(zip(_CLAIM_NAMES, cells, strict=True))],
                                    claim_from_row)
        return out

    def conflict_index(self, types: Sequence[str] | None = None,
                       labels: Sequence[str] | None = None) -> ConflictIndex:
        """The open conflicts with an active claim, of these types and severity labels (None:
        any): their ids most severe first then by id (the report's default order), and their
        counts by SQL COUNT ... GROUP BY, both read in one snapshot."""
        c, d = s.conflicts.c, s.decisions.c
        stale = d.fingerprint != c.fingerprint
        with self.reading() as conn:
            terms = _open_terms(types, labels)
            counted = (select(c.severity_label, d.verdict, stale, func.count())
                       .select_from(s.conflicts.outerjoin(s.decisions, d.conflict_id == c.id))
                       .where(*terms).group_by(c.severity_label, d.verdict, stale))
            ids = [r[0] for r in conn.execute(select(c.id).where(*terms)
                                              .order_by(c.severity.desc(), c.id))]
            counts = {(label, verdict, bool(old) and verdict is not None): n
                      for label, verdict, old, n in conn.execute(counted)}
        return ConflictIndex(ids, counts)

    def read_conflicts(self, ids: Sequence[str]) -> list[Conflict]:
        """The stored conflicts with these ids, in the order given, each with its claim ids and
        decision (a page of a report); an id no longer stored is left out."""
        found: dict[str, Conflict] = {}
        with self.reading() as conn:
            if len(ids) > _CHUNK:  # most of a report: one scan of the open ones costs less
                wanted = set(ids)
                found.update((k.id, k) for k in self._every_conflict(conn) if k.id in wanted)
            rest = [i for i in ids if i not in found]
            for i in range(0, len(rest), _CHUNK):
                found.update((k.id, k) for k in self._conflicts_in(conn, rest[i:i + _CHUNK]))
        return [found[i] for i in ids if i in found]

    def _conflicts_in(self, conn: Connection, ids: Sequence[str]) -> list[Conflict]:
        part = list(ids)
        query = select(*(s.conflicts.c[k] for k in _CONFLICT_COLUMNS)).where(
            s.conflicts.c.id.in_(part))
        rows = conn.execute(query).all()
        links = self._links(conn, s.conflict_claims, "conflict_id", part)
        decided = {r.conflict_id: r for r in conn.execute(select(s.decisions).where(
            s.decisions.c.conflict_id.in_(part))).mappings()}
        return self._conflicts_from(rows, links, decided)

    def active_claim_ids(self, ids: Sequence[str]) -> set[str]:
        """Of these claim ids, the active claims' (a report shows a group with any)."""
        wanted = sorted(set(ids))
        out: set[str] = set()
        with self.reading() as conn:
            for i in range(0, len(wanted), _CHUNK):
                out |= {r[0] for r in conn.execute(select(s.claims.c.id).where(
                    s.claims.c.id.in_(wanted[i:i + _CHUNK]),
                    s.claims.c.status == Status.active.value))}
        return out

    def get_conflict(self, ref: str) -> Conflict:
        row = self.by_prefix(s.conflicts, ref, "conflict")
        with self.reading() as conn:
            links = self._links(conn, s.conflict_claims, "conflict_id", [row["id"]])
            dec = conn.execute(select(s.decisions).where(s.decisions.c.conflict_id == row["id"]))
            decision = dec.mappings().first()
        return decode("conflicts", row, lambda r: conflict_from_row(
            r, links.get(r["id"], []), decision))


class _Parsed(dict[Any, Any]):
    """A column type's reading of stored values, each distinct value parsed once: a store's
    claims share a few days and ingest moments (dates and datetimes are immutable)."""

    def __init__(self, kind: Any, dialect: Any) -> None:
        super().__init__()
        self._parse, self._dialect = kind.process_result_value, dialect

    def __missing__(self, raw: Any) -> Any:
        value = self[raw] = self._parse(raw, self._dialect)
        return value


def _plain_claim(cells: Sequence[Any]) -> Claim | None:
    """The claim of a row without pydantic's pass, when every cell is plainly what Claim,
    Span and Quantity would accept and check (texts, known enum values, whole numbers in
    order, a span as long as its quote, no date to parse); None for any other row."""
    if not _TEXT_TYPES.issuperset(map(type, _texts(cells))):
        return None
    data = dict(zip(_FIELD_NAMES, _fields(cells), strict=False))  # the same length: half the time
    for name, n, members in _ENUMS:
        value = cells[n]
        if value is not None:
            if value not in members:
                return None
            data[name] = members[value]
    start, end, quote, prefix, suffix = _span(cells)
    low, high, estimate, qualifier, figure = counts = _quantity(cells)
    if (not cells[0] or data["date"] or start.__class__ is not int or end.__class__ is not int
            or not 0 <= start <= end or len(quote) != end - start
            or not _COUNT_TYPES.issuperset(map(type, counts[:3]))
            or low is not None and high is not None and low > high
            or not _MOMENT_TYPES.issuperset(map(type, _moments(cells)))):
        return None  # validated instead: pydantic says what is wrong
    data["quantity"] = None if counts == _NO_COUNTS else _quantity_of(
        low, high, estimate, qualifier, figure)
    data["span"] = _span_of(start, end, quote, prefix or "", suffix or "")
    if data["origin"] == "extracted":
        data["created_by"] = data["created_at"] = None
    return _made(Claim, data, fields=_CLAIM_FIELDS)


def _plain_conflict(row: Sequence[Any], claim_ids: list[str]) -> Conflict | None:
    """A conflict row without pydantic's pass when every cell is plainly what Conflict takes
    (as _plain_claim); None for any other."""
    cid, kind, severity, label, reason, key, fingerprint = row
    if (not cid or kind not in _CONFLICT_TYPES or severity.__class__ is not float
            or not 0.0 <= severity <= 1.0 or label not in _LABELS or key.__class__ is not dict
            or not _TEXT_TYPES.issuperset(map(type, (cid, reason, fingerprint)))
            or reason is None or fingerprint is None):
        return None
    return _made(Conflict, {"id": cid, "type": _CONFLICT_TYPES[kind], "severity": severity,
                            "severity_label": label, "reason": reason, "claim_ids": claim_ids,
                            "key": key, "fingerprint": fingerprint, "decision": None},
                 unset=("decision",))


_setattr = object.__setattr__


def _span_of(start: int, end: int, quote: str, prefix: str, suffix: str) -> Span:
    """A Span of values already checked, without a second validation (as a frozen
    dataclass sets its own fields)."""
    made = object.__new__(Span)
    _setattr(made, "start", start)
    _setattr(made, "end", end)
    _setattr(made, "quote", quote)
    _setattr(made, "prefix", prefix)
    _setattr(made, "suffix", suffix)
    return made


def _quantity_of(low: int | None, high: int | None, estimate: int | None,
                 qualifier: str | None, figure: str | None) -> Quantity:
    """A Quantity of values already checked, as _span_of."""
    made = object.__new__(Quantity)
    _setattr(made, "low", low)
    _setattr(made, "high", high)
    _setattr(made, "estimate", estimate)
    _setattr(made, "qualifier", qualifier)
    _setattr(made, "figure", figure)
    return made


def _made(cls: type[T], data: dict[str, Any], unset: tuple[str, ...] = (),
          fields: frozenset[str] | None = None) -> T:
    """A model of fields already checked, as pydantic's model_construct makes one (in a
    fifth of its time: it looks at every field's default again); `fields`, when given, is
    set(data) minus `unset` worked out once (a set copied costs less than one built)."""
    made = object.__new__(cls)
    _setattr(made, "__dict__", data)
    _setattr(made, "__pydantic_fields_set__", set(fields) if fields is not None
             else set(data).difference(unset))
    _setattr(made, "__pydantic_extra__", None)
    _setattr(made, "__pydantic_private__", None)
    return made


def _open_terms(types: Sequence[str] | None, labels: Sequence[str] | None
                ) -> list[ColumnElement[bool]]:
    """WHERE terms: open, of the types and labels asked, with at least one active claim."""
    c, links = s.conflicts.c, s.conflict_claims.c
    terms: list[ColumnElement[bool]] = [c.open.is_(True), exists().where(
        links.conflict_id == c.id, links.claim_id == s.claims.c.id,
        s.claims.c.status == Status.active.value)]
    if types is not None:
        terms.append(c.type.in_(list(types)))
    if labels is not None:
        terms.append(c.severity_label.in_(list(labels)))
    return terms


def _whole(conn: Connection, found: Any) -> list[Any]:
    """The conflicts or groups all of whose claims are stored (read inside the write)."""
    items = list(found)
    wanted = sorted({cid for item in items for cid in item.claim_ids})
    stored: set[str] = set()
    for i in range(0, len(wanted), _CHUNK):
        part = wanted[i:i + _CHUNK]
        stored |= {r[0] for r in conn.execute(select(s.claims.c.id).where(
            s.claims.c.id.in_(part)))}
    return [item for item in items if set(item.claim_ids) <= stored]
