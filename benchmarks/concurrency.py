"""A desk at once: N processes for S seconds of mixed writes through the CLI on one store
(sources add, claims add and edit, conflicts decide, ingest of overlapping files, check),
then every write that succeeded is looked for in the store. Prints the counts.

    python benchmarks/concurrency.py [--db PATH|URL] [--procs 8] [--seconds 30] [--json]

A lost write, a failed command or 'database is locked' reaching a user makes it exit 1."""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOWNS = ["Lowvale", "Northtown", "Eastbridge", "Riverside", "Hillcrest", "Oakford"]
WEIGHTS = {"source": 3, "claim": 3, "decide": 3, "ingest": 2, "check": 1}


def articles(folder: Path, n: int) -> list[Path]:
    """n short dated articles in our own words, two figures each, towns shared so they clash."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        path = folder / f"a{i:03d}.md"
        path.write_text(
            f"---\ntitle: Report {i}\npublished: 2023-04-{1 + i % 5:02d}\n---\n"
            f"At least {10 + 3 * i} people were killed in {town}, officials said on Monday.\n"
            f"More than {1000 + 97 * i:,} residents have fled their homes in {town}.\n",
            encoding="utf-8")
        paths.append(path)
    return paths


def cli(db: str, who: str, *args: str) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from verify.cli import app

    result = CliRunner().invoke(app, ["--db", db, *args], env={"CROSSCHECK_USER": who})
    return result.exit_code, result.stdout, result.stderr


def worker(db: str, n: int, pool: list[str], seconds: float, out: Any) -> None:
    """One person at the desk: random writes until the time is up; what each did, to `out`."""
    rng = random.Random(n)
    who, done, mine = f"w{n}", [], []
    stop = time.monotonic() + seconds
    step = 0
    while time.monotonic() < stop:
        step += 1
        action = rng.choices(list(WEIGHTS), list(WEIGHTS.values()))[0]
        if action == "claim" and not mine:
            action = "source"
        record = {"action": action, "who": who}
        if action == "source":
            text = f"Radio {who}-{step}: the mayor said {step + 10} families fled the river.\n"
            code, out_, err = cli(db, who, "sources", "add", "--text", text, "-f", "json")
            if code == 0:
                mine.append(json.loads(out_)[0]["id"])
                record["id"] = mine[-1]
        elif action == "claim":
            source = mine.pop(rng.randrange(len(mine)))  # one hand claim per span
            code, out_, err = cli(db, who, "claims", "add", "--source", source, "--quote",
                                  "families fled", "--kind", "displaced", "--low",
                                  str(rng.randint(1, 99)), "-f", "json")
            if code == 0:
                record["id"] = json.loads(out_)[0]["id"]
                record["note"] = f"{who} checked {step}"
                code, _, err = cli(db, who, "claims", "edit", record["id"], "--note",
                                   record["note"])
        elif action == "decide":
            code, out_, err = cli(db, who, "conflicts", "list", "-f", "json")
            ids = [c["id"] for c in json.loads(out_)] if code == 0 else []
            if code == 0 and ids:
                record["id"], record["note"] = rng.choice(ids), f"{who} decided {step}"
                code, _, err = cli(db, who, "conflicts", "decide", record["id"], "--verdict",
                                   rng.choice(["real", "not-comparable"]), "--note",
                                   record["note"])
                record["raced"] = "a moment before you" in err
        elif action == "ingest":
            record["paths"] = rng.sample(pool, 3)
            code, _, err = cli(db, who, "ingest", *record["paths"])
        else:
            code, _, err = cli(db, who, "check", "-f", "json")
        record["ok"] = code == 0
        if code != 0:
            record["error"] = err.strip().splitlines()[-1] if err.strip() else f"exit {code}"
        done.append(record)
    out.put(done)


def verify(db: str, records: list[dict[str, Any]]) -> dict[str, int]:
    """Look for every write that succeeded; how many are missing, by kind."""
    from claims.store import open_store
    from claims.store_doctor import diagnose

    missing: Counter[str] = Counter()
    with open_store(db, create=False) as store:
        sources = {s.id: s for s in store.list_sources()}
        paths = {s.path for s in sources.values()}
        claims = {c.id: c for c in store.list_claims(include_inactive=True)}
        notes = {(h.claim_id, h.new) for h in store.claim_history() if h.field == "note"}
        verdicts = {(d.conflict_id, d.note) for d in store.decision_history()}
        problems = len(diagnose(store).problems)
    for r in (r for r in records if r["ok"]):
        if r["action"] == "source" and r["id"] not in sources:
            missing["source"] += 1
        elif r["action"] == "claim" and (r["id"] not in claims
                                         or (r["id"], r["note"]) not in notes):
            missing["claim"] += 1
        elif r["action"] == "decide" and "id" in r and (r["id"], r["note"]) not in verdicts:
            missing["decide"] += 1
        elif r["action"] == "ingest" and not {str(Path(p)) for p in r["paths"]} <= paths:
            missing["ingest"] += 1
    return {"missing": sum(missing.values()), **{f"missing {k}": v for k, v in missing.items()},
            "doctor problems": problems, "sources": len(sources), "claims": len(claims)}


def run(db: str, procs: int, seconds: float, folder: Path) -> dict[str, Any]:
    """Set up a store with conflicts, let `procs` workers loose on it, then count."""
    pool = [str(p) for p in articles(folder / "pool", 24)]
    code, _, err = cli(db, "setup", "ingest", *pool[:8])
    assert code == 0, err
    code, _, err = cli(db, "setup", "check")
    assert code == 0, err
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    workers = [ctx.Process(target=worker, args=(db, n, pool, seconds, queue))
               for n in range(procs)]
    start = time.monotonic()
    for w in workers:
        w.start()
    records = [r for _ in workers for r in queue.get(timeout=seconds + 600)]
    for w in workers:
        w.join()
    wall = time.monotonic() - start
    counts = Counter(r["action"] for r in records)
    failed = [r for r in records if not r["ok"]]
    return {
        "store": "postgresql" if "://" in db else "sqlite", "processes": procs,
        "seconds": round(wall, 1), "writes attempted": len(records),
        **{f"{k}": counts[k] for k in WEIGHTS},
        "failed": len(failed), "database is locked": sum("locked" in r.get("error", "")
                                                         for r in failed),
        "decided a moment after another": sum(bool(r.get("raced")) for r in records),
        "errors": sorted({r["error"] for r in failed})[:5],
        **verify(db, records),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a store file or PostgreSQL URL (default: a new file)")
    parser.add_argument("--procs", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crosscheck-desk-") as tmp:
        result = run(args.db or str(Path(tmp) / "desk.db"), args.procs, args.seconds,
                     Path(tmp))
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>32}  {value}")
    bad = result["missing"] or result["failed"] or result["doctor problems"]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
