"""Ingest at scale (issue 12), figures printed: `crosscheck ingest` end to end in MB/s of CPU on
one core (2,000 small files; FA-KES) with the split between reading, extraction and storing;
into a store holding 10,000 decisions against an empty one; peak memory of ingest and check
on a small and an 8x larger corpus; a synthetic gzipped JSON-lines corpus built from FA-KES and
the dev set (figures, dates and places varied, so nothing dedupes) at 1 and 2 workers and on a
local Dask cluster of 2 workers; a kill -9 at a random point and a rerun matching a clean run;
the check on the resulting store, its time and peak memory, in one process, a process per core
and on a local Dask cluster of 2 workers.

    python benchmarks/scale.py [--articles 100000] [--skip-dask]
    python benchmarks/scale.py --check STORE...   # only the check's lines, on copies of stores

CPU seconds (the process and its workers) are the figures to compare on a shared machine;
wall seconds are printed beside them. Work files go to a temporary folder, removed after.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import gzip
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FAKES = SHARED / "corpora" / "fa-kes" / "fakes.csv"
DEVSET = SHARED / "corpora" / "devset"
SEEDS = SHARED / "seeds"
PLACES = ["Aleppo", "Idlib", "Homs", "Hama", "Daraa", "Raqqa", "Deir ez-Zor", "Douma",
          "Mosul", "Hodeidah", "Taiz", "Mekelle", "Kharkiv", "Gaza", "Khartoum", "Goma"]
_NUMBER = re.compile(r"\d+")
_PLACE = re.compile("|".join(re.escape(p) for p in PLACES))
sys.path.insert(0, str(ROOT))


def run(db: Path, *args: str, env: dict[str, str] | None = None) -> dict[str, float]:
    """`crosscheck --db DB ARGS` in its own process: wall and CPU seconds (with its workers),
    peak memory in MB (the largest process), exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "verify", "--db", str(db), *args], cwd=ROOT,
                            env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"crosscheck {' '.join(args)} failed: {err.strip()[-400:]}")
    return {"wall": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime,
            "mb": usage.ru_maxrss / 1024}


def counts(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        return (conn.execute("select count(*) from sources").fetchone()[0],
                conn.execute("select count(*) from claims").fetchone()[0])


def base_texts() -> list[tuple[str, str | None]]:
    """FA-KES's and the dev set's articles, with their dates where known."""
    out: list[tuple[str, str | None]] = []
    if FAKES.is_file():
        with FAKES.open(encoding="latin-1", newline="") as fh:
            for row in csv.DictReader(fh):
                day = None
                with contextlib.suppress(KeyError, ValueError):
                    day = dt.datetime.strptime(row["date"].strip(), "%m/%d/%y").date().isoformat()
                if row.get("article_content"):
                    out.append((row["article_content"], day))
    for folder in (DEVSET, SEEDS):
        out += [(p.read_text("utf-8"), None) for p in sorted(folder.glob("*.txt"))]
    return out


def varied(text: str, k: int) -> str:
    """The text as the k-th copy: every number moved by k, every known place rotated by k."""
    if k == 0:
        return text
    text = _NUMBER.sub(lambda m: str(int(m.group()) + k) if len(m.group()) < 7 else m.group(),
                       text)
    return _PLACE.sub(lambda m: PLACES[(PLACES.index(m.group()) + k) % len(PLACES)], text)


def synthetic(path: Path, n: int) -> int:
    """n articles as gzipped JSON lines; the bytes of text written."""
    base, size = base_texts(), 0
    start = dt.date(2016, 1, 1)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=3) as out:
        for i in range(n):
            text, day = base[i % len(base)]
            k = i // len(base)
            text = varied(text, k)
            published = (dt.date.fromisoformat(day) if day else start) + dt.timedelta(days=k)
            out.write(json.dumps({"id": i, "text": text, "date": published.isoformat()}) + "\n")
            size += len(text.encode("utf-8"))
    return size


