"""Extraction speed: the seeds repeated to >= 20 MB, MB/s on one core and peak memory.

Also the FA-KES corpus (../shared/corpora/fa-kes/fakes.csv), one source per article: real
articles of a few KB each, where the work done once per source counts.
"""

from __future__ import annotations

import csv
import sys
import time
import tracemalloc
from pathlib import Path

from claims.extract import extract_claims
from claims.model import Source
from sources.boilerplate import find_boilerplate, find_control

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FAKES = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "fa-kes" / "fakes.csv"
TARGET_MB = 20.0
REGION_MB = (1.0, 4.0)  # the boilerplate case: seeds repeated to these sizes, regions marked


def corpus(target_mb: float = TARGET_MB) -> str:
    """The seeds (or the examples, without ../shared) concatenated, repeated to target_mb."""
    folder = SEEDS if SEEDS.is_dir() else EXAMPLES
    parts = [
        p.read_text("utf-8") for p in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.md"))
    ]
    unit = "\n\n".join(parts) + "\n\n"
    repeat = int(target_mb * 1_000_000 / len(unit.encode("utf-8"))) + 1
    return unit * repeat


def regions_case() -> None:
    """Boilerplate-heavy text: the seeds repeated to 1 MB and 4 MB with their chrome and
    captions marked as regions. Time must grow with the text, not with regions squared."""
    for size in REGION_MB:
        text = corpus(size)
        regions = sorted(find_boilerplate(text) + find_control(text),
                         key=lambda r: (r.start, r.end))
        source = Source(id=Source.id_for(text), text=text, regions=regions)
        cpu0 = time.process_time()
        n_claims = len(extract_claims(source))
        cpu = time.process_time() - cpu0
        mb = len(text.encode("utf-8")) / 1_000_000
        print(f"regions: {mb:.1f} MB, {len(regions)} regions, claims: {n_claims};"
              f" cpu {cpu:.2f} s ({mb / cpu:.2f} MB/s)")


def fakes_sources() -> list[Source] | None:
    """The FA-KES articles (latin-1 CSV, column article_content), one source each, if present."""
    if not FAKES.is_file():
        return None
    with FAKES.open(encoding="latin-1", newline="") as fh:
        texts = [row["article_content"] for row in csv.DictReader(fh)]
    return [Source(id=Source.id_for(t), text=t) for t in texts if t]


def main() -> None:
    regions_case()
    text = corpus()
    size_mb = len(text.encode("utf-8")) / 1_000_000
    source = Source(id=Source.id_for(text), text=text)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    n_claims = len(extract_claims(source))
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    # The quarter's text is cut before tracing starts: it is the input, not memory the
    # extractor uses (traced, it alone would add 1x to the peak).
    quarter_source = Source(id="mem", text=text[: len(text) // 4])
    tracemalloc.start()
    quarter = extract_claims(quarter_source)
    kept, peak = (n / 1_000_000 for n in tracemalloc.get_traced_memory())
    tracemalloc.stop()
    n_quarter = len(quarter)
    del quarter
    print(f"text: {size_mb:.1f} MB, claims: {n_claims}")
    print(f"speed: {size_mb / cpu:.2f} MB/s per core (cpu {cpu:.1f} s, wall {wall:.1f} s)")
    text_mb = len(quarter_source.text.encode("utf-8")) / 1_000_000
    print(
        f"peak memory (tracemalloc, on a quarter of it, {text_mb:.1f} MB): {peak:.1f} MB"
        f" = {peak / text_mb:.2f}x its text, of which {kept:.1f} MB are the {n_quarter} claims"
        f" returned ({kept * 1_000_000 / max(n_quarter, 1):,.0f} bytes each);"
        f" working memory {(peak - kept) / text_mb:.2f}x"
    )
    articles = fakes_sources()
    if articles is None:
        print(f"FA-KES: skipped, {FAKES} is absent")
        return
    fakes_mb = sum(len(s.text.encode("utf-8")) for s in articles) / 1_000_000
    cpu0 = time.process_time()
    n_fakes = sum(len(extract_claims(s)) for s in articles)
    cpu = time.process_time() - cpu0
    print(
        f"FA-KES: {len(articles)} articles, {fakes_mb:.1f} MB, claims: {n_fakes};"
        f" speed: {fakes_mb / cpu:.2f} MB/s per core (cpu {cpu:.2f} s)"
    )


if __name__ == "__main__":
    sys.exit(main())
