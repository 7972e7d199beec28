"""Extraction accuracy against the gold annotations: precision/recall per kind, attribution, dates.

Run: python benchmarks/accuracy.py  (seeds from ../shared/seeds when present, and examples/).
The tests import `score` and `load_corpus` from here, so there is one scorer.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from claims.extract import extract_claims
from claims.model import Claim, Source

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"
GOLD = ROOT / "tests" / "gold"


@dataclass
class Score:
    """Counts per kind and the accuracy of attributions and ceasefire dates."""

    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fn: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    attributed: int = 0  # matched gold figures with an attribution
    attributed_right: int = 0
    guessed: int = 0  # matched gold figures without one that got one
    dates: int = 0
    dates_right: int = 0
    misses: list[str] = field(default_factory=list)

    def precision(self, kind: str | None = None) -> float:
        tp, fp = self._sum(self.tp, kind), self._sum(self.fp, kind)
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp, fn = self._sum(self.tp, kind), self._sum(self.fn, kind)
        return tp / (tp + fn) if tp + fn else 1.0

    def figures(self) -> tuple[float, float]:
        """Precision and recall over every kind but ceasefire."""
        kinds = {k for k in (*self.tp, *self.fp, *self.fn) if k != "ceasefire"}
        tp = sum(self.tp[k] for k in kinds)
        fp, fn = sum(self.fp[k] for k in kinds), sum(self.fn[k] for k in kinds)
        return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)

    @staticmethod
    def _sum(table: dict[str, int], kind: str | None) -> int:
        return sum(table.values()) if kind is None else table[kind]


def load_corpus(folder: Path, gold_file: Path) -> list[tuple[Source, list[dict[str, Any]]]]:
    """Each gold-annotated source of a folder, loaded as ingest loads it, with its gold claims."""
    from sources import load_source, read_manifest

    gold = yaml.safe_load(gold_file.read_text("utf-8"))
    manifest = read_manifest(folder / "manifest.csv")
    meta = {Path(k).name: v for k, v in manifest.items()}
    return [(load_source(folder / name, meta.get(name)), rows) for name, rows in gold.items()]


def _matches(claim: Claim, row: dict[str, Any], start: int, end: int) -> bool:
    if claim.kind.value != row["kind"] or not (claim.span.start < end and start < claim.span.end):
        return False
    if row["kind"] == "ceasefire":
        return claim.event is not None and claim.event.value == row["event"]
    return claim.low == row.get("low") and claim.high == row.get("high")


def score(corpus: list[tuple[Source, list[dict[str, Any]]]]) -> Score:
    """Match extracted claims one-to-one with gold rows and count."""
    result = Score()
    for source, rows in corpus:
        claims = extract_claims(source)
        used: set[str] = set()
        for row in rows:
            start = source.text.find(row["quote"])
            assert start >= 0, f"{source.path}: gold quote not in text: {row['quote']!r}"
            end = start + len(row["quote"])
            hit = next(
                (c for c in claims if c.id not in used and _matches(c, row, start, end)), None
            )
            _count(result, row, hit, source)
            if hit is not None:
                used.add(hit.id)
        for c in claims:
            if c.id not in used:
                result.fp[c.kind.value] += 1
                result.misses.append(
                    f"extra  {Path(source.path or '').name}: {c.kind.value} {c.span.quote!r}"
                )
    return result


def _count(result: Score, row: dict[str, Any], hit: Claim | None, source: Source) -> None:
    kind = row["kind"]
    if hit is None:
        result.fn[kind] += 1
        result.misses.append(f"missed {Path(source.path or '').name}: {kind} {row['quote']!r}")
    else:
        result.tp[kind] += 1
    if kind == "ceasefire":
        result.dates += 1
        result.dates_right += bool(hit and hit.date == row["date"])
    elif hit is not None and row.get("attribution"):
        result.attributed += 1
        result.attributed_right += hit.attribution == row["attribution"]
    elif hit is not None and hit.attribution:
        result.guessed += 1


def report(name: str, s: Score) -> str:
    """The score as a few lines of text."""
    kinds = sorted({*s.tp, *s.fn, *s.fp})
    lines = [f"== {name}"]
    for k in kinds:
        lines.append(
            f"  {k:11} precision {s.precision(k):.2f}  recall {s.recall(k):.2f}  "
            f"(tp {s.tp[k]}, fp {s.fp[k]}, fn {s.fn[k]})"
        )
    p, r = s.figures()
    lines.append(f"  figures     precision {p:.2f}  recall {r:.2f}")
    acc = s.attributed_right / s.attributed if s.attributed else 1.0
    lines.append(
        f"  attribution {s.attributed_right}/{s.attributed} = {acc:.2f}; guessed {s.guessed}"
    )
    dates = s.dates_right / s.dates if s.dates else 1.0
    lines.append(f"  ceasefire dates {s.dates_right}/{s.dates} = {dates:.2f}")
    lines += [f"  {m}" for m in s.misses]
    return "\n".join(lines)


def main() -> None:
    if SEEDS.is_dir():
        print(report("seeds", score(load_corpus(SEEDS, GOLD / "seeds.yaml"))))
    print(report("examples", score(load_corpus(EXAMPLES, GOLD / "examples.yaml"))))
    print(f"(scored {dt.date.today().isoformat()})")


if __name__ == "__main__":
    main()
