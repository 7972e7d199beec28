"""Incidents told apart: who one article credits, sites within a town, attacks in a city."""

from __future__ import annotations

from claims.model import Claim
from tests.verify_helpers import article, claim
from verify.check import find_conflicts
from verify.independence import may_be_one


def check(*pairs):  # type: ignore[no-untyped-def]
    claims = [c for _, c in pairs]
    sources = list({s.id: s for s, _ in pairs}.values())
    return find_conflicts(claims, sources)


def at(c: Claim, site: str) -> Claim:
    return c.model_copy(update={"site": site})


MONDAY = ("2016-08-08", "2016-08-08")


def test_a_descriptor_may_stand_for_a_body_of_its_type() -> None:
    assert may_be_one("monitor", "Syrian Observatory for Human Rights")
    assert may_be_one("monitor", "monitoring group")
    assert not may_be_one("monitoring group", "SANA")
    assert not may_be_one("Monitor", "Officials")
    assert not may_be_one("Ghent University", "Ethiopian government")


def test_in_one_article_a_monitor_and_the_observatory_give_two_counts() -> None:
    a = article("Raids killed 40 in the east, a monitor said. Rockets killed 12 in the west, "
                "the Syrian Observatory for Human Rights said.", "A", "2016-08-09")
    result = check((a, claim(a, "killed", estimate=40, period=MONDAY, place="Aleppo",
                             attribution="monitor", quote="40")),
                   (a, claim(a, "killed", estimate=12, period=MONDAY, place="Aleppo",
                             attribution="Syrian Observatory for Human Rights", quote="12")))
    assert result.conflicts == []


def test_in_one_article_state_media_and_a_monitoring_group_disagree() -> None:
    a = article("A bus blast killed seven, a monitoring group said. State news agency SANA "
                "said four died in the blast.", "A", "2016-08-09")
    seven = claim(a, "killed", estimate=7, period=MONDAY, place="Aleppo",
                  attribution="monitoring group", quote="seven")
    four = claim(a, "killed", estimate=4, period=MONDAY, place="Aleppo", attribution="SANA",
                 quote="four")
    [conflict] = check((a, at(seven, "the bus")), (a, at(four, "the bus"))).conflicts
    assert sorted(conflict.claim_ids) == sorted([seven.id, four.id])


def test_a_sites_toll_below_its_towns_may_be_part_of_it() -> None:
    a = article("Air strikes killed 31 in the town on Monday.", "A", "2016-08-09")
    b = article("Ten of them died when an air strike hit the bus.", "B", "2016-08-09")
    result = check((a, claim(a, "killed", estimate=31, period=MONDAY, place="Saraqib")),
                   (b, at(claim(b, "killed", estimate=10, period=MONDAY, place="Saraqib"),
                          "the bus")))
    assert result.conflicts == []


def test_a_sites_toll_above_its_towns_is_a_dispute() -> None:
    a = article("Air strikes killed ten in the town on Monday.", "A", "2016-08-09")
    b = article("An air strike on the bus killed 31 on Monday.", "B", "2016-08-09")
    result = check((a, claim(a, "killed", estimate=10, period=MONDAY, place="Saraqib")),
                   (b, at(claim(b, "killed", estimate=31, period=MONDAY, place="Saraqib"),
                          "the bus")))
    assert len(result.conflicts) == 1


def test_in_a_city_attacks_of_other_kinds_on_one_day_are_two_incidents() -> None:
    a = article("Air strikes and shelling killed 16 in the east of the city on Monday.", "A",
                "2016-08-09")
    b = article("Rebel shelling killed seven in the west of the city on Monday.", "B",
                "2016-08-09")
    result = check((a, claim(a, "killed", estimate=16, period=MONDAY, place="Aleppo")),
                   (b, claim(b, "killed", estimate=7, period=MONDAY, place="Aleppo")))
    assert result.conflicts == []


