"""Hand-made sources and claims: anchor a quote in a source's text, fill the fields a person
did not give from what the extractor reads in the quote, and store it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rapidfuzz import fuzz

from claims.aliases import AliasTable, default_aliases
from claims.errors import QuoteNotFoundError, UsageError
from claims.extract import extract_claims
from claims.limits import MAX_COUNT
from claims.model import Claim, Kind, Quantity, Source, Span
from claims.store import Store, current_user, now

FUZZY_THRESHOLD = 90.0  # partial_ratio: one or two typos in a sentence pass, a paraphrase fails
FUZZY_MIN_LENGTH = 12  # shorter quotes are matched exactly or not at all: too many near-misses
_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"})
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})


@dataclass(frozen=True)
class Anchor:
    """Where a quote was found: offsets into the stored text, how, and how surely (0-100)."""

    start: int
    end: int
    method: str  # exact, normalised, fuzzy
    score: float
    occurrences: int = 1


@dataclass
class HandFields:
    """The fields a person gave for a hand-made claim; None means "read it from the quote"."""

    kind: str | None = None
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None
    subject: str | None = None
    attribution: str | None = None
    place: str | None = None
    date: str | None = None
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def normalise(text: str) -> tuple[str, list[int]]:
    """The text with whitespace runs as one space and quotes and dashes plain, and for each
    character of it, its offset in the original."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text.translate(_QUOTES).translate(_DASHES)):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        index.append(i)
    return "".join(out), index


def anchor(text: str, quote: str, threshold: float = FUZZY_THRESHOLD) -> Anchor:
    """Find a quote: exactly, then ignoring whitespace, quotes and dashes, then fuzzily."""
    quote = quote.strip()
    if not quote:
        raise UsageError("--quote: the quote is empty")
    if (start := text.find(quote)) >= 0:
        return Anchor(start, start + len(quote), "exact", 100.0, text.count(quote))
    norm_text, index = normalise(text)
    norm_quote = normalise(quote)[0]
    if (at := norm_text.find(norm_quote)) >= 0:
        end = index[at + len(norm_quote) - 1] + 1
        return Anchor(index[at], end, "normalised", 100.0, norm_text.count(norm_quote))
    found = fuzz.partial_ratio_alignment(norm_quote, norm_text)
    if found is None or found.score < threshold or len(norm_quote) < FUZZY_MIN_LENGTH:
        raise QuoteNotFoundError(_not_found(text, norm_text, index, found))
    start, end = _to_words(norm_text, found.dest_start, found.dest_end)
    return Anchor(index[start], index[end - 1] + 1, "fuzzy", round(found.score, 1))


def _to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen an alignment to whole words and trim spaces at its ends."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, max(end, start + 1)


def _not_found(text: str, norm_text: str, index: list[int], found: Any) -> str:
    if found is None or found.dest_end <= found.dest_start:
        return "--quote: not found in the source"
    start, end = _to_words(norm_text, found.dest_start, found.dest_end)
    nearest = " ".join(text[index[start]:index[end - 1] + 1].split())
    return (f"--quote: not found in the source; nearest passage ({found.score:.0f}% alike) "
            f"at {index[start]}: {nearest!r}")


def read_fields(source: Source, span: Span, kind: str | None = None,
                aliases: AliasTable | None = None) -> Claim | None:
    """The claim the extractor reads inside the span (the first, in text order); else one of
    the kind given that overlaps it and whose figure as written is in the quote ("At least 12
    civilians" is the figure of "At least 12 civilians were killed")."""
    found = extract_claims(source, aliases)
    inside = [c for c in found if span.start <= c.span.start and c.span.end <= span.end]
    if inside:
        return min(inside, key=lambda c: c.span.start)
    around = [c for c in found if c.span.start < span.end and span.start < c.span.end
              and (kind is None or c.kind.value == kind)
              and (c.quantity is None or (c.quantity.figure or "") in span.quote)]
    overlap = lambda c: min(c.span.end, span.end) - max(c.span.start, span.start)  # noqa: E731
    return max(around, key=overlap) if around else None


