"""Benchmark: a store with 10,000 conflicts renders its first screen in under a second.

Run: .venv/bin/python benchmarks/report.py  (prints the time to build the data and first screen)
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from io import StringIO
from pathlib import Path

from rich.console import Console

from claims.model import Claim, Conflict, ConflictType, Kind, Quantity, Source, Span
from claims.store import Store
from reports.console import THEME
from reports.report import render_report
from verify.report_data import gather_report

CONFLICTS = 10_000
PER_SOURCE = 100  # claims per source
SCREEN = 50  # lines


def fill(store: Store) -> None:
    """200 sources of 100 claims each; conflicts pair claims of neighbouring sources."""
    claims: list[Claim] = []
    for s in range(2 * CONFLICTS // PER_SOURCE):
        text = "".join(f"Some {1000 + i} people fled town {i}. " for i in range(PER_SOURCE))
        text = f"Article {s}.\n" + text
        src = Source(
            id=Source.id_for(text),
            path=f"a{s}.txt",
            outlet=f"Outlet {s}",
            text=text,
            published=dt.date(2019, 1, 1) + dt.timedelta(days=s),
        )
        mine = []
        for i in range(PER_SOURCE):
            start = text.index(f"{1000 + i} people")
            mine.append(
                Claim(
                    source_id=src.id,
                    kind=Kind.displaced,
                    subject="people",
                    place=f"town {i}",
                    quantity=Quantity(low=1000 + i + s, high=1000 + i + s),
                    span=Span.of(text, start, start + len(f"{1000 + i} people")),
                )
            )
        store.save_source(src, mine)
        claims += mine
    conflicts = [
        Conflict(
            type=ConflictType.figure,
            severity=(n % 100) / 100,
            severity_label="medium",
            reason=f"figures {n} apart",
            claim_ids=[claims[2 * n].id, claims[2 * n + 1].id],
            key={"kind": "displaced", "place": claims[2 * n].place},
        )
        for n in range(CONFLICTS)
    ]
    store.replace_conflicts(conflicts)


def first_screen(store: Store) -> float:
    """Seconds from reading the store to the first SCREEN lines rendered at 100 columns."""
    start = time.perf_counter()
    data = gather_report(store, "bench")
    console = Console(file=StringIO(), width=100, color_system=None, theme=THEME)
    lines = 0
    for segment in console.render(render_report(data)):
        lines += segment.text.count("\n")
        if lines >= SCREEN:
            break
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "bench.db")) as store:
        t0 = time.perf_counter()
        fill(store)
        print(f"filled a store with {CONFLICTS:,} conflicts in {time.perf_counter() - t0:.1f} s")
        seconds = first_screen(store)
        print(
            f"first screen ({SCREEN} lines) rendered in {seconds:.3f} s "
            f"({'under' if seconds < 1 else 'OVER'} the 1 s budget)"
        )


if __name__ == "__main__":
    main()
