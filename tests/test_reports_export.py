"""Exports: JSON structure, CSV tables, Markdown, ClaimReview JSON-LD and HTML in Chromium."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from claims.store import Store
from reports.export import claim_reviews, render_markdown, report_json
from reports.export.csv import write_tables
from reports.export.write import export_all, render_text
from tests.report_corpus import build
from verify.report_data import gather_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_json_full_structure(store: Store) -> None:
    c = build(store)
    doc = report_json(gather_report(store, "t"))
    assert doc["counts"]["conflicts"] == 2
    assert doc["counts"]["by_severity"] == {"high": 1, "medium": 1, "low": 0}
    first = doc["conflicts"][0]
    assert first["type"] == "figure" and first["severity_label"] == "high"
    assert first["review"] == "open"
    assert [m["id"] for m in first["claims"]] == first["claim_ids"]
    lm = next(m for m in first["claims"] if m["id"] == c["lm400"].id)
    assert (lm["low"], lm["high"], lm["qualifier"]) == (400_000, None, "more than")
    assert lm["outlet"] == "Le Monde" and lm["published"] == "2019-08-06"
    assert lm["quote"] == "more than 400,000 people" and lm["interval"] == "[400,000, …)"
    assert doc["conflicts"][1]["decision"]["verdict"] == "real"
    assert doc["corroborations"][0]["independent_sources"] == 2
    assert {s["outlet"] for s in doc["sources"]} >= {"Le Monde", "EA WorldView", "Reuters"}


def test_csv_tables(store: Store) -> None:
    import pandas as pd

    c = build(store)
    claims_out, conflicts_out = io.StringIO(), io.StringIO()
    write_tables(gather_report(store, "t"), claims_out, conflicts_out)
    claims = pd.read_csv(io.StringIO(claims_out.getvalue()))
    conflicts = pd.read_csv(io.StringIO(conflicts_out.getvalue()))
    assert len(claims) == 7
    row = claims.set_index("id").loc[c["ea500"].id]
    assert (row["low"], row["figure_text"], row["outlet"]) == (500_000, "more than half a million",
                                                               "EA WorldView")
    assert list(conflicts["severity_label"]) == ["high", "medium"]
    assert conflicts.iloc[1]["review"] == "real"
    assert conflicts.iloc[1]["claim_ids"].split() == [c["lm1000"].id, c["ea900"].id]


def test_markdown(store: Store) -> None:
    build(store)
    md = render_markdown(gather_report(store, "t"))
    assert "### HIGH figure conflict: displaced · people · Idlib · since late April" in md
    row = ("| **more than half a million** | \\[500,000, …\\) | EA WorldView, 2019-09-10 "
           "| unattributed |")
    assert row in md
    assert "(same wire text in Daily Sabah, 2019-08-30)" in md
    assert "- Review: real: both cite SOHR" in md


REQUIRED = ("@context", "@type", "url", "claimReviewed", "reviewRating", "author", "datePublished",
            "itemReviewed")


def _valid_claim_review(review: dict[str, object]) -> None:
    """The fields schema.org and Google's fact-check markup require or recommend."""
    for key in REQUIRED:
        assert review.get(key), key
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    rating = review["reviewRating"]
    assert isinstance(rating, dict) and rating["@type"] == "Rating" and rating["alternateName"]
    author = review["author"]
    assert isinstance(author, dict) and author["@type"] == "Organization" and author["name"]
    item = review["itemReviewed"]
    assert isinstance(item, dict) and item["@type"] == "Claim"
    for work in item["appearance"]:
        assert work["@type"] == "CreativeWork" and work["url"].startswith("https://")
    dt.date.fromisoformat(str(review["datePublished"]))


def test_claimreview_fields(store: Store) -> None:
    c = build(store)
    data = gather_report(store, "t")
    reviews = claim_reviews(data, "Fact Desk", "https://factdesk.example/idlib",
                            today=dt.date(2024, 6, 1))
    json.loads(json.dumps(reviews))
    for review in reviews:
        _valid_claim_review(review)
    disputed = [r for r in reviews if r["reviewRating"]["alternateName"] == "Disputed"]
    assert len(disputed) == 2  # the reviewed (real) conflict's two claims; the open one is left out
    first = disputed[0]
    said = "One thousand civilians have been killed, according to the OSDH."
    assert first["claimReviewed"] == said
    assert first["url"] == f"https://factdesk.example/idlib#{data.conflicts[1].id}-{c['lm1000'].id}"
    assert first["datePublished"] == "2024-05-01"
    assert first["itemReviewed"]["author"] == {"@type": "Organization", "name": "SOHR"}
    assert first["itemReviewed"]["datePublished"] == "2019-08-06"
    assert first["itemReviewed"]["appearance"][0]["url"] == "https://example.org/lemonde.txt"
    corroborated = [r for r in reviews if r["reviewRating"]["alternateName"] == "Corroborated"]
    assert len(corroborated) == 1
    assert len(corroborated[0]["itemReviewed"]["appearance"]) == 3
    assert corroborated[0]["itemReviewed"]["firstAppearance"]["datePublished"] == "2019-08-06"
    assert corroborated[0]["datePublished"] == "2024-06-01"


