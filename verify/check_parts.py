"""The check of a large store in partitions, so that its memory stays flat as the store grows.

Three passes. The claim rows are read once, in the order the store lists them, and set aside
(pickled to a temporary folder) by article: what makes a claim a comparable row (its headline's
scope, its article's place) is the work of its article alone. Each partition of articles then
becomes rows, each set aside by the block it falls in (kind, subject class, place; a ceasefire's
country and event). Each partition of blocks is then judged, every block whole and in the store's
order: blocks share no claim, so the conflicts are those of the check in memory, ids and all.
Partitions run here, in forked processes, or on a Dask cluster's workers.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import zlib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from claims.aliases import AliasTable
from claims.model import Conflict, Corroboration
from claims.store import Store
from claims.store_write import SourceHead
from verify.check_read import COLUMNS, records_of, rename, source_rows
from verify.group import BlockKey, ClaimRow, block_key
from verify.rows import row_of, rows_of
from verify.settings import Settings

PART_CLAIMS = 40_000  # claims per partition: about what one process holds at once
HELD = 100_000  # items held in memory across all partitions before they are written out
# a row (as a plain tuple: a slotted dataclass pickles field by field in Python, a tuple in C),
# its block, and its place in the store's order
Keyed = tuple[BlockKey, int, tuple[Any, ...]]
_FIELDS = attrgetter(*(f.name for f in dataclasses.fields(ClaimRow)))
Results = tuple[list[Conflict], list[Corroboration]]
RowsOut = tuple[list[list[Keyed]], int | None, list[str], list[tuple[str, str]]]


def part_of_key(key: str, count: int) -> int:
    """The partition a key goes to: the same in every process (Python's hash is not)."""
    return zlib.crc32(key.encode("utf-8")) % count


class Spill:
    """Items set aside in numbered partitions, each a file of pickled chunks: at most `held`
    items are kept in memory in all, however many partitions there are."""

    def __init__(self, folder: Path, name: str, count: int, held: int = HELD) -> None:
        self.paths = [folder / f"{name}{i}.pkl" for i in range(count)]
        self.held: list[list[Any]] = [[] for _ in range(count)]
        self.chunk = max(1, held // count)

    def add(self, i: int, item: Any) -> None:
        self.held[i].append(item)
        if len(self.held[i]) >= self.chunk:
            self._write(i)

    def _write(self, i: int) -> None:
        if self.held[i]:
            with self.paths[i].open("ab") as fh:
                pickle.dump(self.held[i], fh, protocol=pickle.HIGHEST_PROTOCOL)
            self.held[i] = []

    def flush(self) -> None:
        """Everything held written out: the files are then the whole of each partition."""
        for i in range(len(self.paths)):
            self._write(i)


def load(*paths: Path) -> list[Any]:
    """The items of these files, in the order they were set aside (a missing file: none)."""
    out: list[Any] = []
    for path in paths:
        if not path.exists():
            continue
        with path.open("rb") as fh:
            while True:
                try:
                    out += pickle.load(fh)
                except EOFError:
                    break
    return out


def set_aside(store: Store, folder: Path, parts: int) -> None:
    """Pass one: every active claim's row (numbered in the store's order) and every source's
    head, each by its article, into `parts` partitions ("c0.pkl", "s0.pkl" ...)."""
    claims = Spill(folder, "c", parts)
    for seq, row in enumerate(store.claim_rows(COLUMNS)):
        claims.add(part_of_key(str(row[1]), parts), (seq, tuple(row)))
    claims.flush()
    sources = Spill(folder, "s", parts)
    for head in source_rows(store):
        sources.add(part_of_key(head[0], parts), head)
    sources.flush()


def article_rows(claims: list[tuple[int, tuple[Any, ...]]], heads: list[tuple[Any, ...]],
                 settings: Settings, aliases: AliasTable | None, parts: int,
                 db: str) -> RowsOut:
    """Pass two, one partition of articles: its rows by the partition of their block; the
    newest day among them; warnings for unreadable rows; and each sub-count whose whole is
    not among these claims, with the whole's id (it is looked up later)."""
    records, warnings = records_of((row for _, row in claims), db)
    if aliases is not None:
        rename(records, aliases)
    order = {row[0]: seq for seq, row in claims}
    rows = rows_of(records, [SourceHead(*h) for h in heads], settings)
    parents = {r.id: r.part_of for r in records if r.part_of and r.part_of not in order}
    missing = [(r.id, parents[r.id]) for r in rows if r.id in parents]
    out: list[list[Keyed]] = [[] for _ in range(parts)]
    for r in rows:
        if (key := block_key(r)) is not None:
            out[part_of_key("\x1f".join(key), parts)].append((key, order[r.id], _FIELDS(r)))
    newest = max((r.asof for r in rows if r.asof is not None), default=None)
    return out, newest, warnings, missing


def judge_keyed(items: list[Keyed], settings: Settings, newest: int | None,
                wholes: dict[str, float | None]) -> Results:
    """Pass three, one partition of blocks: each block's rows in the store's order, judged
    largest block first, as the check in memory judges them."""
    from verify.check import judge

    items.sort(key=itemgetter(1))
    blocks: dict[BlockKey, list[ClaimRow]] = defaultdict(list)
    for key, _, fields in items:
        row = ClaimRow(*fields)
        if row.id in wholes:
            row.whole = wholes[row.id]
        blocks[key].append(row)
    conflicts: list[Conflict] = []
    groups: list[Corroboration] = []
    for key, rows in sorted(blocks.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        found, agreed = judge(key, rows, settings, newest)
        conflicts += found
        groups += agreed
    return conflicts, groups


def _rows_at(folder: Path, i: int, settings: Settings, aliases: AliasTable | None, parts: int,
             db: str) -> tuple[int | None, list[str], list[tuple[str, str]]]:
    """Pass two where the folder is at hand: read partition i, write its rows out by block."""
    out, newest, warnings, missing = article_rows(
        load(folder / f"c{i}.pkl"), load(folder / f"s{i}.pkl"), settings, aliases, parts, db)
    write_rows(folder, i, out)
    return newest, warnings, missing


def write_rows(folder: Path, i: int, out: Sequence[list[Keyed]]) -> None:
    """Partition i's rows, one file per partition of blocks ("k3-0.pkl": i 3, blocks 0)."""
    for j, items in enumerate(out):
        if items:
            with (folder / f"k{i}-{j}.pkl").open("wb") as fh:
                pickle.dump(items, fh, protocol=pickle.HIGHEST_PROTOCOL)


def block_files(folder: Path, j: int, parts: int) -> list[Path]:
    return [folder / f"k{i}-{j}.pkl" for i in range(parts)]


def _judge_at(folder: Path, j: int, parts: int, settings: Settings, newest: int | None,
              wholes: dict[str, float | None]) -> Results:
    return judge_keyed(load(*block_files(folder, j, parts)), settings, newest, wholes)


def _star(job: tuple[Any, ...]) -> Any:
    fn, *args = job
    return fn(*args)


def check_in_parts(store: Store, settings: Settings, aliases: AliasTable | None,
                   folder: Path, parts: int, scheduler: str | None = None) -> Results:
    """The check of the store's claims in `parts` partitions (see the module's docstring);
    `aliases` None when the shipped table names the bodies."""
    set_aside(store, folder, parts)
    if scheduler:
        return on_cluster(store, settings, aliases, folder, parts, scheduler)
    workers = settings.workers or os.cpu_count() or 1
    import multiprocessing as mp

    if workers < 2 or "fork" not in mp.get_all_start_methods():
        return _passes(store, settings, aliases, folder, parts, lambda jobs: map(_star, jobs))
    # forked once the claims are on disk: each worker reads its partition, no rows are copied
    with mp.get_context("fork").Pool(workers) as pool:
        return _passes(store, settings, aliases, folder, parts,
                       lambda jobs: pool.imap_unordered(_star, jobs))


def _passes(store: Store, settings: Settings, aliases: AliasTable | None, folder: Path,
            parts: int, run: Any) -> Results:
    newest: int | None = None
    missing: list[tuple[str, str]] = []
    for day, warnings, lost in run([(_rows_at, folder, i, settings, aliases, parts, store.db)
                                    for i in range(parts)]):
        newest = day if newest is None or (day is not None and day > newest) else newest
        missing += lost
        for warning in warnings:
            store.warn(warning)
    wholes = outside_wholes(store, missing, settings)
    return merge(run([(_judge_at, folder, j, parts, settings, newest, wholes)
                      for j in range(parts)]))


def on_cluster(store: Store, settings: Settings, aliases: AliasTable | None, folder: Path,
               parts: int, scheduler: str) -> Results:
    """Passes two and three on a Dask cluster's workers, which need no access to the folder
    or the store: each partition is read here and sent, a few at a time, so this process
    holds a few partitions at once however large the store."""
    from verify.workers import cluster_threads, dask_client

    client = dask_client(scheduler)
    try:
        depth = 2 * cluster_threads(client)
        newest: int | None = None
        missing: list[tuple[str, str]] = []
        work = (((load(folder / f"c{i}.pkl"), load(folder / f"s{i}.pkl")),
                 (settings, aliases, parts, store.db)) for i in range(parts))
        for i, (out, day, warnings, lost) in on_workers(client, article_rows, work, depth):
            write_rows(folder, i, out)
            newest = day if newest is None or (day is not None and day > newest) else newest
            missing += lost
            for warning in warnings:
                store.warn(warning)
        wholes = outside_wholes(store, missing, settings)
        blocks = (((load(*block_files(folder, j, parts)),), (settings, newest, wholes))
                  for j in range(parts))
        return merge(result for _, result in on_workers(client, judge_keyed, blocks, depth))
    finally:
        client.close()


def on_workers(client: Any, fn: Any, work: Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]],
               depth: int) -> Iterator[tuple[int, Any]]:
    """fn on each piece of work (its data scattered, then its small arguments) on the
    cluster, at most `depth` out at once; each result with the piece's index, as it comes."""
    from distributed import as_completed

    running = as_completed()
    index: dict[Any, int] = {}
    workers = sorted(client.scheduler_info().get("workers", {})) or [None]
    for n, (data, small) in enumerate(work):
        # the data to each worker in turn (a task runs where its data is: scattered one at a
        # time, all would go to one worker); hash=False: rows need no content key
        to = workers[n % len(workers)]
        sent = client.scatter(list(data), hash=False, workers=[to] if to else None)
        future = client.submit(fn, *sent, *small, pure=False)
        index[future.key] = n
        running.add(future)
        if running.count() >= depth:
            done = next(running)
            yield index.pop(done.key), done.result()
    for done in running:
        yield index.pop(done.key), done.result()


def merge(results: Iterator[Results]) -> Results:
    """The partitions' results as one, each conflict and group once, in the check's order."""
    conflicts: dict[str, Conflict] = {}
    agreed: dict[str, Corroboration] = {}
    for found, groups in results:
        for c in found:
            conflicts.setdefault(c.id, c)
        for g in groups:
            agreed.setdefault(g.id, g)
    return (sorted(conflicts.values(), key=lambda c: (-c.severity, c.id)),
            sorted(agreed.values(), key=lambda g: (-g.independent_sources, g.id)))


def outside_wholes(store: Store, missing: Sequence[tuple[str, str]],
                   settings: Settings) -> dict[str, float | None]:
    """The value of each sub-count's whole stored in another article's partition (a claim
    edited by hand may name any claim as its whole), as the check in memory finds it."""
    if not missing:
        return {}
    from sqlalchemy import select

    from claims import schema as s

    wanted = sorted({parent for _, parent in missing})
    values: dict[str, float] = {}
    c = s.claims.c
    with store.reading() as conn:
        for at in range(0, len(wanted), 500):
            query = (select(*(c[name] for name in COLUMNS))
                     .where(c.status == "active", c.id.in_(wanted[at:at + 500])))
            records, _ = records_of(conn.execute(query), store.db)
            for r in records:
                if (row := row_of(r, None, settings)) is not None:
                    values[r.id] = row.value
    return {child: values.get(parent) for child, parent in missing}


__all__ = ["HELD", "PART_CLAIMS", "Spill", "article_rows", "check_in_parts", "judge_keyed", "merge"]
