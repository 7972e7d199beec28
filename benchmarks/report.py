"""Benchmark: what a terminal receives from `crosscheck report` on a store of 10,000 conflicts,
and how long the HTML export of that store takes.

The first screen is timed in a pseudo-terminal (the way `script` or tmux sees it): the command
is started on a pty of SCREEN rows, and the clock stops when SCREEN lines of bytes have arrived.
The command runs as an installed one does, with the bytecode Python caches on its first run
(kept in the benchmark's own folder; PYTHONDONTWRITEBYTECODE would make every run compile the
project's sources again, a fifth of a second a user never pays): one run to warm that cache,
then --runs timed ones, the best and the median shown (the machine is shared; CPU seconds
vary less than wall time).
Run: .venv/bin/python benchmarks/report.py [--keep PATH] [--runs N]  (--keep reuses a store)
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

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
from claims.store import Store

CONFLICTS = 10_000
PER_SOURCE = 100  # claims per source
SCREEN = 50  # rows of the pseudo-terminal
COLUMNS = 120
BUDGET_SCREEN = 1.0
BUDGET_HTML = 2.0
# The library path the command takes, for timing before the command itself streams.
STREAM = ("import sys; from claims.store import open_store; "
          "from reports.console import stdout_console; from reports.report import stream_report; "
          "from verify.report_data import gather_report\n"
          "with open_store(sys.argv[1]) as store:\n"
          "    stream_report(stdout_console(), gather_report(store, sys.argv[1]))\n")


def fill(store: Store) -> None:
    """200 sources of 100 claims each; conflicts pair claims of neighbouring sources."""
    claims: list[Claim] = []
    for s in range(2 * CONFLICTS // PER_SOURCE):
        text = "".join(f"Some {1000 + i} people fled town {i}. " for i in range(PER_SOURCE))
        text = f"Article {s}.\n" + text
        src = Source(id=Source.id_for(text), path=f"a{s}.txt", outlet=f"Outlet {s}", text=text,
                     url=f"https://example.org/a{s}", published=dt.date(2019, 1, 1)
                     + dt.timedelta(days=s))
        mine = []
        for i in range(PER_SOURCE):
            start = text.index(f"{1000 + i} people")
            mine.append(Claim(source_id=src.id, kind=Kind.displaced, subject="people",
                              place=f"town {i}", attribution="UN" if i % 2 else None,
                              quantity=Quantity(low=1000 + i + s, high=1000 + i + s),
                              span=Span.of(text, start, start + len(f"{1000 + i} people"))))
        store.save_source(src, mine)
        claims += mine
    conflicts = [
        Conflict(type=ConflictType.figure, severity=(n % 100) / 100,
                 severity_label=("low", "medium", "high")[n % 3], reason=f"figures {n} apart",
                 claim_ids=[claims[2 * n].id, claims[2 * n + 1].id],
                 key={"kind": "displaced", "place": claims[2 * n].place})
        for n in range(CONFLICTS)
    ]
    store.replace_conflicts(conflicts)
    for c in conflicts[::50]:
        store.save_decision(Decision(conflict_id=c.id, verdict=Verdict.resolved,
                                     claim_id=c.claim_ids[0], reviewer="bench", note="checked",
                                     decided_at=dt.datetime(2024, 5, 1, 9)))


def first_screen(argv: list[str], cache: Path, rows: int = SCREEN, cols: int = COLUMNS
                 ) -> tuple[float, float, float]:
    """Seconds until the first byte and until `rows` lines reach a pty of rows x cols, and the
    CPU seconds the command had used by then (on a busy machine, wall time says less);
    `cache` holds the bytecode Python writes, as an installed package has it."""
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows),
           "PYTHONPYCACHEPREFIX": str(cache)}
    env.pop("NO_COLOR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of the given size, then the command
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execvpe(argv[0], argv, env)
    first, lines = 0.0, 0
    try:
        while lines < rows:
            ready, _, _ = select.select([fd], [], [], 120)
            if not ready:
                raise TimeoutError("no output for 120 s")
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal: it printed everything
                break
            if not chunk:
                break
            first = first or time.perf_counter() - start
            lines += chunk.count(b"\n")
        screen = time.perf_counter() - start
    finally:
        os.kill(pid, signal.SIGKILL)
        _, _, usage = os.wait4(pid, 0)
        os.close(fd)
    return first, screen, usage.ru_utime + usage.ru_stime


HTML = """
import sys, time
from claims.store import Store
from reports.export.write import render_text
from verify.report_data import gather_report
import reports.export.html, claims.places  # the clock times the work, not the imports
start, cpu = time.perf_counter(), time.process_time()
with Store(sys.argv[1]) as store:
    page = render_text(gather_report(store, "bench"), "html")
print(time.perf_counter() - start, time.process_time() - cpu, len(page))
"""


def html_seconds(db: str, cache: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds to gather the report of `db` and render it as HTML, and its size,
    in a fresh process with the bytecode cache (as the command runs it; imports not timed)."""
    import subprocess

    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, "-c", HTML, db], capture_output=True, text=True,
                          check=True, env=env)
    wall, cpu, size = done.stdout.split()
    return float(wall), float(cpu), int(size)


