"""One test per matching rule: what counts as the same incident, the same total, one moment."""

from __future__ import annotations

from claims.model import Claim, ConflictType, Scope
from tests.verify_helpers import article, claim
from verify.check import find_conflicts
from verify.rows import INCIDENT, TOTAL, UNKNOWN, rows_of
from verify.settings import Settings

OFFENSIVE = "2019-04-26"  # the day the offensive began: totals count from it


def check(*pairs):  # type: ignore[no-untyped-def]
    claims = [c for _, c in pairs]
    sources = list({s.id: s for s, _ in pairs}.values())
    return find_conflicts(claims, sources)


def day(iso: str) -> tuple[str, str]:
    return iso, iso


def since(iso: str) -> tuple[str, str]:
    return OFFENSIVE, iso


def scoped(c: Claim, scope: Scope) -> Claim:
    return c.model_copy(update={"scope": scope})


def test_the_scope_is_read_from_the_period_when_the_text_gives_none() -> None:
    a = article("Twelve died on Monday; 900 since April; some 40 in all.", "A", "2019-08-30")
    rows = rows_of([claim(a, "killed", estimate=12, period=day("2019-08-26"), quote="Twelve"),
                    claim(a, "killed", estimate=900, period=since("2019-08-30"), quote="900"),
                    claim(a, "killed", estimate=40, quote="some 40")], [a])
    assert [r.scope for r in rows] == [INCIDENT, TOTAL, UNKNOWN]
    assert not any(r.scope_stated for r in rows)


def test_two_incidents_in_one_province_on_one_day_are_two_incidents() -> None:
    a = article("Shelling killed eight in the province on Monday.", "A", "2019-08-27")
    b = article("An air raid killed 30 in the province on Monday.", "B", "2019-08-27")
    monday = day("2019-08-26")
    result = check((a, claim(a, "killed", estimate=8, period=monday)),
                   (b, claim(b, "killed", estimate=30, period=monday)))
    assert result.conflicts == [] and result.corroborations == []


def test_two_sites_in_one_town_on_one_day_are_two_incidents() -> None:
    a = article("A strike on the market killed nine.", "A", "2019-08-27")
    b = article("A strike on the bakery killed 25.", "B", "2019-08-27")
    monday = day("2019-08-26")
    market = claim(a, "killed", estimate=9, period=monday, place="Saraqib")
    bakery = claim(b, "killed", estimate=25, period=monday, place="Saraqib")
    result = check((a, market.model_copy(update={"site": "the market"})),
                   (b, bakery.model_copy(update={"site": "the bakery"})))
    assert result.conflicts == []


def test_reports_of_one_incident_in_a_town_disagree() -> None:
    a = article("A strike on the market in the town killed nine on Monday.", "A", "2019-08-27")
    b = article("The market strike killed 25, rescuers said.", "B", "2019-08-27")
    result = check((a, claim(a, "killed", estimate=9, period=day("2019-08-26"), place="Saraqib")),
                   (b, claim(b, "killed", estimate=25, place="Saraqib")))
    [conflict] = result.conflicts
    assert conflict.key["scope"] == "incident/unknown"
    assert "scope (incident or total) not stated for one of the claims" in conflict.reason


def test_incidents_the_text_dates_to_different_days_are_different_incidents() -> None:
    a = article("Eight were killed in the town on Monday.", "A", "2019-08-27")
    b = article("Thirty were killed in the town on Tuesday.", "B", "2019-08-28")
    result = check((a, claim(a, "killed", estimate=8, period=day("2019-08-26"), place="Saraqib")),
                   (b, claim(b, "killed", estimate=30, period=day("2019-08-27"), place="Saraqib")))
    assert result.conflicts == []


def test_in_a_city_two_undated_tolls_are_not_taken_for_one_incident() -> None:
    a = article("Rockets killed four in the city.", "A", "2016-10-05")
    b = article("Air raids killed 26 in the city.", "B", "2016-10-05")
    result = check((a, claim(a, "killed", estimate=4, place="Aleppo")),
                   (b, claim(b, "killed", estimate=26, place="Aleppo")))
    assert result.conflicts == []


def test_a_rising_total_is_not_a_conflict() -> None:
    a = article("The offensive has displaced 60,000 so far.", "A", "2019-06-01")
    b = article("The offensive has displaced 120,000 so far.", "B", "2019-07-15")
    result = check((a, claim(a, "displaced", estimate=60_000, period=since("2019-06-01"))),
                   (b, claim(b, "displaced", estimate=120_000, period=since("2019-07-15"))))
    assert result.conflicts == []


