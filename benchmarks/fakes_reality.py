"""A reality check of extraction on FA-KES: our civilian death tolls against the crowd's counts.

Each FA-KES article carries a crowd-annotated count of civilians killed (noisy: the crowd
sometimes adds up several tolls). For every article with a count, this asks whether that count
is among the civilian (or people) death tolls we extract from it.

    .venv/bin/python benchmarks/fakes_reality.py
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from claims.extract import extract_claims
from claims.model import Claim, Kind, Source

FAKES = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "fa-kes" / "fakes.csv"
CIVILIAN = {"civilians", "people", "children", "women"}


# Page furniture in FA-KES's texts, written here independently of the extractor's own rules: a
# dateline run into the widget that follows it ("18.10.2014Get short URL 0 13"), its counters,
# a topic teaser's count ("(1881)"), times of day.
FURNITURE = re.compile(
    r"\d{2}\.\d{2}\.\d{4}(?:Get short URL)?(?: Topic [^()]{1,80}\(\d+\))?(?: \d+)*"
    r"|Get short URL(?: \d+)+|\b\d{1,2}:\d{2}\b|\(\d+\)(?= \d+ )")


def tolls(claims: list[Claim], civilian: bool) -> set[int]:
    """The death tolls among claims (civilian ones only, if asked), as points or lower bounds."""
    return {t for c in claims if c.kind is Kind.killed
            and (not civilian or (c.subject or "people") in CIVILIAN)
            and (t := c.estimate if c.estimate is not None else c.low) is not None}


def furniture_claims(text: str, claims: list[Claim]) -> list[Claim]:
    """The claims whose figure stands in page furniture."""
    spans = [(m.start(), m.end()) for m in FURNITURE.finditer(text)]
    return [c for c in claims if any(a < c.span.end and c.span.start < b for a, b in spans)]


def main() -> int:
    if not FAKES.is_file():
        print(f"FA-KES is not at {FAKES}: nothing to check")
        return 0
    rows = list(csv.DictReader(FAKES.open(encoding="latin-1")))
    counted = [(r, int(r["nb_civilians"])) for r in rows
               if r["nb_civilians"].strip().isdigit() and int(r["nb_civilians"]) > 0]
    found = missed = among_killed = 0
    for row, crowd in counted:
        text = row["article_content"]
        claims = extract_claims(Source(id=Source.id_for(text), text=text))
        ours = tolls(claims, civilian=True)
        missed += not ours
        found += crowd in ours
        among_killed += crowd in tolls(claims, civilian=False)
    n = len(counted)
    furniture = [(r["unit_id"], c.span.quote) for r in rows for c in furniture_claims(
        r["article_content"], extract_claims(Source(id=Source.id_for(r["article_content"]),
                                                    text=r["article_content"])))]
    print(f"{n} articles with a crowd count of civilians killed")
    print(f"  the crowd's count is among our killed claims:  {among_killed} "
          f"({among_killed / n:.0%})")
    print(f"  the crowd's count is among our civilian tolls: {found} ({found / n:.0%})")
    print(f"  we extracted other civilian tolls only:        {n - found - missed} "
          f"({(n - found - missed) / n:.0%})")
    print(f"  we extracted no civilian toll:                 {missed} ({missed / n:.0%})")
    print(f"claims read from datelines and page furniture in all {len(rows)} articles: "
          f"{len(furniture)}")
    for unit, quote in furniture[:10]:
        print(f"  {unit}: {quote!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