def command_seconds(exe: str, db: str, cache: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `crosscheck --db DB report --format html -o OUT` end to end,
    imports and writing the file included, as a user runs it (bytecode cached)."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out.unlink(missing_ok=True)
    import subprocess

    start = time.perf_counter()
    proc = subprocess.Popen([exe, "--db", db, "report", "--format", "html", "-o", str(out)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)  # the child's own CPU seconds
    proc.returncode = status
    if status:
        raise RuntimeError(f"crosscheck report --format html exited with status {status}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


BREAKDOWN = """
import sys, time
cpu = time.process_time
t0 = cpu()
from claims.store import open_store
from verify.report_data import gather_report
from reports.export.html import render_html
from reports.report import plain_report
t1 = cpu()
with open_store(sys.argv[1]) as store:
    store.list_conflicts()
    t2 = cpu()
    data = gather_report(store, "bench")
    t3 = cpu()
    list(data.conflicts)
    for cid in data.claims:
        data.claims[cid]
    t4 = cpu()
    from verify.timeline_data import _province
    for place in {data.place_of(data.claims[cid]) for cid in data.claims}:
        _province(place)
    t5 = cpu()
    render_html(data)
    t6 = cpu()
print(f"imports {t1 - t0:.2f}; the store's list_conflicts() {t2 - t1:.2f} (not on the "
      f"report's path); gather_report() {t3 - t2:.2f} (counts and the conflicts' order); every "
      f"conflict and claim of the report read {t4 - t3:.2f}; the timelines' provinces of its "
      f"places (the gazetteer loaded) {t5 - t4:.2f}; render_html() once these are read "
      f"{t6 - t5:.2f}")
"""


def breakdown(db: str, cache: Path) -> str:
    """CPU seconds of each step, in a fresh process: where the time goes, whoever owns it."""
    import subprocess

    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, "-c", BREAKDOWN, db], capture_output=True,
                          text=True, check=True, env=env)
    return done.stdout.strip()


def _verdict(seconds: float, budget: float) -> str:
    return f"{seconds:.2f} s ({'under' if seconds < budget else 'OVER'} the {budget:g} s budget)"


def _best(runs: list[tuple[float, float, float]], cpu: int) -> tuple[tuple[float, ...], float]:
    """The run of least CPU (field `cpu`), and the median wall time (field 1 of a screen run,
    0 of an HTML one: the one before `cpu`)."""
    walls = sorted(r[cpu - 1] for r in runs)
    return min(runs, key=lambda r: r[cpu]), walls[len(walls) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="a store file to fill once and reuse")
    parser.add_argument("--library-only", action="store_true",
                        help="time stream_report() only, not the command")
    parser.add_argument("--runs", type=int, default=3, choices=range(1, 100), metavar="N",
                        help="timed runs of each (the best shown)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(args.keep or Path(tmp) / "bench.db")
        if not Path(db).exists():
            t0 = time.perf_counter()
            with Store(db) as store:
                fill(store)
            print(f"filled a store with {CONFLICTS:,} conflicts "
                  f"in {time.perf_counter() - t0:.1f} s")
        exe = shutil.which("crosscheck", path=str(Path(sys.executable).parent)) or "crosscheck"
        runs = [("stream_report()", [sys.executable, "-c", STREAM, db])]
        if not args.library_only:
            runs.insert(0, ("crosscheck report", [exe, "--db", db, "report"]))
        cache = Path(tmp) / "bytecode"
        for label, argv in runs:
            first_screen(argv, cache)  # warms the bytecode cache
            (byte, screen, cpu), median = _best([first_screen(argv, cache)
                                                 for _ in range(args.runs)], 2)
            print(f"{label:18} first byte {byte:.2f} s; first screen ({SCREEN} lines) "
                  f"{_verdict(screen, BUDGET_SCREEN)}, {cpu:.2f} s of CPU (best of "
                  f"{args.runs}; median wall {median:.2f} s)")
        (seconds, cpu, size), median = _best([html_seconds(db, cache)
                                              for _ in range(args.runs)], 1)
        print(f"html export        {size / 1e6:.1f} MB in {_verdict(seconds, BUDGET_HTML)}, "
              f"{cpu:.2f} s of CPU (best of {args.runs}; median wall {median:.2f} s)")
        if not args.library_only:
            page = Path(tmp) / "report.html"
            command_seconds(exe, db, cache, page)  # warms the bytecode cache
            (wall, cpu), median = _best([command_seconds(exe, db, cache, page)
                                         for _ in range(args.runs)], 1)
            print(f"crosscheck report --format html -o FILE: {_verdict(wall, BUDGET_HTML)} "
                  f"end to end, imports included, {cpu:.2f} s of CPU (best of {args.runs}; "
                  f"median wall {median:.2f} s)")
        print(f"CPU seconds by step: {breakdown(db, cache)}")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
              "(wall times above grow with it; CPU seconds do not)")


if __name__ == "__main__":
    main()