def small_files(folder: Path, n: int = 2000) -> int:
    """n article files from the dev set and seeds, each made distinct; their bytes."""
    folder.mkdir()
    paths = sorted(DEVSET.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text("utf-8") for p in paths]
    for i in range(n):
        (folder / f"a{i:05d}.txt").write_text(varied(texts[i % len(texts)], i // len(texts)),
                                              encoding="utf-8")
    return sum(p.stat().st_size for p in folder.iterdir())


def split(paths: list[Path], corpus: bool) -> dict[str, float]:
    """CPU seconds of reading, extraction (boilerplate included) and storing, in one process."""
    from claims.store import open_store
    from sources.corpus import CorpusColumns
    from sources.stream import read_articles
    from verify.workers import extract_partition

    cols = (CorpusColumns(text="article_content", published="date", date_format="%m/%d/%y")
            if corpus else None)
    t0 = time.process_time()
    articles = list(read_articles(paths, encoding="latin-1" if corpus else "utf-8",
                                  corpus=cols))
    t1 = time.process_time()
    found = extract_partition([(a.source, a.skip) for a in articles], None, None)
    t2 = time.process_time()
    batch = [(a.source.model_copy(update={"regions": r}), c)
             for a, (r, c, _) in zip(articles, found, strict=True)]
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "s.db")) as store:
        t3 = time.process_time()
        for at in range(0, len(batch), 500):
            store.save_sources(batch[at:at + 500])
        t4 = time.process_time()
    return {"read": t1 - t0, "extract": t2 - t1, "store": t4 - t3}


def add_decisions(db: Path, n: int) -> None:
    """n decisions, each on a conflict naming a stored claim (as a desk's store holds)."""
    now = dt.datetime.now(dt.UTC).isoformat()
    with sqlite3.connect(db) as conn:
        claims = [r[0] for r in conn.execute("select id from claims")]
        conn.executemany(
            "insert into decisions (conflict_id, verdict, claim_id, note, fingerprint, "
            "created_by, created_at) values (?, 'real', ?, 'bench', 'f', 'bench', ?)",
            [(f"xbench{i:06d}", claims[i % len(claims)], now) for i in range(n)])


def line(label: str, r: dict[str, float], mb_in: float | None = None,
         articles: int | None = None) -> str:
    rate = f", {mb_in / r['cpu']:.2f} MB/s per core" if mb_in else ""
    per = f", {articles / r['wall']:,.0f} articles/s wall" if articles else ""
    return (f"  {label:<34} wall {r['wall']:7.1f} s  cpu {r['cpu']:7.1f} s  "
            f"peak {r['mb']:6.0f} MB{rate}{per}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--check", type=Path, metavar="STORE", nargs="+",
                        help="only the check's lines, on these SQLite stores (written to: "
                             "give copies)")
    args = parser.parse_args()
    if args.check:
        for store in args.check:
            checks(store, None, args.skip_dask)
        return
    with tempfile.TemporaryDirectory(prefix="crosscheck-scale-") as tmp:
        work = Path(tmp)
        print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
        one_core(work)
        decisions(work)
        synthetic_runs(work, args.articles, args.skip_dask)


def one_core(work: Path) -> None:
    """End-to-end MB/s on one core, and the split."""
    files = work / "files"
    size = small_files(files) / 1e6
    print(f"2,000 small files ({size:.1f} MB), --workers 1:")
    print(line("ingest", run(work / "f.db", "ingest", str(files), "--workers", "1"), size))
    print(line("ingest again (all known)", run(work / "f.db", "ingest", str(files)), size))
    s = split(sorted(files.iterdir()), corpus=False)
    print("  split, cpu s: " + ", ".join(f"{k} {v:.2f}" for k, v in s.items())
          + f"; without extraction {size / (s['read'] + s['store']):.1f} MB/s")
    if FAKES.is_file():
        size = FAKES.stat().st_size / 1e6
        print(f"FA-KES ({size:.1f} MB, 804 rows), --workers 1:")
        r = run(work / "k.db", "ingest", str(FAKES), "--text-column", "article_content",
                "--encoding", "latin-1", "--workers", "1")
        print(line("ingest", r, size))
        s = split([FAKES], corpus=True)
        print("  split, cpu s: " + ", ".join(f"{k} {v:.2f}" for k, v in s.items())
              + f"; without extraction {size / (s['read'] + s['store']):.1f} MB/s")


def decisions(work: Path) -> None:
    """Ingest into a store with 10,000 decisions against an empty one."""
    files = work / "files"
    other = work / "other"
    small_files(other)
    for p in other.iterdir():  # different articles from the ones already stored
        p.write_text(p.read_text("utf-8") + "\nA later edition.\n", encoding="utf-8")
    empty, full = work / "e.db", work / "f.db"
    add_decisions(full, 10_000)
    print("2,000 new files into a store with 10,000 decisions, against an empty store:")
    print(line("empty store", run(empty, "ingest", str(other), "--workers", "1")))
    print(line("10,000 decisions", run(full, "ingest", str(other), "--workers", "1")))
    print(line("10,000 decisions, --again", run(full, "ingest", str(files), "--workers", "1",
                                               "--again")))


