"""One meaning per filter: the same options keep the same conflicts in every command that
lists them (conflicts list, report, review, export), and the same claims in claims list."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.model import Claim
from claims.store import open_store
from tests.report_corpus import build
from verify.cli import app

runner = CliRunner()


@pytest.fixture
def stocked(tmp_path: Path) -> tuple[str, dict[str, Claim], dict[str, str]]:
    db = str(tmp_path / "f.db")
    with open_store(db) as store:
        claims = build(store)
        found = store.list_conflicts()
    by_kind = {str(c.key["kind"]): c.id for c in found}
    return db, claims, by_kind


def _ok(db: str, *args: str, keys: str | None = None) -> str:
    result = runner.invoke(app, ["--db", db, *args], input=keys)
    assert result.exit_code == 0, result.output
    return result.stdout


def conflicts_in_every_command(db: str, args: list[str], tmp_path: Path) -> list[list[str]]:
    """The conflict ids each command keeps with these filters, in its order."""
    listed = [c["id"] for c in json.loads(_ok(db, "conflicts", "list", "-f", "json", *args))]
    report = [c["id"] for c in json.loads(_ok(db, "report", "-f", "json", *args))["conflicts"]]
    walk = _ok(db, "review", "--all", *args, keys="j\n" * 5)
    reviewed = list(dict.fromkeys(re.findall(r"\bx[0-9a-f]{11}\b", walk)))
    folder = tmp_path / f"out{len(list(tmp_path.iterdir()))}"
    _ok(db, "export", str(folder), *args)
    exported = [c["id"] for c in json.loads((folder / "report.json").read_text())["conflicts"]]
    return [listed, report, reviewed, exported]


@pytest.mark.parametrize(("args", "kinds"), [
    ([], ["displaced", "killed"]),
    (["--kind", "killed"], ["killed"]),
    (["--place", "Idlib"], ["displaced", "killed"]),
    (["--attribution", "OSDH"], ["killed"]),  # SOHR's claims, by an alias
    (["--attribution", "United Nations"], ["displaced"]),
    (["--outlet", "reuters"], ["displaced"]),
    (["--outlet", "LE MONDE"], ["displaced", "killed"]),
    (["--since", "2019-09-01"], ["displaced", "killed"]),  # EA WorldView is in both
    (["--since", "2019-08-20", "--until", "2019-08-31"], ["displaced"]),  # the wire copies
    (["--source", "reuters.txt"], ["displaced"]),
    (["--type", "attribution"], ["killed"]),
    (["--severity", "high"], ["displaced"]),
    (["--severity", "medium"], ["displaced", "killed"]),
    (["--sort", "kind"], ["displaced", "killed"]),
    (["--sort", "date", "--kind", "killed"], ["killed"]),
])
def test_the_same_filters_keep_the_same_conflicts_everywhere(
        stocked: tuple[str, dict[str, Claim], dict[str, str]], args: list[str],
        kinds: list[str], tmp_path: Path) -> None:
    db, _, by_kind = stocked
    expected = [by_kind[k] for k in kinds]
    for found in conflicts_in_every_command(db, args, tmp_path):
        assert found == expected


@pytest.mark.parametrize(("args", "names"), [
    (["--attribution", "OSDH"], ["lm1000", "ea900"]),
    (["--attribution", "Syrian Observatory for Human Rights", "--since", "2019-09-01"],
     ["ea900"]),
    (["--outlet", "reuters"], ["w1"]),
    (["--kind", "killed", "--sort", "figure"], ["lm1000", "ea900"]),
    (["--kind", "displaced", "--sort", "figure"], ["hx", "ea500", "w2", "lm400", "w1"]),
    (["--source", "dailysabah.txt"], ["w2"]),
])
def test_claims_list_keeps_the_claims_asked(
        stocked: tuple[str, dict[str, Claim], dict[str, str]], args: list[str],
        names: list[str]) -> None:
    db, claims, _ = stocked
    ids = [c["id"] for c in json.loads(_ok(db, "claims", "list", "-f", "json", *args))]
    assert sorted(ids) == sorted(claims[n].id for n in names)
    if "--sort" in args:
        assert ids == [claims[n].id for n in names]


def test_claims_csv_carries_the_article(stocked: tuple[str, dict[str, Claim], dict[str, str]]
                                        ) -> None:
    import csv
    import io

    db, claims, _ = stocked
    rows = list(csv.DictReader(io.StringIO(_ok(db, "claims", "list", "-f", "csv",
                                                "--outlet", "Evil"))))
    assert [(r["id"], r["published"], r["url"]) for r in rows] == [
        (claims["hx"].id, "2020-01-16", "https://example.org/hostile.txt")]
    assert rows[0]["outlet"] == "[bold]Evil[/bold] [2JPress"  # markup kept as data, ESC gone
    assert rows[0]["attribution"] == "[bold]Officials[/bold][2J"


def test_a_formula_in_an_outlet_is_neutralised(tmp_path: Path) -> None:
    import datetime as dt

    from claims.model import Kind, Quantity, Source, Span

    text = "Some 30 people were killed."
    src = Source(id=Source.id_for(text), path="f.txt", outlet="=HYPERLINK(\"x\")", text=text,
                 url="+1 evil", published=dt.date(2020, 1, 1))
    claim = Claim(source_id=src.id, kind=Kind.killed, quantity=Quantity(low=30, high=30),
                  span=Span.of(text, 5, 14))
    db = str(tmp_path / "x.db")
    with open_store(db) as store:
        store.save_source(src, [claim])
    import csv
    import io

    [row] = csv.DictReader(io.StringIO(_ok(db, "claims", "list", "-f", "csv")))
    assert (row["outlet"], row["published"], row["url"]) == (
        "'=HYPERLINK(\"x\")", "2020-01-01", "'+1 evil")


@pytest.mark.parametrize("command", [["claims", "list"], ["conflicts", "list"], ["report"],
                                     ["review"], ["timeline"], ["export", "out"]])
@pytest.mark.parametrize(("args", "says"), [
    (["--kind", "foo"], "Error: --kind: unknown kind 'foo'"),
    (["--place", "Atlantis-on-Sea"], "Error: --place: no place 'Atlantis-on-Sea'"),
    (["--since", "yesterday"], "Error: --since: 'yesterday' is not a day (YYYY-MM-DD)"),
    (["--attribution", "Nobody Ever"], "Error: --attribution: no body 'Nobody Ever'"),
    (["--outlet", "zzz"], "Error: --outlet: no outlet matches 'zzz'"),
])
def test_a_filter_that_cannot_match_is_refused_in_one_line(
        stocked: tuple[str, dict[str, Claim], dict[str, str]], command: list[str],
        args: list[str], says: str, tmp_path: Path) -> None:
    db, _, _ = stocked
    result = runner.invoke(app, ["--db", db, *command, *args], input="q\n")
    assert result.exit_code == 2
    assert result.stderr.startswith(says) and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_timeline_of_one_conflict_draws_its_claims(
        stocked: tuple[str, dict[str, Claim], dict[str, str]]) -> None:
    db, _, by_kind = stocked
    out = _ok(db, "timeline", by_kind["killed"][:6])
    assert f"conflict {by_kind['killed']}" in out
    assert "thousand" in out and "more than 900" in out and "half a million" not in out
    result = runner.invoke(app, ["--db", db, "timeline", by_kind["killed"], "--kind", "killed"])
    assert result.exit_code == 2 and "not both" in result.stderr
