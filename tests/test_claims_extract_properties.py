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


# A run of digits too long for a float (or for the store's 64-bit integers) is not a count:
# extraction once raised OverflowError on it (issue 14's fuzzing).
long_figures = st.builds(
    lambda lead, digits, sep, tail: f"{lead} {digits}{sep} {tail}",
    st.sampled_from(["At least", "More than", "Some", "", "killed"]),
    st.integers(18, 2000).map(lambda n: "9" * n) | st.text("0123456789,.", min_size=18,
                                                           max_size=600),
    st.sampled_from(["", " million", "bn", ".5", ",000"]),
    st.sampled_from(["people were killed.", "civilians fled.", "died", ""]),
)


@settings(max_examples=150, deadline=None)
@given(text=long_figures)
def test_very_long_digit_strings_never_raise(text: str) -> None:
    source = Source(id=Source.id_for(text), text=text)
    for claim in extract_claims(source):
        assert claim.span.quote == text[claim.span.start : claim.span.end]
        for value in (claim.low, claim.high, claim.estimate):
            assert value is None or value < 2**63


def test_a_figure_beyond_the_store_is_not_read() -> None:
    text = "At least " + "9" * 400 + " people were killed; 12 civilians were killed."
    claims = extract_claims(Source(id="long", text=text))
    assert [c.low for c in claims if c.kind == "killed"] == [12]
