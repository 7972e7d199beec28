"""How well the cross-check flags what it should: the dev set's conflicts.yaml and FA-KES.

Dev set: must_flag (each entry's claims together in one flagged conflict of its type) and
must_not_flag (no flagged conflict made only of an entry's claims), on claims built from
gold.yaml and on extracted claims. A member stands for the claims whose span overlaps its quote.

FA-KES: every flagged conflict judged by FA-KES's own location and date columns of its
articles (one location, dates within 3 days), the conflicts whose figures look misread, and the
pairs of same-location, same-day articles whose crowd counts of civilians killed differ by
more than 10% that land in one flagged conflict.

    .venv/bin/python benchmarks/conflicts.py [--devset] [--fakes] [--show N] [--db PATH]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import itertools
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from claims.extract import extract_claims
from claims.model import Claim, Conflict, Event, Kind, Modality, Quantity, Source, Span
from claims.places import resolve_place
from verify.check import find_conflicts

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "corpora" / "devset"
FAKES = ROOT.parent / "shared" / "corpora" / "fa-kes" / "fakes.csv"
# Gold subjects named as the extractor names them (claims.subjects); words after a known head
# become the refinement: "people at risk of starvation" is people (at risk of starvation).
HEADS = {"individuals": "people", "persons": "people", "residents": "people", "idps": "people",
         "rohingya": "people", "ethnic armenians": "people", "refugees": "people",
         "households": "families", "rohingya civilians": "civilians",
         "children under five": "children", "women and children": "civilians"}  # fmt: skip


def _accuracy() -> Any:
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy"] = module
    spec.loader.exec_module(module)
    return module


def gold_subject(subject: str | None) -> str | None:
    """A gold subject in the engine's words, its refinement kept."""
    if not subject:
        return None
    head, _, rest = subject.partition(" (")
    head = head.strip().lower()
    refinement = rest.rstrip(")")
    if head in HEADS:
        head = HEADS[head]
    elif head not in ("people", "civilians", "children", "women", "soldiers", "fighters",
                      "families") and head.split()[0] in ("people", "civilians"):
        first, _, more = head.partition(" ")
        head, refinement = first, ", ".join(x for x in (more, refinement) if x)
    return f"{head} ({refinement})" if refinement else head


def gold_place(place: str | None) -> str | None:
    """The gazetteer's name for a gold place ("Rakhine State, Myanmar" is Rakhine State)."""
    if not place:
        return None
    head = place.split(",")[0].split(" (")[0].strip()
    return resolve_place(head) or head


_NUMBER = re.compile(r"\d[\d,.]*(?:\s*(?:and|to|or)\s*\d[\d,.]*)?(?:\s*(?:million|thousand))?")


