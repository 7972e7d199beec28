"""The domain model: the words of DESIGN.md, the same in code, store and JSON."""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator
from pydantic.dataclasses import dataclass

from claims.errors import SpanError

CONTEXT_CHARS = 32  # prefix/suffix kept to re-anchor a span (W3C TextQuoteSelector)


class Kind(StrEnum):
    """What a claim counts or dates."""

    killed = "killed"
    injured = "injured"
    displaced = "displaced"
    returned = "returned"
    population = "population"
    detained = "detained"
    missing = "missing"
    ceasefire = "ceasefire"


class Modality(StrEnum):
    """How the text holds the claim: as a fact reported, a projection, or a denial."""

    reported = "reported"
    projected = "projected"
    denied = "denied"


class Event(StrEnum):
    """What happened to a ceasefire on the claim's date."""

    announced = "announced"
    starts = "starts"
    broken = "broken"


class Scope(StrEnum):
    """What a figure counts: one incident (an attack, a day, a site) or a total over a period."""

    incident = "incident"
    total = "total"


class Status(StrEnum):
    """A claim's life: active claims are checked; the others are kept for the record."""

    active = "active"
    superseded = "superseded"
    removed = "removed"


class ConflictType(StrEnum):
    """What a conflict disagrees on."""

    figure = "figure"
    date = "date"
    attribution = "attribution"


class Verdict(StrEnum):
    """A reviewer's verdict on a conflict."""

    real = "real"
    not_comparable = "not-comparable"
    resolved = "resolved"


class RegionKind(StrEnum):
    """Why a stretch of a source's text is not read for claims."""

    boilerplate = "boilerplate"
    caption = "caption"
    front_matter = "front-matter"
    markup = "markup"


def _frozen() -> ConfigDict:
    return ConfigDict(frozen=True, extra="forbid")


class Region(BaseModel):
    """A stretch of source text marked (not cut) as not article prose."""

    model_config = _frozen()
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: RegionKind = RegionKind.boilerplate
    reason: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Region:
        if self.end < self.start:
            raise ValueError(f"region end {self.end} is before its start {self.start}")
        return self


class Source(BaseModel):
    """One article: its text exactly as decoded, its metadata, and its marked regions."""

    model_config = ConfigDict(extra="forbid")
    id: str
    path: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    text: str
    regions: list[Region] = Field(default_factory=list)
    origin: str = "ingest"  # "ingest" for files, "hand" for sources added by a person
    added_by: str | None = None
    added_at: dt.datetime | None = None

    @staticmethod
    def id_for(text: str) -> str:
        """The source id: a hash of the text, so one article stored twice is one source."""
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    _region_index: _RegionIndex | None = PrivateAttr(default=None)

    def in_region(self, start: int, end: int) -> Region | None:
        """The marked region that overlaps text[start:end], if any: a bisect over the regions
        sorted by start (a scan per figure made boilerplate-heavy text quadratic, issue 14)."""
        # the private attribute is read from pydantic's own dict: going through the model's
        # __getattr__ cost more than the bisect, once per figure of every article
        private = self.__pydantic_private__
        index = private.get("_region_index") if private is not None else None
        if index is None or not index.covers(self.regions):
            index = _RegionIndex(self.regions)
            if private is not None:
                private["_region_index"] = index
        return index.overlapping(start, end)


class _RegionIndex:
    """Regions sorted by start, with the running maximum of their ends: among the regions that
    start before `end`, the one reaching furthest overlaps [start, end) if any region does."""

    __slots__ = ("_ends", "_furthest", "_of", "_size", "_starts")

    def __init__(self, regions: list[Region]) -> None:
        ordered = sorted(regions, key=lambda r: (r.start, r.end))
        self._of, self._size = regions, len(regions)
        self._starts = [r.start for r in ordered]
        self._furthest: list[Region] = []
        self._ends: list[int] = []
        for region in ordered:
            if not self._furthest or region.end > self._ends[-1]:
                self._furthest.append(region)
                self._ends.append(region.end)
            else:
                self._furthest.append(self._furthest[-1])
                self._ends.append(self._ends[-1])

    def covers(self, regions: list[Region]) -> bool:
        """True while the source's regions are the list this index was built from."""
        return regions is self._of and len(regions) == self._size

    def overlapping(self, start: int, end: int) -> Region | None:
        i = bisect_left(self._starts, end)  # regions [0, i) start before `end`
        if i and self._ends[i - 1] > start:
            return self._furthest[i - 1]
        return None


