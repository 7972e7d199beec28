"""Inputs that once hung, exhausted memory or were misread (issue 14), accepted or refused in
one line: regular files only, a size cap, UTF-16 with its BOM, one rule for empty articles,
large CSV cells, figures too large to be counts, settings out of range."""

from __future__ import annotations

import dataclasses
import json
import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.errors import ManifestError, SourceError, UsageError
from sources.corpus import CorpusColumns, load_corpus
from sources.load import load_source, read_file
from sources.meta import read_manifest
from verify.cli import app
from verify.hand import parse_count
from verify.settings import LIMITS, Settings

runner = CliRunner()


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    outcome: list[BaseException] = []
    worker = threading.Thread(target=lambda: _catch(outcome, tmp_path / "pipe.txt"), daemon=True)
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert isinstance(outcome[0], SourceError) and "a named pipe" in str(outcome[0])


def _catch(into: list[BaseException], path: Path) -> None:
    try:
        load_source(path)
    except BaseException as exc:  # noqa: BLE001 - the test inspects it
        into.append(exc)


def test_a_link_to_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    (tmp_path / "z.txt").symlink_to("/dev/zero")
    with pytest.raises(SourceError, match="a device, not a regular file"):
        read_file(tmp_path / "z.txt")


def test_an_article_above_the_cap_is_refused_and_the_cap_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Some 40 people were killed. " * 100, encoding="utf-8")
    with pytest.raises(SourceError, match="larger than 0.001 MB"):
        load_source(path, max_bytes=1000)
    assert load_source(path, max_bytes=10_000).text.startswith("Some 40")


def test_utf16_with_its_bom_is_read_with_encoding_utf16(tmp_path: Path) -> None:
    text = "At least 31 people were killed in Lowvale, the Red Cross said.\n"
    path = tmp_path / "w.txt"
    path.write_bytes(text.encode("utf-16"))
    assert load_source(path, encoding="utf-16").text == text
    with pytest.raises(SourceError, match="re-run with --encoding utf-16"):
        load_source(path)


@pytest.mark.parametrize(("data", "message"), [
    ("", "empty file, no article text"),
    ("---\ntitle: t\n---\n  \n", "front matter only, no article text"),
])
def test_empty_and_front_matter_only_follow_one_rule(tmp_path: Path, data: str,
                                                     message: str) -> None:
    path = tmp_path / "a.md"
    path.write_text(data, encoding="utf-8")
    with pytest.raises(SourceError, match=message):
        load_source(path)


def test_a_manifest_row_with_more_cells_than_its_header(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "m.csv").write_text("path,title\na.md,T,extra\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"m.csv:2: more cells than the header's 2 columns"):
        read_manifest(tmp_path / "m.csv")


def test_a_corpus_cell_over_csvs_default_limit_is_read(tmp_path: Path) -> None:
    body = "More than 400,000 people fled. " * 6000  # 186 KB, over csv's 128 KB default
    (tmp_path / "c.csv").write_text(f"text\n\"{body}\"\n", encoding="utf-8")
    [source] = load_corpus(tmp_path / "c.csv", CorpusColumns(text="text"))
    assert source.text == body


def test_a_jsonl_row_with_an_escaped_surrogate_pair_is_fine(tmp_path: Path) -> None:
    row = {"text": "Some 40 people were killed \U0001f600."}
    (tmp_path / "c.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")  # \ud83d\ude00
    [source] = load_corpus(tmp_path / "c.jsonl", CorpusColumns(text="text"))
    assert source.text == row["text"]


def test_a_figure_beyond_the_store_neither_crashes_nor_stops_the_batch(tmp_path: Path) -> None:
    good, huge = tmp_path / "good.txt", tmp_path / "huge.txt"
    good.write_text("At least 31 people were killed in Lowvale.\n", encoding="utf-8")
    huge.write_text(f"At least {2**70} people were killed. Some 12 civilians died.\n", "utf-8")
    db = str(tmp_path / "s.db")
    result = runner.invoke(app, ["--db", db, "ingest", str(good), str(huge)])
    assert result.exit_code == 0, result.stderr
    claims = json.loads(runner.invoke(app, ["--db", db, "claims", "list", "-f", "json"]).stdout)
    assert all(c["low"] is None or c["low"] < 2**63 for c in claims)
    assert 31 in {c["low"] for c in claims}


def test_a_hand_claim_reads_its_figure_from_the_quote(tmp_path: Path) -> None:
    """Issue 14: `claims add --quote "At least 12 civilians" --kind killed` stored no figure."""
    db = str(tmp_path / "s.db")
    text = "Shelling hit the market on Monday. At least 12 civilians were killed, the monitor said."
    sid = json.loads(runner.invoke(app, ["--db", db, "sources", "add", "--text", text,
                                         "--published", "2023-04-03", "-f", "json"]).stdout)
    result = runner.invoke(app, ["--db", db, "claims", "add", "--source", sid[0]["id"],
                                 "--quote", "At least 12 civilians", "--kind", "killed",
                                 "-f", "json"])
    assert result.exit_code == 0, result.stderr
    [made] = json.loads(result.stdout)
    assert (made["low"], made["high"], made["qualifier"]) == (12, None, "At least")
    refused = runner.invoke(app, ["--db", db, "claims", "add", "--source", sid[0]["id"],
                                  "--quote", "the monitor said", "--kind", "killed"])
    assert refused.exit_code == 2 and "no figure could be read" in refused.stderr


@pytest.mark.parametrize("typed", ["²", "1²", "٣", "10e5", "-4", "1.5"])
def test_counts_typed_are_ascii_digits(typed: str) -> None:
    with pytest.raises(UsageError, match="is not a whole number"):
        parse_count(typed, "--low")


def test_counts_typed_stay_within_the_store() -> None:
    assert parse_count("9,223,372,036,854,775,807", "--low") == 2**63 - 1
    for typed in (str(2**63), "1" + "0" * 5000):
        with pytest.raises(UsageError, match="above the largest count"):
            parse_count(typed, "--high")


def test_every_setting_has_a_range_and_absurd_ones_are_refused() -> None:
    fields = {f.name for f in dataclasses.fields(Settings)}
    assert set(LIMITS) == fields
    Settings().validate()
    for name, (low, high) in LIMITS.items():
        for bad in (low - 1, high * 10 + 1, float("nan")):
            with pytest.raises(UsageError, match=name):
                Settings().replace(**{name: bad})