def test_a_falling_total_is_a_timeline_conflict() -> None:
    a = article("The offensive has displaced 120,000 so far.", "A", "2019-07-15")
    b = article("The offensive has displaced 60,000 so far.", "B", "2019-08-20")
    result = check((a, claim(a, "displaced", estimate=120_000, period=since("2019-07-15"))),
                   (b, claim(b, "displaced", estimate=60_000, period=since("2019-08-20"))))
    [conflict] = result.conflicts
    assert conflict.key["rule"] == "timeline"
    assert "fell from 120,000 (A, as of 15 Jul 2019" in conflict.reason
    assert "to 60,000 (B, as of 20 Aug 2019" in conflict.reason


def test_a_sub_period_is_not_compared_with_its_whole() -> None:
    a = article("In June and July alone 2,000 were killed.", "A", "2019-09-01")
    b = article("Since the offensive began 2,500 have been killed.", "B", "2019-09-01")
    result = check((a, claim(a, "killed", estimate=2_000, period=("2019-06-01", "2019-07-31"))),
                   (b, claim(b, "killed", estimate=2_500, period=since("2019-09-01"))))
    assert result.conflicts == [] and result.corroborations == []


def test_a_window_slides_with_each_pair_and_is_anchored_on_no_article() -> None:
    # 1 Jun is 44 days before 15 Jul: a bucket opened by it closed before 17 Jul
    first = article("So far 20,000 have fled the port city.", "A", "2018-06-01")
    mid = article("So far 120,000 have fled the port city.", "B", "2018-07-15")
    last = article("So far 60,000 have fled the port city.", "C", "2018-07-17")
    result = check(*[(s, claim(s, "displaced", estimate=n, period=("2018-06-01", iso)))
                     for s, n, iso in ((first, 20_000, "2018-06-01"), (mid, 120_000, "2018-07-15"),
                                       (last, 60_000, "2018-07-17"))])
    [conflict] = result.conflicts
    assert len(conflict.claim_ids) == 2 and "(A," not in conflict.reason
    assert "60,000 (C, unattributed) vs 120,000 (B, unattributed)" in conflict.reason
    assert "as of 17 Jul 2018 vs 15 Jul 2018" in conflict.reason


def test_the_same_sliding_window_with_no_period_stated() -> None:
    mid = article("120,000 people have fled the port city, the UN said.", "B", "2018-07-15")
    last = article("60,000 people have fled the port city, the UN said.", "C", "2018-07-17")
    result = check((mid, claim(mid, "displaced", estimate=120_000, attribution="UN")),
                   (last, claim(last, "displaced", estimate=60_000, attribution="UN")))
    assert [c.type for c in result.conflicts] == [ConflictType.attribution]
    assert "United Nations cited with different figures" in result.conflicts[0].reason


def test_more_than_900_later_agrees_with_one_thousand_earlier() -> None:
    a = article("One thousand civilians have died since April.", "A", "2019-08-31")
    b = article("More than 900 civilians have died since April.", "B", "2019-09-10")
    result = check((a, claim(a, "killed", estimate=1000, period=since("2019-08-31"))),
                   (b, claim(b, "killed", low=900, qualifier="more than",
                             period=since("2019-09-10"))))
    assert result.conflicts == []


def test_a_broader_count_may_be_the_larger_but_not_the_smaller() -> None:
    a = article("1,200 people have died since April.", "A", "2019-08-30")
    b = article("900 civilians have died since April.", "B", "2019-08-30")
    quiet = check((a, claim(a, "killed", estimate=1200, subject="people",
                            period=since("2019-08-30"))),
                  (b, claim(b, "killed", estimate=900, period=since("2019-08-30"))))
    assert quiet.conflicts == []
    c = article("600 people have died since April.", "C", "2019-08-30")
    loud = check((c, claim(c, "killed", estimate=600, subject="people",
                           period=since("2019-08-30"))),
                 (b, claim(b, "killed", estimate=900, period=since("2019-08-30"))))
    [conflict] = loud.conflicts
    assert "subject people vs civilians" in conflict.reason


def test_ceasefire_announced_and_starts_do_not_conflict() -> None:
    a = article("Moscow announced on Friday a truce that starts on Saturday.", "A", "2019-08-30")
    b = article("The truce began on Saturday.", "B", "2019-08-31")
    result = check((a, claim(a, "ceasefire", event="announced", date="2019-08-30",
                             quote="announced on Friday")),
                   (a, claim(a, "ceasefire", event="starts", date="2019-08-31",
                             quote="starts on Saturday")),
                   (b, claim(b, "ceasefire", event="starts", date="2019-08-31")))
    assert result.conflicts == []


