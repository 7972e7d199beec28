"""Extraction cases as data (tests/cases/*.yaml): sentence in, claims out.

A case lists the claims expected (only the fields given are checked; `quote` must equal the
claim's text[start:end]); `expect: []` means no claim at all. `must_not_fire: [rule, ...]`
names rules that must produce no claim on the text: every registered rule has a case where it
fires (an expected claim's `rule`) and one where it must not (test_claims_extract_rules.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from claims.extract import extract_claims
from claims.model import Claim, Source

CASE_FILES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
CASES = [
    {**case, "id": f"{path.stem}:{case['id']}"}
    for path in CASE_FILES
    for case in yaml.safe_load(path.read_text("utf-8")) or []
]
FIELDS = ("kind", "low", "high", "qualifier", "subject", "attribution", "date", "event",
          "modality", "place", "period", "period_start", "period_end", "scope", "site",
          "attribution_via", "speaker", "rule")  # fmt: skip


def source_of(text: str, published: Any = None, language: str | None = None) -> Source:
    """A source built directly, as ingest would, for one case."""
    day = dt.date.fromisoformat(str(published)) if published else dt.date(2020, 1, 15)
    return Source(id=Source.id_for(text), path="case.txt", text=text, published=day,
                  language=language)


def value(claim: Claim, name: str) -> Any:
    record = claim.record()
    return record[name]


def fits(claim: Claim, want: dict[str, Any]) -> bool:
    for name in FIELDS:
        if (
            name in want
            and str(value(claim, name)) != str(want[name])
            and not (want[name] is None and value(claim, name) is None)
        ):
            return False
    if "quote" in want and claim.span.quote != want["quote"]:
        return False
    return "part_of" not in want or bool(claim.part_of) == want["part_of"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    source = source_of(case["text"], case.get("published"), case.get("language"))
    claims = extract_claims(source)
    for claim in claims:
        assert claim.span.quote == source.text[claim.span.start : claim.span.end]
    fired = [c.record() for c in claims if c.rule in case.get("must_not_fire", [])]
    assert not fired, fired
    assert len(claims) == len(case["expect"]), [c.record() for c in claims]
    for want in case["expect"]:
        assert any(fits(c, want) for c in claims), (want, [c.record() for c in claims])