def synthetic_runs(work: Path, n: int, skip_dask: bool) -> None:
    corpus = work / "synthetic.jsonl.gz"
    size = synthetic(corpus, n) / 1e6
    small = work / "small.jsonl.gz"
    small_size = synthetic(small, n // 8) / 1e6
    cols = ["--text-column", "text", "--published-column", "date", "--id-column", "id"]
    print(f"synthetic corpus: {n:,} articles, {size:.0f} MB of text "
          f"({corpus.stat().st_size / 1e6:.0f} MB gzipped):")
    results = {}
    for label, extra in (("1 worker", ["--workers", "1"]), ("2 workers", ["--workers", "2"])):
        db = work / f"s{label[0]}.db"
        results[label] = run(db, "ingest", str(corpus), *cols, *extra)
        print(line(label, results[label], size, n))
    if not skip_dask:
        results["dask"] = dask_run(work, corpus, cols)
        print(line("Dask, 2 local workers (cpu: client)", results["dask"], size, n))
    gain = results["1 worker"]["wall"] / results["2 workers"]["wall"]
    print(f"  speed-up, 2 workers: {gain:.2f}x wall")
    r = run(work / "m.db", "ingest", str(small), *cols, "--workers", "2")
    print(f"  peak memory: {small_size:.0f} MB corpus {r['mb']:.0f} MB, {size:.0f} MB corpus "
          f"{results['2 workers']['mb']:.0f} MB (main process)")
    resume(work, corpus, cols, work / "s2.db")
    checks(work / "s2.db", work / "m.db", skip_dask)


def checks(db: Path, small: Path | None, skip_dask: bool) -> None:
    """`crosscheck check` on the store (and on the 1/8 one): a process per core (the default),
    one process, and on a local Dask cluster of 2 workers."""
    sources, claims = counts(db)
    print(f"check on {sources:,} sources, {claims:,} claims (claim rows and stored facts, "
          "no text; peak: the largest process):")
    if small is not None:
        print(line("1/8 corpus, a process per core", run(small, "check", "--format", "json")))
    print(line("a process per core", run(db, "check", "--format", "json")))
    run(db, "config", "set", "check.workers", "1")
    print(line("one process", run(db, "check", "--format", "json")))
    run(db, "config", "unset", "check.workers")
    if not skip_dask:
        from distributed import Client, LocalCluster

        with (LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
              Client(cluster) as client):
            before = sum(client.run(time.process_time).values())
            r = run(db, "check", "--format", "json", "--scheduler", cluster.scheduler_address)
            on_workers = sum(client.run(time.process_time).values()) - before
            worker_mb = max(client.run(_peak_mb).values())
        print(line("Dask, 2 local workers (cpu: client)", r)
              + f"  workers cpu {on_workers:.1f} s, peak {worker_mb:.0f} MB")


def _peak_mb() -> float:
    """This process's peak memory in MB (run on each Dask worker)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dask_run(work: Path, corpus: Path, cols: list[str]) -> dict[str, float]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        return run(work / "sd.db", "ingest", str(corpus), *cols, "--scheduler",
                   cluster.scheduler_address)


def resume(work: Path, corpus: Path, cols: list[str], clean: Path) -> None:
    """kill -9 at a random point, rerun, and compare with a clean run."""
    db = work / "r.db"
    want = counts(clean)
    at = random.randint(1, max(2, want[0] - 1))
    proc = subprocess.Popen([sys.executable, "-m", "verify", "--db", str(db), "ingest",
                             str(corpus), *cols, "--workers", "2"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while proc.poll() is None and (not db.exists() or _sources(db) < at):
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    kept = counts(db)
    r = run(db, "ingest", str(corpus), *cols, "--workers", "2")
    got = counts(db)
    print(f"  resume: killed at {kept[0]:,} sources ({kept[1]:,} claims), rerun "
          f"{r['wall']:.1f} s; now {got[0]:,} sources, {got[1]:,} claims; clean run "
          f"{want[0]:,}, {want[1]:,}: {'match' if got == want else 'MISMATCH'}")


def _sources(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
            return int(conn.execute("select count(*) from sources").fetchone()[0])
    except sqlite3.Error:
        return 0


if __name__ == "__main__":
    main()