# Span and Quantity are validated, frozen, slotted dataclasses rather than BaseModels: every
# claim holds one of each, and a BaseModel's per-instance dict and fields-set cost ~1.4 KB a
# claim, the difference between 4x and 7x the text in memory for dense articles (issue 3).
@dataclass(frozen=True, slots=True, config=ConfigDict(extra="forbid"))
class Span:
    """Where a claim stands in its source: offsets, the quote, and context to re-anchor it."""

    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    quote: str
    prefix: str = ""
    suffix: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        if len(self.quote) != self.end - self.start:
            raise ValueError("span quote length does not match its offsets")
        return self

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span text[start:end], with its context."""
        if not 0 <= start <= end <= len(text):
            raise SpanError(f"offsets {start}:{end} are outside a text of {len(text)} characters")
        return cls(
            start=start,
            end=end,
            quote=text[start:end],
            prefix=text[max(0, start - CONTEXT_CHARS) : start],
            suffix=text[end : end + CONTEXT_CHARS],
        )


def check_span(text: str, span: Span) -> None:
    """Raise SpanError unless quote == text[start:end]: the store calls this on every write."""
    if text[span.start : span.end] != span.quote:
        raise SpanError(
            f"quote {span.quote[:40]!r} does not match the text at {span.start}:{span.end}"
        )


@dataclass(frozen=True, slots=True, config=ConfigDict(extra="forbid"))
class Quantity:
    """A figure as an interval: open bounds are None; the qualifier is kept as written."""

    low: int | None = None
    high: int | None = None
    estimate: int | None = None
    qualifier: str | None = None
    figure: str | None = None  # the figure as written: "half a million", "400,000"

    @model_validator(mode="after")
    def _ordered(self) -> Quantity:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low} is above high {self.high}")
        return self


def _iso_date_or_range(value: str | None) -> str | None:
    """Accept an ISO day ("2019-08-31") or an ISO interval of days ("2019-09-01/2019-09-10")."""
    if value is None or value == "":
        return None
    parts = value.split("/")
    if len(parts) > 2:
        raise ValueError(f"{value!r} is not an ISO date or date range")
    try:
        days = [dt.date.fromisoformat(part) for part in parts]
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD) or range") from None
    if len(days) == 2 and days[0] > days[1]:
        raise ValueError(f"date range {value!r} ends before it starts")
    return value


def date_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of an ISO day or range string."""
    if not value:
        return None
    parts = value.split("/")
    return dt.date.fromisoformat(parts[0]), dt.date.fromisoformat(parts[-1])


class Claim(BaseModel):
    """One figure or ceasefire event in a source, with where it stands and who says it."""

    model_config = ConfigDict(extra="forbid")
    id: str = ""
    source_id: str
    source_path: str | None = None
    kind: Kind
    subject: str | None = None  # civilians, children, fighters:regime, people ...
    part_of: str | None = (
        None  # id of the claim this one is a subset of ("including three children")
    )
    quantity: Quantity | None = None
    event: Event | None = None  # ceasefire claims only
    date: str | None = None  # ISO day or day range the claim dates (ceasefire events)
    place: str | None = None  # canonical place name
    place_text: str | None = None  # the place as written
    period: str | None = None  # the period the figure covers, as written
    period_start: dt.date | None = None
    period_end: dt.date | None = None  # for a total, the day it stands at ("as of")
    scope: Scope | None = None  # incident or total; None where the text does not say
    site: str | None = None  # an incident's site as written: "the market", "a hospital"
    attribution: str | None = None  # canonical body
    attribution_text: str | None = None  # the body as written
    attribution_via: str | None = None  # who relays it: "AFP, citing the monitor" -> AFP
    speaker: str | None = None  # the person who said it, where the text names one
    modality: Modality = Modality.reported
    span: Span
    origin: str = "extracted"  # "extracted" or "hand"
    rule: str | None = None  # the extraction rule that produced it
    created_by: str | None = None
    created_at: dt.datetime | None = None
    status: Status = Status.active
    note: str | None = None

    _check_date = field_validator("date")(lambda cls, v: _iso_date_or_range(v))

    @model_validator(mode="after")
    def _ids(self) -> Claim:
        if not self.id:
            self.id = self.make_id(self.source_id, self.kind, self.span, self.subject, self.origin)
        return self

    @staticmethod
    def make_id(
        source_id: str, kind: str, span: Span, subject: str | None, origin: str = "extracted"
    ) -> str:
        """A stable id: the same span, kind and subject extracted again gets the same id."""
        key = f"{origin}|{source_id}|{kind}|{subject or ''}|{span.start}|{span.end}"
        return "c" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:11]

    @property
    def low(self) -> int | None:
        return self.quantity.low if self.quantity else None

    @property
    def high(self) -> int | None:
        return self.quantity.high if self.quantity else None

    @property
    def estimate(self) -> int | None:
        return self.quantity.estimate if self.quantity else None

    def record(self) -> dict[str, Any]:
        """The flat form of DESIGN.md's JSON contract (also the store's row)."""
        q = self.quantity or Quantity()
        return {
            "id": self.id,
            "source_id": self.source_id,
            "source_path": self.source_path,
            "kind": self.kind.value,
            "subject": self.subject,
            "part_of": self.part_of,
            "low": q.low,
            "high": q.high,
            "estimate": q.estimate,
            "qualifier": q.qualifier,
            "figure": q.figure,
            "event": self.event.value if self.event else None,
            "date": self.date,
            "place": self.place,
            "place_text": self.place_text,
            "period": self.period,
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "scope": self.scope.value if self.scope else None,
            "site": self.site,
            "attribution": self.attribution,
            "attribution_text": self.attribution_text,
            "attribution_via": self.attribution_via,
            "speaker": self.speaker,
            "modality": self.modality.value,
            "quote": self.span.quote,
            "start": self.span.start,
            "end": self.span.end,
            "prefix": self.span.prefix,
            "suffix": self.span.suffix,
            "origin": self.origin,
            "rule": self.rule,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "status": self.status.value,
            "note": self.note,
        }

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Claim:
        """Rebuild a claim from its flat record."""
        # plain loops and one validation pass: the report reads tens of thousands of these
        qty = {k: row.get(k) for k in _QUANTITY_KEYS}
        data = {k: row[k] for k in _CLAIM_FIELDS if k in row}
        data["quantity"] = None if list(qty.values()) == _NO_QUANTITY else qty
        data["span"] = {"start": row["start"], "end": row["end"], "quote": row["quote"],
                        "prefix": row.get("prefix") or "", "suffix": row.get("suffix") or ""}
        return cls.model_validate(data)


