"""Where extraction runs: in this process, in local processes, or on a Dask cluster. One code
path for all three: partitions of articles in, their claims out, taken back in the order given,
so an ingest stores the same claims with the same ids wherever they were found."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from claims.aliases import AliasTable
from claims.errors import UsageError
from claims.extract import extract_claims
from claims.model import Claim, Region, Source
from claims.places import Gazetteer
from sources.load import with_regions

Work = list[tuple[Source, int | None]]  # sources, and where each one's boilerplate starts
# the regions, claims and main place of each, in order
Found = list[tuple[list[Region], list[Claim], str | None]]


def extract_partition(work: Work, aliases: AliasTable | None,
                      places: Gazetteer | None) -> Found:
    """The marked regions, claims and main province of each source (boilerplate found here
    too, where it is not yet: it is work per article as extraction is, a pure function of
    one article; so is the main place the check reads, stored beside it)."""
    from claims.store_facts import article_place

    out = []
    for source, skip in work:
        if skip is not None:
            source = with_regions(source, skip)
        out.append((source.regions, extract_claims(source, aliases, places),
                    article_place(source)))
    return out


class Pending(Protocol):
    def result(self) -> Found: ...


class Runner(Protocol):
    """Runs partitions somewhere; `depth` partitions may be out at once."""

    @property
    def depth(self) -> int: ...

    def submit(self, work: Work) -> Pending: ...

    def close(self) -> None: ...


class _Later:
    """A partition extracted here, when its result is asked for."""

    def __init__(self, work: Work, runner: InProcess) -> None:
        self.work, self.runner = work, runner

    def result(self) -> Found:
        return extract_partition(self.work, self.runner.aliases, self.runner.places)


class InProcess:
    """Extraction in this process: nothing out at once, nothing to start."""

    depth = 0

    def __init__(self, aliases: AliasTable | None, places: Gazetteer | None) -> None:
        self.aliases, self.places = aliases, places

    def submit(self, work: Work) -> Pending:
        return _Later(work, self)

    def close(self) -> None:
        pass


_SHARED: tuple[AliasTable | None, Gazetteer | None] = (None, None)


def _start_worker(aliases: AliasTable | None, places: Gazetteer | None, parent: int) -> None:
    """A worker leaves Ctrl-C to the ingest (which stops the pool) and ends when the ingest
    is gone (kill -9): nothing keeps working for a process that is not there."""
    global _SHARED
    _SHARED = (aliases, places)
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _extract_here(work: Work) -> Found:
    return extract_partition(work, *_SHARED)


class _Async:
    def __init__(self, job: Any) -> None:
        self.job = job

    def result(self) -> Found:
        found: Found = self.job.get()
        return found


class LocalProcesses:
    """Extraction in N local processes (forked where the system can: the gazetteer and the
    lexicons loaded once are shared, not copied)."""

    def __init__(self, workers: int, aliases: AliasTable | None,
                 places: Gazetteer | None) -> None:
        import multiprocessing as mp

        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        self.depth = 2 * workers
        self.pool = mp.get_context(method).Pool(
            workers, initializer=_start_worker, initargs=(aliases, places, os.getpid()))

    def submit(self, work: Work) -> Pending:
        return _Async(self.pool.apply_async(_extract_here, (work,)))

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


class DaskCluster:
    """Extraction on an existing Dask distributed cluster (`pip install 'crosscheck[dask]'`);
    the alias table and gazetteer go to each worker once."""

    def __init__(self, address: str, aliases: AliasTable | None,
                 places: Gazetteer | None) -> None:
        self.client = dask_client(address)
        self.depth = 2 * cluster_threads(self.client)
        self.shared = self.client.scatter([aliases, places], broadcast=True)

    def submit(self, work: Work) -> Pending:
        future: Pending = self.client.submit(extract_partition, work, *self.shared,
                                             pure=False)
        return future

    def close(self) -> None:
        self.client.close()


def dask_client(address: str) -> Any:
    """A client of the Dask scheduler at `address`; Dask is imported only here, so it is
    needed only by those who name a scheduler (`pip install 'crosscheck[dask]'`)."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--scheduler needs Dask distributed: pip install "
                         "'crosscheck[dask]'") from None
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"--scheduler {address}: cannot reach the Dask scheduler "
                         f"({exc})") from None


def cluster_threads(client: Any) -> int:
    """How many tasks the cluster's workers run at once (at least one)."""
    return max(1, sum(w.get("nthreads", 1) for w in
                      client.scheduler_info().get("workers", {}).values()))


def runner(workers: int | None = None, scheduler: str | None = None,
           aliases: AliasTable | None = None, places: Gazetteer | None = None) -> Runner:
    """The runner an ingest asks for: a Dask scheduler's address, else N local processes
    (None: one per core), one process meaning this one."""
    from claims.places import gazetteer

    if places is gazetteer():
        places = None  # the shipped one: each worker has it already, nothing to send
    if scheduler:
        return DaskCluster(scheduler, aliases, places)
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count <= 1:
        return InProcess(aliases, places)
    return LocalProcesses(count, aliases, places)


def deferred(workers: int | None = None, scheduler: str | None = None,
             aliases: AliasTable | None = None, places: Gazetteer | None = None) -> Runner:
    """`runner(...)`, started only when an ingest has more than one chunk."""
    if scheduler is not None:  # reached at once: a wrong address is said before any work
        return runner(workers, scheduler, aliases, places)
    if (workers or os.cpu_count() or 1) <= 1:
        return InProcess(aliases, places)
    return Deferred(lambda: runner(workers, scheduler, aliases, places), aliases, places)


class Deferred:
    """Extraction here until a second partition comes: a small ingest starts no processes
    and reaches no cluster; a large one starts them with its second chunk."""

    def __init__(self, start: Callable[[], Runner], aliases: AliasTable | None,
                 places: Gazetteer | None) -> None:
        self.start, self.here = start, InProcess(aliases, places)
        self.real: Runner | None = None
        self.seen = 0

    @property
    def depth(self) -> int:
        return self.real.depth if self.real is not None else 0

    def submit(self, work: Work) -> Pending:
        self.seen += 1
        if self.seen == 1:
            return self.here.submit(work)
        if self.real is None:
            self.real = self.start()
        return self.real.submit(work)

    def close(self) -> None:
        if self.real is not None:
            self.real.close()
