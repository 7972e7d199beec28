"""`crosscheck doctor`, and the listings of a damaged store: the damage is named once, the rest
reads as before."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from verify.cli import app

runner = CliRunner()
ARTICLES = {
    "a.md": "---\npublished: 2023-04-02\n---\nAt least 31 people were killed in Lowvale.\n",
    "b.md": "---\npublished: 2023-04-03\n---\nSome 95 people were killed in Lowvale.\n",
}


def stocked(tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["--db", str(db), "ingest", str(tmp_path / "a.md"),
                               str(tmp_path / "b.md")]).exit_code == 0
    return db


def test_doctor_on_a_sound_store(tmp_path: Path) -> None:
    db = stocked(tmp_path)
    result = runner.invoke(app, ["--db", str(db), "doctor"])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("No problems found (2 sources, 2 claims")
    assert json.loads(runner.invoke(app, ["--db", str(db), "doctor", "-f", "json"]).stdout) == []


def test_a_damaged_row_is_named_once_and_the_rest_lists(tmp_path: Path) -> None:
    db = stocked(tmp_path)
    with sqlite3.connect(db) as conn:
        bad = conn.execute("select id from sources where text like 'At least%' or "
                           "text like '%31 people%'").fetchone()[0]
        conn.execute("update sources set regions = '[[[' where id = ?", (bad,))
    listed = runner.invoke(app, ["--db", str(db), "sources", "list", "-f", "json"])
    assert listed.exit_code == 0 and len(json.loads(listed.stdout)) == 1
    assert listed.stderr == (f"Warning: {db}: sources row {bad}: column regions is not valid "
                             "JSON; skipped (`crosscheck doctor` lists such rows)\n")
    claims = runner.invoke(app, ["--db", str(db), "claims", "list", "-f", "json"])
    assert claims.exit_code == 0 and len(json.loads(claims.stdout)) == 2
    shown = runner.invoke(app, ["--db", str(db), "sources", "show", bad[:8]])
    assert shown.exit_code == 1 and shown.stderr == (
        f"Error: sources row {bad}: column regions is not valid JSON\n")
    found = runner.invoke(app, ["--db", str(db), "doctor", "-f", "json"])
    assert found.exit_code == 1
    problems = json.loads(found.stdout)
    assert [(p["table"], p["row"]) for p in problems] == [("sources", bad), ("claims", problems[1]
                                                                              ["row"])]
    assert "its source" in problems[1]["message"]
    assert found.stderr.startswith("2 problems found (read 2 sources, 2 claims")