def _day(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def gold_claim(source: Source, number: str, row: dict[str, Any]) -> Claim:
    """One gold row as a claim on its quote's first occurrence."""
    start = source.text.index(row["quote"])
    quantity = None
    if row["kind"] != "ceasefire":
        low, high = row.get("low"), row.get("high")
        digits = _NUMBER.search(row["quote"])
        quantity = Quantity(low=None if low is None else round(low),
                            high=None if high is None else round(high),
                            qualifier=row.get("qualifier"),
                            figure=digits.group() if digits else row["quote"])
    return Claim(
        id=number, source_id=source.id, source_path=source.path, kind=Kind(row["kind"]),
        subject=None if row["kind"] == "ceasefire" else gold_subject(row.get("subject")),
        quantity=quantity, place=gold_place(row.get("place")), attribution=row.get("attribution"),
        period_start=_day(row.get("period_start")), period_end=_day(row.get("period_end")),
        event=Event(row["event"]) if row.get("event") else None, date=row.get("date"),
        modality=Modality(row.get("modality", "reported")),
        part_of="part" if row.get("part_of") else None,
        span=Span.of(source.text, start, start + len(row["quote"])),
    )


Corpus = list[tuple[Source, list[dict[str, Any]]]]


def devset_claims(corpus: Corpus, gold: bool) -> list[Claim]:
    """Every claim of the dev set: built from gold.yaml, or extracted."""
    if not gold:
        return [c for source, _ in corpus for c in extract_claims(source)]
    return [gold_claim(source, f"g{i:02d}{j:03d}", row)
            for i, (source, rows) in enumerate(corpus) for j, row in enumerate(rows)]


def with_scope(c: Claim) -> Claim:
    """A gold claim with the scope its period gives: a day is an incident, more a total."""
    from claims.model import Scope

    start, end = c.period_start, c.period_end
    if start is None and end is None or c.kind is Kind.ceasefire:
        return c
    one_day = start is not None and end is not None and (end - start).days <= 1
    return c.model_copy(update={"scope": Scope.incident if one_day else Scope.total})


def members(entry: dict[str, Any], corpus: Corpus, claims: Sequence[Claim]) -> list[set[str]]:
    """For each member of an entry, the ids of the claims whose span overlaps its quote."""
    by_file = {Path(s.path or "").name: s for s, _ in corpus}
    out = []
    for m in entry["members"]:
        source = by_file[m["file"]]
        start = source.text.index(m["quote"])
        end = start + len(m["quote"])
        out.append({c.id for c in claims if c.source_id == source.id
                    and c.span.start < end and start < c.span.end
                    and (not m.get("event") or (c.event and c.event.value == m["event"]))})
    return out


def score_devset(corpus: Corpus, claims: Sequence[Claim], verbose: bool) -> tuple[int, int]:
    """must_flag met and must_not_flag violated, printing the entries that fail."""
    spec = yaml.safe_load((DEVSET / "conflicts.yaml").read_text("utf-8"))
    sources = [s for s, _ in corpus]
    conflicts = find_conflicts(claims, sources).conflicts
    flagged = 0
    for entry in spec["must_flag"]:
        sets = members(entry, corpus, claims)
        hit = any(c.type.value == entry["type"] and all(s & set(c.claim_ids) for s in sets)
                  for c in conflicts)
        flagged += hit
        if verbose and not hit:
            print(f"  missed: {entry['why'][:110]}")
    broken = 0
    for entry in spec["must_not_flag"]:
        allowed = set().union(*members(entry, corpus, claims))
        bad = [c for c in conflicts if set(c.claim_ids) <= allowed]
        broken += bool(bad)
        if verbose and bad:
            print(f"  violated: {entry['why'][:100]}\n    {bad[0].reason[:300]}")
    return flagged, broken


def devset(verbose: bool) -> None:
    """The dev-set scores on gold claims and on extracted claims."""
    corpus = _accuracy().load_corpus(DEVSET, DEVSET / "gold.yaml")
    for name, gold in (("gold claims", True), ("gold claims, scope set from the period", None),
                       ("extracted claims", False)):
        claims = devset_claims(corpus, gold is not False)
        if gold is None:
            claims = [with_scope(c) for c in claims]
        flagged, broken = score_devset(corpus, claims, verbose)
        print(f"dev set, {name}: must_flag {flagged}/10, must_not_flag violations {broken}/20")


def fakes_store(db: str | None) -> str:
    """A store holding FA-KES as the README ingests it (its location column is not read)."""
    from claims.store import Store
    from sources.corpus import CorpusColumns
    from verify.ingest import ingest

    path = db or str(Path(tempfile.mkdtemp()) / "fakes.db")
    with Store(path) as store:
        if not store.list_sources():
            columns = CorpusColumns(text="article_content", title="article_title",
                                    outlet="source", published="date", date_format="%m/%d/%y",
                                    id="unit_id")
            ingest(store, [FAKES], encoding="latin-1", corpus=columns)
    return path


def _crowd(row: dict[str, str]) -> int | None:
    value = row["nb_civilians"].strip()
    return int(value) if value.isdigit() else None


_FURNITURE = re.compile(r"\d\d\.\d\d\.\d{4}", re.I)
_COUNTER = re.compile(r"short URL\s*$", re.I)
_FRACTION_OF = re.compile(r"\b(?:quarter|half|third) of a (?:million|thousand)\b", re.I)


def misread(conflict: Conflict, claims: dict[str, Claim], crowd: dict[str, int | None]) -> bool:
    """A conflict resting on a figure that looks misread (a hint for reading, not a verdict):
    a year, page furniture (a dateline, the share counter right before the figure), a fraction
    of a scale word read as the scale, or ten times every count the crowd found in its article
    (below a thousand: larger figures are totals the crowd did not count)."""
    for cid in conflict.claim_ids:
        c = claims[cid]
        x = c.low if c.low is not None else c.high
        count = crowd.get(c.source_id)
        if x is None:
            continue
        context = c.span.prefix[-16:] + c.span.quote
        if 1900 <= x <= 2030 and re.search(r"\b(19|20)\d\d\b", c.span.quote):
            return True
        if _FURNITURE.search(context) or _COUNTER.search(c.span.prefix):
            return True  # a dateline, or the share counter after "short URL" read as the figure
        if _FRACTION_OF.search(c.span.quote) and str(x).rstrip("0") == "1":
            return True  # "a quarter of a million" read as a million
        if count and c.kind is Kind.killed and x >= 10 * max(count, 1) and x < 1000:
            return True
    return False


def _about(c: Conflict, claims: dict[str, Claim]) -> str:
    """What a conflict is about, for the breakdown: a truce's dates, an incident's toll (every
    figure below a thousand), or counts over time."""
    if c.type.value == "date":
        return "ceasefire dates"
    figures = [x for i in c.claim_ids if (x := claims[i].low or claims[i].high) is not None]
    return "incident tolls" if max(figures, default=0) < 1000 else "running counts and totals"


def fakes(db: str | None, show: int) -> None:
    """The FA-KES figures of issue 10."""
    from claims.store import Store
    from verify.check import cross_check

    rows = {r["unit_id"]: r for r in csv.DictReader(FAKES.open(encoding="latin-1"))}
    with Store(fakes_store(db)) as store:
        conflicts = cross_check(store).conflicts
        sources = store.list_sources()
        claims = {c.id: c for c in store.list_claims()}
    unit = {s.id: rows[(s.path or "").rsplit("#", 1)[-1]] for s in sources}
    day = {sid: dt.datetime.strptime(r["date"], "%m/%d/%y").date() for sid, r in unit.items()}
    crowd = {sid: _crowd(r) for sid, r in unit.items()}
    good = 0
    kinds: dict[str, list[int]] = {}
    for c in conflicts:
        arts = {claims[i].source_id for i in c.claim_ids}
        days = [day[a] for a in arts]
        met = len({unit[a]["location"] for a in arts}) == 1 and (max(days) - min(days)).days <= 3
        good += met
        tally = kinds.setdefault(_about(c, claims), [0, 0])
        tally[0] += 1
        tally[1] += met
    bad_figures = [c for c in conflicts if misread(c, claims, crowd)]
    share = good / len(conflicts) if conflicts else 1.0
    print(f"FA-KES: {len(conflicts)} conflicts flagged; one location and dates within 3 days: "
          f"{good} ({share:.0%}); resting on a figure that looks misread: {len(bad_figures)}")
    pairs = [(a, b) for a, b in itertools.combinations(sorted(unit), 2)
             if unit[a]["location"] == unit[b]["location"] and day[a] == day[b]
             and (x := crowd[a]) and (y := crowd[b]) and abs(x - y) > 0.1 * max(x, y)]
    together = [set({claims[i].source_id for i in c.claim_ids}) for c in conflicts]
    landed = sum(any(a in s and b in s for s in together) for a, b in pairs)
    print(f"  same-location same-day pairs whose crowd counts differ by more than 10%: "
          f"{len(pairs)}; in one flagged conflict: {landed}")
    print("  by what they are about: " + "; ".join(
        f"{name} {n} ({met} one location, 3 days)" for name, (n, met) in sorted(kinds.items())))
    for c in conflicts[:show]:
        arts = sorted({claims[i].source_id for i in c.claim_ids})
        where = ", ".join(f"{unit[a]['location']} {day[a]:%d %b %y} crowd {crowd[a]}"
                          for a in arts)
        flag = " MISREAD?" if c in bad_figures else ""
        print(f"- [{c.severity_label}]{flag} {c.reason}\n    FA-KES: {where}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", action="store_true", help="Only the dev set.")
    parser.add_argument("--fakes", action="store_true", help="Only FA-KES.")
    parser.add_argument("--show", type=int, default=0, help="Print the first N FA-KES conflicts.")
    parser.add_argument("--db", help="An FA-KES store to reuse (ingested when empty).")
    parser.add_argument("-v", "--verbose", action="store_true", help="Print what fails.")
    args = parser.parse_args()
    both = not args.devset and not args.fakes
    if (args.devset or both) and DEVSET.is_dir():
        devset(args.verbose)
    if (args.fakes or both) and FAKES.is_file():
        fakes(args.db, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