_CLAIM_FIELDS = tuple(f for f in Claim.model_fields if f not in ("quantity", "span"))
_QUANTITY_KEYS = ("low", "high", "estimate", "qualifier", "figure")
_NO_QUANTITY = [None] * len(_QUANTITY_KEYS)

SeverityLabel = Literal["high", "medium", "low"]


class Conflict(BaseModel):
    """Claims about the same thing that disagree, why in words, and how badly."""

    model_config = ConfigDict(extra="forbid")
    id: str = ""
    type: ConflictType
    severity: float = Field(ge=0.0, le=1.0)
    severity_label: SeverityLabel
    reason: str
    claim_ids: list[str]
    key: dict[str, Any] = Field(default_factory=dict)  # the group: kind, subject, place, period
    fingerprint: str = ""  # changes when any member claim's content changes
    decision: Decision | None = None

    @model_validator(mode="after")
    def _ids(self) -> Conflict:
        if not self.id:
            members = "|".join(sorted(self.claim_ids))
            digest = hashlib.sha256(f"{self.type.value}|{members}".encode()).hexdigest()
            self.id = "x" + digest[:11]
        return self

    def record(self) -> dict[str, Any]:
        """The JSON contract of DESIGN.md."""
        out = self.model_dump(mode="json", exclude={"decision"})
        out["decision"] = self.decision.record() if self.decision else None
        return out


class Corroboration(BaseModel):
    """Claims about the same thing that agree, and how many independent sources back them."""

    model_config = ConfigDict(extra="forbid")
    id: str = ""
    key: dict[str, Any] = Field(default_factory=dict)  # the group: kind, subject, place, period
    claim_ids: list[str]
    independent_sources: int = Field(ge=1)
    reason: str

    @model_validator(mode="after")
    def _ids(self) -> Corroboration:
        if not self.id:
            members = "|".join(sorted(self.claim_ids))
            self.id = "g" + hashlib.sha256(members.encode()).hexdigest()[:11]
        return self

    def record(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class Decision(BaseModel):
    """A reviewer's verdict on a conflict; it outlives re-extraction and re-checks."""

    model_config = ConfigDict(extra="forbid")
    conflict_id: str
    verdict: Verdict
    claim_id: str | None = None  # the claim a "resolved" verdict favours
    note: str | None = None
    reviewer: str
    decided_at: dt.datetime
    fingerprint: str = ""  # the conflict's fingerprint when decided
    stale: bool = False  # the conflict's claims changed since

    @model_validator(mode="after")
    def _favours(self) -> Decision:
        if self.verdict is Verdict.resolved and not self.claim_id:
            raise ValueError("a 'resolved' verdict names the claim it favours")
        return self

    def record(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


Conflict.model_rebuild()
