"""Each rule's positive case and the cases that must stay quiet, on claims built by hand."""

from __future__ import annotations

from claims.model import ConflictType
from tests.verify_helpers import article, claim
from verify.check import find_conflicts
from verify.settings import Settings

TOWN = "Saraqib"  # incidents are matched on a town or a site
SINCE = ("2019-04-26", "2019-08-30")  # a total since the offensive began


def check(*pairs):  # type: ignore[no-untyped-def]
    claims = [c for _, c in pairs]
    sources = list({s.id: s for s, _ in pairs}.values())
    return find_conflicts(claims, sources)


def test_more_than_400k_vs_half_a_million_is_flagged_with_the_gap() -> None:
    a = article("More than half a million civilians have been uprooted.", "Reuters", "2019-08-30")
    b = article("More than 400,000 people displaced, the UN says.", "Le Monde", "2019-08-31")
    result = check((a, claim(a, "displaced", low=500_000, qualifier="more than")),
                   (b, claim(b, "displaced", low=400_000, qualifier="more than", subject="people",
                             attribution="United Nations")))
    [conflict] = result.conflicts
    assert conflict.type is ConflictType.figure
    assert "25% apart" in conflict.reason
    assert "displaced, civilians, Idlib province" in conflict.reason
    assert "citing United Nations" in conflict.reason and "unattributed" in conflict.reason


def test_figures_within_tolerance_stay_quiet_and_corroborate() -> None:
    a = article("Idlib is home to around 3 million people.", "Le Monde", "2020-01-16")
    b = article("Idlib hosts an estimated 3 million Syrians.", "EA WorldView", "2019-09-10")
    result = check((a, claim(a, "population", estimate=3_000_000, low=2_700_000, high=3_300_000,
                             subject="people")),
                   (b, claim(b, "population", estimate=3_050_000, subject="people")))
    assert result.conflicts == []
    [group] = result.corroborations
    assert group.independent_sources == 2


def test_disjoint_intervals_conflict() -> None:
    a = article("At least 500 were killed.", "A", "2019-08-30")
    b = article("Fewer than 300 were killed.", "B", "2019-08-30")
    result = check((a, claim(a, "killed", low=500, place=TOWN)),
                   (b, claim(b, "killed", high=300, place=TOWN)))
    assert [c.type for c in result.conflicts] == [ConflictType.figure]


def test_vague_hundreds_does_not_conflict_with_one_thousand() -> None:
    a = article("The offensive has killed hundreds.", "A", "2019-08-30")
    b = article("One thousand civilians were killed.", "B", "2019-08-31")
    result = check((a, claim(a, "killed", low=200, high=999, figure="hundreds")),
                   (b, claim(b, "killed", estimate=1000, low=1000, high=1000)))
    assert result.conflicts == []


def _blast(figure: str, low: int, high: int) -> list[tuple[object, object]]:
    """One market blast told two ways on one day, in one town: a count against `figure`."""
    a = article(f"Officials said {figure} people were killed in the market blast.", "Courier",
                "2021-06-02")
    b = article("The blast at the market killed 470 people, the health office said.", "Herald",
                "2021-06-02")
    return [(a, claim(a, "killed", low=low, high=high, figure=figure, place=TOWN,
                      period=("2021-06-01", "2021-06-01"), subject="people")),
            (b, claim(b, "killed", low=470, high=470, figure="470", place=TOWN,
                      period=("2021-06-01", "2021-06-01"), subject="people",
                      attribution="Saraqib health office"))]


def test_a_range_written_with_two_figures_is_an_estimate_that_can_disagree() -> None:
    [conflict] = check(*_blast("100 to 300", 100, 300)).conflicts  # type: ignore[arg-type]
    assert conflict.type is ConflictType.figure and len(conflict.claim_ids) == 2


def test_a_magnitude_word_is_no_side_of_a_dispute() -> None:
    assert check(*_blast("tens of", 24, 99)).conflicts == []  # type: ignore[arg-type]
    assert check(*_blast("dozens of", 24, 99)).conflicts == []  # type: ignore[arg-type]


