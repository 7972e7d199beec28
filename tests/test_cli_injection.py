"""Text from articles cannot fool a terminal, a spreadsheet or a reader (issue 14): on every
output path, bidi controls, zero-width characters, line separators and C0/C1 controls never
appear raw; people see them as \\uXXXX; JSON keeps the data exact; CSV cells never run."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.model import (
    Claim,
    Conflict,
    ConflictType,
    Decision,
    Kind,
    Quantity,
    Source,
    Span,
    Verdict,
)
from claims.store import open_store
from reports.safe import INVISIBLE, clean, csv_cell, json_text
from verify.cli import app

runner = CliRunner()
RAW = ["\x1b", "\x9b", "\x9d", "\x07", "\r", "\u202e", "\u2066", "\u2069", "\u200b", "\u2028",
       "\u2029", "\ufeff", "\U000e0041"]
QUOTE = "600,000\u200b people\u2028 were\u202e displaced\x9b2J"
TEXT = (f"=HYPERLINK(\"http://evil\") Officials said {QUOTE} in Idlib\x9d0;pwned\x07.\n"
        "A week later, \u2066more than\u2069 450,000 people\U000e0041 were displaced in Idlib.\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    db = tmp_path_factory.mktemp("hostile") / "store.db"
    src = Source(id=Source.id_for(TEXT), path="h\u202eost.txt", outlet="Evil\u202e Press",
                 title="=cmd|' /C calc'!A0 \u2066Title\u2069", published=dt.date(2020, 1, 16),
                 text=TEXT)

    def at(quote: str, low: int) -> Claim:
        start = TEXT.index(quote)
        return Claim(source_id=src.id, kind=Kind.displaced, subject="people", place="Idlib",
                     quantity=Quantity(low=low, figure=quote[:7]), period="since\u2028April",
                     attribution="@SUM(A1) officials\u202e", attribution_text="Officials\x9b",
                     span=Span.of(TEXT, start, start + len(quote)), rule="test")

    claims = [at(QUOTE, 600_000), at("450,000 people\U000e0041", 450_000)]
    conflict = Conflict(type=ConflictType.figure, severity=0.8, severity_label="high",
                        reason="600,000\u202e against 450,000\x9b", fingerprint="f",
                        claim_ids=[c.id for c in claims],
                        key={"kind": "displaced", "subject": "people", "place": "Idlib\u2066"})
    with open_store(str(db)) as store:
        store.save_source(src, claims)
        store.edit_claim(claims[0].id, {"note": "-2+3 \u202enote"}, who="ana\u202e")
        store.replace_conflicts([conflict])
        # resolved, so ClaimReview rates both claims and prints their quotes
        store.save_decision(Decision(conflict_id=conflict.id, verdict=Verdict.resolved,
                                     claim_id=claims[1].id,
                                     reviewer="amina", note="=1+1 \u2028checked",
                                     fingerprint="f",
                                     decided_at=dt.datetime(2024, 5, 1, 9)))
    return db, {"src": src.id, "claim": claims[0].id, "conflict": conflict.id}


def run(db: Path, args: list[str], stdin: str | None = None) -> str:
    result = runner.invoke(app, ["--db", str(db), *args], input=stdin)
    assert result.exit_code in (0, 1, 2), result.exception
    return result.stdout + result.stderr


SHOWS_QUOTE = "visible"  # the output shows the quote to a person: its \u escapes must show
PATHS: list[tuple[str, list[str], str]] = [
    ("claims-list", ["claims", "list"], SHOWS_QUOTE),
    ("claims-show", ["claims", "show", "{claim}"], SHOWS_QUOTE),
    ("claims-show-explain", ["claims", "show", "{claim}", "--explain"], SHOWS_QUOTE),
    ("claims-history", ["claims", "history", "{claim}"], ""),
    ("sources-list", ["sources", "list"], ""),
    ("sources-show", ["sources", "show", "{src}"], SHOWS_QUOTE),
    ("conflicts-list", ["conflicts", "list"], ""),
    ("conflicts-show", ["conflicts", "show", "{conflict}"], SHOWS_QUOTE),
    ("report", ["report"], SHOWS_QUOTE),
    ("report-markdown", ["report", "-f", "markdown"], SHOWS_QUOTE),
    ("report-html", ["report", "-f", "html"], SHOWS_QUOTE),
    ("timeline", ["timeline", "--kind", "displaced"], ""),
    ("review", ["review", "--all"], SHOWS_QUOTE),
    ("review-show-source", ["review", "--all"], SHOWS_QUOTE),
    ("error-nearest-passage", ["claims", "add", "--source", "{src}", "--quote",
                               "Officials said 600,000 people were displaced somewhere else",
                               "--kind", "displaced"], ""),
    ("json-claims-list", ["claims", "list", "-f", "json"], "json"),
    ("json-claims-show", ["claims", "show", "{claim}", "-f", "json"], "json"),
    ("json-claims-history", ["claims", "history", "{claim}", "-f", "json"], "json"),
    ("json-sources-list", ["sources", "list", "-f", "json"], "json"),
    ("json-sources-show", ["sources", "show", "{src}", "-f", "json"], "json"),
    ("json-conflicts-list", ["conflicts", "list", "-f", "json"], "json"),
    ("json-report", ["report", "-f", "json"], "json"),
    ("json-claimreview", ["report", "-f", "claimreview"], "json-cleaned"),  # a page's data
    ("csv-claims-list", ["claims", "list", "-f", "csv"], "csv"),
    ("csv-claims-history", ["claims", "history", "{claim}", "-f", "csv"], "csv"),
    ("csv-sources-list", ["sources", "list", "-f", "csv"], "csv"),
    ("csv-conflicts-list", ["conflicts", "list", "-f", "csv"], "csv"),
    ("csv-report", ["report", "-f", "csv"], "csv"),
]
KEYS = {"review": "q\n", "review-show-source": "s\n1\nq\n"}


@pytest.mark.parametrize(("args", "kind"), [(a, k) for _, a, k in PATHS],
                         ids=[name for name, _, _ in PATHS])
def test_no_output_path_lets_a_control_through(
    hostile: tuple[Path, dict[str, str]], request: pytest.FixtureRequest, args: list[str],
    kind: str,
) -> None:
    db, ids = hostile
    out = run(db, [a.format(**ids) for a in args], KEYS.get(request.node.callspec.id))
    assert out.strip()
    for char in RAW:
        assert char not in out, (f"U+{ord(char):04X}", out[:400])
    if kind == SHOWS_QUOTE:
        assert "\\u202e" in out  # shown, visibly, where it stands
    elif kind == "json":
        parsed = json.loads(out)
        flat = json.dumps(parsed, ensure_ascii=False)
        assert QUOTE in flat or "\u202e" in flat  # the data itself is exact, only escaped
    elif kind == "json-cleaned":
        assert "\\u202e" in json.dumps(json.loads(out), ensure_ascii=False)
    elif kind == "csv":
        assert_no_formula(out)


def assert_no_formula(text: str) -> None:
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_json_output_keeps_every_quote_exact(hostile: tuple[Path, dict[str, str]]) -> None:
    db, _ = hostile
    claims = json.loads(run(db, ["claims", "list", "-f", "json"]))
    assert {c["quote"] for c in claims} == {QUOTE, "450,000 people\U000e0041"}
    assert all(TEXT[c["start"]:c["end"]] == c["quote"] for c in claims)


def test_csv_defuses_formulas_with_an_apostrophe(hostile: tuple[Path, dict[str, str]]) -> None:
    db, _ = hostile
    rows = list(csv.DictReader(io.StringIO(run(db, ["claims", "list", "-f", "csv"]))))
    assert {r["attribution"] for r in rows} == {"'@SUM(A1) officials\\u202e"}
    assert [r["note"] for r in rows if r["note"]] == ["'-2+3 \\u202enote"]
    assert {r["low"] for r in rows} == {"600000", "450000"}  # counts stay whole numbers


def test_export_files_are_clean(hostile: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    db, _ = hostile
    run(db, ["export", str(tmp_path / "out"), "--hand-work", str(tmp_path / "hand.jsonl")])
    files = sorted((tmp_path / "out").iterdir()) + [tmp_path / "hand.jsonl"]
    assert [f.name for f in files] == ["claimreview.jsonld", "report-claims.csv",
                                       "report-conflicts.csv", "report.html", "report.json",
                                       "report.md", "hand.jsonl"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for char in RAW:
            assert char not in text, (path.name, f"U+{ord(char):04X}")
        if path.suffix == ".csv":
            assert_no_formula(text)
    hand = [json.loads(line) for line in (tmp_path / "hand.jsonl").read_text().splitlines()]
    assert any(h.get("note") == "-2+3 \u202enote" for h in hand)  # exact once parsed


def test_ingest_lines_and_warnings_are_clean(tmp_path: Path) -> None:
    path = tmp_path / "wire\u202e\x9b.md"
    path.write_text("---\npublished: 2020-01-01\n---\nSome 40 people were killed.\n", "utf-8")
    out = run(tmp_path / "s.db", ["ingest", str(path)])
    for char in RAW:
        assert char not in out
    assert "wire\\u202e.md" in out


def test_the_invisible_list_covers_every_format_character() -> None:
    import re

    shown = re.compile(f"[{INVISIBLE}]")
    planes = [*range(0x20000), *range(0xE0000, 0xE1000)]  # where Unicode puts format characters
    assert sys.maxunicode == 0x10FFFF
    missing = [f"U+{cp:04X}" for cp in planes
               if unicodedata.category(chr(cp)) in ("Cf", "Zl", "Zp")
               and not shown.match(chr(cp))]
    assert missing == []



@pytest.mark.parametrize("char", RAW + ["\x00", "\x85", "\u061c", "\u00ad"])
def test_clean_and_json_text_leave_no_raw_character(char: str) -> None:
    value = f"a{char}b"
    assert char not in clean(value) and char not in json_text(value)
    assert json.loads(json_text(value)) == value
    assert csv_cell(f"={value}").startswith("'=")
