"""Attribution on the gold quotes themselves, whatever figure extraction finds.

For each gold figure (ceasefires aside), its quote is found in the text, its sentence taken,
and `credit_for` asked for the credit of the figure in the quote, the other gold figures of that
sentence standing for the claims read there. Scored with accuracy.same_body, as the extractor is.

Run: python benchmarks/attribution_probe.py [--misses]  (the dev set, the seeds, the examples)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accuracy import DEVSET, EXAMPLES, GOLD, SEEDS, load_corpus, same_body

from claims.aliases import default_aliases
from claims.extract.attribution import credit_for
from claims.extract.context import Context
from claims.extract.numbers import iter_figures
from claims.model import Source


@dataclass
class Probe:
    """Gold figures credited right, wrongly, and credited where the gold credits no one."""

    attributed: int = 0
    right: int = 0
    unattributed: int = 0
    guessed: int = 0
    misses: list[str] = field(default_factory=list)


def figure_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The first figure written inside a quote (the quote itself when none is read there)."""
    first = next(iter_figures(text, start, end), None)
    return (first.start, first.end) if first else (start, end)


def probe(corpus: list[tuple[Source, list[dict[str, Any]]]]) -> Probe:
    """Ask credit_for about every gold figure of the corpus."""
    result = Probe()
    for source, rows in corpus:
        ctx = Context(source, default_aliases())
        rows = [r for r in rows if r["kind"] != "ceasefire"]
        found = []
        for row in rows:
            start = source.text.find(row["quote"])
            end = start + len(row["quote"])
            found.append((row, ctx.sentences.bounds(start), figure_span(source.text, start, end)))
        for row, bounds, span in found:
            claims = sorted(s for _, b, s in found if b == bounds)
            who = credit_for(ctx, bounds[0], bounds[1], span[0], span[1], claims)
            _count(result, Path(source.path or "").name, row, who.canonical if who else None)
    return result


def _count(result: Probe, name: str, row: dict[str, Any], ours: str | None) -> None:
    gold = row.get("attribution")
    if gold:
        result.attributed += 1
        if same_body(ours, gold):
            result.right += 1
        else:
            result.misses.append(f"credit {name}: {row['quote']!r} credited to {ours!r}, "
                                 f"gold {gold!r}")
    else:
        result.unattributed += 1
        if ours:
            result.guessed += 1
            result.misses.append(f"guess  {name}: {row['quote']!r} credited to {ours!r}")


def main() -> None:
    misses = "--misses" in sys.argv[1:]
    sets = [("devset", DEVSET, DEVSET / "gold.yaml"), ("seeds", SEEDS, GOLD / "seeds.yaml"),
            ("examples", EXAMPLES, GOLD / "examples.yaml")]  # fmt: skip
    for name, folder, gold in sets:
        if not folder.is_dir():
            continue
        r = probe(load_corpus(folder, gold))
        share = r.right / r.attributed if r.attributed else 1.0
        print(f"== {name}: gold quotes credited right {r.right}/{r.attributed} = {share:.2f}; "
              f"guessed {r.guessed}/{r.unattributed}")
        if misses:
            print("\n".join(f"  {m}" for m in r.misses))


if __name__ == "__main__":
    main()