def test_cumulative_count_falling_later_is_a_timeline_conflict() -> None:
    a = article("Half a million have been displaced since April.", "A", "2019-08-30")
    b = article("400,000 have been displaced since April.", "B", "2019-09-09")
    result = check(
        (a, claim(a, "displaced", estimate=500_000, period=("2019-04-26", "2019-08-30"))),
        (b, claim(b, "displaced", estimate=400_000, period=("2019-04-26", "2019-09-09"))))
    [conflict] = result.conflicts
    assert conflict.key["rule"] == "timeline" and "fell from" in conflict.reason
    assert "20% lower at a later date" in conflict.reason  # 500,000 to 400,000 is a 20% fall
    assert "500,000 (A, as of 30 Aug 2019," in conflict.reason
    assert "400,000 (B, as of 9 Sep 2019," in conflict.reason


def test_cumulative_count_growing_later_stays_quiet() -> None:
    a = article("400,000 have been displaced.", "A", "2019-08-01")
    b = article("Half a million have been displaced.", "B", "2019-08-30")
    result = check((a, claim(a, "displaced", estimate=400_000)),
                   (b, claim(b, "displaced", estimate=500_000)))
    assert result.conflicts == []


def test_civilians_and_fighters_are_not_compared() -> None:
    a = article("29 regime fighters died.", "A", "2020-01-16")
    b = article("Nearly 20 civilians died.", "B", "2020-01-16")
    result = check((a, claim(a, "killed", estimate=29, subject="regime fighters")),
                   (b, claim(b, "killed", estimate=20, subject="civilians")))
    assert result.conflicts == []


def test_aleppo_deaths_never_meet_idlib_deaths() -> None:
    a = article("6 civilians killed in Aleppo.", "A", "2020-01-16")
    b = article("20 civilians killed in Idlib.", "B", "2020-01-16")
    result = check((a, claim(a, "killed", estimate=6, place="Aleppo")),
                   (b, claim(b, "killed", estimate=20, place="Idlib province")))
    assert result.conflicts == []


def test_a_town_and_its_province_are_different_places() -> None:
    a = article("50 killed in Khan Sheikhoun.", "A", "2019-08-20")
    b = article("100 killed in Idlib.", "B", "2019-08-20")
    result = check((a, claim(a, "killed", estimate=50, place="Khan Sheikhoun")),
                   (b, claim(b, "killed", estimate=100, place="Idlib province")))
    assert result.conflicts == []


def test_two_different_towns_of_one_province_are_not_compared() -> None:
    a = article("12 killed in Saraqib.", "A", "2019-08-20")
    b = article("3 killed in Khan Sheikhoun.", "B", "2019-08-21")
    result = check((a, claim(a, "killed", estimate=12, place="Saraqib")),
                   (b, claim(b, "killed", estimate=3, place="Khan Sheikhoun")))
    assert result.conflicts == []


def test_a_figure_opening_its_sentence_reads_lower_case_in_the_reason() -> None:
    a = article("Some 10 civilians were killed.", "A", "2019-08-20")
    b = article("Twenty civilians were killed.", "B", "2019-08-20")
    result = check((a, claim(a, "killed", low=9, high=11, estimate=10, qualifier="Some",
                             place=TOWN)),
                   (b, claim(b, "killed", estimate=20, place=TOWN)))
    [conflict] = result.conflicts
    assert "some 10" in conflict.reason and "Some" not in conflict.reason


def test_war_total_never_groups_with_a_days_toll() -> None:
    a = article("More than 380,000 people were killed since 2011.", "A", "2020-01-16")
    b = article("Nearly 20 people died in the past 24 hours.", "B", "2020-01-16")
    result = check(
        (a, claim(a, "killed", low=380_000, subject="people", period=("2011-03-15", "2020-01-16"))),
        (b, claim(b, "killed", high=20, subject="people", period=("2020-01-15", "2020-01-16"))))
    assert result.conflicts == [] and result.corroborations == []


def test_projections_and_denials_are_not_counts() -> None:
    a = article("650,000 could be forced to flee.", "A", "2020-01-16")
    b = article("100,000 have been displaced.", "B", "2020-01-16")
    result = check((a, claim(a, "displaced", estimate=650_000, modality="projected")),
                   (b, claim(b, "displaced", estimate=100_000)))
    assert result.conflicts == []


