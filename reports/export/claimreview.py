"""schema.org ClaimReview JSON-LD for each reviewed conflict's claims and each agreeing group.

Ratings render what verify and the reviewer decided: a conflict judged real makes its claims
"Disputed"; a resolved one marks the favoured claim "Supported"; corroborated groups are
"Corroborated". Open, stale and not-comparable conflicts are not reviews yet, so are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from claims.model import Claim, Source, Verdict
from reports.format import figure
from reports.panels import group_words, sentence
from reports.safe import clean
from verify.report_data import ReportData

CONTEXT = "https://schema.org"


def claim_reviews(
    data: ReportData, publisher: str = "crosscheck", base_url: str = "",
    today: dt.date | None = None,
) -> list[dict[str, Any]]:
    """A ClaimReview per claim of each reviewed conflict and one per corroborated group."""
    made = today or dt.date.today()
    out: list[dict[str, Any]] = []
    for c in data.conflicts:
        d = c.decision
        if d is None or d.stale or d.verdict is Verdict.not_comparable:
            continue
        for claim in data.members(c.claim_ids):
            rating = "Supported" if d.claim_id == claim.id else "Disputed"
            out.append(_review(claim, [claim], data, rating, c.reason, publisher,
                               f"{base_url}#{c.id}-{claim.id}", d.decided_at.date()))
    for g in data.corroborations:
        members = data.members(g.claim_ids)
        if members:
            out.append(_review(members[0], members, data, "Corroborated", g.reason, publisher,
                               f"{base_url}#{g.id}", made))
    return out


def _review(claim: Claim, appearances: Sequence[Claim], data: ReportData, rating: str,
            reason: str, publisher: str, url: str, day: dt.date) -> dict[str, Any]:
    src = data.sources.get(claim.source_id)
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim_words(claim, src),
        "author": {"@type": "Organization", "name": clean(publisher)},
        "datePublished": day.isoformat(),
        "reviewRating": {"@type": "Rating", "alternateName": rating,
                         "ratingExplanation": clean(reason)},
        "itemReviewed": _item(claim, appearances, data.sources),
    }


def claim_words(claim: Claim, source: Source | None) -> str:
    """The claim as the article put it: the quote's sentence, else the figure and the group."""
    text = sentence(source, claim).plain.strip()
    return text or f"{figure(claim)} {group_words({}, [claim])}"


def _item(claim: Claim, appearances: Sequence[Claim], sources: dict[str, Source]) -> dict[str, Any]:
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
    if source.url:
        work["url"] = clean(source.url)
    if source.title:
        work["headline"] = clean(source.title)
    if source.published:
        work["datePublished"] = source.published.isoformat()
    if source.outlet:
        work["publisher"] = {"@type": "Organization", "name": clean(source.outlet)}
    return work


