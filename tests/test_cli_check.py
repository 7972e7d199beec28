"""`crosscheck check` and `crosscheck conflicts`, in process, asserting parsed JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.store import Store
from tests.verify_helpers import article, claim
from verify.cli import app

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "c.db")
    a = article("More than half a million civilians have been uprooted.", "Reuters", "2019-08-30")
    b = article("More than 400,000 people displaced, the UN says.", "Le Monde", "2019-08-31")
    with Store(path) as store:
        for src, c in ((a, claim(a, "displaced", low=500_000, qualifier="more than")),
                       (b, claim(b, "displaced", low=400_000, qualifier="more than",
                                 attribution="United Nations"))):
            store.save_source(src, [c])
    return path


def run(db: str, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["--db", db, *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    out: list[dict[str, object]] = json.loads(result.stdout)
    return out


def test_check_json_lists_the_conflict(db: str) -> None:
    [conflict] = run(db, "check")
    assert conflict["type"] == "figure" and conflict["severity_label"] == "medium"
    assert set(conflict) >= {"id", "type", "severity", "severity_label", "reason", "claim_ids",
                             "key"}
    assert "25% apart" in str(conflict["reason"])
    assert len(conflict["claim_ids"]) == 2  # type: ignore[arg-type]


def test_check_tolerance_option_quiets_the_conflict(db: str) -> None:
    assert run(db, "check", "--tolerance", "0.3") == []


def test_toml_beside_the_store_sets_the_tolerance(db: str) -> None:
    (Path(db).parent / "crosscheck.toml").write_text("[check]\ntolerance = 0.3\n")
    assert run(db, "check") == []


def test_conflicts_list_and_show(db: str) -> None:
    [checked] = run(db, "check")
    assert [c["id"] for c in run(db, "conflicts", "list")] == [checked["id"]]
    assert run(db, "conflicts", "list", "--type", "date") == []
    assert run(db, "conflicts", "list", "--severity", "high") == []
    [shown] = run(db, "conflicts", "show", str(checked["id"])[:6])
    assert shown["reason"] == checked["reason"]


def test_bad_filter_is_a_one_line_usage_error(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "conflicts", "list", "--type", "colour"])
    assert result.exit_code == 2 and "--type: 'colour'" in result.output


def test_check_table_summary(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "check"])
    assert result.exit_code == 0
    assert "1 conflicts (0 high, 1 medium, 0 low); 0 corroborated groups." in result.stdout
