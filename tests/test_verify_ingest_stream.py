"""Ingest at scale (issue 12): corpora streamed (also .gz and .zst), stored articles skipped on
their hash before extraction, a chunk per transaction, the same claims and ids from one
process, local processes or a Dask cluster, and a kill -9 mid-ingest that a rerun completes."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.errors import SourceError
from claims.store import Store, open_store
from sources.corpus import CorpusColumns
from sources.stream import read_articles, walk_paths
from tests.test_cli_crash import TOWNS, count, crosscheck, wait_for
from verify.cli import app
from verify.ingest import ingest_articles
from verify.workers import InProcess, LocalProcesses

COLS = CorpusColumns(text="text", published="date", id="n")


def rows(n: int) -> list[dict[str, object]]:
    """n dated rows, each with two figures that differ from row to row (in our own words)."""
    return [{"n": i, "date": f"2023-05-{1 + i % 28:02d}",
             "text": f"At least {12 + i} people were killed in {TOWNS[i % len(TOWNS)]}, the "
                     f"health ministry said.\nAbout {2000 + 3 * i:,} families have fled."}
            for i in range(n)]


def write_jsonl(path: Path, n: int) -> Path:
    text = "".join(json.dumps(r) + "\n" for r in rows(n))
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    elif path.suffix == ".zst":
        zstandard = pytest.importorskip("zstandard")
        path.write_bytes(zstandard.ZstdCompressor().compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def claim_rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select id, source_id, kind, low, high, start, \"end\", quote "
                            "from claims order by id").fetchall()


def run(store: Store, path: Path, **kw: object) -> object:
    return ingest_articles(store, read_articles([path], corpus=COLS), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_a_compressed_corpus_stores_what_the_plain_one_does(tmp_path: Path, suffix: str) -> None:
    plain = write_jsonl(tmp_path / "c.jsonl", 30)
    packed = write_jsonl(tmp_path / f"p{suffix}", 30)
    for name, path in (("a.db", plain), ("b.db", packed)):
        with open_store(str(tmp_path / name)) as store:
            summary = run(store, path)
        assert summary.sources == 30 and summary.new == 30  # type: ignore[attr-defined]
    assert claim_rows(tmp_path / "a.db") == claim_rows(tmp_path / "b.db")
    assert len(claim_rows(tmp_path / "a.db")) == 60


def test_a_gzipped_csv_keeps_a_cell_of_several_lines_exactly(tmp_path: Path) -> None:
    path = tmp_path / "c.csv.gz"
    path.write_bytes(gzip.compress(b'id,body\n1,"Two were killed,\r\nfour hurt."\n2,Calm.\n'))
    found = [a.source for a in read_articles([path], corpus=CorpusColumns(text="body"))]
    assert [s.text for s in found] == ["Two were killed,\r\nfour hurt.", "Calm."]
    assert found[1].path == f"{path}#4"  # its line in the file


def test_a_damaged_gzip_is_one_line_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "x"}\n' * 50)[:-12])  # truncated
    with pytest.raises(SourceError, match=r"c\.jsonl\.gz: cannot be read after line"):
        list(read_articles([path], corpus=COLS))


def test_a_stored_article_is_skipped_before_extraction(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", 25)
    with open_store(str(tmp_path / "s.db")) as store:
        run(store, path)
        calls = []
        monkeypatch.setattr("verify.workers.extract_claims", lambda *a: calls.append(a) or [])
        again = run(store, path)
        assert calls == []
        assert (again.sources, again.skipped, again.unchanged, again.new) == (25, 25, 25, 0)  # type: ignore[attr-defined]
        forced = run(store, path, again=True)  # --again: extracted anew
        assert len(calls) == 25 and forced.skipped == 0  # type: ignore[attr-defined]


def test_a_stored_article_read_with_a_date_it_lacked_is_extracted_with_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.jsonl"
    text = "A ceasefire began on Sunday, the army said."
    path.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    with open_store(str(tmp_path / "s.db")) as store:
        run(store, path)
        path.write_text(json.dumps({"text": text, "date": "2024-03-06"}) + "\n", "utf-8")
        summary = run(store, path)
        [source] = store.list_sources()
        dates = {c.date for c in store.list_claims()}
    assert summary.skipped == 0 and str(source.published) == "2024-03-06"  # type: ignore[attr-defined]
    assert "2024-03-03" in dates  # "Sunday" resolved against the date now known


def test_bad_input_after_the_first_chunks_keeps_them_and_says_so(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", 40)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("{not json}\n")
    with open_store(str(tmp_path / "s.db")) as store:
        with pytest.raises(SourceError, match=r"c\.jsonl:41: not a JSON object .*; the first "
                           r"40 sources are stored, each whole"):
            run(store, path, batch=10)
        assert len(store.list_sources()) == 40


def test_local_processes_store_the_same_claims_with_the_same_ids(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", 120)
    with open_store(str(tmp_path / "a.db")) as store:
        run(store, path, runner=InProcess(None, None))
    with open_store(str(tmp_path / "b.db")) as store:
        summary = run(store, path, runner=LocalProcesses(2, None, None), batch=16)
    assert summary.sources == 120  # type: ignore[attr-defined]
    assert claim_rows(tmp_path / "a.db") == claim_rows(tmp_path / "b.db")


def test_a_dask_cluster_stores_the_same_claims_with_the_same_ids(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from verify.workers import DaskCluster

    path = write_jsonl(tmp_path / "c.jsonl", 40)
    with open_store(str(tmp_path / "a.db")) as store:
        run(store, path)
    with (distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                   dashboard_address=None) as cluster,
          open_store(str(tmp_path / "b.db")) as store):
        run(store, path, runner=DaskCluster(cluster.scheduler_address, None, None), batch=8)
    assert claim_rows(tmp_path / "a.db") == claim_rows(tmp_path / "b.db")


def test_the_cli_ingests_with_workers_and_sums_up_in_one_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl.gz", 60)
    db = tmp_path / "s.db"
    args = ["--db", str(db), "ingest", str(path), "--text-column", "text", "--workers", "2"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert first.stdout.splitlines() == [
        f"added     {path}  60 rows: 60 new sources, 120 claims added",
        "60 sources: 60 new, 120 claims added."]
    assert "Ingesting" not in first.stderr  # no bar: stderr is not a terminal
    again = CliRunner().invoke(app, args)
    assert again.stdout.splitlines()[-1] == "60 sources: nothing new, all already stored."


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc for the worker processes")
def test_kill_9_mid_ingest_with_workers_then_a_rerun_matches_a_clean_run(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", 400)
    clean, db = tmp_path / "clean.db", tmp_path / "s.db"
    args = ["ingest", str(path), "--text-column", "text", "--id-column", "n"]
    assert crosscheck(clean, *args, "--workers", "1").wait(timeout=120) == 0
    proc = crosscheck(db, *args, "--workers", "2")
    wait_for(db, "sources", 30, proc, timeout=60)
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    kept = count(db, "sources")
    assert 0 < kept < 400
    rerun = crosscheck(db, *args, "--workers", "2")
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert out.splitlines()[-1] == (f"400 sources: {400 - kept} new, {2 * (400 - kept)} claims "
                                    f"added, {kept} already stored.")
    assert claim_rows(db) == claim_rows(clean)
    for pid in workers:  # the workers of the killed ingest did not outlive it
        assert not Path(f"/proc/{pid}").exists() or _state(pid) == "Z", pid


def _state(pid: int) -> str:
    try:
        return (Path(f"/proc/{pid}") / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_folders_are_walked_lazily_in_a_stable_order(tmp_path: Path) -> None:
    for name in ("b/2.txt", "a/1.md", "a/x.csv", "c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("Nine people were killed.", encoding="utf-8")
    walked = walk_paths([str(tmp_path)])
    assert next(walked) == tmp_path / "c.txt"
    assert [p.relative_to(tmp_path).as_posix() for p in walked] == ["a/1.md", "b/2.txt"]
    assert os.path.exists(tmp_path / "a" / "x.csv")  # a CSV in a folder is not an article
