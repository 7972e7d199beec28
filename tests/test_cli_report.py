"""The report, timeline and export commands, in process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.store import open_store
from tests.report_corpus import build
from verify.cli import app

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "r.db")
    with open_store(path) as store:
        build(store)
    return path


def _run(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_report_table(db: str) -> None:
    out = _run(db, "report")
    assert "HIGH figure conflict" in out and "MEDIUM attribution conflict" in out
    assert "\x1b" not in out  # not a terminal: plain


@pytest.mark.parametrize(("args", "conflicts", "claims"), [
    ([], 2, 7),
    (["--kind", "killed"], 1, 2),
    (["--place", "Aleppo"], 0, 0),
    (["--since", "2019-08-07", "--until", "2019-09-10"], 2, 4),  # a side in the window
    (["--severity", "high"], 1, 7),
    (["--limit", "1"], 1, 7),
])
def test_report_filters_json(db: str, args: list[str], conflicts: int, claims: int) -> None:
    doc = json.loads(_run(db, "report", "--format", "json", *args))
    assert len(doc["conflicts"]) == conflicts
    assert doc["counts"]["claims"] == claims


def test_report_source_filter(db: str) -> None:
    with open_store(db) as store:
        sid = next(s.id for s in store.list_sources() if s.outlet == "EA WorldView")
    doc = json.loads(_run(db, "report", "-f", "json", "--source", sid[:6]))
    assert len(doc["conflicts"]) == 2  # EA WorldView is a side of both, shown whole
    assert [s["outlet"] for s in doc["sources"] if s["matched"]] == ["EA WorldView"]


def test_report_bad_date_is_a_usage_error(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "report", "--since", "yesterday"])
    assert result.exit_code == 2


def test_report_formats_to_stdout(db: str) -> None:
    assert _run(db, "report", "-f", "markdown").startswith("# crosscheck report")
    assert "<!DOCTYPE html>" in _run(db, "report", "-f", "html")
    reviews = json.loads(_run(db, "report", "-f", "claimreview"))
    assert reviews == []  # its one decision is 'real' without a side: no claim is rated
    csv = _run(db, "report", "-f", "csv").splitlines()
    assert csv[0].startswith("id,type,severity,severity_label,reason")
    assert len(csv) == 3


def test_report_output_files(db: str, tmp_path: Path) -> None:
    _run(db, "report", "-f", "json", "-o", str(tmp_path / "r.json"))
    assert json.loads((tmp_path / "r.json").read_text())["counts"]["conflicts"] == 2
    _run(db, "report", "-f", "csv", "-o", str(tmp_path / "r.csv"))
    assert (tmp_path / "r-claims.csv").read_text().count("\n") == 8
    assert (tmp_path / "r-conflicts.csv").is_file()
    _run(db, "report", "-o", str(tmp_path / "r.txt"))
    assert "HIGH figure conflict" in (tmp_path / "r.txt").read_text()


def test_report_pager_off_a_terminal_prints(db: str) -> None:
    assert "HIGH figure conflict" in _run(db, "report", "--pager")


def test_timeline(db: str) -> None:
    out = _run(db, "timeline", "--kind", "displaced", "--place", "Idlib")
    assert out.splitlines()[0] == "Figures over time: displaced · Idlib"
    assert "2019-09-10 EA WorldV more than half" in out


def test_export(db: str, tmp_path: Path) -> None:
    _run(db, "export", str(tmp_path / "out"), "--kind", "displaced")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["claimreview.jsonld", "report-claims.csv", "report-conflicts.csv",
                     "report.html", "report.json", "report.md"]
    doc = json.loads((tmp_path / "out" / "report.json").read_text())
    assert doc["filters"] == {"kind": "displaced"}


def test_export_parquet_holds_the_reports_conflicts_and_claims(db: str, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    _run(db, "export", str(tmp_path / "pq"), "--format", "parquet", "--kind", "displaced")
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == [
        "report-claims.parquet", "report-conflicts.parquet"]
    doc = json.loads(_run(db, "report", "--format", "json", "--kind", "displaced"))
    conflicts = pq.read_table(tmp_path / "pq" / "report-conflicts.parquet").to_pylist()
    assert conflicts
    assert [(c["id"], c["claim_ids"]) for c in conflicts] == [
        (c["id"], c["claim_ids"]) for c in doc["conflicts"]]
    claim_ids = {c["id"] for c in pq.read_table(tmp_path / "pq" / "report-claims.parquet")
                 .to_pylist()}  # fmt: skip
    assert {i for c in conflicts for i in c["claim_ids"]} <= claim_ids


@pytest.mark.parametrize("command", ["report", "timeline", "export"])
def test_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.stdout
