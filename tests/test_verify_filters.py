"""Filters: one function each, one meaning everywhere; a value that cannot mean anything is
refused in one line naming the option, never answered with an empty listing."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.errors import NotFoundError, UsageError
from claims.store import Store
from tests.report_corpus import build
from verify import filters
from verify.filters import ClaimSort, Filters, check, select_claims, select_conflicts
from verify.report_data import ReportFilters, gather_report


@pytest.mark.parametrize(("call", "value", "message"), [
    (filters.kind, "eaten", "--kind: unknown kind 'eaten' (one of killed, injured,"),
    (filters.conflict_type, "figures", "--type: 'figures' is not a conflict type"),
    (filters.severity, "severe", "--severity: 'severe' is not a severity (low, medium, high)"),
    (filters.sort, "loudest", "--sort: 'loudest' is not an order here (one of severity, date"),
    (filters.place, "Qzxwvutopia", "--place: no place 'Qzxwvutopia' in the gazetteer or in any"),
    (filters.attribution, "Ministry of Truth", "--attribution: no body 'Ministry of Truth'"),
])
def test_a_value_that_means_nothing_is_refused_in_one_line(call, value, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError) as exc:
        call(value)
    assert str(exc.value).startswith(message) and "\n" not in str(exc.value)


def test_values_become_the_canonical_ones() -> None:
    assert filters.kind(" Killed ") == "killed"
    assert filters.place("idlib") == "Idlib province"
    assert filters.place("the old mill", lambda: ["The Old Mill"]) == "The Old Mill"
    assert filters.attribution("OSDH") == "Syrian Observatory for Human Rights"
    assert filters.attribution("Desk Monitor", stored=lambda: ["desk monitor"]) == "desk monitor"
    assert filters.conflict_type("DATE") == "date" and filters.severity("High") == "high"
    assert filters.sort("figure", ClaimSort) == "figure"
    assert filters.outlet("  le   MONDE ", ["Le Monde", "Reuters"]) == "le monde"
    assert filters.limit(0) == 0 and filters.limit(None) is None


def test_days_and_their_order() -> None:
    assert filters.dates("2019-08-01", dt.date(2019, 9, 1)) == (dt.date(2019, 8, 1),
                                                                dt.date(2019, 9, 1))
    with pytest.raises(UsageError, match="--since 2019-09-02 is after --until 2019-09-01"):
        filters.dates("2019-09-02", "2019-09-01")
    with pytest.raises(UsageError, match="--until: 'yesterday' is not a day"):
        filters.dates(None, "yesterday")
    with pytest.raises(UsageError, match="--limit: -1 is below 0"):
        filters.limit(-1)
    with pytest.raises(UsageError, match="--outlet: no outlet matches 'BBC' .outlets: Le Monde"):
        filters.outlet("BBC", ["Le Monde"])


def test_a_source_by_id_prefix_path_or_file_name(store: Store) -> None:
    c = build(store)
    sources = store.list_sources()
    sid = c["ea500"].source_id
    assert filters.source(sid[:6], sources) == sid
    assert filters.source("eaworldview.txt", sources) == sid
    for ref, why in (("abc", "too short"), ("zzzzzz", "no source with the id or path")):
        with pytest.raises(NotFoundError, match=why):
            filters.source(ref, sources)


def _ids(store: Store, **given: object) -> list[str]:
    return [c.id for c in select_conflicts(store, check(Filters(**given), store))]  # type: ignore[arg-type]


def test_conflicts_are_kept_when_any_claim_passes_and_shown_whole(store: Store) -> None:
    c = build(store)
    figure, attribution = (k.id for k in store.list_conflicts())
    assert _ids(store) == [figure, attribution]
    assert _ids(store, kind="killed") == [attribution]
    assert _ids(store, place="Idlib") == [figure, attribution]
    assert _ids(store, place="Aleppo") == []
    assert _ids(store, source=c["hx"].source_id) == [figure]  # the hostile article's one side
    assert _ids(store, outlet="reuters") == [figure]
    assert _ids(store, attribution="OSDH") == [attribution]  # stored as "SOHR"
    assert _ids(store, since="2019-09-01") == [figure, attribution]  # EA's side of each
    assert _ids(store, since="2019-09-11") == [figure]  # the hostile article, in 2020
    assert _ids(store, type="attribution") == [attribution]
    assert _ids(store, severity="high") == [figure]
    assert _ids(store, sort="kind") == [figure, attribution]  # displaced before killed


@pytest.mark.parametrize("given", [
    {}, {"kind": "killed"}, {"place": "Idlib"}, {"place": "Aleppo"}, {"outlet": "reuters"},
    {"attribution": "UN"}, {"since": "2019-09-01", "until": "2019-12-31"},
    {"severity": "medium", "type": "attribution"},
])
def test_the_report_and_the_conflicts_list_keep_the_same(store: Store,
                                                         given: dict[str, str]) -> None:
    build(store)
    report = gather_report(store, "t", ReportFilters(**given))  # type: ignore[arg-type]
    assert [k.id for k in report.conflicts] == _ids(store, **given)


def test_claims_by_body_outlet_and_order(store: Store) -> None:
    c = build(store)
    chosen = select_claims(store, check(Filters(attribution="Syrian Observatory"), store))
    assert {k.id for k in chosen} == {c["lm1000"].id, c["ea900"].id}
    by_outlet = select_claims(store, check(Filters(outlet="Daily Sabah"), store))
    assert [k.id for k in by_outlet] == [c["w2"].id]
    largest = select_claims(store, check(Filters(kind="displaced", sort="figure"), store,
                                         orders=ClaimSort))
    assert [k.low for k in largest][:2] == [600_000, 500_000]
    latest = select_claims(store, check(Filters(sort="date"), store, orders=ClaimSort))
    assert latest[0].id == c["hx"].id


def test_the_reports_old_severity_name_is_the_same_filter() -> None:
    assert ReportFilters(min_severity="high").severity == "high"
    assert ReportFilters(min_severity="high").active() == {"severity": "high"}
