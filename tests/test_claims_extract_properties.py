"""Properties on arbitrary text: extraction never raises, spans are valid, regions are skipped."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extract import extract_claims
from claims.model import Region, Source

WORDS = ["killed", "civilians", "more than", "400,000", "one thousand", "hundreds", "fled",
         "ceasefire", "on Sunday", "from 6am on August 31", "according to the OSDH", "the UN said",
         "including", "three children", ",", ".", "\n", "Idlib", "truce", "half a million",
         "were", "displaced", "at least", "nearly 20", "home to", "x", "é", "\x1b[2J"]  # fmt: skip
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
)


@settings(max_examples=200, deadline=None)
@given(
    text=texts, published=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)))
)
def test_never_raises_and_spans_are_valid(text: str, published: dt.date | None) -> None:
    source = Source(id=Source.id_for(text), text=text, published=published)
    for claim in extract_claims(source):
        assert claim.span.quote == text[claim.span.start : claim.span.end]


@settings(max_examples=100, deadline=None)
@given(
    text=st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join),
    cut=st.tuples(st.integers(0, 400), st.integers(0, 400)),
)
def test_no_claim_inside_a_region(text: str, cut: tuple[int, int]) -> None:
    start, end = sorted(min(c, len(text)) for c in cut)
    region = Region(start=start, end=end)
    source = Source(id=Source.id_for(text), text=text, regions=[region])
    for claim in extract_claims(source):
        assert source.in_region(claim.span.start, claim.span.end) is None