def test_one_article_never_conflicts_with_itself() -> None:
    a = article("12 civilians were killed; the offensive has killed 400.", "A", "2019-08-30")
    result = check((a, claim(a, "killed", estimate=12, quote="12 civilians")),
                   (a, claim(a, "killed", estimate=400, quote="killed 400")))
    assert result.conflicts == []


def test_sohr_and_osdh_are_one_body() -> None:
    a = article("400 killed since April, according to SOHR.", "A", "2019-08-30")
    b = article("400 killed since April, according to the OSDH.", "B", "2019-08-30")
    result = check((a, claim(a, "killed", estimate=400, attribution="SOHR", period=SINCE)),
                   (b, claim(b, "killed", estimate=400, attribution="OSDH", period=SINCE)))
    assert result.conflicts == []
    assert len(result.corroborations) == 1


def test_same_figure_credited_to_different_bodies() -> None:
    a = article("400 killed since April, according to the UN.", "A", "2019-08-30")
    b = article("400 killed since April, according to SNHR.", "B", "2019-08-30")
    result = check((a, claim(a, "killed", estimate=400, attribution="United Nations",
                             period=SINCE)),
                   (b, claim(b, "killed", estimate=400, attribution="SNHR", period=SINCE)))
    [conflict] = result.conflicts
    assert conflict.type is ConflictType.attribution
    assert "credited to different bodies" in conflict.reason


def test_one_toll_from_two_bodies_corroborates() -> None:
    a = article("Twelve killed in Saraqib on Sunday, the UN said.", "A", "2019-08-30")
    b = article("Twelve killed in Saraqib on Sunday, SNHR said.", "B", "2019-08-30")
    sunday = ("2019-08-25", "2019-08-25")
    result = check((a, claim(a, "killed", estimate=12, attribution="United Nations",
                             period=sunday, place=TOWN)),
                   (b, claim(b, "killed", estimate=12, attribution="SNHR", period=sunday,
                             place=TOWN)))
    assert result.conflicts == [] and len(result.corroborations) == 1


def test_same_body_cited_with_different_figures() -> None:
    a = article("1,000 killed since April, according to the OSDH.", "A", "2019-08-30")
    b = article("600 killed since April, according to SOHR.", "B", "2019-08-31")
    result = check((a, claim(a, "killed", estimate=1000, attribution="OSDH",
                             period=("2019-04-26", "2019-08-30"))),
                   (b, claim(b, "killed", estimate=600, attribution="SOHR",
                             period=("2019-04-26", "2019-08-31"))))
    [attr] = result.conflicts  # one dispute: the body's own figures differ
    assert attr.type is ConflictType.attribution
    assert "Syrian Observatory for Human Rights cited with different figures" in attr.reason


def test_ceasefire_dates_disagree() -> None:
    a = article("Russia on Friday announced a ceasefire.", "Reuters", "2019-08-30")
    b = article("At the start of September Putin announced a pause.", "EA", "2019-09-10")
    result = check((a, claim(a, "ceasefire", event="announced", date="2019-08-30")),
                   (b, claim(b, "ceasefire", event="announced", date="2019-09-01/2019-09-10")))
    [conflict] = result.conflicts
    assert conflict.type is ConflictType.date
    assert "announced 30 Aug 2019 (Reuters" in conflict.reason
    assert "announced 1-10 Sep 2019 (EA" in conflict.reason and "2 days apart" in conflict.reason


def test_a_start_is_not_compared_with_an_announcement() -> None:
    a = article("A ceasefire from 6am on August 31.", "Reuters", "2019-08-30")
    b = article("At the start of September Putin announced a pause.", "EA", "2019-09-10")
    result = check((a, claim(a, "ceasefire", event="starts", date="2019-08-31")),
                   (b, claim(b, "ceasefire", event="announced", date="2019-09-01/2019-09-10")))
    assert result.conflicts == []


