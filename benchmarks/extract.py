"""Extraction speed: the seeds repeated to >= 20 MB, MB/s on one core and peak memory."""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

from claims.extract import extract_claims
from claims.model import Source

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TARGET_MB = 20.0


def corpus() -> str:
    """The seeds (or the examples, without ../shared) concatenated, repeated to TARGET_MB."""
    folder = SEEDS if SEEDS.is_dir() else EXAMPLES
    parts = [
        p.read_text("utf-8") for p in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.md"))
    ]
    unit = "\n\n".join(parts) + "\n\n"
    repeat = int(TARGET_MB * 1_000_000 / len(unit.encode("utf-8"))) + 1
    return unit * repeat


def main() -> None:
    text = corpus()
    size_mb = len(text.encode("utf-8")) / 1_000_000
    source = Source(id=Source.id_for(text), text=text)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    claims = extract_claims(source)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    tracemalloc.start()
    quarter = extract_claims(Source(id="mem", text=text[: len(text) // 4]))
    kept, peak = (n / 1_000_000 for n in tracemalloc.get_traced_memory())
    tracemalloc.stop()
    del quarter
    print(f"text: {size_mb:.1f} MB, claims: {len(claims)}")
    print(f"speed: {size_mb / cpu:.2f} MB/s per core (cpu {cpu:.1f} s, wall {wall:.1f} s)")
    text_mb = size_mb / 4
    print(
        f"peak memory (tracemalloc, on a quarter of it, {text_mb:.1f} MB): {peak:.1f} MB"
        f" = {peak / text_mb:.2f}x its text, of which {kept:.1f} MB are the claims returned;"
        f" working memory {(peak - kept) / text_mb:.2f}x"
    )


if __name__ == "__main__":
    sys.exit(main())
