"""`export --format parquet`: claims and conflicts as Parquet files a pandas or DuckDB user
reads back with the JSON contract's names and types."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.model import Claim, Conflict, Kind, Quantity, Source, Span
from reports.export.parquet import CLAIM_FIELDS, write_parquet

pq = pytest.importorskip("pyarrow.parquet")


def test_claims_and_conflicts_read_back_with_their_values(tmp_path: Path) -> None:
    text = "At least 14 people were killed. Later 3,000 people fled."
    src = Source(id=Source.id_for(text), text=text, path="a.txt")
    one = Claim(source_id=src.id, kind=Kind.killed, quantity=Quantity(low=14),
                span=Span.of(text, 0, 30), place="Lowvale")
    two = Claim(source_id=src.id, kind=Kind.displaced, quantity=Quantity(low=3000, high=3000),
                span=Span.of(text, 38, 56))
    conflict = Conflict(type="figure", severity=0.75, severity_label="high", reason="apart",
                        claim_ids=[one.id, two.id], key={"kind": "killed", "place": "Lowvale"})
    written = write_parquet([one, two], [conflict], tmp_path / "desk")
    assert [p.name for p in written] == ["desk-claims.parquet", "desk-conflicts.parquet"]
    claims = pq.read_table(written[0])
    assert claims.column_names == list(CLAIM_FIELDS)
    assert claims.schema.field("low").type == "int64"
    rows = claims.to_pylist()
    assert [(r["id"], r["kind"], r["low"], r["high"], r["quote"]) for r in rows] == [
        (one.id, "killed", 14, None, text[0:30]), (two.id, "displaced", 3000, 3000, text[38:56])]
    [row] = pq.read_table(written[1]).to_pylist()
    assert (row["id"], row["severity"], row["claim_ids"], row["place"], row["verdict"]) == (
        conflict.id, 0.75, [one.id, two.id], "Lowvale", None)
    assert not list(tmp_path.glob("*.part"))


def test_an_empty_store_writes_empty_tables_with_the_columns(tmp_path: Path) -> None:
    written = write_parquet([], [], tmp_path / "none")
    assert pq.read_table(written[0]).num_rows == 0
    assert pq.read_table(written[0]).column_names == list(CLAIM_FIELDS)
