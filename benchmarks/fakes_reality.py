"""A reality check of extraction on FA-KES: our civilian death tolls against the crowd's counts.

Each FA-KES article carries a crowd-annotated count of civilians killed (noisy: the crowd
sometimes adds up several tolls). For every article with a count, this asks whether that count
is among the civilian (or people) death tolls we extract from it.

    .venv/bin/python benchmarks/fakes_reality.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from claims.extract import extract_claims
from claims.model import Kind, Source

FAKES = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "fa-kes" / "fakes.csv"
CIVILIAN = {"civilians", "people", "children", "women"}


def our_tolls(text: str) -> set[int]:
    """The civilian death tolls extracted from an article, as points or lower bounds."""
    claims = extract_claims(Source(id=Source.id_for(text), text=text))
    return {t for c in claims if c.kind is Kind.killed and (c.subject or "people") in CIVILIAN
            and (t := c.estimate if c.estimate is not None else c.low) is not None}


def main() -> int:
    if not FAKES.is_file():
        print(f"FA-KES is not at {FAKES}: nothing to check")
        return 0
    rows = list(csv.DictReader(FAKES.open(encoding="latin-1")))
    counted = [(r, int(r["nb_civilians"])) for r in rows
               if r["nb_civilians"].strip().isdigit() and int(r["nb_civilians"]) > 0]
    found = missed = 0
    for row, crowd in counted:
        ours = our_tolls(row["article_content"])
        missed += not ours
        found += crowd in ours
    n = len(counted)
    print(f"{n} articles with a crowd count of civilians killed")
    print(f"  the crowd's count is among our civilian tolls: {found} ({found / n:.0%})")
    print(f"  we extracted other civilian tolls only:        {n - found - missed} "
          f"({(n - found - missed) / n:.0%})")
    print(f"  we extracted no civilian toll:                 {missed} ({missed / n:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
