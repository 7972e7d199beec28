"""Benchmark the cross-check on synthetic claims: seconds and peak memory at 10k, 100k and 1M.

Claims are generated as flat rows (what `find_conflicts` runs on after reading a store): realistic
kinds, subjects, places in their provinces, dates over 2011-2024, figures with qualifiers, and
wire copies. Each size runs in a fresh process so peak memory (max RSS) is its own.

    .venv/bin/python benchmarks/check.py            # 10k, 100k, 1M
    .venv/bin/python benchmarks/check.py --size 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import subprocess
import sys
import time

from verify.check import find_conflicts
from verify.group import ClaimRow, figure_text, place_family, subject_class
from verify.settings import Settings

KINDS = [
    ("killed", 40),
    ("injured", 15),
    ("displaced", 15),
    ("returned", 5),
    ("population", 5),
    ("detained", 8),
    ("missing", 4),
    ("ceasefire", 2),
]
SUBJECTS = ["civilians", "people", None, "children", "women", "regime fighters", "rebels"]
PLACES = [
    "Idlib province",
    "Idlib city",
    "Khan Sheikhoun",
    "Maarat al-Numan",
    "Saraqib",
    "Ariha",
    "Aleppo",
    "Hama",
    "Latakia",
    "Homs",
    "Daraa",
    "Deir ez-Zor",
    "Raqqa",
    "Douma",
    None,
]
BODIES = [
    None,
    None,
    "Syrian Observatory for Human Rights",
    "United Nations",
    "UNHCR",
    "OCHA",
    "Syrian Network for Human Rights",
    "World Health Organization",
]
QUALIFIERS = [None, "at least", "more than", "nearly", "some", "around"]
START = dt.date(2011, 3, 15).toordinal()
DAYS = 14 * 365


def _figure(rng: random.Random, base: int) -> tuple[int | None, int | None, float, str | None]:
    """A figure near the base, with a qualifier: a quarter of them disagree by 15-60%."""
    value = base * (1 + rng.uniform(0.15, 0.6)) if rng.random() < 0.25 else base
    value = max(1, int(value * rng.uniform(0.97, 1.03)))
    qualifier = rng.choice(QUALIFIERS)
    if qualifier in ("at least", "more than"):
        return value, None, float(value), qualifier
    if qualifier == "nearly":
        return int(value * 0.75), value, float(value), qualifier
    return value, value, float(value), qualifier


def generate(n: int, seed: int = 4) -> list[ClaimRow]:
    """n synthetic claim rows in about n/8 articles, a tenth of the articles wire copies."""
    rng = random.Random(seed)
    kinds = [k for k, w in KINDS for _ in range(w)]
    rows: list[ClaimRow] = []
    for i in range(n):
        source = f"s{rng.randrange(max(1, n // 8)):07d}"
        kind = rng.choice(kinds)
        place = rng.choice(PLACES)
        published = START + rng.randrange(DAYS)
        subject = rng.choice(SUBJECTS)
        base = {"population": 3_000_000, "displaced": 400_000, "returned": 120_000}.get(
            kind, 10 ** rng.randint(0, 3) * 12
        )
        low, high, value, qualifier = _figure(rng, base)
        stated = rng.random() < 0.3
        body = rng.choice(BODIES)
        copy = rows[rng.randrange(len(rows))] if rows and rng.random() < 0.1 else None
        sentence = copy.sentence if copy else f"{qualifier or ''} {value:.0f} {subject} {kind} {i}"
        day = published if kind != "ceasefire" else published + rng.randint(-3, 3)
        rows.append(
            ClaimRow(
                id=f"c{i:011d}",
                source_id=source,
                kind=kind,
                subject=subject,
                klass=subject_class(subject),
                place=place,
                family=place_family(place),
                inferred=False,
                asof=published,
                scale=rng.choice(["short", "short", "day", "week"]) if stated else "short",
                low=low,
                high=high,
                value=value,
                precise=True,
                attribution=body,
                event=rng.choice(["announced", "starts"]) if kind == "ceasefire" else None,
                day0=day,
                day1=day,
                stated_period=stated,
                sentence=sentence,
                label=source,
                figure=figure_text(qualifier, None, value),
                content=f"{i}|{value}",
            )
        )
    return rows


def run(n: int) -> None:
    """Generate n rows, check them, and print one line of figures."""
    t0 = time.perf_counter()
    rows = generate(n)
    t1 = time.perf_counter()
    result = find_conflicts(rows, settings=Settings())
    t2 = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    workers = Settings().workers or os.cpu_count() or 1
    # a worker's own pages are what it wrote after the fork; counting its whole RSS for each
    # worker over-states the total, so this is an upper bound on the memory in use at once
    total = peak_mb + (workers * worker_mb if worker_mb else 0)
    print(
        f"{n:>9,} claims  check {t2 - t1:6.2f} s  (generate {t1 - t0:5.2f} s)  "
        f"peak {peak_mb:7.0f} MB + workers {worker_mb:5.0f} MB each (at most {total:,.0f} MB)  "
        f"{len(result.conflicts):,} conflicts  "
        f"{len(result.corroborations):,} corroborations",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, help="One size, in this process.")
    args = parser.parse_args()
    if args.size:
        run(args.size)
        return
    for n in (10_000, 100_000, 1_000_000):
        subprocess.run([sys.executable, __file__, "--size", str(n)], check=True)


if __name__ == "__main__":
    main()