def test_in_a_city_reports_of_one_kind_of_attack_on_one_day_disagree() -> None:
    a = article("Rebel shelling killed 16 in the west of the city on Monday.", "A", "2016-08-09")
    b = article("Rebel shelling killed seven in the city on Monday.", "B", "2016-08-09")
    result = check((a, claim(a, "killed", estimate=16, period=MONDAY, place="Aleppo")),
                   (b, claim(b, "killed", estimate=7, period=MONDAY, place="Aleppo")))
    assert len(result.conflicts) == 1


def test_in_a_city_a_toll_naming_no_attack_and_no_site_matches_no_incident() -> None:
    a = article("Air strikes killed 16 in the city on Monday.", "A", "2016-08-09")
    b = article("Seven people were killed in the city.", "B", "2016-08-08")
    result = check((a, claim(a, "killed", estimate=16, period=MONDAY, place="Aleppo")),
                   (b, claim(b, "killed", estimate=7, place="Aleppo")))
    assert result.conflicts == []


def test_an_attacks_toll_beside_a_months_total_keeps_its_own_scope() -> None:
    a = article("In March blasts in the city hurt 120, the militants said. Seven were hurt "
                "when shells hit the centre, local media said.", "A", "2017-04-16")
    month = ("2017-03-01", "2017-03-31")
    result = check((a, claim(a, "injured", estimate=120, period=month, place="Damascus",
                             attribution="Tahrir al Sham", quote="120")),
                   (a, claim(a, "injured", estimate=7, place="Damascus",
                             attribution="local media", quote="Seven")))
    assert result.conflicts == []


def test_an_anonymous_source_may_be_anyone_but_officials_are_a_governments() -> None:
    assert may_be_one("same source", "monitor")
    assert may_be_one("Syrian informed source", "SANA")
    assert not may_be_one("officials", "monitor")


def test_an_undated_toll_is_its_own_days_incident_when_that_day_had_one() -> None:
    a = article("Coalition raids on the town killed 21 on Monday.", "A", "2016-07-19")
    b = article("Air strikes on the town killed at least 73 on Tuesday.", "B", "2016-07-20")
    c = article("Air strikes on the town killed 70 civilians.", "C", "2016-07-19")
    tuesday = ("2016-07-19", "2016-07-19")
    result = check((a, claim(a, "killed", estimate=21, period=MONDAY_JULY, place="Manbij")),
                   (b, claim(b, "killed", low=73, period=tuesday, place="Manbij")),
                   (c, claim(c, "killed", estimate=70, place="Manbij")))
    assert result.conflicts == []


def test_an_undated_toll_the_day_after_is_the_day_befores_incident() -> None:
    a = article("Coalition raids on the town killed 21 on Monday.", "A", "2016-07-19")
    c = article("Air strikes on the town killed 70 civilians.", "C", "2016-07-19")
    result = check((a, claim(a, "killed", estimate=21, period=MONDAY_JULY, place="Manbij")),
                   (c, claim(c, "killed", estimate=70, place="Manbij")))
    assert len(result.conflicts) == 1


MONDAY_JULY = ("2016-07-18", "2016-07-18")


def _with_part(a, whole: int, part: int):  # type: ignore[no-untyped-def]
    total = claim(a, "killed", estimate=whole, subject="people", period=MONDAY, place="Saraqib",
                  quote=str(whole))
    child = claim(a, "killed", estimate=part, subject="children", period=MONDAY,
                  place="Saraqib", quote=str(part))
    return (a, total), (a, child.model_copy(update={"part_of": total.id}))


def test_sub_counts_of_wholes_that_differ_are_not_disputed_themselves() -> None:
    a = article("A gas attack killed 19, including 6 children.", "A", "2016-08-09")
    b = article("A gas attack killed 72, including 9 children.", "B", "2016-08-09")
    result = check(*_with_part(a, 19, 6), *_with_part(b, 72, 9))
    assert [c.key["subject"] for c in result.conflicts] == ["people"]


def test_sub_counts_of_one_whole_told_alike_are_disputed() -> None:
    a = article("A gas attack killed 70, including 4 children.", "A", "2016-08-09")
    b = article("A gas attack killed 72, including 9 children.", "B", "2016-08-09")
    result = check(*_with_part(a, 70, 4), *_with_part(b, 72, 9))
    assert [c.key["subject"] for c in result.conflicts] == ["children"]