def test_export_all_writes_every_format(store: Store, tmp_path: Path) -> None:
    build(store)
    paths = export_all(gather_report(store, "t"), tmp_path / "out")
    assert sorted(p.name for p in paths) == sorted([
        "report.md", "report.html", "report.json", "claimreview.jsonld",
        "report-claims.csv", "report-conflicts.csv"])
    assert json.loads((tmp_path / "out" / "report.json").read_text())["counts"]["claims"] == 7


def test_html_is_self_contained(store: Store) -> None:
    build(store)
    html = render_text(gather_report(store, "t"), "html")
    assert html.startswith("<!DOCTYPE html>")
    assert "<link" not in html and "<script" not in html and "src=" not in html
    assert "more than half a million against more than 400,000" in html


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_html_in_headless_chromium(store: Store, tmp_path: Path) -> None:
    build(store)
    page = tmp_path / "report.html"
    page.write_text(render_text(gather_report(store, "t"), "html"), encoding="utf-8")
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0 and not done.stdout:
        pytest.skip(f"chromium could not run here: {done.stderr.strip()[:200]}")
    dom = done.stdout
    for expected in ("HIGH", "figure conflict", "more than half a million against more than",
                     "Le Monde, 2019-08-06", "MEDIUM", "SOHR cited with one thousand",
                     "[red]people[/red]"):
        assert expected in dom, expected
    assert "<title>crosscheck report</title>" in dom


def test_markdown_gives_a_ceasefire_event_its_date(store: Store) -> None:
    from claims.model import Claim, Conflict, Event, Kind, Source, Span

    texts = ["Russia announced a truce on 30 August.", "A truce began at the start of September."]
    claims = []
    for text, event, date in zip(texts, (Event.announced, Event.starts),
                                 ("2019-08-30", "2019-09-01/2019-09-10"), strict=True):
        src = Source(id=Source.id_for(text), text=text, outlet="Post",
                     published=dt.date(2019, 9, 12), path=f"{date}.txt")
        claim = Claim(source_id=src.id, kind=Kind.ceasefire, event=event, date=date,
                      span=Span.of(text, 0, len(text) - 1))
        store.save_source(src, [claim])
        claims.append(claim)
    store.replace_conflicts([Conflict(type="date", severity=0.4, severity_label="medium",
                                      reason="dates apart", claim_ids=[c.id for c in claims])])
    text = render_markdown(gather_report(store, "t"))
    assert "| **announced** | 2019-08-30 |" in text
    assert "| **starts** | 2019-09-01 to 2019-09-10 |" in text


def test_claimreview_lists_an_article_once_however_many_of_its_claims_agree(store: Store) -> None:
    from claims.model import Claim, Corroboration, Kind, Quantity, Source, Span

    text = "Some 3 million people live in the province. The province is home to 3 million people."
    src = Source(id=Source.id_for(text), text=text, outlet="Post", path="p.txt",
                 published=dt.date(2020, 1, 2))
    other = "About 3 million people live there."
    src2 = Source(id=Source.id_for(other), text=other, outlet="Wire", path="w.txt",
                  published=dt.date(2020, 1, 3))
    claims = []
    for source, needle in ((src, "Some 3 million people"), (src, "3 million people."),
                           (src2, "About 3 million people")):
        start = source.text.index(needle)
        claim = Claim(source_id=source.id, kind=Kind.population,
                      quantity=Quantity(low=3_000_000, high=3_000_000),
                      span=Span.of(source.text, start, start + len(needle)))
        claims.append(claim)
        store.save_source(source, [c for c in claims if c.source_id == source.id])
    store.replace_corroborations([Corroboration(claim_ids=[c.id for c in claims],
                                                independent_sources=2, reason="agree")])
    [review] = claim_reviews(gather_report(store, "t"), "Desk", "https://desk.example/r")
    assert len(review["itemReviewed"]["appearance"]) == 2  # two articles, three claims
