"""The model's validation: spans, intervals, dates, ids, and the JSON contract."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from claims.errors import SpanError
from claims.model import (
    Claim,
    Conflict,
    Decision,
    Kind,
    Quantity,
    Source,
    Span,
    Verdict,
    check_span,
    date_bounds,
)
from tests.conftest import CLAIM_KEYS

TEXT = "Officials said at least 12 civilians were killed in Rivertown on Monday."


def make_claim(**over: object) -> Claim:
    start = TEXT.index("at least")
    fields: dict[str, object] = dict(
        source_id=Source.id_for(TEXT),
        kind=Kind.killed,
        subject="civilians",
        quantity=Quantity(low=12, estimate=12, qualifier="at least", figure="12"),
        span=Span.of(TEXT, start, TEXT.index(" in Rivertown")),
    )
    fields.update(over)
    return Claim(**fields)  # type: ignore[arg-type]


def test_span_of_keeps_quote_and_context() -> None:
    span = Span.of(TEXT, 15, 26)
    assert span.quote == TEXT[15:26] == "at least 12"
    assert TEXT.endswith(span.suffix + TEXT[26 + len(span.suffix) :])
    assert span.prefix == TEXT[:15]


def test_span_rejects_a_quote_of_the_wrong_length() -> None:
    with pytest.raises(ValidationError, match="quote length"):
        Span(start=0, end=5, quote="abc")


def test_check_span_refuses_a_quote_that_is_not_at_its_offsets() -> None:
    with pytest.raises(SpanError, match="does not match"):
        check_span(TEXT, Span(start=0, end=5, quote="XXXXX"))


def test_quantity_low_above_high_is_refused() -> None:
    with pytest.raises(ValidationError, match="low 20 is above high 10"):
        Quantity(low=20, high=10)


@pytest.mark.parametrize("value", ["2019-08-31", "2019-09-01/2019-09-10"])
def test_claim_dates_are_iso_days_or_ranges(value: str) -> None:
    assert make_claim(kind=Kind.ceasefire, quantity=None, date=value).date == value


@pytest.mark.parametrize("value", ["31/08/2019", "2019-09-10/2019-09-01", "soon"])
def test_claim_dates_that_are_not_iso_are_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        make_claim(kind=Kind.ceasefire, quantity=None, date=value)


def test_date_bounds_of_a_range() -> None:
    assert date_bounds("2019-09-01/2019-09-10") == (dt.date(2019, 9, 1), dt.date(2019, 9, 10))


def test_claim_id_is_stable_for_the_same_span_and_differs_for_another() -> None:
    assert make_claim().id == make_claim().id
    other = make_claim(span=Span.of(TEXT, 0, 9))
    assert other.id != make_claim().id


def test_claim_record_carries_the_json_contract_and_round_trips() -> None:
    claim = make_claim(attribution="Rivertown Police", attribution_text="Officials")
    record = claim.record()
    assert set(record) >= CLAIM_KEYS
    assert (record["low"], record["high"], record["qualifier"], record["quote"]) == (
        12,
        None,
        "at least",
        "at least 12 civilians were killed",
    )
    assert Claim.from_record(record) == claim


def test_conflict_id_depends_on_members_not_their_order() -> None:
    a = Conflict(
        type="figure", severity=0.5, severity_label="medium", reason="r", claim_ids=["c1", "c2"]
    )
    b = Conflict(
        type="figure", severity=0.9, severity_label="high", reason="s", claim_ids=["c2", "c1"]
    )
    assert a.id == b.id
    assert set(a.record()) >= {"id", "type", "severity", "reason", "claim_ids"}


def test_a_resolved_decision_names_its_claim() -> None:
    with pytest.raises(ValidationError, match="names the claim"):
        Decision(
            conflict_id="x1",
            verdict=Verdict.resolved,
            reviewer="a",
            decided_at=dt.datetime(2024, 1, 1),
        )


@given(st.text(max_size=200), st.integers(0, 200), st.integers(0, 200))
def test_span_of_always_matches_its_text(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    span = Span.of(text, start, end)
    check_span(text, span)
    assert span.quote == text[start:end]



def test_from_record_rebuilds_every_field() -> None:
    from claims.model import Event, Modality, Status

    full = make_claim(
        kind=Kind.ceasefire, quantity=None, event=Event.starts, date="2019-08-31",
        place="Rivertown", place_text="Rivertown", period="since Monday",
        period_start=dt.date(2019, 8, 26), period_end=dt.date(2019, 8, 31),
        attribution="Rivertown Police", attribution_text="Officials", modality=Modality.denied,
        origin="hand", created_by="ana", created_at=dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC),
        status=Status.superseded, note="checked by phone", part_of="c0123456789a",
    )
    assert Claim.from_record(full.record()) == full
    assert Claim.from_record(full.record()).model_dump() == full.model_dump()