def test_one_articles_two_counts_are_not_a_dispute() -> None:
    a = article("Sixteen were killed, and five more in a village nearby.", "A", "2019-08-30")
    b = article("Sixteen were killed in the raid.", "B", "2019-08-30")
    monday = day("2019-08-26")
    result = check((a, claim(a, "killed", estimate=16, period=monday, place="Saraqib",
                             quote="Sixteen")),
                   (a, claim(a, "killed", estimate=5, period=monday, place="Saraqib",
                             quote="five more")),
                   (b, claim(b, "killed", estimate=16, period=monday, place="Saraqib")))
    assert result.conflicts == []


def test_an_article_that_contradicts_itself_is_flagged() -> None:
    a = article("Sixteen were killed in the raid. The raid killed 30.", "A", "2019-08-30")
    monday = day("2019-08-26")
    first = claim(a, "killed", estimate=16, period=monday, place="Saraqib", quote="Sixteen")
    second = claim(a, "killed", estimate=30, period=monday, place="Saraqib", quote="killed 30")
    quiet = check((a, first), (a, second))
    assert quiet.conflicts == []  # the text does not say they count the same thing
    assert check((a, scoped(first, Scope.incident)), (a, scoped(second, Scope.incident))
                 ).conflicts == []  # nor does a scope alone: "five more" may be another count
    loud = check((a, scoped(first, Scope.incident).model_copy(update={"site": "the raid"})),
                 (a, scoped(second, Scope.incident).model_copy(update={"site": "the raid"})))
    [conflict] = loud.conflicts
    assert conflict.key["rule"] == "self" and "contradicts itself" in conflict.reason


def test_an_article_setting_two_bodies_figures_side_by_side_reports_their_dispute() -> None:
    a = article("The monitor says 6,000 died in the first month; officials say 400.", "A",
                "2017-12-14")
    b = article("The monitor says 6,000 died in the first month.", "B", "2017-12-15")
    month = ("2017-08-25", "2017-09-24")
    result = check((a, claim(a, "killed", estimate=6000, attribution="Monitor", period=month,
                             quote="6,000")),
                   (a, claim(a, "killed", estimate=400, attribution="Officials", quote="400")),
                   (b, claim(b, "killed", estimate=6000, attribution="Monitor", period=month)))
    [conflict] = result.conflicts
    assert len(conflict.claim_ids) == 3
    assert "400 (A, citing Officials)" in conflict.reason


def test_a_headline_restating_its_figure_takes_the_figures_scope() -> None:
    a = article("Raid kills 12\n\nA raid killed 12 people in Saraqib on Monday.", "A",
                "2019-08-27")
    headline = claim(a, "killed", estimate=12, place=None, quote="kills 12")
    body = claim(a, "killed", estimate=12, place="Saraqib", period=day("2019-08-26"),
                 quote="killed 12")
    rows = rows_of([headline, body], [a])
    assert [(r.scope, r.place) for r in rows] == [(INCIDENT, "Saraqib")] * 2


def test_a_war_total_of_unknown_scope_never_meets_a_days_toll() -> None:
    a = article("The war has killed more than 380,000 people.", "A", "2020-01-16")
    b = article("Twenty people were killed in the town.", "B", "2020-01-16")
    result = check((a, claim(a, "killed", low=380_000, subject="people", place="Saraqib")),
                   (b, claim(b, "killed", estimate=20, subject="people", place="Saraqib")))
    assert result.conflicts == [] and result.corroborations == []


def test_an_undated_estimate_is_set_against_dated_ones() -> None:
    from claims.model import Source

    text = "Ending the fighting spared 1,000 lives a day, the envoy told reporters."
    a = Source(id=Source.id_for(text), text=text, path="a.txt")
    b = article("Officials say the truce stops 1,000 deaths a day.", "B", "2023-01-17")
    subject = "people (per day)"
    result = check((a, claim(a, "killed", estimate=1000, subject=subject, attribution="Envoy",
                             place="Tigray")),
                   (b, claim(b, "killed", estimate=1000, subject=subject,
                             attribution="Officials", place="Tigray")))
    assert a.published is None and [c.type for c in result.conflicts] == [ConflictType.attribution]
    assert "date unknown for one of the claims" in result.conflicts[0].reason


def test_a_refined_subject_is_another_measure() -> None:
    a = article("Famine has killed 150,000 since the war began.", "A", "2022-03-31")
    b = article("The war has killed 500,000 since it began.", "B", "2022-03-31")
    span = ("2020-11-04", "2022-03-31")
    result = check((a, claim(a, "killed", estimate=150_000, subject="civilians (famine deaths)",
                             period=span, place="Tigray")),
                   (b, claim(b, "killed", estimate=500_000, period=span, place="Tigray")))
    assert result.conflicts == []


def test_settings_carry_the_windows_in_one_object() -> None:
    s = Settings()
    assert (s.incident_window_days, s.window_days, s.date_slack_days) == (1, 3, 0)
    assert s.replace(window_days=5).window_days == 5
