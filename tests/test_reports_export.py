"""Exports: JSON structure, CSV tables, Markdown, every format at once (HTML and ClaimReview
have their own test files)."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

from claims.store import Store
from reports.export import render_markdown, report_json
from reports.export.csv import write_tables
from reports.export.write import export_all
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
    row = ("| 2 | **more than half a million** | \\[500,000, …\\) | EA WorldView | 2019-09-10 "
           "| unattributed | **[More than half a million people](https://example.org/"
           "eaworldview.txt#:~:text=More%20than%20half%20a%20million%20people)** have fled the "
           "south of Idlib since the offensive began. |")
    assert row in md
    assert "Reuters (same wire text in Daily Sabah, 2019-08-30)" in md
    assert "- Review: real, by amina on 2024-05-01 09:00" in md
    assert "- Note: both cite SOHR" in md
    assert "| 2019-08-06 | Le Monde | A cease-fire quickly buried | " \
           "<https://example.org/lemonde.txt> | 2 | 2 |" in md


def test_export_all_writes_every_format(store: Store, tmp_path: Path) -> None:
    build(store)
    paths = export_all(gather_report(store, "t"), tmp_path / "out")
    assert sorted(p.name for p in paths) == sorted([
        "report.md", "report.html", "report.json", "claimreview.jsonld",
        "report-claims.csv", "report-conflicts.csv"])
    assert json.loads((tmp_path / "out" / "report.json").read_text())["counts"]["claims"] == 7


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
    assert "| **announced** | 2019-08-30 | Post | 2019-09-12 |" in text
    assert "| **starts** | 2019-09-01 to 2019-09-10 | Post | 2019-09-12 |" in text
