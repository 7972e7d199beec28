"""Extraction accuracy against the gold annotations: precision/recall per kind, attribution,
ceasefire dates, subjects, places and periods, and spans that do not match their quote.

Run: python benchmarks/accuracy.py [--misses]  (the dev set and the seeds from ../shared when
present, and examples/). The tests import `score` and `load_corpus` from here: one scorer.

Matching: an extracted claim matches a gold claim when the kind agrees, its span overlaps the
gold quote, and its interval is the gold one (for ceasefires: the event). Bodies are compared
by name: the same after normalising (case, accents, "the"), or the same words in another order
("Government of Myanmar", "Myanmar government"): the gold names bodies the alias table does
not know as written ("local sources"), so an exact string match would score wording, not reading.
Subjects are compared by class (people, civilians, children, women, combatants, families), the
gold's refinements in parentheses aside.
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
DEVSET = ROOT.parent / "shared" / "corpora" / "devset"
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
    subjects: int = 0  # matched gold figures with a subject
    subjects_right: int = 0
    places: int = 0  # matched gold claims with a place
    places_right: int = 0
    periods: int = 0  # matched gold figures with a period
    periods_right: int = 0
    bad_spans: int = 0  # extracted claims whose quote is not text[start:end]
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


# Subject classes, for scoring: the gold refines subjects in words ("civilians (famine deaths)")
# and names peoples ("Rohingya"), which DESIGN.md counts as people.
_CLASSES = {
    "people": "people", "individuals": "people", "persons": "people", "residents": "people",
    "idps": "people", "refugees": "people", "rohingya": "people", "ethnic armenians": "people",
    "civilians": "civilians", "rohingya civilians": "civilians", "children": "children",
    "children under five": "children", "women": "women", "women and children": "civilians",
    "soldiers": "combatants", "fighters": "combatants", "regime fighters": "combatants",
    "militants": "combatants", "rebels": "combatants", "opposition fighters": "combatants",
    "jihadists": "combatants", "families": "families", "households": "families",
}  # fmt: skip


def subject_class(subject: str | None) -> str | None:
    """The class of a subject as scored: its head before any refinement in parentheses."""
    if subject is None:
        return None
    head = subject.split(" (")[0].strip().lower()
    if head.startswith(("people ", "people,")):
        head = "people"
    return _CLASSES.get(head, head)


def same_body(ours: str | None, gold: str) -> bool:
    """True when an extracted attribution names the gold body (see the module's docstring)."""
    if not ours:
        return False
    from claims.aliases import normalise

    a, b = normalise(ours), normalise(gold)
    words = lambda name: sorted(name.replace(" of ", " ").split())  # noqa: E731
    return a == b or words(a) == words(b)


def same_place(ours: str | None, gold: str) -> bool:
    """True when an extracted place is the gold one or holds it, or lies in it."""
    if not ours:
        return False
    from claims.places import containing, resolve_place

    head = gold.split(",")[0].split(" (")[0].strip()
    want = resolve_place(head) or head
    same = ours.casefold() == want.casefold()
    return same or want in containing(ours) or ours in containing(want)


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
    return _near(claim.low, row.get("low")) and _near(claim.high, row.get("high"))


def _near(ours: int | None, gold: float | None) -> bool:
    """Bounds agree; the gold keeps tenths ("about 141" is 126.9-155.1), the store integers."""
    if ours is None or gold is None:
        return ours is None and gold is None
    return abs(ours - gold) < 1


def score(corpus: list[tuple[Source, list[dict[str, Any]]]]) -> Score:
    """Match extracted claims one-to-one with gold rows and count."""
    result = Score()
    for source, rows in corpus:
        claims = extract_claims(source)
        result.bad_spans += sum(source.text[c.span.start : c.span.end] != c.span.quote
                                for c in claims)
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
        right = same_body(hit.attribution, row["attribution"])
        result.attributed_right += right
        if not right:
            result.misses.append(f"credit {Path(source.path or '').name}: {row['quote']!r} "
                                 f"credited to {hit.attribution!r}, gold {row['attribution']!r}")
    elif hit is not None and hit.attribution:
        result.guessed += 1
    if hit is None:
        return
    if kind != "ceasefire" and row.get("subject"):
        result.subjects += 1
        result.subjects_right += subject_class(hit.subject) == subject_class(row["subject"])
    if row.get("place"):
        result.places += 1
        result.places_right += same_place(hit.place, row["place"])
    if kind != "ceasefire" and (row.get("period_start") or row.get("period_end")):
        result.periods += 1
        result.periods_right += all(str(getattr(hit, end) or "") == str(row[end])
                                    for end in ("period_start", "period_end") if row.get(end))


def report(name: str, s: Score, misses: bool = True) -> str:
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
    lines.append(f"  ceasefire dates {_share(s.dates_right, s.dates)}")
    lines.append(f"  subjects    {_share(s.subjects_right, s.subjects)}")
    lines.append(f"  places      {_share(s.places_right, s.places)}")
    lines.append(f"  periods     {_share(s.periods_right, s.periods)}")
    lines.append(f"  spans that do not match their quote: {s.bad_spans}")
    if misses:
        lines += [f"  {m}" for m in s.misses]
    return "\n".join(lines)


def _share(right: int, total: int) -> str:
    return f"{right}/{total} = {right / total if total else 1.0:.2f}"


def main() -> None:
    import sys

    misses = "--misses" in sys.argv[1:]
    if DEVSET.is_dir():
        print(report("devset", score(load_corpus(DEVSET, DEVSET / "gold.yaml")), misses))
    if SEEDS.is_dir():
        print(report("seeds", score(load_corpus(SEEDS, GOLD / "seeds.yaml")), misses))
    print(report("examples", score(load_corpus(EXAMPLES, GOLD / "examples.yaml")), misses))
    print(f"(scored {dt.date.today().isoformat()})")


if __name__ == "__main__":
    main()
