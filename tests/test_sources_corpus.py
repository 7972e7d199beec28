"""Corpus files: one source per row, text exactly as the cell, dates in the corpus's format."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from claims.errors import ManifestError, SourceError, UsageError
from claims.store import Store
from sources.corpus import CorpusColumns, load_corpus
from tests.conftest import FAKES
from verify.ingest import ingest


def test_csv_rows_become_sources(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(
        'id,body,day,site\n7,"Two killed,\nfour hurt.",4/5/17,wire\n8,,4/6/17,wire\n'.encode(
            "latin-1"
        )
    )
    [src] = load_corpus(
        path,
        CorpusColumns(text="body", published="day", outlet="site", id="id", date_format="%m/%d/%y"),
        encoding="latin-1",
    )
    assert src.text == "Two killed,\nfour hurt."
    assert (src.published, src.outlet, src.path) == (dt.date(2017, 4, 5), "wire", f"{path}#7")


def test_jsonl_rows_become_sources(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    rows = [{"text": "Nine people were killed.", "date": "2020-02-03"}, {"text": "Calm day."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    sources = load_corpus(path, CorpusColumns(text="text", published="date"))
    assert [s.text for s in sources] == ["Nine people were killed.", "Calm day."]
    assert sources[0].published == dt.date(2020, 2, 3)


@pytest.mark.parametrize(
    ("body", "cols", "error", "message"),
    [
        ("a,b\n1,2\n", CorpusColumns(text="body"), UsageError, "has no column 'body'"),
        (
            "body,d\nx,31/12/20\n",
            CorpusColumns(text="body", published="d"),
            ManifestError,
            r"c\.csv:2: date '31/12/20' does not match YYYY-MM-DD",
        ),
        ("body\n\n", CorpusColumns(text="body"), SourceError, "no row has text"),
    ],
    ids=["no-text-column", "bad-date", "no-text"],
)
def test_bad_corpus_is_refused_with_one_line(
    tmp_path: Path, body: str, cols: CorpusColumns, error: type[Exception], message: str
) -> None:
    path = tmp_path / "c.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(error, match=message):
        load_corpus(path, cols)


@pytest.mark.skipif(not FAKES.is_file(), reason=f"the FA-KES corpus is not at {FAKES}")
def test_fakes_corpus_ingests_every_row_with_valid_spans(store: Store) -> None:
    cols = CorpusColumns(
        text="article_content",
        title="article_title",
        outlet="source",
        published="date",
        id="unit_id",
        date_format="%m/%d/%y",
    )
    results = ingest(store, [FAKES], encoding="latin-1", corpus=cols)
    assert len(results) == 804
    texts = {r.source.id: r.source.text for r in results}
    claims = store.list_claims()
    assert claims and all(
        texts[c.source_id][c.span.start : c.span.end] == c.span.quote for c in claims
    )
