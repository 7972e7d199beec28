"""schema.org ClaimReview JSON-LD for the claims a reviewer has judged, and only those.

The ratings say what the reviewer decided, never more (reports makes no verdict itself):
- `resolved`: the favoured claim, and the claims that say the same (the same figure or date,
  from the same body in an attribution conflict, or agreeing with it in a corroborated group),
  are rated "Accurate"; every other claim of the conflict "Disputed".
- `real`: a claim is rated "Disputed" only where the reviewer named the side that holds (a
  `claim_id` on the decision); otherwise the conflict is real but no claim is rated.
- `not-comparable`, open conflicts, and machine-found agreement (corroborated groups) are no
  reviewer's rating of a claim, so they are not published. Stale decisions (the claims changed
  since) are listed in `ClaimReviewExport.stale`, for the command to name, not dropped silently.
Each review's `url` is the claim's row in the HTML export (`<page>#<conflict id>-<claim id>`),
`appearance` the articles carrying it; the publisher is the desk's (settings or --publisher).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claims.model import Claim, Conflict, ConflictType, Decision, Source, Verdict
from reports.export.html import web_url
from reports.format import favoured_words, figure
from reports.panels import Side, group_words, ordered_members, sentence, wire_sides
from reports.safe import clean
from verify.report_data import ReportData

CONTEXT = "https://schema.org"
PAGE = "report.html"  # the HTML export's name in an export folder: the anchors' page
ACCURATE, DISPUTED = "Accurate", "Disputed"


@dataclass
class ClaimReviewExport:
    """The reviews to publish, and the decided conflicts that give none, with why."""

    reviews: list[dict[str, Any]] = field(default_factory=list)
    stale: list[Conflict] = field(default_factory=list)  # decided, then its claims changed
    unrated: list[tuple[Conflict, str]] = field(default_factory=list)


def claim_reviews(
    data: ReportData, publisher: str = "crosscheck", base_url: str = "",
    today: dt.date | None = None,
) -> list[dict[str, Any]]:
    """The ClaimReview objects of `data`'s reviewed conflicts (see review_export); each is
    dated by its decision, so `today` is no longer read (kept for callers)."""
    return review_export(data, publisher, base_url).reviews


def review_export(data: ReportData, publisher: str = "crosscheck", base_url: str = ""
                  ) -> ClaimReviewExport:
    """A ClaimReview per rated side of each decided conflict; stale and unrated listed."""
    out = ClaimReviewExport()
    page = base_url or PAGE
    for c in data.conflicts:
        d = c.decision
        if d is None:
            continue
        if d.stale:
            out.stale.append(c)
            continue
        ratings = _ratings(c, d, data)
        if not ratings:
            out.unrated.append((c, _why_unrated(d)))
            continue
        for side, rating in ratings:
            out.reviews.append(_review(side, rating, c, d, data, publisher,
                                       f"{page}#{c.id}-{side.claim.id}"))
    return out


def _why_unrated(d: Decision) -> str:
    if d.verdict is Verdict.not_comparable:
        return "judged not comparable: no claim is rated"
    if d.verdict is Verdict.real:
        return "judged real without saying which side holds: no claim is rated"
    return "the favoured claim is no longer stored"


def _ratings(c: Conflict, d: Decision, data: ReportData) -> list[tuple[Side, str]]:
    """Each side of the conflict and its rating under the decision; unrated sides left out."""
    if d.verdict is Verdict.not_comparable or d.claim_id is None or d.claim_id not in data.claims:
        return []
    members = ordered_members(c.claim_ids, data.claims, data.sources)
    favoured = data.claims[d.claim_id]
    agreeing = _agreeing(favoured, members, c, data)
    out = []
    for side in wire_sides(members):
        same = side.claim.id in agreeing or any(k.id in agreeing for k in side.copies)
        if same and d.verdict is Verdict.resolved:
            out.append((side, ACCURATE))
        elif not same:
            out.append((side, DISPUTED))
    return out


def _statement(claim: Claim, by_body: bool) -> tuple[object, ...]:
    """What a claim says, for telling claims that say the same as the favoured one."""
    q = claim.quantity
    said: tuple[object, ...] = (q.low, q.high) if q else (claim.event, claim.date)
    return (*said, (claim.attribution or "").casefold()) if by_body else said


def _agreeing(favoured: Claim, members: Sequence[Claim], c: Conflict, data: ReportData
              ) -> set[str]:
    """The favoured claim and those saying the same, or corroborated with it by the check."""
    by_body = c.type is ConflictType.attribution
    said = _statement(favoured, by_body)
    out = {k.id for k in members if _statement(k, by_body) == said} | {favoured.id}
    if not by_body:
        for g in data.corroborations:
            if favoured.id in g.claim_ids:
                out |= set(g.claim_ids)
    return out


def _explain(rating: str, c: Conflict, d: Decision, data: ReportData) -> str:
    """The rating in a sentence or two: what the reviewer decided, the conflict, the note."""
    favoured = data.claims.get(d.claim_id) if d.claim_id else None
    src = data.sources.get(favoured.source_id) if favoured else None
    held = favoured_words(favoured, src, d.claim_id or "")
    if rating == ACCURATE:
        words = f"A reviewer resolved this conflict in favour of {held}."
    elif d.verdict is Verdict.resolved:
        words = f"A reviewer resolved this conflict in favour of another figure: {held}."
    else:
        words = f"A reviewer judged the conflict real, with {held} holding."
    note = f" {clean(d.note)}" if d.note else ""
    return f"{words} {clean(c.reason).rstrip('.')}.{note}"


def _review(side: Side, rating: str, c: Conflict, d: Decision, data: ReportData,
            publisher: str, url: str) -> dict[str, Any]:
    claim = side.claim
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim_words(claim, data.sources.get(claim.source_id)),
        "author": {"@type": "Organization", "name": clean(publisher)},
        "datePublished": d.decided_at.date().isoformat(),
        "reviewRating": {"@type": "Rating", "alternateName": rating,
                         "ratingExplanation": _explain(rating, c, d, data)},
        "itemReviewed": _item(claim, [claim, *side.copies], data.sources),
    }


def claim_words(claim: Claim, source: Source | None) -> str:
    """The claim as the article put it: the quote's sentence, else the figure and the group."""
    text = sentence(source, claim).plain.strip()
    return text or f"{figure(claim)} {group_words({}, [claim])}"


def _item(claim: Claim, appearances: Sequence[Claim], sources: Mapping[str, Source]
          ) -> dict[str, Any]:
    ids = dict.fromkeys(c.source_id for c in appearances if c.source_id in sources)
    works = [_work(sources[sid]) for sid in ids]  # one appearance per article, not per claim
    works.sort(key=lambda w: w.get("datePublished") or "9999")
    item: dict[str, Any] = {"@type": "Claim", "appearance": works}
    if works:
        item["firstAppearance"] = works[0]
        if works[0].get("datePublished"):
            item["datePublished"] = works[0]["datePublished"]
    body = claim.attribution or (sources[claim.source_id].outlet if claim.source_id in sources
                                 else None)
    if body:
        item["author"] = {"@type": "Organization", "name": clean(body)}
    return item


def _work(source: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if url := web_url(source.url):
        work["url"] = url
    if source.title:
        work["headline"] = clean(source.title)
    if source.published:
        work["datePublished"] = source.published.isoformat()
    if source.outlet:
        work["publisher"] = {"@type": "Organization", "name": clean(source.outlet)}
    return work