def make_claim(source: Source, found: Anchor, given: HandFields, who: str | None = None,
               aliases: AliasTable | None = None) -> Claim:
    """A hand-made claim on the anchored span: fields given win, the rest read from the quote
    (bodies named through `aliases`, the store's table, as ingest names them)."""
    span = Span.of(source.text, found.start, found.end)
    base = read_fields(source, span, given.kind, aliases)
    if given.kind is not None and given.kind not in Kind.__members__:
        raise UsageError(f"--kind: unknown kind {given.kind!r} (one of {', '.join(Kind)})")
    if given.kind is None and base is None:
        raise UsageError("--kind: no claim could be read in the quote; give --kind")
    if given.low is not None and given.high is not None and given.low > given.high:
        raise UsageError(f"--low {given.low} is above --high {given.high}")
    data: dict[str, Any] = {k: v for k, v in base.record().items() if k in _READ} if base else {}
    data |= {k: v for k, v in _given(given, aliases).items() if v is not None}
    read = base.quantity if base and base.quantity else figure_in(span.quote)
    data["quantity"] = _quantity(read, given)
    if data.get("kind") != Kind.ceasefire.value and not _has_figure(data["quantity"]):
        raise UsageError("--low: no figure could be read in the quote; give it with --low "
                         "(and --high), or quote the words that hold it")
    data |= dict(source_id=source.id, source_path=source.path, span=span, origin="hand",
                 created_by=who or current_user(), created_at=now())
    if given.attribution is not None:
        data["attribution_text"] = given.attribution
    try:
        return Claim(**data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = "--" + str(err["loc"][0]) if err["loc"] else "claim"
        raise UsageError(f"{where}: {err['msg'].removeprefix('Value error, ')}") from None


def _has_figure(quantity: Quantity | None) -> bool:
    return quantity is not None and (quantity.low, quantity.high, quantity.estimate) != (
        None, None, None)


_READ = {"kind", "subject", "part_of", "event", "date", "place", "place_text", "period",
         "period_start", "period_end", "attribution", "attribution_text", "modality"}


def _given(given: HandFields, aliases: AliasTable | None) -> dict[str, Any]:
    fields = {"kind": given.kind, "subject": given.subject, "date": given.date,
              "note": given.note} | canonical_names(given.place, given.attribution, aliases)
    return fields | given.extra


def canonical_names(place: str | None, attribution: str | None,
                    aliases: AliasTable | None = None) -> dict[str, str]:
    """A place and a body as a person typed them, in the canonical names extraction uses
    ("Idlib" is "Idlib province", "OSDH" the Syrian Observatory), kept as written too."""
    from claims.places import resolve_place

    out: dict[str, str] = {}
    if place:
        out |= {"place": resolve_place(place) or place, "place_text": place}
    if attribution:
        canonical = (aliases or default_aliases()).lookup(attribution) or attribution
        out |= {"attribution": canonical, "attribution_text": attribution}
    return out


def figure_in(quote: str) -> Quantity | None:
    """The figure written in a quote, with its qualifier ("At least 12 civilians": [12, open)),
    when the extractor reads no claim in it (its trigger, "were killed", lies outside)."""
    from claims.extract import figure_in as read_figure

    return read_figure(quote)


def _quantity(base: Quantity | None, given: HandFields) -> Quantity | None:
    if base is None and given.low is None and given.high is None and given.qualifier is None:
        return None
    b = base or Quantity()
    low = given.low if given.low is not None else b.low
    high = given.high if given.high is not None else b.high
    if low is not None and high is not None and low > high:
        raise UsageError(f"low {low} is above high {high} (give both --low and --high)")
    estimate = b.estimate
    if estimate is not None and ((low is not None and estimate < low)
                                 or (high is not None and estimate > high)):
        estimate = None  # the figure read no longer fits the bounds a person gave
    return Quantity(low=low, high=high, estimate=estimate,
                    qualifier=given.qualifier if given.qualifier is not None else b.qualifier,
                    figure=b.figure)


def add_hand_claim(
    store: Store, source_ref: str, quote: str, given: HandFields, threshold: float = FUZZY_THRESHOLD
) -> tuple[Claim, Anchor]:
    """Anchor the quote in the stored source and store the claim (superseding extracted ones)."""
    claim, found, _ = place_hand_claim(store, source_ref, quote, given, threshold)
    return claim, found


def place_hand_claim(
    store: Store, source_ref: str, quote: str, given: HandFields, threshold: float = FUZZY_THRESHOLD
) -> tuple[Claim, Anchor, bool]:
    """add_hand_claim, and whether the claim is new (False: this very claim was stored)."""
    from verify.settings import load_aliases

    source = store.get_source(source_ref)
    found = anchor(source.text, quote, threshold)
    claim, new = store.store_claim(make_claim(source, found, given,
                                              aliases=load_aliases(store)))
    return claim, found, new


def parse_period(value: str, option: str = "--period") -> dict[str, dt.date | None]:
    """The period a figure covers as typed: FROM/TO, FROM/ (since, no end), /TO, or "none"."""
    if value.strip().lower() in ("none", ""):
        return {"period_start": None, "period_end": None}
    start, sep, end = value.strip().partition("/")
    if not sep:
        raise UsageError(f"{option}: {value!r} is not FROM/TO (e.g. 2019-05-10/2019-11-18, "
                         "2019-05-10/ for 'since', or none)")
    days = {"period_start": parse_date(start, option) if start.strip() else None,
            "period_end": parse_date(end, option) if end.strip() else None}
    if days["period_start"] and days["period_end"] and days["period_start"] > days["period_end"]:
        raise UsageError(f"{option}: {value!r} ends before it starts")
    return days


def parse_date(value: str, option: str = "--published") -> dt.date:
    """A day in ISO form, or a one-line usage error naming the option."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a date (YYYY-MM-DD)") from None


_ASCII_DIGITS = re.compile(r"[0-9]+")


def parse_count(value: str | None, option: str) -> int | None:
    """A count as typed ("400,000", "400000"); "open" or "none" for an open bound. Only the
    digits 0-9 ("²" is a digit to str.isdigit), and no more than the store holds."""
    if value is None or value.strip().lower() in ("", "open", "none"):
        return None
    digits = re.sub(r"[,_ ]", "", value.strip())
    if not _ASCII_DIGITS.fullmatch(digits):
        raise UsageError(f"{option}: {value[:40]!r} is not a whole number (digits 0-9)")
    if len(digits) > len(str(MAX_COUNT)) or int(digits) > MAX_COUNT:
        shown = digits if len(digits) <= 24 else f"{digits[:12]}... ({len(digits)} digits)"
        raise UsageError(f"{option}: {shown} is above the largest count crosscheck stores "
                         f"({MAX_COUNT:,})")
    return int(digits)


def make_source(
    text: str, title: str | None, outlet: str | None, published: str | None,
    url: str | None = None, who: str | None = None,
) -> Source:
    """A source a person adds by hand (a TV segment, a PDF): its text as given."""
    if not text.strip():
        raise UsageError("--text: the source text is empty")
    return Source(id=Source.id_for(text), title=title, outlet=outlet, url=url, text=text,
                  published=parse_date(published) if published else None, origin="hand",
                  added_by=who or current_user(), added_at=now())


def read_text(text: str | None, text_file: Path | None) -> str:
    """The text of a hand-made source: given inline or read from a UTF-8 file."""
    if (text is None) == (text_file is None):
        raise UsageError("give the source's text with exactly one of --text or --text-file")
    if text is not None:
        return text
    assert text_file is not None
    from sources.load import decode, read_file

    # a regular file within the article limit, decoded as is: no newline translation
    return decode(read_file(text_file), text_file, "utf-8")