def test_ceasefire_announced_before_it_starts_agrees() -> None:
    a = article("Russia on Friday announced a ceasefire.", "A", "2019-08-30")
    b = article("A ceasefire from August 31.", "B", "2019-08-30")
    result = check((a, claim(a, "ceasefire", event="announced", date="2019-08-30")),
                   (b, claim(b, "ceasefire", event="starts", date="2019-08-31")))
    assert result.conflicts == []


def test_separate_ceasefires_a_month_apart_are_not_compared() -> None:
    a = article("A ceasefire announced on 1st August.", "A", "2019-08-06")
    b = article("A ceasefire announced on August 30.", "B", "2019-08-30")
    result = check((a, claim(a, "ceasefire", event="announced", date="2019-08-01")),
                   (b, claim(b, "ceasefire", event="announced", date="2019-08-30")))
    assert result.conflicts == []


def test_a_body_cited_with_different_figures_beside_an_unattributed_one_is_two_conflicts() -> None:
    a = article("The UN says 400,000 fled.", "A", "2019-08-30")
    b = article("The UN says 500,000 fled.", "B", "2019-08-31")
    c = article("Some 500,000 fled.", "C", "2019-08-31")
    result = check((a, claim(a, "displaced", low=400_000, attribution="United Nations")),
                   (b, claim(b, "displaced", low=500_000, attribution="United Nations")),
                   (c, claim(c, "displaced", low=500_000)))
    assert sorted(x.type.value for x in result.conflicts) == ["attribution", "figure"]
    [attr] = [x for x in result.conflicts if x.type is ConflictType.attribution]
    assert len(attr.claim_ids) == 2


def test_claims_without_any_date_are_not_compared() -> None:
    from claims.model import Source

    a = Source(id=Source.id_for("71 civilians killed."), text="71 civilians killed.", path="a")
    b = Source(id=Source.id_for("20 civilians killed."), text="20 civilians killed.", path="b")
    assert a.published is None and b.published is None  # no manifest, no front matter
    result = check((a, claim(a, "killed", estimate=71)), (b, claim(b, "killed", estimate=20)))
    assert result.conflicts == [] and result.corroborations == []


def test_tolls_of_different_days_are_not_compared_and_of_one_day_are() -> None:
    a = article("Ten civilians were killed on Sunday, the SOHR said.", "A", "2020-01-16")
    b = article("Twenty-five were killed on Tuesday, the SOHR said.", "B", "2020-01-16")
    c = article("Thirty civilians were killed on Sunday, activists said.", "C", "2020-01-17")
    sunday, tuesday = ("2020-01-12", "2020-01-12"), ("2020-01-14", "2020-01-14")
    town = "Saraqib"
    quiet = check((a, claim(a, "killed", estimate=10, attribution="SOHR", period=sunday,
                            place=town)),
                  (b, claim(b, "killed", estimate=25, attribution="SOHR", period=tuesday,
                            place=town)))
    assert quiet.conflicts == []
    loud = check((a, claim(a, "killed", estimate=10, period=sunday, place=town)),
                 (c, claim(c, "killed", estimate=30, period=sunday, place=town)))
    assert [x.type for x in loud.conflicts] == [ConflictType.figure]


def test_a_toll_of_no_known_day_weighs_less() -> None:
    from claims.model import Source

    dated = article("The quake has killed 5,000 people, rescuers said.", "Courier", "2023-02-08")
    text = "The quake has killed 12,000 people, the ministry said."
    undated = Source(id=Source.id_for(text), text=text, outlet="Herald", path="Herald.txt")
    claims = [claim(s, "killed", low=n, high=n, figure=f"{n:,}", subject="people", place=TOWN)
              for s, n in ((dated, 5_000), (undated, 12_000))]
    [plain] = find_conflicts(claims, [dated, undated],
                             settings=Settings(undated_factor=1.0)).conflicts
    [weighed] = find_conflicts(claims, [dated, undated]).conflicts
    assert weighed.claim_ids == plain.claim_ids and "undated" in weighed.reason
    assert plain.severity_label == "high" and weighed.severity_label == "medium"
    assert abs(weighed.severity - plain.severity * Settings().undated_factor) <= 0.01
