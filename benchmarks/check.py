"""Benchmark the cross-check on synthetic claims: seconds and peak memory at 10k, 100k and 1M,
and two adversarial blocks at 16k and 100k claims.

Claims are generated as flat rows (what `find_conflicts` runs on after reading a store): realistic
kinds, subjects, places in their provinces, incidents on a day, totals since a start and figures
of unknown scope, dates over 2011-2024, figures with qualifiers, and wire copies. The adversarial
cases put every claim in one province or one ceasefire area: low figures in one town and high
in another (and both in the province itself), and one area's ceasefire dates a few days apart.
Each run is a fresh process so peak memory (max RSS) is its own.

    .venv/bin/python benchmarks/check.py                  # everything
    .venv/bin/python benchmarks/check.py --size 100000    # one size, realistic
    .venv/bin/python benchmarks/check.py --case towns --size 16000
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
import zlib

from verify.check import find_conflicts
from verify.rows import INCIDENT, TOTAL, UNKNOWN, ClaimRow, figure_text, interval, subject_class
from verify.settings import Settings

KINDS = [("killed", 40), ("injured", 15), ("displaced", 15), ("returned", 5),
         ("population", 5), ("detained", 8), ("missing", 4), ("ceasefire", 2)]  # fmt: skip
SUBJECTS = ["civilians", "people", None, "children", "women", "regime fighters", "rebels"]
TOWNS = ["Idlib city", "Khan Sheikhoun", "Maarat al-Numan", "Saraqib", "Ariha", "Aleppo",
         "Douma", "Manbij"]  # fmt: skip
PROVINCES = ["Idlib province", "Aleppo province", "Hama province", "Homs province",
             "Daraa province", "Raqqa province", "Northwest Syria", "Syria"]  # fmt: skip
BODIES = [None, None, "Syrian Observatory for Human Rights", "United Nations", "UNHCR", "OCHA",
          "Syrian Network for Human Rights", "World Health Organization"]  # fmt: skip
QUALIFIERS = [None, "at least", "more than", "nearly", "some", "around"]
START = dt.date(2011, 3, 15).toordinal()
DAYS = 14 * 365
SETTINGS = Settings()


def _figure(rng: random.Random, base: int) -> tuple[int | None, int | None, str | None]:
    """A figure near the base, with a qualifier: a quarter of them disagree by 15-60%."""
    value = base * (1 + rng.uniform(0.15, 0.6)) if rng.random() < 0.25 else base
    value = max(1, int(value * rng.uniform(0.97, 1.03)))
    qualifier = rng.choice(QUALIFIERS)
    if qualifier in ("at least", "more than"):
        return value, None, qualifier
    if qualifier == "nearly":
        return int(value * 0.75), value, qualifier
    return value, value, qualifier


def row(i: int, source: str, kind: str, place: str | None, **f: object) -> ClaimRow:
    """One flat claim row, its interval worked out as the check works it out."""
    low, high = f.get("low"), f.get("high")
    lo, hi, value, loose = interval(low, high, None, SETTINGS.bound_margin)  # type: ignore[arg-type]
    subject = f.get("subject")
    return ClaimRow(
        id=f"c{i:011d}", source_id=source, kind=kind, subject=subject,  # type: ignore[arg-type]
        klass=subject_class(subject), refinement="", part=False,  # type: ignore[arg-type]
        place=place, specific=place in TOWNS, inferred=False,
        scope=str(f.get("scope", UNKNOWN)), scope_stated=False,
        start=f.get("start"), asof=f.get("asof"), site=None,  # type: ignore[arg-type]
        low=low, high=high, lo=lo, hi=hi, value=value, loose=loose,  # type: ignore[arg-type]
        attribution=f.get("body"), event=f.get("event"),  # type: ignore[arg-type]
        day0=f.get("day"), day1=f.get("day"), sentence=str(f.get("sentence", i)),  # type: ignore[arg-type]
        label=source, figure=figure_text(f.get("qualifier"), None, value),  # type: ignore[arg-type]
        content=f"{i}|{value}", published=f.get("asof"),  # type: ignore[arg-type]
    )


def _when(rng: random.Random, day: int) -> dict[str, object]:
    """An incident on a day, a total since a start, or a figure of unknown scope."""
    roll = rng.random()
    if roll < 0.4:
        return {"scope": INCIDENT, "asof": day - rng.randint(0, 1)}
    if roll < 0.65:
        starts = (START, dt.date(2019, 4, 26).toordinal(), day - rng.choice((7, 30, 90)))
        return {"scope": TOTAL, "start": min(rng.choice(starts), day), "asof": day}
    return {"scope": UNKNOWN, "asof": day}


def _base(kind: str, subject: str | None, place: str | None, when: dict[str, object]) -> int:
    """The true figure reports of one thing scatter around: the same for one block (and, for
    an incident, one day), so that articles about one thing mostly agree."""
    fixed = {"population": 3_000_000, "displaced": 40_000, "returned": 12_000}
    if kind in fixed:
        return fixed[kind]
    key = f"{kind}|{subject}|{place}|{when['asof'] if when['scope'] != TOTAL else ''}"
    return 12 * 10 ** (zlib.crc32(key.encode()) % 3)


def _grown(when: dict[str, object], low: int | None, high: int | None) -> tuple[
        int | None, int | None]:
    """A total grows with its period: a month's count is about a month's worth of days."""
    if when["scope"] != TOTAL:
        return low, high
    weeks = 1 + (int(when["asof"]) - int(when["start"])) // 7  # type: ignore[call-overload]
    return (None if low is None else low * weeks), (None if high is None else high * weeks)


def generate(n: int, seed: int = 4) -> list[ClaimRow]:
    """n synthetic claim rows in about n/8 articles, a tenth of the articles wire copies."""
    rng = random.Random(seed)
    kinds = [k for k, w in KINDS for _ in range(w)]
    rows: list[ClaimRow] = []
    for i in range(n):
        source = f"s{rng.randrange(max(1, n // 8)):07d}"
        kind = rng.choice(kinds)
        place = rng.choice([*TOWNS, *PROVINCES, None])
        day = START + rng.randrange(DAYS)
        subject = rng.choice(SUBJECTS)
        when = _when(rng, day)
        low, high, qualifier = _figure(rng, _base(kind, subject, place, when))
        copy = rows[rng.randrange(len(rows))] if rows and rng.random() < 0.1 else None
        sentence = copy.sentence if copy else f"{qualifier or ''} {low} {subject} {kind} {i}"
        if kind == "ceasefire":
            rows.append(row(i, source, kind, place or "Northwest Syria", asof=day,
                            day=day + rng.randint(-3, 3), sentence=sentence,
                            event=rng.choice(["announced", "starts"]), body=rng.choice(BODIES)))
            continue
        if kind != "population":
            low, high = _grown(when, low, high)
        rows.append(row(i, source, kind, place, subject=subject, low=low, high=high,
                        qualifier=qualifier, body=rng.choice(BODIES), sentence=sentence,
                        **when))
    return rows


def towns(n: int, seed: int = 5) -> list[ClaimRow]:
    """One province: low tolls in one town, high in another, both in the province; a week."""
    rng = random.Random(seed)
    first = dt.date(2019, 8, 1).toordinal()
    rows = []
    for i in range(n):
        where = i % 3
        place = ("Saraqib", "Ariha", "Idlib province")[where]
        base = 10 if where == 0 else 100 if where == 1 else rng.choice((10, 100))
        low, high, qualifier = _figure(rng, base)
        rows.append(row(i, f"s{i // 2:07d}", "killed", place, subject="civilians", low=low,
                        high=high, qualifier=qualifier, body=rng.choice(BODIES),
                        **_when(rng, first + rng.randrange(7))))
    return rows


def truces(n: int, seed: int = 6) -> list[ClaimRow]:
    """One ceasefire area: announcements and starts dated over ten days by many articles."""
    rng = random.Random(seed)
    first = dt.date(2019, 8, 25).toordinal()
    return [row(i, f"s{i // 2:07d}", "ceasefire", "Northwest Syria", asof=first + 12,
                day=first + rng.randrange(10), event=rng.choice(["announced", "starts"]),
                body=rng.choice(BODIES)) for i in range(n)]


CASES = {"realistic": generate, "towns": towns, "truces": truces}


def run(case: str, n: int) -> None:
    """Generate n rows of a case, check them, and print one line of figures."""
    t0 = time.perf_counter()
    rows = CASES[case](n)
    t1 = time.perf_counter()
    result = find_conflicts(rows, settings=Settings())
    t2 = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    workers = Settings().workers or os.cpu_count() or 1
    # a worker's own pages are what it wrote after the fork; counting its whole RSS for each
    # worker over-states the total, so this is an upper bound on the memory in use at once
    total = peak_mb + (workers * worker_mb if worker_mb else 0)
    print(f"{case:9} {n:>9,} claims  check {t2 - t1:6.2f} s  (generate {t1 - t0:5.2f} s)  "
          f"peak {peak_mb:7.0f} MB + workers {worker_mb:5.0f} MB each (at most {total:,.0f} MB)  "
          f"{len(result.conflicts):,} conflicts  {len(result.corroborations):,} corroborations",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, help="One size, in this process.")
    parser.add_argument("--case", choices=sorted(CASES), default="realistic")
    args = parser.parse_args()
    if args.size:
        run(args.case, args.size)
        return
    plan = [("realistic", n) for n in (10_000, 100_000, 1_000_000)]
    plan += [(case, n) for case in ("towns", "truces") for n in (16_000, 100_000)]
    for case, n in plan:
        subprocess.run([sys.executable, __file__, "--case", case, "--size", str(n)], check=True)


if __name__ == "__main__":
    main()
