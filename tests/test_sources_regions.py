"""Source.in_region: a sorted search that answers exactly as a scan of every region would."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.model import Region, Source

spans = st.tuples(st.integers(0, 200), st.integers(0, 60)).map(lambda t: (t[0], t[0] + t[1]))


def scan(regions: list[Region], start: int, end: int) -> bool:
    return any(start < r.end and r.start < end for r in regions)


@settings(max_examples=150, deadline=None)
@given(regions=st.lists(spans, max_size=30), query=spans)
def test_in_region_agrees_with_a_scan(regions: list[tuple[int, int]],
                                      query: tuple[int, int]) -> None:
    marked = [Region(start=a, end=b) for a, b in regions]  # unsorted, overlapping, empty
    source = Source(id="s", text="x" * 300, regions=marked)
    found = source.in_region(*query)
    assert (found is not None) == scan(marked, *query)
    if found is not None:
        assert query[0] < found.end and found.start < query[1]


def test_regions_replaced_or_added_are_seen() -> None:
    source = Source(id="s", text="x" * 100, regions=[Region(start=0, end=5)])
    assert source.in_region(50, 60) is None
    source.regions.append(Region(start=55, end=58))
    assert source.in_region(50, 60) is not None
    moved = source.model_copy(update={"regions": [Region(start=90, end=95)]})
    assert moved.in_region(50, 60) is None and moved.in_region(91, 92) is not None


def test_many_regions_are_searched_not_scanned() -> None:
    regions = [Region(start=i * 10, end=i * 10 + 5) for i in range(20_000)]
    source = Source(id="s", text="x" * 200_010, regions=regions)
    t0 = time.process_time()  # this process's CPU: other work on the machine does not count
    hits = sum(source.in_region(i * 10 + 6, i * 10 + 9) is None for i in range(20_000))
    assert hits == 20_000
    # a search takes a tenth of a second; a scan per lookup is 2e8 comparisons, minutes
    assert time.process_time() - t0 < 5.0
