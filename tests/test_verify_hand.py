"""Anchoring a hand-made claim's quote, and filling its fields from the extractor."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import verify.hand as hand
from claims.errors import SourceError, UsageError
from claims.model import Claim, Kind, Quantity, Source, Span, Status
from claims.store import Store
from verify.hand import HandFields, QuoteNotFoundError, add_hand_claim, anchor, make_claim

pytestmark = pytest.mark.both  # the tests of the store run on SQLite and PostgreSQL

TEXT = ("Idlib, 30 August.\nThe UN said “more than 400,000 people\n  have fled” since "
        "April — and at least 20 civilians were killed on Sunday.\n")


def src(text: str = TEXT) -> Source:
    return Source(id=Source.id_for(text), path="a.txt", text=text)


def test_exact_match() -> None:
    found = anchor(TEXT, "at least 20 civilians")
    assert found.method == "exact" and TEXT[found.start:found.end] == "at least 20 civilians"


def test_whitespace_quotes_and_dashes_are_ignored() -> None:
    found = anchor(TEXT, '"more than 400,000 people have fled" since April - and')
    assert found.method == "normalised"
    expected = "“more than 400,000 people\n  have fled” since April — and"
    assert TEXT[found.start:found.end] == expected


def test_fuzzy_match_widens_to_whole_words() -> None:
    found = anchor(TEXT, "at least 20 civillians were kiled on Sunday")
    assert found.method == "fuzzy" and found.score >= hand.FUZZY_THRESHOLD
    assert TEXT[found.start:found.end] == "at least 20 civilians were killed on Sunday"


def test_quote_not_found_shows_the_nearest_passage() -> None:
    with pytest.raises(QuoteNotFoundError) as err:
        anchor(TEXT, "at most 90 soldiers were wounded on Monday")
    assert "nearest passage" in str(err.value) and "\n" not in str(err.value)
    assert err.value.exit_code == 2


def test_short_quotes_are_never_fuzzy() -> None:
    with pytest.raises(QuoteNotFoundError):
        anchor(TEXT, "Idlbi")


def test_empty_quote_is_refused() -> None:
    with pytest.raises(UsageError):
        anchor(TEXT, "   ")


def test_repeated_quote_anchors_the_first_and_counts() -> None:
    found = anchor("20 dead. Later, 20 dead.", "20 dead")
    assert (found.start, found.occurrences) == (0, 2)


@given(st.text(alphabet="ab \n–—“”\"'-", min_size=1, max_size=40), st.data())
def test_any_slice_anchors_onto_the_stored_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    if not quote.strip():
        return
    found = anchor(text, quote)
    assert hand.normalise(text[found.start:found.end])[0].strip() == \
        hand.normalise(quote.strip())[0].strip()


def extracted(source: Source, quote: str) -> Claim:
    start = source.text.index(quote)
    return Claim(source_id=source.id, kind=Kind.killed, subject="civilians",
                 quantity=Quantity(low=20, qualifier="at least", figure="20"),
                 attribution="UN", span=Span.of(source.text, start, start + len(quote)),
                 rule="figure")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Source:
    """The extractor reads one claim, "at least 20 civilians", from the source."""
    source = src()
    monkeypatch.setattr(hand, "extract_claims",
                        lambda s, aliases=None: [extracted(s, "at least 20 civilians")])
    return source


def test_fields_not_given_are_read_from_the_quote(reads: Source) -> None:
    found = anchor(reads.text, "at least 20 civilians were killed on Sunday")
    made = make_claim(reads, found, HandFields(place="Idlib"), who="ana")
    assert (made.kind, made.subject, made.low, made.attribution) == (Kind.killed, "civilians",
                                                                     20, "UN")
    assert (made.place, made.origin, made.created_by, made.rule) == (
        "Idlib province", "hand", "ana", None)
    assert made.span.quote == reads.text[made.span.start:made.span.end]


def test_fields_given_win(reads: Source) -> None:
    found = anchor(reads.text, "at least 20 civilians were killed")
    made = make_claim(reads, found, HandFields(kind="injured", low=25, high=30,
                                               attribution="OCHA", note="TV"))
    assert (made.kind, made.low, made.high, made.estimate) == (Kind.injured, 25, 30, None)
    assert (made.attribution, made.attribution_text, made.note) == (
        "United Nations Office for the Coordination of Humanitarian Affairs", "OCHA", "TV")
    assert made.quantity is not None and made.quantity.qualifier == "at least"


def test_a_claim_outside_the_quote_is_not_read(reads: Source) -> None:
    found = anchor(reads.text, "more than 400,000 people")
    with pytest.raises(UsageError, match="give --kind"):
        make_claim(reads, found, HandFields())


@pytest.mark.parametrize("given, message", [
    (HandFields(kind="eaten"), "unknown kind"),
    (HandFields(kind="killed", low=9, high=2), "--low 9 is above --high 2"),
    (HandFields(kind="killed", date="last Sunday"), "--date"),
])
def test_bad_fields_are_refused(reads: Source, given: HandFields, message: str) -> None:
    found = anchor(reads.text, "at least 20 civilians")
    with pytest.raises(UsageError, match=message):
        make_claim(reads, found, given)


def test_low_above_the_high_read_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    source = src()
    read = extracted(source, "at least 20 civilians").model_copy(
        update={"quantity": Quantity(low=20, high=30)})
    monkeypatch.setattr(hand, "extract_claims", lambda s, aliases=None: [read])
    with pytest.raises(UsageError, match="low 99 is above high 30"):
        make_claim(source, anchor(source.text, "at least 20 civilians"), HandFields(low=99))


def test_add_hand_claim_stores_and_supersedes(store: Store, reads: Source) -> None:
    machine = extracted(reads, "at least 20 civilians")
    store.save_source(reads, [machine])
    made, found = add_hand_claim(store, reads.id[:6], "at least 20 civilians were killed",
                                 HandFields(low=21))
    assert found.method == "exact"
    assert store.get_claim(made.id).low == 21
    assert store.get_claim(machine.id).status is Status.superseded


def test_parse_helpers() -> None:
    assert hand.parse_count("400,000", "--low") == 400_000
    assert hand.parse_count("open", "--high") is None
    with pytest.raises(UsageError, match="--low"):
        hand.parse_count("lots", "--low")
    with pytest.raises(UsageError, match="--published: '31/08/2019' is not a date"):
        hand.parse_date("31/08/2019")


def test_hand_source(tmp_path: pytest.TempPathFactory) -> None:
    made = hand.make_source("Said on air: 12 killed.", "Evening news", "TV1", "2019-08-31")
    assert (made.origin, made.published.isoformat() if made.published else None) == (
        "hand", "2019-08-31")
    with pytest.raises(UsageError):
        hand.read_text(None, None)
    with pytest.raises(UsageError):
        hand.read_text("x", tmp_path)  # type: ignore[arg-type]
    with pytest.raises(SourceError):
        hand.read_text(None, tmp_path)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="empty"):
        hand.make_source("  ", None, None, None)
